import { describe, expect, it } from 'vitest';
import { appendEach, cleanOnce, compactLog, fetchAll, keyedBatch, latestByKey, testCleaner, type KeyedEntry } from './cleanerTestSupport';

/** Size of one single-record batch with a 2-byte key and a 2-byte value. */
const BATCH = keyedBatch([['k1', 'v1']], 0).length;
/** Three such batches per segment. */
const SEGMENT_BYTES = 3 * BATCH;

function entries(n: number, keys: number, prefix = 'v'): KeyedEntry[] {
  return Array.from({ length: n }, (_, i) => [`k${i % keys}`, `${prefix}${i}`] as const);
}

describe('LogCleaner: latest value per key', () => {
  for (const profile of ['2.4', '3.9'] as const) {
    it(`${profile}: keeps the last record of each key with its offset, drops the rest, never touches the active segment`, () => {
      const log = compactLog({ segmentBytes: SEGMENT_BYTES });
      appendEach(log, entries(10, 3), 1000);
      expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 3, 6, 9]);
      const active = log.activeSegment;
      const [summary] = cleanOnce(log, 5000, profile);
      // Offsets 0-8 are cleanable; 9 (k0) sits in the active segment and stays.
      expect(summary).toMatchObject({ tp: 'compacted-0', firstDirtyOffset: 0, endOffset: 9 });
      // Each full segment is a group of its own (two would exceed segment.bytes): three cleaned segments.
      expect(summary!.stats).toMatchObject({ messagesRead: 9, messagesWritten: 3, segmentsRead: 3, segmentsWritten: 3 });
      expect(log.activeSegment).toBe(active);
      expect(fetchAll(log)).toEqual([
        { offset: 6, key: 'k0', value: 'v6' },
        { offset: 7, key: 'k1', value: 'v7' },
        { offset: 8, key: 'k2', value: 'v8' },
        { offset: 9, key: 'k0', value: 'v9' },
      ]);
      expect(log.segments.map((s) => [s.baseOffset, s.size])).toEqual([[0, 0], [3, 0], [6, 3 * BATCH], [9, BATCH]]);
      expect(log.logStartOffset).toBe(0);
      // The next cleaning merges the emptied segments with the one after them.
      cleanOnce(log, 6000, profile);
      expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 9]);
      expect(fetchAll(log).map((r) => r.offset)).toEqual([6, 7, 8, 9]);
      expect(log.logEndOffset).toBe(10);
    });
  }

  it('reads a compacted log back through Fetch in order, from any offset inside a gap', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    appendEach(log, [['a', '1'], ['b', '1'], ['a', '2'], ['c', '1'], ['b', '2'], ['a', '3'], ['d', '1']], 0);
    cleanOnce(log, 100);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([3, 4, 5, 6]);
    // A consumer positioned at a removed offset gets the next batch that still exists.
    const { records, firstOffset } = log.read(1, 1000, log.logEndOffset, true);
    expect(firstOffset).toBe(3);
    expect(records.length).toBeGreaterThan(0);
  });

  it('keeps the cleaned segment\'s indexes usable: a read from each surviving offset starts at its batch', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES * 4, indexIntervalBytes: BATCH });
    appendEach(log, entries(40, 7), 0);
    log.roll(100, 'test');
    cleanOnce(log, 200);
    const survivors = fetchAll(log);
    expect(survivors.length).toBe(7);
    for (const r of survivors) expect(log.read(r.offset, 10_000, log.logEndOffset, true).firstOffset).toBe(r.offset);
  });

  it('a cleaned segment whose index would overflow stops adding entries instead of failing', () => {
    // Appends of 6 batches each get one index entry; the cleaned segment indexes batch by batch.
    const log = compactLog({ segmentBytes: 60 * BATCH, segmentIndexBytes: 32, indexIntervalBytes: 0 });
    for (let a = 0; a < 12; a++) {
      const batches = Array.from({ length: 6 }, (_, i) => keyedBatch([[`key${a * 6 + i}`, 'v']], a * 6 + i));
      const bytes = new Uint8Array(batches.reduce((n, b) => n + b.length, 0));
      batches.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
      log.appendAsLeader(bytes, 0, a * 6);
    }
    log.roll(100, 'test');
    log.updateHighWatermark(log.logEndOffset);
    const [summary] = cleanOnce(log, 200);
    expect(summary!.stats.messagesWritten).toBe(72);
    expect(fetchAll(log).map((r) => r.offset)).toEqual(Array.from({ length: 72 }, (_, i) => i));
    for (const s of log.segments) expect(s.offsetIndex.entryCount).toBeLessThanOrEqual(4);
  });
});

describe('LogCleanerManager: where cleaning stops', () => {
  it('min.compaction.lag.ms: a segment whose newest record is younger than the lag is not cleaned, nor anything after it', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, minCompactionLagMs: 1000 });
    appendEach(log, entries(3, 1), 0); // segment 0: timestamps 0-2
    appendEach(log, entries(3, 1, 'w'), 5000); // segment 3: timestamps 5000-5002
    appendEach(log, [['x', '1']], 9000); // active
    expect(cleanOnce(log, 5500)).toMatchObject([{ endOffset: 3 }]);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([2, 3, 4, 5, 6]);
    // Once segment 3 is old enough it is cleaned too (everything is dirty again for a fresh cleaner).
    cleanOnce(log, 6003);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([5, 6]);
  });

  it('3.9 stops at the high watermark (the last stable offset); 2.4 does not', () => {
    for (const [profile, survivors] of [['3.9', [0, 1, 2, 3, 4, 5, 6]], ['2.4', [2, 3, 4, 5, 6]]] as const) {
      const log = compactLog({ segmentBytes: SEGMENT_BYTES });
      for (let i = 0; i < 7; i++) log.appendAsLeader(keyedBatch([[`k${i < 3 ? 0 : i}`, `v${i}`]], i), 0, i);
      log.updateHighWatermark(2); // inside segment 0: 3.9 may not clean segment 0
      cleanOnce(log, 100, profile);
      expect(fetchAll(log).map((r) => r.offset)).toEqual(survivors);
    }
  });

  it('cleans the dirtiest eligible log first, and only logs above min.cleanable.dirty.ratio', () => {
    const logs = new Map(['low', 'mid', 'high'].map((topic) => {
      const log = compactLog({ segmentBytes: SEGMENT_BYTES }, undefined, topic);
      appendEach(log, entries(10, 2), 0); // segments 0, 3, 6 full; 9 active
      return [log.dir, log] as const;
    }));
    const { cleaner } = testCleaner();
    // Checkpoints: high has cleaned nothing (ratio 9/9), mid up to 3 (6/9), low up to 6 (3/9 < 0.5).
    cleaner.manager.loadCheckpoint(new Map([['high-0', 0], ['mid-0', 3], ['low-0', 6]]));
    const summaries = cleaner.run(logs, 100);
    expect(summaries.map((s) => [s.tp, s.dirtyRatio])).toEqual([['high-0', 1], ['mid-0', 6 / 9]]);
    // The last selection, which found nothing eligible, saw only low left dirty.
    expect(cleaner.manager.dirtiestLogCleanableRatio).toBe(3 / 9);
    expect(fetchAll(logs.get('low-0')!).length).toBe(10);
  });

  it('max.compaction.lag.ms makes a log eligible whatever its ratio', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, minCleanableDirtyRatio: 1, maxCompactionLagMs: 10_000 });
    appendEach(log, entries(3, 1), 1000);
    appendEach(log, entries(3, 1), 2000);
    appendEach(log, [['x', 'y']], 3000);
    const { cleaner } = testCleaner();
    const logs = new Map([[log.dir, log]]);
    expect(cleaner.run(logs, 5000)).toEqual([]); // the ratio is 1, not above 1
    // The first batch of the oldest dirty segment (timestamp 1000) is now past max.compaction.lag.ms.
    expect(cleaner.run(logs, 1000 + 10_001)).toMatchObject([{ forcedByMaxLag: true, endOffset: 6 }]);
  });
});

describe('cleaner-offset-checkpoint', () => {
  it('advances to the end of each cleaning and starts the next one there', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    appendEach(log, entries(7, 2), 0);
    const { cleaner, checkpoints } = testCleaner();
    const logs = new Map([[log.dir, log]]);
    expect(cleaner.run(logs, 100)).toMatchObject([{ firstDirtyOffset: 0, endOffset: 6 }]);
    expect(checkpoints.at(-1)).toEqual(new Map([['compacted-0', 6]]));
    appendEach(log, entries(6, 2, 'n'), 200);
    expect(cleaner.run(logs, 300)).toMatchObject([{ firstDirtyOffset: 6, endOffset: 12 }]);
    expect(cleaner.manager.checkpoints.get('compacted-0')).toBe(12);
    expect(latestByKey(fetchAll(log)).get('k0')?.value).toBe('n4');
  });

  it('a truncation below the checkpoint makes the log dirty again from the truncation point (maybeTruncateCheckpoint)', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    appendEach(log, entries(10, 2), 0);
    const { cleaner, checkpoints } = testCleaner();
    const logs = new Map([[log.dir, log]]);
    expect(cleaner.run(logs, 100)).toMatchObject([{ endOffset: 9 }]);
    log.truncateTo(4); // a follower cut back to its leader's log
    appendEach(log, entries(9, 2, 'again'), 200);
    expect(cleaner.run(logs, 300)).toMatchObject([{ firstDirtyOffset: 4 }]);
    expect(checkpoints.some((c) => c.get('compacted-0') === 4)).toBe(true);
    expect([...latestByKey(fetchAll(log)).values()].map((r) => r.value).sort()).toEqual(['again7', 'again8']);
  });

  it('inspect tells views where a log stands without changing anything', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    appendEach(log, entries(10, 2), 0);
    const { cleaner } = testCleaner();
    expect(cleaner.manager.inspect(log.dir, log, 100, '3.9')).toMatchObject({
      firstDirtyOffset: 0, firstUncleanableOffset: 9, cleanBytes: 0, cleanableBytes: 9 * BATCH, cleanableRatio: 1, eligible: true,
    });
    cleaner.run(new Map([[log.dir, log]]), 100);
    expect(cleaner.manager.inspect(log.dir, log, 200, '3.9')).toMatchObject({ firstDirtyOffset: 9, cleanableBytes: 0, eligible: false });
    expect(cleaner.manager.inspect('other-0', compactLog({ cleanupPolicy: 'delete' }), 200, '3.9')).toBeUndefined();
  });

  it('resets an invalid checkpoint (beyond the LEO, or below the log start) to the log start offset', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    appendEach(log, entries(7, 2), 0);
    for (const invalid of [99, -5]) {
      const { cleaner, checkpoints } = testCleaner();
      cleaner.manager.loadCheckpoint(new Map([['compacted-0', invalid], ['gone-0', 4]]));
      const [summary] = cleaner.run(new Map([[log.dir, log]]), 100);
      expect(summary?.firstDirtyOffset).toBe(0);
      // The reset is written first; a partition whose log is gone is dropped from the file.
      expect(checkpoints[0]).toEqual(new Map([['compacted-0', 0]]));
      expect(checkpoints.at(-1)).toEqual(new Map([['compacted-0', 6]]));
    }
  });
});

describe('cleanup.policy', () => {
  it('compact,delete also applies retention (the cleaner runs deleteOldSegments on such logs)', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, cleanupPolicy: 'compact,delete', retentionMs: 1000 });
    appendEach(log, entries(3, 3), 0);
    appendEach(log, entries(3, 3, 'w'), 5000);
    appendEach(log, [['x', '1']], 5500);
    cleanOnce(log, 5600);
    // Segment 0 (timestamps 0-2) is older than retention.ms and deleted; the log now starts at 3.
    expect(log.logStartOffset).toBe(3);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([3, 4, 5, 6]);
  });

  it('delete only: the cleaner leaves the log alone', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES, cleanupPolicy: 'delete' });
    appendEach(log, entries(7, 1), 0);
    expect(cleanOnce(log, 100)).toEqual([]);
    expect(fetchAll(log).length).toBe(7);
  });
});

describe('idempotent producers', () => {
  it('keeps a producer\'s last batch, emptied, so its sequence numbers survive (BatchRetention.RETAIN_EMPTY)', () => {
    const log = compactLog({ segmentBytes: SEGMENT_BYTES });
    const pid = { producerId: 7, producerEpoch: 0 };
    log.appendAsLeader(keyedBatch([['k', 'a']], 0, { ...pid, baseSequence: 0 }), 0, 0);
    log.appendAsLeader(keyedBatch([['k', 'b']], 1, { ...pid, baseSequence: 1 }), 0, 1);
    log.appendAsLeader(keyedBatch([['j', 'x']], 2), 0, 2);
    appendEach(log, [['k', 'c'], ['q', 'r'], ['s', 't'], ['u', 'v']], 3); // segment 3 (no producer id), then the active one
    cleanOnce(log, 100);
    expect(fetchAll(log).map((r) => r.offset)).toEqual([2, 3, 4, 5, 6]);
    const segment = log.segments[0]!;
    const views = [];
    for (let pos = 0; segment.log.batchSizeAt(pos) > 0; pos += segment.log.batchSizeAt(pos)) views.push(segment.log.view(pos));
    // Offset 1 (the producer's last batch) stays as an empty header; offset 0 is gone.
    expect(views.map((b) => [b.baseOffset, b.lastOffset, b.recordCount, b.producerId, b.baseSequence])).toEqual([
      [1, 1, 0, 7, 1],
      [2, 2, 1, -1, -1],
    ]);
    expect(views.every((b) => b.isValid())).toBe(true);
  });
});
