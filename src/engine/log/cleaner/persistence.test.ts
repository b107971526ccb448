import { describe, expect, it } from 'vitest';
import { FakeDisk } from '../testSupport';
import { UnifiedLog } from '../UnifiedLog';
import { appendEach, cleanOnce, compactLog, fetchAll, keyedBatch, type KeyedEntry } from './cleanerTestSupport';

const BATCH = keyedBatch([['k1', 'v1']], 0).length;
const SEGMENT_BYTES = 3 * BATCH;

function reload(log: UnifiedLog, disk: FakeDisk, cleanShutdown: boolean, compacted = false): UnifiedLog {
  return UnifiedLog.load({
    topic: log.topic, partition: log.partition, config: log.config, nowMs: 10_000, sink: FakeDisk.holding(disk.stored()),
    segments: disk.stored(), recoveryPoint: cleanShutdown ? log.recoveryPoint : 0, logStartOffset: log.logStartOffset,
    highWatermark: log.highWatermark, cleanShutdown, compacted,
  }).log;
}

describe('cleaned segments on disk', () => {
  it('the storage ops alone reproduce the cleaned log: old segments deleted, the cleaned one written with its indexes', () => {
    const disk = new FakeDisk();
    const log = compactLog({ segmentBytes: SEGMENT_BYTES }, disk);
    appendEach(log, Array.from({ length: 10 }, (_, i): KeyedEntry => [`k${i % 3}`, `v${i}`]), 0);
    disk.ops.length = 0;
    cleanOnce(log, 100);
    expect(disk.ops.filter((op) => op.type === 'deleteSegment').map((op) => op.type === 'deleteSegment' && op.reason)).toEqual(['cleaning', 'cleaning', 'cleaning']);
    expect([...disk.files.keys()].sort((a, b) => a - b)).toEqual(log.segments.map((s) => s.baseOffset));
    for (const segment of log.segments) {
      const file = disk.files.get(segment.baseOffset)!;
      expect(file.log).toEqual(segment.log.toBytes());
      expect(file.offsetIndex).toEqual(segment.offsetIndex.bytes());
      expect(file.timeIndex).toEqual(segment.timeIndex.bytes());
    }
  });

  for (const cleanShutdown of [true, false]) {
    it(`a reload (${cleanShutdown ? 'clean shutdown' : 'full recovery'}) comes back to the compacted log, gaps and all`, () => {
      const disk = new FakeDisk();
      const log = compactLog({ segmentBytes: SEGMENT_BYTES, deleteRetentionMs: 10 }, disk);
      appendEach(log, [['a', '1'], ['b', '1'], ['a', null], ['c', '1'], ['b', '2'], ['c', '2'], ['d', '1']], 0);
      log.roll(50, 'test');
      cleanOnce(log, 100);
      cleanOnce(log, 200); // past the tombstone's horizon: offset 2 goes
      const before = fetchAll(log);
      expect(before.map((r) => r.offset)).toEqual([4, 5, 6]);
      log.flush();
      const loaded = reload(log, disk, cleanShutdown);
      expect(fetchAll(loaded)).toEqual(before);
      expect(loaded.logEndOffset).toBe(7);
      expect(loaded.segments.map((s) => s.baseOffset)).toEqual(log.segments.map((s) => s.baseOffset));
    });
  }

  it('keeps the log end offset when the cleaner removed the last batch below an empty active segment', () => {
    const disk = new FakeDisk();
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, deleteRetentionMs: 10 }, disk);
    appendEach(log, [['a', '1'], ['b', '1'], ['a', null]], 0);
    log.roll(50, 'test'); // empty active segment at 3
    cleanOnce(log, 100);
    cleanOnce(log, 200);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([1]);
    for (const cleanShutdown of [true, false]) {
      const loaded = reload(log, disk, cleanShutdown);
      expect(loaded.logEndOffset).toBe(3);
      expect(fetchAll(loaded).map((r) => r.offset)).toEqual([1]);
    }
  });

  it('a log whose topic is no longer compacted still loads its gaps when the broker says it was cleaned', () => {
    const disk = new FakeDisk();
    const log = compactLog({ segmentBytes: SEGMENT_BYTES }, disk);
    appendEach(log, [['a', '1'], ['a', '2'], ['a', '3'], ['b', '1']], 0);
    cleanOnce(log, 100);
    log.updateConfig({ ...log.config, cleanupPolicy: 'delete' });
    const loaded = reload(log, disk, false, true);
    expect(fetchAll(loaded).map((r) => r.offset)).toEqual([2, 3]);
  });
});
