/**
 * One cleaning of one log (Kafka's LogCleaner.Cleaner.doClean, 2.4.1 and 3.9 core/…/log/LogCleaner.scala):
 * map every key of the dirty section to its last offset, then recopy the segments below the map's end in
 * groups, keeping a record if it is past the map, or the latest for its key and either has a value or is a
 * tombstone that must still be kept. Cleaned segments replace the old ones with every offset unchanged.
 *
 * Tombstones differ by profile:
 * - 2.4: a tombstone is dropped from a segment whose last-modified time is at or before the horizon
 *   (last modified time of the last clean segment − delete.retention.ms; 0 on the first cleaning).
 * - 3.9 (KIP-534): the first cleaning that keeps a tombstone stamps its batch with a delete horizon
 *   (now + delete.retention.ms) in BaseTimestamp and attribute bit 6; a later cleaning drops it once now ≥ it.
 */
import type { KafkaVersion } from '../../config/types';
import { RecordBatchView } from '../../record/RecordBatchView';
import type { LogRecord } from '../../record/types';
import { LogSegment } from '../LogSegment';
import type { UnifiedLog } from '../UnifiedLog';
import { logSegments, type CleanableRange } from './LogToClean';
import type { OffsetMap } from './OffsetMap';
import { buildRetainedBatch, emptyBatchHeader } from './RetainedBatch';

/** What one cleaning read and wrote (Kafka's CleanerStats), for the event and the views. */
export interface CleanerStats {
  segmentsRead: number;
  segmentsWritten: number;
  messagesRead: number;
  messagesWritten: number;
  bytesRead: number;
  bytesWritten: number;
  tombstonesRemoved: number;
  /** Keys in the offset map and its share of the dedupe buffer. */
  mapKeys: number;
  bufferUtilization: number;
  /** The offset map filled up before the end of the dirty section: the rest waits for the next cleaning. */
  mapFull: boolean;
}

function newStats(): CleanerStats {
  return { segmentsRead: 0, segmentsWritten: 0, messagesRead: 0, messagesWritten: 0, bytesRead: 0, bytesWritten: 0, tombstonesRemoved: 0, mapKeys: 0, bufferUtilization: 0, mapFull: false };
}

/** OffsetIndex / TimeIndex entry sizes, for the group bound on index bytes. */
const OFFSET_INDEX_ENTRY_BYTES = 8;
const TIME_INDEX_ENTRY_BYTES = 12;
const INT_MAX_VALUE = 2147483647;

interface SegmentFilter {
  nowMs: number;
  deleteRetentionMs: number;
  /** 2.4: this source segment's tombstones are kept (its mtime is after the legacy horizon). */
  retainLegacyDeletes: boolean;
  /** Per producer id, the last offset of its last batch in the log: that batch is kept, if need be empty. */
  lastBatchOfProducer: ReadonlyMap<number, number>;
}

export class Cleaner {
  constructor(
    readonly offsetMap: OffsetMap,
    private readonly loadFactor: number,
    private readonly profile: KafkaVersion,
  ) {}

  /** Cleans the log; returns the first offset not cleaned (the new checkpoint) and the statistics. */
  clean(range: CleanableRange, nowMs: number): { endOffset: number; stats: CleanerStats } {
    const { log, firstDirtyOffset, firstUncleanableOffset } = range;
    const stats = newStats();
    const lastClean = logSegments(log.segments, 0, firstDirtyOffset).at(-1);
    const legacyDeleteHorizonMs = lastClean ? lastClean.lastModifiedMs - log.config.deleteRetentionMs : 0;
    stats.mapFull = this.buildOffsetMap(log, firstDirtyOffset, firstUncleanableOffset);
    const endOffset = this.offsetMap.latestOffset + 1;
    stats.mapKeys = this.offsetMap.size;
    stats.bufferUtilization = this.offsetMap.utilization;
    const groups = groupSegmentsBySize(logSegments(log.segments, 0, endOffset), log.config.segmentBytes, log.config.segmentIndexBytes, firstUncleanableOffset);
    const lastBatchOfProducer = lastBatchOffsets(log.segments);
    for (const group of groups) this.cleanSegments(log, group, nowMs, legacyDeleteHorizonMs, lastBatchOfProducer, stats);
    return { endOffset, stats };
  }

  /** buildOffsetMap: every key in [start, end) → its last offset. Returns true if the map filled up first. */
  private buildOffsetMap(log: UnifiedLog, start: number, end: number): boolean {
    this.offsetMap.clear();
    const dirty = logSegments(log.segments, start, end);
    // Kafka requires room for more than one key; the lab lets a tiny buffer hold at least one.
    const maxDesiredMapSize = Math.max(1, Math.floor(this.offsetMap.slots * this.loadFactor));
    for (let i = 0; i < dirty.length; i++) {
      const next = dirty[i + 1]?.baseOffset ?? end;
      if (this.mapSegment(dirty[i]!, start, next, maxDesiredMapSize)) return true;
    }
    return false;
  }

  private mapSegment(segment: LogSegment, start: number, nextSegmentStartOffset: number, maxDesiredMapSize: number): boolean {
    const map = this.offsetMap;
    for (let position = segment.offsetIndex.lookup(start).position; ; ) {
      const size = segment.log.batchSizeAt(position);
      if (size < 0) break;
      const batch = segment.log.view(position);
      if (!batch.isControl) {
        for (const record of batch.records()) {
          if (record.key === null || record.offset < start) continue;
          if (map.size >= maxDesiredMapSize) return true;
          map.put(record.key, record.offset);
        }
      }
      if (batch.lastOffset >= start) map.updateLatestOffset(batch.lastOffset);
      position += size;
    }
    // In the case of offset gaps, fast forward to the latest offset this segment may hold.
    map.updateLatestOffset(nextSegmentStartOffset - 1);
    return false;
  }

  /** cleanSegments: the group's retained batches into one new segment, swapped in for the group. */
  private cleanSegments(log: UnifiedLog, group: readonly LogSegment[], nowMs: number, legacyDeleteHorizonMs: number,
    lastBatchOfProducer: ReadonlyMap<number, number>, stats: CleanerStats): void {
    const cleaned = new LogSegment(group[0]!.baseOffset, log.config, nowMs);
    for (const source of group) {
      const filter: SegmentFilter = {
        nowMs, deleteRetentionMs: log.config.deleteRetentionMs, lastBatchOfProducer,
        retainLegacyDeletes: source.lastModifiedMs > legacyDeleteHorizonMs,
      };
      this.cleanInto(source, cleaned, filter, stats);
    }
    cleaned.onBecomeInactiveSegment();
    // The cleaned segment keeps the last modified time of the files it replaces.
    cleaned.lastModifiedMs = group[group.length - 1]!.lastModifiedMs;
    log.replaceSegments(cleaned, group);
    stats.segmentsRead += group.length;
    stats.segmentsWritten++;
  }

  /** cleanInto: filter every batch of `source` and append what is retained to `dest`, batch by batch. */
  private cleanInto(source: LogSegment, dest: LogSegment, filter: SegmentFilter, stats: CleanerStats): void {
    for (let position = 0; ; ) {
      const size = source.log.batchSizeAt(position);
      if (size < 0) break;
      stats.bytesRead += size;
      const kept = this.filterBatch(source.log.view(position), size, filter, stats);
      if (kept) {
        // Indexed per batch, as 3.9's LogSegment.append does for the batches of one append.
        const batch = new RecordBatchView(kept);
        dest.append(kept, batch.lastOffset, batch.maxTimestamp, batch.lastOffset, filter.nowMs);
        stats.bytesWritten += kept.length;
      }
      position += size;
    }
  }

  /** MemoryRecords.filterTo for one batch: its bytes as kept, re-encoded, emptied, or undefined when dropped. */
  private filterBatch(batch: RecordBatchView, size: number, filter: SegmentFilter, stats: CleanerStats): Uint8Array | undefined {
    const original = batch.buffer.subarray(batch.position, batch.position + size);
    // The lab has no transactions, so a control batch (there are none) would be kept as it is.
    if (batch.isControl) return original;
    const records = batch.records();
    const retained: LogRecord[] = [];
    for (const record of records) {
      if (this.shouldRetainRecord(batch, record, filter)) retained.push(record);
      else if (record.value === null && record.key !== null && this.offsetMap.get(record.key) <= record.offset) stats.tombstonesRemoved++;
    }
    stats.messagesRead += records.length;
    stats.messagesWritten += retained.length;
    if (retained.length > 0) {
      const containsTombstones = retained.some((r) => r.value === null);
      // KIP-534 (3.x): a batch whose tombstones are kept for the first time gets its delete horizon now.
      const needToSetDeleteHorizon = this.profile !== '2.4' && containsTombstones && !batch.hasDeleteHorizon;
      if (retained.length === records.length && !needToSetDeleteHorizon) return original;
      const horizonMs = needToSetDeleteHorizon ? filter.nowMs + filter.deleteRetentionMs : batch.hasDeleteHorizon ? batch.baseTimestamp : -1;
      return buildRetainedBatch(batch, retained, horizonMs);
    }
    // BatchRetention.RETAIN_EMPTY: a producer's last batch keeps its sequence numbers for deduplication.
    const isLastOfProducer = batch.producerId >= 0 && filter.lastBatchOfProducer.get(batch.producerId) === batch.lastOffset;
    return isLastOfProducer ? emptyBatchHeader(batch) : undefined;
  }

  /** Cleaner.shouldRetainRecord. */
  private shouldRetainRecord(batch: RecordBatchView, record: LogRecord, filter: SegmentFilter): boolean {
    if (record.offset > this.offsetMap.latestOffset) return true;
    if (record.key === null) return false; // Kafka counts it as an invalid message and drops it
    const latestOffsetForKey = record.offset >= this.offsetMap.get(record.key);
    if (!latestOffsetForKey) return false;
    if (record.value !== null) return true;
    if (this.profile === '2.4') return filter.retainLegacyDeletes;
    return !batch.hasDeleteHorizon || filter.nowMs < batch.baseTimestamp;
  }
}

/**
 * groupSegmentsBySize: adjacent segments are cleaned into one while the log bytes stay ≤ segment.bytes,
 * each index stays ≤ segment.index.bytes and the offsets span ≤ Int.MaxValue.
 */
export function groupSegmentsBySize(segments: readonly LogSegment[], maxSize: number, maxIndexSize: number, firstUncleanableOffset: number): LogSegment[][] {
  const groups: LogSegment[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]!];
    let logSize = segments[i]!.size;
    let indexSize = segments[i]!.offsetIndex.entryCount * OFFSET_INDEX_ENTRY_BYTES;
    let timeIndexSize = segments[i]!.timeIndex.entryCount * TIME_INDEX_ENTRY_BYTES;
    i++;
    while (i < segments.length) {
      const next = segments[i]!;
      const nextIndex = next.offsetIndex.entryCount * OFFSET_INDEX_ENTRY_BYTES;
      const nextTimeIndex = next.timeIndex.entryCount * TIME_INDEX_ENTRY_BYTES;
      // The last offset of `next`, estimated from the segment after it (or the first uncleanable offset).
      const lastOffset = (segments[i + 1]?.baseOffset ?? firstUncleanableOffset) - 1;
      const fits = logSize + next.size <= maxSize && indexSize + nextIndex <= maxIndexSize && timeIndexSize + nextTimeIndex <= maxIndexSize;
      if (!fits || (next.size > 0 && lastOffset - group[group.length - 1]!.baseOffset > INT_MAX_VALUE)) break;
      group.push(next);
      logSize += next.size;
      indexSize += nextIndex;
      timeIndexSize += nextTimeIndex;
      i++;
    }
    groups.push(group);
  }
  return groups;
}

/** Per producer id, the last offset of its last batch (Kafka: lastRecordsOfActiveProducers; none expire in the lab). */
export function lastBatchOffsets(segments: readonly LogSegment[]): Map<number, number> {
  const last = new Map<number, number>();
  for (const segment of segments) {
    for (let position = 0; ; ) {
      const size = segment.log.batchSizeAt(position);
      if (size < 0) break;
      const batch = segment.log.view(position);
      if (batch.producerId >= 0) last.set(batch.producerId, batch.lastOffset);
      position += size;
    }
  }
  return last;
}
