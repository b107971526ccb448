import { describe, expect, it } from 'vitest';
import { Random } from '../../kernel/Random';
import { compactLog, fetchAll, keyedBatch, testCleaner, type KeyedEntry } from './cleanerTestSupport';

const SEEDS = 60;
const DELETE_RETENTION_MS = 1000;

/** A random stream of keyed records, some tombstones, appended in batches of 1-4 records at 1 ms apart. */
function randomStream(random: Random): KeyedEntry[][] {
  const keys = 1 + random.nextInt(12);
  const batches: KeyedEntry[][] = [];
  for (let n = 20 + random.nextInt(120); n > 0; ) {
    const size = Math.min(n, 1 + random.nextInt(4));
    batches.push(Array.from({ length: size }, (_, i): KeyedEntry => [`k${random.nextInt(keys)}`, random.nextFloat() < 0.2 ? null : `v${n - i}`]));
    n -= size;
  }
  return batches;
}

describe('LogCleaner property: per key, the last value survives at its offset', () => {
  for (const profile of ['3.9', '2.4'] as const) {
    it(`${profile}: ${SEEDS} seeded streams, cleaned until nothing is dirty, with random segment and dedupe buffer sizes`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const random = new Random(seed);
        const stream = randomStream(random);
        const segmentBytes = 150 + random.nextInt(600);
        // Sometimes a dedupe buffer of a few keys, so cleaning needs several rounds (as a full map does).
        const dedupeBufferSize = random.nextFloat() < 0.3 ? 24 * (2 + random.nextInt(4)) : 134217728;
        const log = compactLog({ segmentBytes, deleteRetentionMs: DELETE_RETENTION_MS, minCleanableDirtyRatio: 0.01 });
        const original = new Map<number, KeyedEntry>();
        let t = 0;
        for (const batch of stream) {
          const info = log.appendAsLeader(keyedBatch(batch, t), 0, t);
          batch.forEach((e, i) => original.set(info.firstOffset + i, e));
          t += batch.length;
        }
        log.roll(t, 'test: everything cleanable');
        log.updateHighWatermark(log.logEndOffset);
        const { cleaner } = testCleaner(profile, { threads: 1, dedupeBufferSize, dedupeBufferLoadFactor: 0.9 });
        const logs = new Map([[log.dir, log]]);
        let now = 10_000;
        let rounds = 0;
        while (rounds < 1000 && cleaner.run(logs, now).length > 0) {
          rounds++;
          now++;
        }
        const context = `seed ${seed} (${profile}, segment.bytes ${segmentBytes}, dedupe ${dedupeBufferSize}, ${rounds} rounds)`;
        expect(rounds, context).toBeLessThan(1000);

        const lastOf = new Map<string, number>();
        for (const [offset, [key]] of original) lastOf.set(key, offset);
        const after = fetchAll(log, 10_000);
        // Every surviving record is the one written at its offset; offsets only increase.
        for (const r of after) expect([r.key, r.value], context).toEqual(original.get(r.offset));
        expect(after.map((r) => r.offset), context).toEqual([...after.map((r) => r.offset)].sort((a, b) => a - b));
        // Per key: exactly its last record (a tombstone too: still inside delete.retention.ms).
        expect(new Map(after.map((r) => [r.key, r.offset])), context).toEqual(lastOf);
        expect(after.length, context).toBe(lastOf.size);
        expect(log.logEndOffset, context).toBe(original.size);
      }
    });
  }

  it('3.9: once the tombstones\' horizon has passed, a key whose last record is a tombstone is gone', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = new Random(1000 + seed);
      const log = compactLog({ segmentBytes: 150 + random.nextInt(600), deleteRetentionMs: DELETE_RETENTION_MS, minCleanableDirtyRatio: 0.01 });
      const last = new Map<string, { offset: number; value: string | null }>();
      let t = 0;
      for (const batch of randomStream(random)) {
        const info = log.appendAsLeader(keyedBatch(batch, t), 0, t);
        batch.forEach(([key, value], i) => last.set(key, { offset: info.firstOffset + i, value }));
        t += batch.length;
      }
      log.roll(t, 'test');
      log.updateHighWatermark(log.logEndOffset);
      const { cleaner } = testCleaner('3.9');
      const logs = new Map([[log.dir, log]]);
      cleaner.run(logs, 10_000); // stamps every kept tombstone with 11_000
      cleaner.manager.loadCheckpoint(new Map()); // a fresh checkpoint makes the whole log dirty again
      cleaner.run(logs, 10_000 + DELETE_RETENTION_MS);
      const expected = [...last].filter(([, r]) => r.value !== null).map(([key, r]) => ({ offset: r.offset, key, value: r.value }));
      expect(fetchAll(log, 10_000), `seed ${1000 + seed}`).toEqual(expected.sort((a, b) => a.offset - b.offset));
    }
  });
});
