import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../../record';
import { RecordBatchView } from '../../record/RecordBatchView';
import { keyedBatch } from './cleanerTestSupport';
import { buildRetainedBatch, emptyBatchHeader } from './RetainedBatch';

beforeAll(async () => {
  await initCodecs();
});

const decoder = new TextDecoder();

describe('buildRetainedBatch (MemoryRecords.buildRetainedRecordsInto)', () => {
  for (const compression of ['none', 'gzip', 'lz4'] as const) {
    it(`${compression}: keeps offsets, last offset, producer fields and compression; the base timestamp is the first retained record's`, () => {
      const bytes = keyedBatch([['a', '1'], ['b', '1'], ['a', '2'], ['c', null]], 500, {
        baseOffset: 40, partitionLeaderEpoch: 3, producerId: 9, producerEpoch: 2, baseSequence: 17, compression,
      });
      const original = new RecordBatchView(bytes);
      const records = original.records();
      const out = new RecordBatchView(buildRetainedBatch(original, [records[1]!, records[2]!], -1));
      expect(out.isValid()).toBe(true);
      expect([out.baseOffset, out.lastOffset, out.recordCount, out.partitionLeaderEpoch]).toEqual([40, 43, 2, 3]);
      expect([out.producerId, out.producerEpoch, out.baseSequence, out.compression]).toEqual([9, 2, 17, compression]);
      expect([out.baseTimestamp, out.maxTimestamp, out.hasDeleteHorizon]).toEqual([501, 502, false]);
      expect(out.records().map((r) => [r.offset, r.timestampMs, decoder.decode(r.key!), r.value && decoder.decode(r.value)])).toEqual([
        [41, 501, 'b', '1'],
        [42, 502, 'a', '2'],
      ]);
    });
  }

  it('stamps a delete horizon in the base timestamp with attribute bit 6 (KIP-534); record timestamps stay', () => {
    const original = new RecordBatchView(keyedBatch([['a', '1'], ['a', null]], 500));
    const out = new RecordBatchView(buildRetainedBatch(original, [original.records()[1]!], 90_000));
    expect([out.hasDeleteHorizon, out.baseTimestamp, out.maxTimestamp]).toEqual([true, 90_000, 501]);
    expect(out.records()[0]!.timestampMs).toBe(501);
    expect(out.isValid()).toBe(true);
  });

  it('an empty batch keeps offsets and producer fields, no records, MaxTimestamp from the original (writeEmptyHeader)', () => {
    const original = new RecordBatchView(keyedBatch([['a', '1'], ['b', '2']], 700, { baseOffset: 10, producerId: 4, producerEpoch: 1, baseSequence: 6, compression: 'gzip' }));
    const out = new RecordBatchView(emptyBatchHeader(original));
    expect(out.isValid()).toBe(true);
    expect([out.baseOffset, out.lastOffset, out.recordCount, out.producerId, out.baseSequence]).toEqual([10, 11, 0, 4, 6]);
    expect([out.compression, out.baseTimestamp, out.maxTimestamp, out.sizeInBytes]).toEqual(['none', -1, 701, 61]);
    expect(out.records()).toEqual([]);
  });
});
