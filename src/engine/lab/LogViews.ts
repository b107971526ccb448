/**
 * Incremental views of partition logs for snapshots. Per frame, an unchanged log costs a
 * handful of number comparisons; a log that changed rebuilds only what changed since the
 * last snapshot: the active segment (and segments rolled since), never every segment. A
 * closed segment's batches and index entries are read only when a view first asks for them.
 */
import type { LogSegment, UnifiedLog } from '../log';
import type { BatchView, LogView, SegmentView } from '../snapshot';

/** Batches per segment a view carries (the most recent ones), for drawing individual cells. */
export const BATCHES_PER_SEGMENT = 64;

type IndexEntryView = SegmentView['indexEntries'][number];
type TimeIndexEntryView = SegmentView['timeIndexEntries'][number];

interface SegmentCache {
  readonly view: SegmentView;
  readonly isActive: boolean;
  readonly size: number;
  readonly indexCount: number;
  readonly timeIndexCount: number;
  /** Active segment only: where the incremental batch scan stopped, and what it found. */
  readonly scannedTo: number;
  readonly batches: readonly BatchView[];
}

interface LogCache {
  readonly log: UnifiedLog;
  /** The log's segment array and its length and first element when the view was built. */
  readonly segs: readonly LogSegment[];
  readonly count: number;
  readonly first: LogSegment;
  readonly active: LogSegment;
  readonly activeSize: number;
  readonly activeIndexCount: number;
  readonly activeTimeIndexCount: number;
  /** Bytes in every segment but the active one (closed segments do not change size). */
  readonly closedBytes: number;
  readonly broker: number;
  readonly view: LogView;
}

export class LogViews {
  private readonly logs = new Map<string, LogCache>();
  /** Keyed by the segment object: a deleted segment's view goes with it. */
  private readonly segments = new WeakMap<LogSegment, SegmentCache>();

  /** The view of `tp`'s leader log, the previous object when nothing changed. */
  view(tp: string, broker: number, log: UnifiedLog): LogView {
    const cached = this.logs.get(tp);
    if (cached && unchanged(cached, broker, log)) return cached.view;
    const segs = log.segments;
    const last = segs.length - 1;
    // Appends and rolls keep the array; retention, truncation and recovery replace or shrink it.
    const extends_ = cached !== undefined && cached.log === log && cached.segs === segs && segs.length >= cached.count && segs[0] === cached.first;
    // After a truncation the active segment may have been cut and refilled: no resuming its scan.
    if (!extends_) this.segments.delete(segs[last]!);
    const views: SegmentView[] = extends_ ? cached.view.segments.slice(0, cached.count - 1) : [];
    let closedBytes = extends_ ? cached.closedBytes : 0;
    for (let i = views.length; i < last; i++) {
      views.push(this.segmentView(segs[i]!, false));
      closedBytes += segs[i]!.size;
    }
    const active = segs[last]!;
    views.push(this.segmentView(active, true));
    const view: LogView = {
      broker,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark,
      recoveryPoint: log.recoveryPoint,
      sizeBytes: closedBytes + active.size,
      segments: views,
    };
    this.logs.set(tp, {
      log,
      segs,
      count: segs.length,
      first: segs[0]!,
      active,
      activeSize: active.size,
      activeIndexCount: active.offsetIndex.entryCount,
      activeTimeIndexCount: active.timeIndex.entryCount,
      closedBytes,
      broker,
      view,
    });
    return view;
  }

  /** Forget the logs of partitions that no longer exist. */
  prune(live: ReadonlySet<string>): void {
    for (const tp of this.logs.keys()) if (!live.has(tp)) this.logs.delete(tp);
  }

  private segmentView(segment: LogSegment, isActive: boolean): SegmentView {
    const size = segment.size;
    const indexCount = segment.offsetIndex.entryCount;
    const timeIndexCount = segment.timeIndex.entryCount;
    const cached = this.segments.get(segment);
    if (cached && cached.isActive === isActive && cached.size === size && cached.indexCount === indexCount && cached.timeIndexCount === timeIndexCount) {
      return cached.view;
    }
    const entry = isActive ? activeSegmentView(segment, cached) : closedSegmentView(segment);
    this.segments.set(segment, entry);
    return entry.view;
  }
}

function unchanged(c: LogCache, broker: number, log: UnifiedLog): boolean {
  const segs = log.segments;
  const active = segs[segs.length - 1]!;
  const v = c.view;
  return (
    c.log === log &&
    c.broker === broker &&
    c.segs === segs &&
    c.count === segs.length &&
    c.first === segs[0] &&
    c.active === active &&
    c.activeSize === active.size &&
    c.activeIndexCount === active.offsetIndex.entryCount &&
    c.activeTimeIndexCount === active.timeIndex.entryCount &&
    v.logStartOffset === log.logStartOffset &&
    v.logEndOffset === log.logEndOffset &&
    v.highWatermark === log.highWatermark &&
    v.recoveryPoint === log.recoveryPoint
  );
}

/** The active segment changes every append: extend what the previous view had. */
function activeSegmentView(segment: LogSegment, previous: SegmentCache | undefined): SegmentCache {
  const size = segment.size;
  const indexCount = segment.offsetIndex.entryCount;
  const timeIndexCount = segment.timeIndex.entryCount;
  // Scan only the bytes appended since the last snapshot; a truncation (or a first view) rescans.
  const resume = previous !== undefined && previous.isActive && previous.scannedTo <= size;
  const batches = resume ? [...previous.batches] : [];
  const scannedTo = scanBatches(segment, resume ? previous.scannedTo : 0, batches);
  const before = previous?.isActive ? previous.view : undefined;
  const view: SegmentView = {
    ...segmentFields(segment, true),
    indexEntries: extendEntries(before?.indexEntries, indexCount, (i) => offsetEntry(segment, i)),
    timeIndexEntries: extendEntries(before?.timeIndexEntries, timeIndexCount, (i) => timeEntry(segment, i)),
    batches,
  };
  return { view, isActive: true, size, indexCount, timeIndexCount, scannedTo, batches };
}

/**
 * A closed segment does not change: its batches and index entries are read on first access
 * (a reload with thousands of segments builds their views without parsing them).
 */
function closedSegmentView(segment: LogSegment): SegmentCache {
  const view = segmentFields(segment, false) as SegmentView;
  lazyField(view, 'indexEntries', () => allEntries(segment.offsetIndex.entryCount, (i) => offsetEntry(segment, i)));
  lazyField(view, 'timeIndexEntries', () => allEntries(segment.timeIndex.entryCount, (i) => timeEntry(segment, i)));
  lazyField(view, 'batches', () => {
    const batches: BatchView[] = [];
    scanBatches(segment, 0, batches);
    return batches;
  });
  return {
    view,
    isActive: false,
    size: segment.size,
    indexCount: segment.offsetIndex.entryCount,
    timeIndexCount: segment.timeIndex.entryCount,
    scannedTo: 0,
    batches: [],
  };
}

function segmentFields(segment: LogSegment, isActive: boolean): Omit<SegmentView, 'indexEntries' | 'timeIndexEntries' | 'batches'> {
  return {
    baseOffset: segment.baseOffset,
    fileName: segment.fileName,
    sizeBytes: segment.size,
    nextOffset: segment.nextOffset,
    largestTimestampMs: segment.largestTimestamp,
    isActive,
  };
}

/** An enumerable, read-only property computed once, on first read (plain data to every reader). */
function lazyField<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let value: T[K] | undefined;
  let done = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
}

function offsetEntry(segment: LogSegment, slot: number): IndexEntryView {
  const e = segment.offsetIndex.entry(slot);
  return { offset: e.offset, position: e.position };
}

function timeEntry(segment: LogSegment, slot: number): TimeIndexEntryView {
  const e = segment.timeIndex.entry(slot);
  return { timestampMs: e.timestamp, offset: e.offset };
}

function allEntries<E>(count: number, entry: (slot: number) => E): E[] {
  const out: E[] = [];
  for (let i = 0; i < count; i++) out.push(entry(i));
  return out;
}

/** The previous entries plus the ones appended since (index entries are only ever appended or truncated). */
function extendEntries<E>(previous: readonly E[] | undefined, count: number, entry: (slot: number) => E): readonly E[] {
  if (previous === undefined || previous.length > count) return allEntries(count, entry);
  if (previous.length === count) return previous;
  const out = previous.slice();
  for (let i = previous.length; i < count; i++) out.push(entry(i));
  return out;
}

/** Append views of the batches from `position` on, keeping the most recent BATCHES_PER_SEGMENT. */
function scanBatches(segment: LogSegment, position: number, out: BatchView[]): number {
  const records = segment.log;
  let pos = position;
  while (pos < records.sizeInBytes) {
    const size = records.batchSizeAt(pos);
    if (size <= 0 || pos + size > records.sizeInBytes) break;
    const batch = records.view(pos);
    out.push({
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      position: pos,
      sizeBytes: size,
      compression: batch.compression,
      maxTimestampMs: batch.maxTimestamp,
      partitionLeaderEpoch: batch.partitionLeaderEpoch,
      producerId: batch.producerId,
    });
    pos += size;
  }
  if (out.length > BATCHES_PER_SEGMENT) out.splice(0, out.length - BATCHES_PER_SEGMENT);
  return pos;
}
