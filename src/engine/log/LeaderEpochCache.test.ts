import { loadKafkaVectors } from '../../testdata/kafkaVectors';
import { describe, expect, it } from 'vitest';
import { LeaderEpochCache } from './LeaderEpochCache';

interface EpochVector { assign: Array<[number, number]>; query: number; leo?: number; expect: [number, number] }

const vectors = loadKafkaVectors<{ leader_epoch_endOffsetFor: EpochVector[] }>().leader_epoch_endOffsetFor;

function cacheOf(pairs: Array<[number, number]>): LeaderEpochCache {
  const cache = new LeaderEpochCache();
  for (const [epoch, offset] of pairs) cache.assign(epoch, offset);
  return cache;
}

describe('LeaderEpochCache.endOffsetFor (LeaderEpochFileCacheTest)', () => {
  it.each(vectors.map((v, i) => [i, v] as const))('vector %d', (_i, v) => {
    const result = cacheOf(v.assign).endOffsetFor(v.query, v.leo ?? 1000);
    expect([result.epoch, result.endOffset]).toEqual(v.expect);
  });

  it('follows the worked examples of §3.8', () => {
    expect(cacheOf([[0, 0], [1, 0]]).endOffsetFor(1, 0)).toEqual({ epoch: 1, endOffset: 0 });
    // (1, 0) supersedes (0, 0): an entry with the same start offset is removed.
    const c = cacheOf([[0, 0], [1, 0], [2, 5]]);
    expect(c.endOffsetFor(2, 10)).toEqual({ epoch: 2, endOffset: 10 });
    expect(c.endOffsetFor(1, 10)).toEqual({ epoch: 1, endOffset: 5 });
    expect(c.endOffsetFor(0, 10)).toEqual({ epoch: 0, endOffset: 0 });
    const d = cacheOf([[0, 0], [1, 3], [2, 6]]);
    expect(d.endOffsetFor(0, 9)).toEqual({ epoch: 0, endOffset: 3 });
    expect(d.endOffsetFor(1, 9)).toEqual({ epoch: 1, endOffset: 6 });
    expect(d.endOffsetFor(2, 9)).toEqual({ epoch: 2, endOffset: 9 });
    expect(d.epochForOffset(4)).toBe(1);
  });
});

describe('LeaderEpochCache truncation', () => {
  const base = (): LeaderEpochCache => cacheOf([[2, 6], [3, 8], [4, 11]]);
  const pairs = (c: LeaderEpochCache): Array<[number, number]> => c.entries().map((e) => [e.epoch, e.startOffset]);

  it('truncateFromEnd', () => {
    const c = base();
    c.truncateFromEnd(8);
    expect(pairs(c)).toEqual([[2, 6]]);
  });

  it.each([
    [8, [[3, 8], [4, 11]]],
    [9, [[3, 9], [4, 11]]],
    [1, [[2, 6], [3, 8], [4, 11]]],
    [6, [[2, 6], [3, 8], [4, 11]]],
    [11, [[4, 11]]],
  ])('truncateFromStart(%d)', (offset, expected) => {
    const c = base();
    c.truncateFromStart(offset);
    expect(pairs(c)).toEqual(expected);
  });

  it('ignores negative epochs and repeats of the latest epoch at a later offset', () => {
    const c = cacheOf([[1, 11], [1, 12], [-1, 20]]);
    expect(pairs(c)).toEqual([[1, 11]]);
  });
});
