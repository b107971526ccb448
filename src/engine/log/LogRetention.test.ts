import { describe, expect, it } from 'vitest';
import { KafkaLogError } from './errors';
import type { LogConfig } from './LogConfig';
import { UnifiedLog } from './UnifiedLog';
import { FakeDisk, kiloBatch, testConfig } from './testSupport';

/** 3 full segments of 3 x 1000-byte batches (offsets 0-8) plus an active one holding offset 9. */
function threeFullPlusActive(overrides: Partial<LogConfig> = {}, timestamps = [0, 0, 0, 0]) {
  const disk = new FakeDisk();
  const events: string[] = [];
  const log = new UnifiedLog({ topic: 't', partition: 0, config: testConfig({ segmentBytes: 3000, ...overrides }), nowMs: 0, sink: disk, onEvent: (e) => events.push(e) });
  for (let i = 0; i < 10; i++) log.appendAsLeader(kiloBatch(timestamps[Math.floor(i / 3)]! + i), i < 5 ? 1 : 2, 0);
  expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 3, 6, 9]);
  return { log, disk, events };
}

describe('retention.bytes', () => {
  it('deletes oldest segments while the remaining size stays >= retention.bytes', () => {
    const { log, disk, events } = threeFullPlusActive({ retentionBytes: 5000, retentionMs: -1 });
    log.updateHighWatermark(10);
    // size 10000, diff 5000: segment 0 (3000) fits, segment 1 (3000 > 2000 left) stops the walk.
    expect(log.deleteOldSegments(0)).toBe(1);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([3, 6, 9]);
    expect(log.logStartOffset).toBe(3);
    expect([...disk.files.keys()]).toEqual([3, 6, 9]);
    expect(events.some((e) => e.includes('deleted segment 00000000000000000000.log (offsets 0-2, 3000 bytes) due to retention.bytes=5000'))).toBe(true);
    expect(events.at(-1)).toBe('t-0: log start offset moved from 0 to 3 (segment deletion)');
    expect(log.deleteOldSegments(0)).toBe(0); // size 7000, diff 2000 < 3000
  });

  it('does nothing while the log is smaller than retention.bytes', () => {
    const { log } = threeFullPlusActive({ retentionBytes: 10_001, retentionMs: -1 });
    log.updateHighWatermark(10);
    expect(log.deleteOldSegments(0)).toBe(0);
  });

  it('never deletes a segment whose upper bound is above the high watermark', () => {
    const { log } = threeFullPlusActive({ retentionBytes: 1000, retentionMs: -1 });
    log.updateHighWatermark(2);
    expect(log.deleteOldSegments(0)).toBe(0);
    log.updateHighWatermark(6);
    expect(log.deleteOldSegments(0)).toBe(2); // segments 0 and 1; segment 2 ends at 9 > HW
    expect(log.logStartOffset).toBe(6);
  });

  it('rolls first when every segment, the non-empty active one included, must go', () => {
    const { log, events } = threeFullPlusActive({ retentionBytes: 0, retentionMs: -1 });
    log.updateHighWatermark(10);
    expect(log.deleteOldSegments(0)).toBe(4);
    expect(log.segments.map((s) => [s.baseOffset, s.size])).toEqual([[10, 0]]);
    expect([log.logStartOffset, log.logEndOffset]).toEqual([10, 10]);
    expect(events.some((e) => e.includes('rolled new segment 00000000000000000010.log'))).toBe(true);
    expect(log.deleteOldSegments(0)).toBe(0); // an empty last segment is never deleted
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 2, startOffset: 10 }]);
  });
});

describe('retention.ms', () => {
  it('deletes segments whose largest timestamp is older than retention.ms, stopping at the first young one', () => {
    // Segment largest timestamps: 2, 10005, 8, 20009 (segment 2 is old but sits behind a young one).
    const { log } = threeFullPlusActive({ retentionMs: 5000 }, [0, 10_000, 0, 20_000]);
    log.updateHighWatermark(10);
    expect(log.segments.map((s) => s.largestTimestamp)).toEqual([2, 10_005, 8, 20_009]);
    expect(log.deleteOldSegments(15_004)).toBe(1);
    expect(log.deleteOldSegments(15_006)).toBe(2);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([9]);
    expect(log.logStartOffset).toBe(9);
  });

  it('makes a lagging reader get OFFSET_OUT_OF_RANGE', () => {
    const { log } = threeFullPlusActive({ retentionMs: 1000 });
    log.updateHighWatermark(10);
    log.deleteOldSegments(100_000);
    try {
      log.read(4, 1000, 10, true);
      expect.unreachable();
    } catch (e) {
      expect((e as KafkaLogError).error).toBe('OFFSET_OUT_OF_RANGE');
    }
  });
});

describe('logStartOffset breach (DeleteRecords)', () => {
  it('deletes segments whose next segment starts at or below logStartOffset, even without the delete policy', () => {
    const { log } = threeFullPlusActive();
    log.updateConfig(testConfig({ segmentBytes: 3000, cleanupPolicy: 'compact', retentionBytes: 0, retentionMs: 0 }));
    log.updateHighWatermark(10);
    expect(log.maybeIncrementLogStartOffset(7, 'delete records')).toBe(true);
    expect(log.deleteOldSegments(1e12)).toBe(2);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([6, 9]);
    expect(log.logStartOffset).toBe(7);
  });

  it('refuses to move logStartOffset past the high watermark', () => {
    const { log } = threeFullPlusActive();
    log.updateHighWatermark(4);
    expect(() => log.maybeIncrementLogStartOffset(5, 'delete records')).toThrow(KafkaLogError);
  });
});
