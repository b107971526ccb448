import { describe, expect, it } from 'vitest';
import type { LogConfig } from './LogConfig';
import type { StoredSegment } from './LogTypes';
import { UnifiedLog } from './UnifiedLog';
import { FakeDisk, kiloBatch, testConfig } from './testSupport';

const config = (o: Partial<LogConfig> = {}): LogConfig => testConfig({ segmentBytes: 6000, indexIntervalBytes: 1500, ...o });

/** Offsets 0-15 in 1000-byte batches: segments at 0, 6, 12 (the last holds 12-15). Epoch 1 up to 7, then 2. */
function writtenLog() {
  const disk = new FakeDisk();
  const log = new UnifiedLog({ topic: 'orders', partition: 3, config: config(), nowMs: 0, sink: disk });
  for (let i = 0; i < 16; i++) log.appendAsLeader(kiloBatch(100 + i), i < 8 ? 1 : 2, 0);
  log.updateHighWatermark(16);
  return { log, disk };
}

function load(segments: StoredSegment[], o: { cleanShutdown?: boolean; recoveryPoint?: number; hw?: number; lso?: number } = {}) {
  const disk = FakeDisk.holding(segments);
  const events: string[] = [];
  const result = UnifiedLog.load({
    topic: 'orders', partition: 3, config: config(), nowMs: 50, sink: disk, onEvent: (e) => events.push(e),
    segments, recoveryPoint: o.recoveryPoint ?? 0, logStartOffset: o.lso ?? 0, highWatermark: o.hw ?? 16, cleanShutdown: o.cleanShutdown ?? false,
  });
  return { ...result, disk, events };
}

describe('UnifiedLog.load', () => {
  it('the sink stream alone reproduces the log', () => {
    const { log, disk } = writtenLog();
    const { log: loaded, report } = load(disk.stored(), { cleanShutdown: true });
    expect(report).toMatchObject({ skipped: true, segmentsRecovered: 0, truncatedBytes: 0, segmentsDeleted: 0 });
    expect(loaded.segments.map((s) => [s.baseOffset, s.size, s.nextOffset])).toEqual(log.segments.map((s) => [s.baseOffset, s.size, s.nextOffset]));
    expect(loaded.segments.map((s) => s.offsetIndex.entries())).toEqual(log.segments.map((s) => s.offsetIndex.entries()));
    expect([loaded.logEndOffset, loaded.highWatermark, loaded.recoveryPoint]).toEqual([16, 16, 16]);
    expect(loaded.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 8 }]);
    expect(loaded.read(7, 2000, 16, false).firstOffset).toBe(7);
  });

  it('recovers a torn tail: the half-written last batch is cut off', () => {
    const { disk } = writtenLog();
    const stored = disk.stored();
    const last = stored[2]!;
    last.log = last.log.slice(0, last.log.length - 500);
    const { log, report, disk: out } = load(stored, { recoveryPoint: 12 });
    expect(report).toMatchObject({ skipped: false, segmentsRecovered: 1, batchesValidated: 3, truncatedBytes: 500, truncatedAtOffset: 15, segmentsDeleted: 0 });
    expect(report.messages[0]).toBe('orders-3: found a corrupt batch at position 3000 of 00000000000000000012.log (torn batch (500 of 1000 bytes present)); truncated the log to offset 15');
    expect([log.logEndOffset, log.highWatermark]).toEqual([15, 15]);
    expect(out.ops).toContainEqual({ type: 'truncate', dir: 'orders-3', baseOffset: 12, sizeBytes: 3000 });
    log.appendAsLeader(kiloBatch(1), 3, 60);
    expect(log.logEndOffset).toBe(16);
  });

  it('recovers a corrupted batch in the middle of a segment and deletes every later segment', () => {
    const { disk } = writtenLog();
    const stored = disk.stored();
    stored[0]!.log[4000 + 30]! ^= 0xff; // inside the batch holding offset 4, past the CRC'd Attributes
    const { log, report, events } = load(stored, { recoveryPoint: 0 });
    expect(report).toMatchObject({ segmentsRecovered: 1, batchesValidated: 4, truncatedBytes: 2000, truncatedAtOffset: 4, segmentsDeleted: 2 });
    expect(report.messages[0]).toMatch(/^orders-3: found a corrupt batch at position 4000 of 00000000000000000000.log \(CRC mismatch .*\); truncated the log to offset 4 and deleted 2 later segments$/);
    expect(events).toEqual(report.messages);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0]);
    expect([log.logEndOffset, log.highWatermark]).toEqual([4, 4]);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
  });

  // Kafka trusts segments below the recovery point; the lab checks them too (browser storage can lose or
  // damage rows behind the broker's back) and cuts only the damaged segment, keeping the ones after it.
  it('a damaged segment below the recovery point is cut at the damage; the later segments are kept', () => {
    const { disk } = writtenLog();
    const stored = disk.stored();
    stored[0]!.log[4000 + 30]! ^= 0xff;
    const { log, report } = load(stored, { recoveryPoint: 12 });
    expect(report).toMatchObject({ segmentsRecovered: 2, truncatedBytes: 2000, segmentsDeleted: 0 });
    expect(report.messages[0]).toMatch(/^orders-3: found a corrupt batch at position 4000 of 00000000000000000000.log, a segment that was already flushed \(CRC mismatch .*\); cut 2000 bytes from there \(offsets 4-5 are lost, later segments kept\)$/);
    expect(log.segments.map((s) => [s.baseOffset, s.nextOffset])).toEqual([[0, 4], [6, 12], [12, 16]]);
    expect(log.logEndOffset).toBe(16);
    expect(log.recoveryPoint).toBe(12);
    // A reader from offset 4 skips the lost offsets instead of stalling.
    expect(log.read(4, 5000, 16, false).firstOffset).toBe(6);
  });

  it('skips recovery after a clean shutdown, but still finds and contains a damaged batch', () => {
    const { disk } = writtenLog();
    const intact = load(disk.stored(), { cleanShutdown: true });
    expect(intact.report).toMatchObject({ skipped: true, segmentsRecovered: 0, batchesValidated: 0 });
    expect(intact.report.messages).toEqual(['orders-3: clean shutdown: skipped log recovery; checked 3 segments, all intact']);
    const stored = disk.stored();
    stored[0]!.log[4000 + 30]! ^= 0xff;
    const { log, report } = load(stored, { cleanShutdown: true });
    expect(report).toMatchObject({ skipped: true, segmentsRecovered: 1, truncatedBytes: 2000, segmentsDeleted: 0 });
    expect(log.logEndOffset).toBe(16);
    expect(log.segments.map((s) => s.nextOffset)).toEqual([4, 12, 16]);
  });

  it('a damaged BaseOffset (outside the CRC) in a flushed segment neither moves the LEO nor deletes intact segments', () => {
    const { disk } = writtenLog();
    for (const [byte, value] of [[7, 0x10], [0, 0xff]] as const) {
      const stored = disk.stored();
      stored[2]!.log[1000 + byte] = value; // BaseOffset of the batch holding offset 13: jumps ahead, or goes negative
      const { log, report } = load(stored, { cleanShutdown: true, hw: 16 });
      expect(log.logEndOffset).toBe(13);
      expect(log.segments.map((s) => [s.baseOffset, s.nextOffset])).toEqual([[0, 6], [6, 12], [12, 13]]);
      expect(report.segmentsDeleted).toBe(0);
      expect(report.messages[0]).toMatch(/corrupt batch at position 1000 of 00000000000000000012.log.*offset -?\d+ (skips ahead|goes backwards) \(expected 13\)/);
    }
  });

  it('does not leave the log ending in an empty segment above lost offsets (a consumer there would wait for ever)', () => {
    const { disk } = writtenLog();
    const stored = disk.stored();
    stored[1]!.log = stored[1]!.log.slice(0, 2000); // offsets 8-11 lost with the rows that held them
    stored[2]!.log[30]! ^= 0xff; // and the last segment's first batch is damaged: it is cut to nothing
    const { log, report } = load(stored, { cleanShutdown: true, hw: 16 });
    expect(log.segments.map((s) => [s.baseOffset, s.nextOffset])).toEqual([[0, 6], [6, 8]]);
    expect([log.logEndOffset, log.highWatermark]).toEqual([8, 8]);
    expect(report.messages).toContain('orders-3: deleted 1 empty segment left above lost offsets; the log now ends at offset 8');
  });

  it('a BaseOffset that jumps into the next segment is caught in the unflushed part too', () => {
    const { disk } = writtenLog();
    const stored = disk.stored();
    stored[0]!.log[5000 + 7] = 7; // the last batch of segment 0 claims offset 7, which belongs to segment 6
    const { log, report } = load(stored, { recoveryPoint: 0 });
    expect(report.messages[0]).toMatch(/corrupt batch at position 5000 of 00000000000000000000.log \(offset 7 skips ahead \(expected 5\)\)/);
    expect(log.logEndOffset).toBe(5);
  });

  it('rebuilds a missing index even after a clean shutdown', () => {
    const { log: original, disk } = writtenLog();
    const stored = disk.stored();
    delete stored[1]!.offsetIndex;
    const { log, report, disk: out } = load(stored, { cleanShutdown: true });
    expect(report.indexesRebuilt).toBe(1);
    expect(out.files.get(6)!.offsetIndex).toEqual(disk.files.get(6)!.offsetIndex);
    expect(report.messages[0]).toBe('orders-3: 00000000000000000006.index was missing; rebuilt the indexes from 00000000000000000006.log');
    expect(log.segments[1]!.offsetIndex.entries()).toEqual(original.segments[1]!.offsetIndex.entries());
  });

  it('clamps the high watermark and logStartOffset, and starts fresh without segments', () => {
    const { disk } = writtenLog();
    const { log } = load(disk.stored(), { cleanShutdown: true, hw: 99, lso: 3 });
    expect([log.logStartOffset, log.highWatermark]).toEqual([3, 16]);
    const { log: low } = load(disk.stored(), { cleanShutdown: true, hw: 1, lso: 3 });
    expect(low.highWatermark).toBe(3);
    const { log: empty, disk: out } = load([], { cleanShutdown: true, lso: 42, hw: 0 });
    expect([empty.logStartOffset, empty.logEndOffset, empty.highWatermark]).toEqual([42, 42, 42]);
    // The new segment comes with its (empty) .index and .timeindex files, as in Kafka.
    expect(out.ops).toEqual([
      { type: 'createSegment', dir: 'orders-3', baseOffset: 42 },
      { type: 'indexes', dir: 'orders-3', baseOffset: 42, offsetIndex: new Uint8Array(0), timeIndex: new Uint8Array(0) },
    ]);
  });

  it('restores a leader-epoch checkpoint, trimmed to the log', () => {
    const { disk } = writtenLog();
    const result = UnifiedLog.load({
      topic: 'orders', partition: 3, config: config(), nowMs: 0, segments: disk.stored(), recoveryPoint: 16, logStartOffset: 0,
      highWatermark: 16, cleanShutdown: true, leaderEpochCheckpoint: [{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 8 }, { epoch: 5, startOffset: 16 }, { epoch: 6, startOffset: 20 }],
    });
    // Entries starting at or after the LEO (16) are dropped, as LogLoader's truncateFromEnd(nextOffset) does.
    expect(result.log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 8 }]);
  });
});
