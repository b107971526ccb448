import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../record/RecordBatchBuilder';
import { iterateBatches, RecordBatchView } from '../record/RecordBatchView';
import { utf8 } from '../util/hash';
import { KafkaLogError } from './errors';
import { UnifiedLog } from './UnifiedLog';
import { batchOf, FakeDisk, kiloBatch, testConfig } from './testSupport';
import type { LogConfig } from './LogConfig';

function newLog(overrides: Partial<LogConfig> = {}, nowMs = 0) {
  const disk = new FakeDisk();
  const events: string[] = [];
  const log = new UnifiedLog({ topic: 'orders', partition: 3, config: testConfig(overrides), nowMs, sink: disk, onEvent: (t) => events.push(t) });
  return { log, disk, events };
}

function errorOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KafkaLogError) return e.error;
    throw e;
  }
  return undefined;
}

describe('appendAsLeader', () => {
  it('assigns offsets from the LEO, stamps the epoch, and leaves the input untouched', () => {
    const { log } = newLog();
    expect(log.dir).toBe('orders-3');
    const input = batchOf(3, 10, 1000);
    const before = input.slice();
    const first = log.appendAsLeader(input, 5, 2000);
    const second = log.appendAsLeader(input, 5, 2001);
    expect([...input]).toEqual([...before]);
    expect(first).toMatchObject({ firstOffset: 0, lastOffset: 2, numRecords: 3, maxTimestamp: 1002, offsetOfMaxTimestamp: 2, logAppendTimeMs: -1, validBytes: input.length });
    expect(second).toMatchObject({ firstOffset: 3, lastOffset: 5 });
    expect(log.logEndOffset).toBe(6);
    const read = log.read(0, 1 << 20, 6, false);
    const batches = [...iterateBatches(read.records)];
    expect(batches.map((b) => [b.baseOffset, b.partitionLeaderEpoch, b.isValid()])).toEqual([[0, 5, true], [3, 5, true]]);
    expect(log.latestEpoch).toBe(5);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 5, startOffset: 0 }]);
  });

  it('handles several batches in one append', () => {
    const { log } = newLog();
    const a = batchOf(2, 5, 10);
    const b = batchOf(3, 5, 20);
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(log.appendAsLeader(both, 0, 0)).toMatchObject({ firstOffset: 0, lastOffset: 4, numRecords: 5, maxTimestamp: 22, offsetOfMaxTimestamp: 4 });
    const views = [...iterateBatches(log.read(0, 1 << 20, 5, false).records)];
    expect(views.map((v) => [v.baseOffset, v.lastOffset])).toEqual([[0, 1], [2, 4]]);
  });

  it('stamps LogAppendTime when the topic asks for it', () => {
    const { log } = newLog({ messageTimestampType: 'LogAppendTime' });
    const info = log.appendAsLeader(batchOf(2, 5, 10), 0, 777);
    expect(info).toMatchObject({ maxTimestamp: 777, logAppendTimeMs: 777 });
    const view = new RecordBatchView(log.read(0, 1000, 2, false).records);
    expect([view.timestampType, view.maxTimestamp, view.isValid()]).toEqual(['LogAppendTime', 777, true]);
    expect(view.records().map((r) => r.timestampMs)).toEqual([777, 777]);
  });

  it('rejects bad input with Kafka error names', () => {
    const { log } = newLog({ maxMessageBytes: 500, segmentBytes: 5000 });
    const corrupt = batchOf(1, 10, 0).slice();
    corrupt[40]! ^= 1;
    expect(errorOf(() => log.appendAsLeader(corrupt, 0, 0))).toBe('CORRUPT_MESSAGE');
    expect(errorOf(() => log.appendAsLeader(batchOf(1, 600, 0), 0, 0))).toBe('MESSAGE_TOO_LARGE');
    expect(errorOf(() => log.appendAsLeader(concat(Array.from({ length: 11 }, () => batchOf(1, 400, 0))), 0, 0))).toBe('RECORD_LIST_TOO_LARGE');
    expect(errorOf(() => log.appendAsLeader(encodeRecordBatch([{ timestampMs: 0, key: null, value: null }], { isControl: true }), 0, 0))).toBe('INVALID_RECORD');
    expect(errorOf(() => log.appendAsLeader(encodeRecordBatch([{ timestampMs: 0, key: null, value: null }], { producerId: 9 }), 0, 0))).toBe('INVALID_RECORD');
    expect(log.logEndOffset).toBe(0);
  });

  it('rejects unkeyed records on a compacted topic', () => {
    const { log } = newLog({ cleanupPolicy: 'compact' });
    expect(errorOf(() => log.appendAsLeader(batchOf(1, 5, 0), 0, 0))).toBe('INVALID_RECORD');
    const keyed = encodeRecordBatch([{ timestampMs: 0, key: utf8('k'), value: null }]);
    expect(log.appendAsLeader(keyed, 0, 0).lastOffset).toBe(0);
  });

  it('drops a torn tail like trimInvalidBytes, and ignores empty input', () => {
    const { log } = newLog();
    const a = batchOf(1, 5, 0);
    const torn = concat([a, a.subarray(0, 20)]);
    expect(log.appendAsLeader(torn, 0, 0)).toMatchObject({ numRecords: 1, validBytes: a.length });
    expect(log.appendAsLeader(new Uint8Array(0), 0, 0)).toMatchObject({ firstOffset: -1, numRecords: 0 });
  });
});

describe('rolling through the log', () => {
  it('rolls on segment.bytes, flushes to the new base, and reports it', () => {
    const { log, events, disk } = newLog({ segmentBytes: 3000 });
    for (let i = 0; i < 7; i++) log.appendAsLeader(kiloBatch(i), 0, i);
    expect(log.segments.map((s) => [s.baseOffset, s.size])).toEqual([[0, 3000], [3, 3000], [6, 1000]]);
    expect(events).toContain('orders-3: rolled new segment 00000000000000000003.log (segment.bytes=3000 reached)');
    expect(log.recoveryPoint).toBe(6);
    expect([...disk.files.keys()]).toEqual([0, 3, 6]);
  });

  it('rolls on segment.ms using record timestamps', () => {
    const { log } = newLog({ segmentMs: 1000 });
    log.appendAsLeader(kiloBatch(5000), 0, 0);
    log.appendAsLeader(kiloBatch(6000), 0, 0);
    const info = log.appendAsLeader(kiloBatch(6001), 0, 0);
    expect(info.rolledSegment).toBe(2);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 2]);
    expect(log.segments[0]!.timeIndex.lastEntry).toEqual({ timestamp: 6000, offset: 1 });
  });

  it('a rolled segment keeps only its own bytes in memory (1 KiB segments do not hold 16 KiB buffers)', () => {
    const { log } = newLog({ segmentBytes: 1024 });
    for (let i = 0; i < 5; i++) log.appendAsLeader(batchOf(1, 900, i), 0, i);
    const closed = log.segments.slice(0, -1);
    expect(closed.length).toBe(4);
    for (const s of closed) expect(s.log.capacityBytes).toBe(s.size);
    // Still readable after the trim, and the active segment keeps room to grow.
    expect(log.read(0, 5000, log.logEndOffset, false).firstOffset).toBe(0);
    expect(log.activeSegment.log.capacityBytes).toBeGreaterThan(log.activeSegment.size);
  });

  it('an explicit roll on an empty active segment is a no-op', () => {
    const { log } = newLog();
    expect(log.roll(0, 'test')).toBe(log.activeSegment);
    expect(log.segments.length).toBe(1);
  });
});

describe('read', () => {
  function filled() {
    const made = newLog({ segmentBytes: 3000 });
    for (let i = 0; i < 7; i++) made.log.appendAsLeader(batchOf(2, 200, i * 10), 0, 0); // 2 offsets per batch
    return made.log;
  }

  it('returns the batch containing a mid-batch offset, across segments', () => {
    const log = filled();
    const r = log.read(5, 1 << 20, log.logEndOffset, false);
    expect(r.firstOffset).toBe(4);
    expect([...iterateBatches(r.records)].map((b) => b.baseOffset)[0]).toBe(4);
  });

  it('never returns data at or above the isolation offset, even inside a straddling batch', () => {
    const log = filled();
    const hw = log.updateHighWatermark(5);
    expect(hw).toBe(5);
    const r = log.read(0, 1 << 20, hw, false);
    expect([...iterateBatches(r.records)].map((b) => b.lastOffset)).toEqual([1, 3]);
    expect(log.read(4, 1 << 20, hw, true).records.length).toBe(0);
    expect(log.read(5, 1 << 20, hw, true)).toEqual({ records: new Uint8Array(0), firstOffset: 5 });
  });

  it('throws OFFSET_OUT_OF_RANGE outside [logStartOffset, LEO] and is empty at the LEO', () => {
    const log = filled();
    expect(errorOf(() => log.read(15, 100, 100, true))).toBe('OFFSET_OUT_OF_RANGE');
    expect(errorOf(() => log.read(-1, 100, 100, true))).toBe('OFFSET_OUT_OF_RANGE');
    expect(log.read(14, 100, 100, true).records.length).toBe(0);
  });

  it('keeps the high watermark within [logStartOffset, LEO] and monotonic', () => {
    const log = filled();
    expect(log.updateHighWatermark(99)).toBe(14);
    expect(log.updateHighWatermark(3)).toBe(14);
    expect(log.forceHighWatermark(3)).toBe(3);
  });
});

describe('fetchOffsetByTimestamp', () => {
  it('answers earliest, latest, max and by-time lookups', () => {
    const { log } = newLog({ segmentBytes: 3000 });
    for (let i = 0; i < 8; i++) log.appendAsLeader(kiloBatch(1000 + i * 100), 7, 0);
    expect(log.fetchOffsetByTimestamp(-2)).toEqual({ timestampMs: -1, offset: 0, leaderEpoch: 7 });
    expect(log.fetchOffsetByTimestamp(-1)).toEqual({ timestampMs: -1, offset: 8, leaderEpoch: 7 });
    expect(log.fetchOffsetByTimestamp(-3)).toEqual({ timestampMs: 1700, offset: 7, leaderEpoch: 7 });
    expect(log.fetchOffsetByTimestamp(1350)).toEqual({ timestampMs: 1400, offset: 4, leaderEpoch: 7 });
    expect(log.fetchOffsetByTimestamp(0)).toEqual({ timestampMs: 1000, offset: 0, leaderEpoch: 7 });
    expect(log.fetchOffsetByTimestamp(1701)).toBeUndefined();
  });
});

describe('appendAsFollower and truncation', () => {
  it('keeps offsets and epochs, builds the epoch cache, and refuses going backwards', () => {
    const { log } = newLog();
    const leader = newLog().log;
    leader.appendAsLeader(batchOf(2, 5, 0), 0, 0);
    leader.appendAsLeader(batchOf(2, 5, 0), 2, 0);
    leader.appendAsLeader(batchOf(1, 5, 0), 3, 0);
    const fetched = leader.read(0, 1 << 20, leader.logEndOffset, false).records;
    expect(log.appendAsFollower(fetched)).toMatchObject({ firstOffset: 0, lastOffset: 4, numRecords: 5 });
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 2, startOffset: 2 }, { epoch: 3, startOffset: 4 }]);
    expect(errorOf(() => log.appendAsFollower(fetched))).toBe('UNEXPECTED_APPEND_OFFSET');
    const reversed = concat([...iterateBatches(fetched)].reverse().map((b) => fetched.subarray(b.position, b.position + b.sizeInBytes)));
    expect(errorOf(() => newLog().log.appendAsFollower(reversed))).toBe('OFFSETS_OUT_OF_ORDER');
  });

  it('truncateTo removes later segments, fixes LEO, HW, epochs, and emits sink ops', () => {
    const { log, disk, events } = newLog({ segmentBytes: 3000 });
    for (let i = 0; i < 8; i++) log.appendAsLeader(kiloBatch(i), i < 4 ? 1 : 2, 0);
    log.updateHighWatermark(8);
    expect(log.truncateTo(4)).toBe(true);
    expect([log.logEndOffset, log.highWatermark, log.segments.length]).toEqual([4, 4, 2]);
    expect(log.segments.map((s) => s.size)).toEqual([3000, 1000]);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
    expect([...disk.files.keys()]).toEqual([0, 3]);
    expect(disk.files.get(3)!.log.length).toBe(1000);
    expect(events.at(-1)).toMatch(/truncated the log from offset 8 to 4/);
    expect(log.truncateTo(10)).toBe(false);
    log.appendAsLeader(kiloBatch(9), 3, 0);
    expect(log.logEndOffset).toBe(5);
  });

  it('truncateFullyAndStartAt restarts the log empty', () => {
    const { log } = newLog();
    log.appendAsLeader(kiloBatch(1), 1, 0);
    log.truncateFullyAndStartAt(50);
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.segments[0]!.baseOffset, log.latestEpoch]).toEqual([50, 50, 50, 50, undefined]);
  });
});

describe('the sink', () => {
  it('mirrors every change: appends, rolls, truncation, retention', () => {
    const { log, disk } = newLog({ segmentBytes: 3000, indexIntervalBytes: 1500, retentionBytes: 4000, retentionMs: -1 });
    for (let i = 0; i < 10; i++) log.appendAsLeader(kiloBatch(i), 0, 0);
    log.truncateTo(7);
    for (let i = 0; i < 5; i++) log.appendAsLeader(kiloBatch(i), 1, 0);
    log.updateHighWatermark(log.logEndOffset);
    log.deleteOldSegments(0);
    expect([...disk.files.keys()]).toEqual(log.segments.map((s) => s.baseOffset));
    for (const s of log.segments) {
      const file = disk.files.get(s.baseOffset)!;
      expect(file.log).toEqual(s.log.toBytes());
      expect(file.offsetIndex ?? new Uint8Array(0)).toEqual(s.offsetIndex.bytes());
      expect(file.timeIndex ?? new Uint8Array(0)).toEqual(s.timeIndex.bytes());
    }
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
