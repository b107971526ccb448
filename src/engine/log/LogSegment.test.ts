import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../record/RecordBatchBuilder';
import { iterateBatches, setBaseOffset } from '../record/RecordBatchView';
import { LogSegment } from './LogSegment';
import { batchOf, kiloBatch } from './testSupport';

const settings = { indexIntervalBytes: 4096, segmentIndexBytes: 10 * 1024 * 1024 };
const rollConfig = { segmentBytes: 1 << 30, segmentMs: 604800000 };

/** Appends `batch` as the next batch of the segment, with offsets continuing from nextOffset. */
function appendNext(segment: LogSegment, batch: Uint8Array, nowMs = 0): void {
  const copy = batch.slice();
  setBaseOffset(copy, 0, segment.nextOffset);
  const views = [...iterateBatches(copy)];
  const last = views[views.length - 1]!;
  segment.append(copy, last.lastOffset, last.maxTimestamp, last.lastOffset, nowMs);
}

/** Two records (values of 460 and 461 bytes) make exactly 1000 bytes. */
function twoRecordBatch(timestampMs: number): Uint8Array {
  return encodeRecordBatch([
    { timestampMs, key: null, value: new Uint8Array(460) },
    { timestampMs: timestampMs + 1, key: null, value: new Uint8Array(461) },
  ]);
}

/** Two records per 1000-byte batch: offsets 2k, 2k+1 at position 1000k, timestamps 1000+10k, +1. */
function twoRecordSegment(batches: number, base = 0): LogSegment {
  const segment = new LogSegment(base, settings, 0);
  for (let k = 0; k < batches; k++) appendNext(segment, twoRecordBatch(1000 + k * 10));
  return segment;
}

describe('index entries (LogSegment.append)', () => {
  it('first append is never indexed; then (last offset of the append, start of the append) after > 4096 bytes', () => {
    const segment = twoRecordSegment(16);
    expect(twoRecordBatch(0).length).toBe(1000);
    // Counter before each append: 0,1000,...,4000 (no entry), 5000 > 4096 at batch 5 -> entry, reset.
    expect(segment.offsetIndex.entries()).toEqual([
      { offset: 11, position: 5000 },
      { offset: 21, position: 10000 },
      { offset: 31, position: 15000 },
    ]);
    // Time index: the max timestamp so far (last record of that batch) and the batch's last offset.
    expect(segment.timeIndex.entries()).toEqual([
      { timestamp: 1051, offset: 11 },
      { timestamp: 1101, offset: 21 },
      { timestamp: 1151, offset: 31 },
    ]);
  });

  it('a single large append is not indexed, and the next one is', () => {
    const segment = new LogSegment(0, settings, 0);
    appendNext(segment, batchOf(1, 8000, 1));
    expect(segment.offsetIndex.entryCount).toBe(0);
    appendNext(segment, batchOf(1, 10, 2));
    expect(segment.offsetIndex.entries()).toEqual([{ offset: 1, position: segment.size - batchOf(1, 10, 2).length }]);
  });

  it('tracks next offset, max timestamp and its offset', () => {
    const segment = twoRecordSegment(3, 100);
    expect([segment.nextOffset, segment.maxTimestampSoFar, segment.offsetOfMaxTimestampSoFar]).toEqual([106, 1021, 105]);
    expect(segment.fileName).toBe('00000000000000000100.log');
  });
});

describe('read and translateOffset', () => {
  const segment = twoRecordSegment(16);

  it('an offset in the middle of a batch returns the containing batch', () => {
    const read = segment.read(13, 10_000)!;
    expect(read.position).toBe(6000);
    expect(read.firstBatchBaseOffset).toBe(12);
    expect(read.bytes.length).toBe(10_000);
    expect([...iterateBatches(read.bytes)].map((b) => b.baseOffset)).toEqual([12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
  });

  it('returns whole batches only, honours maxPosition and minOneMessage', () => {
    expect(segment.read(0, 2500)!.bytes.length).toBe(2000);
    expect(segment.read(0, 10_000, 3000)!.bytes.length).toBe(3000);
    expect(segment.read(0, 10, undefined, false)!.bytes.length).toBe(0);
    expect(segment.read(0, 10, undefined, true)!.bytes.length).toBe(1000);
    expect(segment.read(32, 1000)).toBeUndefined();
  });

  it('finds the first record at or after a timestamp, via the time index', () => {
    expect(segment.findOffsetByTimestamp(1051, 0)).toEqual({ timestampMs: 1051, offset: 11 });
    expect(segment.findOffsetByTimestamp(1052, 0)).toEqual({ timestampMs: 1060, offset: 12 });
    expect(segment.findOffsetByTimestamp(0, 0)).toEqual({ timestampMs: 1000, offset: 0 });
    expect(segment.findOffsetByTimestamp(0, 5)).toEqual({ timestampMs: 1021, offset: 5 });
    expect(segment.findOffsetByTimestamp(99_999, 0)).toBeUndefined();
  });
});

describe('rolling', () => {
  it('rolls on segment.bytes minus the incoming size', () => {
    const segment = twoRecordSegment(3);
    const config = { segmentBytes: 4000, segmentMs: rollConfig.segmentMs };
    expect(segment.rollReason(1000, 2000, 6, 0, config)).toBeUndefined();
    expect(segment.rollReason(1001, 2000, 6, 0, config)).toBe('segment.bytes=4000 reached');
  });

  it('rolls on segment.ms measured from the first append timestamp to the incoming one', () => {
    const segment = twoRecordSegment(1); // first append's largest timestamp is 1001
    const config = { segmentBytes: 1 << 30, segmentMs: 1000 };
    expect(segment.rollReason(10, 2001, 2, 0, config)).toBeUndefined();
    expect(segment.rollReason(10, 2002, 2, 0, config)).toMatch(/segment.ms=1000/);
    expect(new LogSegment(0, settings, 0).rollReason(10, 99_999, 0, 99_999, config)).toBeUndefined(); // empty never rolls on time
  });

  it('applies the roll jitter', () => {
    const segment = new LogSegment(0, settings, 0, 300);
    appendNext(segment, batchOf(1, 10, 1000));
    expect(segment.shouldRoll(10, 1700, 1, 0, { segmentBytes: 1 << 30, segmentMs: 1000 })).toBe(false);
    expect(segment.shouldRoll(10, 1701, 1, 0, { segmentBytes: 1 << 30, segmentMs: 1000 })).toBe(true);
  });

  it('rolls when an index is full or an offset would overflow the relative offset', () => {
    // 24 bytes: 3 offset-index slots, 2 time-index slots of which the last is reserved for the roll.
    const tiny = new LogSegment(0, { indexIntervalBytes: 0, segmentIndexBytes: 24 }, 0);
    appendNext(tiny, kiloBatch(1));
    expect(tiny.rollReason(10, 5, 1, 0, rollConfig)).toBeUndefined();
    appendNext(tiny, kiloBatch(2)); // indexed: the time index is now full
    expect(tiny.rollReason(10, 5, 2, 0, rollConfig)).toBe('time index full (2 entries)');
    const segment = twoRecordSegment(1);
    expect(segment.rollReason(10, 5, 2 ** 31, 0, rollConfig)).toMatch(/cannot be stored relative/);
  });
});

describe('truncateTo', () => {
  it('cuts the batch containing the offset and everything after, fixing indexes', () => {
    const segment = twoRecordSegment(16);
    const removed = segment.truncateTo(21, 5);
    expect(removed).toBe(6000);
    expect([segment.size, segment.nextOffset, segment.maxTimestampSoFar]).toEqual([10_000, 20, 1091]);
    expect(segment.offsetIndex.entries()).toEqual([{ offset: 11, position: 5000 }]);
    expect(segment.timeIndex.entries()).toEqual([{ timestamp: 1051, offset: 11 }]);
    expect(segment.truncateTo(0, 7)).toBe(10_000);
    expect([segment.size, segment.nextOffset, segment.createdMs, segment.rollingBasedTimestamp]).toEqual([0, 0, 7, undefined]);
  });
});

describe('recover', () => {
  it('rebuilds the same indexes and appends the largest timestamp to the time index', () => {
    const segment = twoRecordSegment(16);
    const offsetEntries = segment.offsetIndex.entries();
    const result = segment.recover();
    expect(result).toMatchObject({ validBytes: 16_000, truncatedBytes: 0, batches: 16, nextOffset: 32, maxTimestamp: 1151 });
    expect(segment.offsetIndex.entries()).toEqual(offsetEntries);
    expect(segment.timeIndex.lastEntry).toEqual({ timestamp: 1151, offset: 31 });
  });
});
