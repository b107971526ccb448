import { describe, expect, it } from 'vitest';
import type { UnifiedLog } from '../UnifiedLog';
import { appendEach, cleanOnce, compactLog, fetchAll, keyedBatch, testCleaner } from './cleanerTestSupport';

const BATCH = keyedBatch([['k1', 'v1']], 0).length;
const SEGMENT_BYTES = 3 * BATCH;

/** Segment 0: a=1, a=tombstone, j=x; segment 3: m=1..3; active: z=1. */
function logWithTombstone(overrides = {}): UnifiedLog {
  const log = compactLog({ segmentBytes: SEGMENT_BYTES, deleteRetentionMs: 1000, ...overrides });
  appendEach(log, [['a', '1'], ['a', null], ['j', 'x']], 0);
  appendEach(log, [['m', '1'], ['m', '2'], ['m', '3']], 3);
  appendEach(log, [['z', '1']], 6);
  return log;
}

function batchAt(log: UnifiedLog, offset: number) {
  for (const segment of log.segments) {
    for (let pos = 0; segment.log.batchSizeAt(pos) > 0; pos += segment.log.batchSizeAt(pos)) {
      const batch = segment.log.view(pos);
      if (batch.baseOffset <= offset && offset <= batch.lastOffset) return batch;
    }
  }
  return undefined;
}

describe('3.9 tombstones (KIP-534 delete horizon)', () => {
  it('the first cleaning keeps the tombstone and stamps its batch; a cleaning at or after the horizon drops it', () => {
    const log = logWithTombstone();
    cleanOnce(log, 100);
    expect(fetchAll(log).map((r) => [r.offset, r.key, r.value])).toContainEqual([1, 'a', null]);
    const stamped = batchAt(log, 1)!;
    expect(stamped.hasDeleteHorizon).toBe(true);
    expect(stamped.baseTimestamp).toBe(1100); // cleaning time + delete.retention.ms
    expect(stamped.records()[0]!.timestampMs).toBe(1); // the record's own timestamp is unchanged
    expect(stamped.isValid()).toBe(true);
    cleanOnce(log, 1099);
    expect(fetchAll(log).some((r) => r.key === 'a')).toBe(true);
    expect(batchAt(log, 1)!.baseTimestamp).toBe(1100); // a kept horizon is not moved
    const [summary] = cleanOnce(log, 1100);
    expect(summary!.stats.tombstonesRemoved).toBe(1);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([2, 5, 6]);
  });

  it('counts the horizon from the cleaning that first sees the tombstone, not from its timestamp (LogCleanerTest.testCleanTombstone)', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, deleteRetentionMs: 1000 });
    appendEach(log, [['a', '1'], ['a', null], ['j', 'x'], ['z', '1']], 0); // tombstone timestamped 1
    cleanOnce(log, 1_000_000);
    cleanOnce(log, 1_000_500);
    expect(fetchAll(log).map((r) => [r.offset, r.value])).toEqual([[1, null], [2, 'x'], [3, '1']]);
  });
});

describe('2.4 tombstones (horizon from the last clean segment\'s modification time)', () => {
  it('keeps tombstones on the first cleaning whatever the time, and never stamps a horizon', () => {
    const log = logWithTombstone();
    cleanOnce(log, 1_000_000, '2.4');
    expect(fetchAll(log).map((r) => r.offset)).toEqual([1, 2, 5, 6]);
    expect(batchAt(log, 1)!.hasDeleteHorizon).toBe(false);
  });

  it('drops a tombstone once a clean segment is delete.retention.ms newer than the tombstone\'s segment', () => {
    const log = logWithTombstone({ minCleanableDirtyRatio: 0.1 });
    const { cleaner } = testCleaner('2.4');
    const logs = new Map([[log.dir, log]]);
    expect(cleaner.run(logs, 100)).toMatchObject([{ endOffset: 6 }]);
    appendEach(log, [['n', '1'], ['n', '2'], ['n', '3']], 5000); // fills segment 6, rolls 9
    // The last clean segment (3) was modified at 5: horizon 5 - 1000, so segment 0 (modified at 2) keeps it.
    expect(cleaner.run(logs, 5100)).toMatchObject([{ firstDirtyOffset: 6, endOffset: 9 }]);
    expect(fetchAll(log).some((r) => r.key === 'a')).toBe(true);
    appendEach(log, [['p', '1'], ['p', '2'], ['p', '3']], 6000);
    // Now the last clean segment (6) was modified at 5002: horizon 4002 ≥ the tombstone segment's 5.
    const [summary] = cleaner.run(logs, 6100);
    expect(summary!.stats.tombstonesRemoved).toBe(1);
    expect(fetchAll(log).some((r) => r.key === 'a')).toBe(false);
  });
});
