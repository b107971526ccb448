/**
 * One segment of a partition's log (LogSegment.java): the .log bytes plus a sparse .index and .timeindex.
 * Index entries follow Kafka's rule exactly: before an append is counted, if more than
 * index.interval.bytes have been appended since the last entry, index (last offset of this append,
 * position where this append starts). So the first append is never indexed.
 */
import { FileRecords, type LogOffsetPosition, type TimestampAndOffset } from './FileRecords';
import { logFileName } from './LogFileNames';
import { OffsetIndex } from './OffsetIndex';
import { TimeIndex } from './TimeIndex';
import { recoverSegment, type SegmentRecovery } from './SegmentRecovery';
import type { LeaderEpochCache } from './LeaderEpochCache';

export interface SegmentSettings {
  indexIntervalBytes: number;
  segmentIndexBytes: number;
}

export interface SegmentRead {
  /** File position of the first returned batch. */
  position: number;
  /** Whole batches only; a view into the segment (never rewritten later). */
  bytes: Uint8Array;
  firstBatchBaseOffset: number;
}

export interface StoredSegmentBytes {
  log: Uint8Array;
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

export class LogSegment {
  readonly log: FileRecords;
  offsetIndex: OffsetIndex;
  timeIndex: TimeIndex;
  indexIntervalBytes: number;
  /** When this segment was created (or emptied by truncation): the segment.ms fallback. */
  createdMs: number;
  lastModifiedMs: number;
  /** The largest timestamp of the first append: what segment.ms counts from. */
  rollingBasedTimestamp: number | undefined;
  private bytesSinceLastIndexEntry = 0;
  private maxTs = -1;
  private offsetOfMaxTs: number;
  private next: number;

  constructor(
    readonly baseOffset: number,
    settings: SegmentSettings,
    nowMs: number,
    readonly rollJitterMs = 0,
    stored?: StoredSegmentBytes,
  ) {
    this.log = new FileRecords(stored?.log);
    this.offsetIndex = new OffsetIndex(baseOffset, settings.segmentIndexBytes, stored?.offsetIndex);
    this.timeIndex = new TimeIndex(baseOffset, settings.segmentIndexBytes, stored?.timeIndex);
    this.indexIntervalBytes = settings.indexIntervalBytes;
    this.createdMs = nowMs;
    this.lastModifiedMs = nowMs;
    this.offsetOfMaxTs = baseOffset;
    this.next = baseOffset;
    if (stored) this.loadState();
  }

  get fileName(): string { return logFileName(this.baseOffset); }
  get size(): number { return this.log.sizeInBytes; }
  get sizeInBytes(): number { return this.log.sizeInBytes; }
  /** The offset after the last batch (the base offset when empty). */
  get nextOffset(): number { return this.next; }
  get maxTimestampSoFar(): number { return this.maxTs; }
  get offsetOfMaxTimestampSoFar(): number { return this.offsetOfMaxTs; }
  /** LogSegment.largestTimestamp: the max record timestamp, or the last-modified time without one. */
  get largestTimestamp(): number { return this.maxTs >= 0 ? this.maxTs : this.lastModifiedMs; }

  /**
   * Appends whole batches. `prepare` runs on the segment's own copy before anything can see it, so the
   * leader assigns offsets and stamps epochs without mutating the caller's buffer or copying twice.
   * Returns where the bytes went and whether index entries were added.
   */
  append(
    records: Uint8Array,
    largestOffset: number,
    largestTimestamp: number,
    offsetOfLargestTimestamp: number,
    nowMs: number,
    prepare?: (buffer: Uint8Array, localPosition: number) => void,
  ): { position: number; indexed: boolean } {
    if (records.length === 0) return { position: this.size, indexed: false };
    const position = this.size;
    if (position === 0) this.rollingBasedTimestamp = largestTimestamp;
    this.offsetIndex.toRelative(largestOffset); // ensureOffsetInRange
    this.log.append(records, prepare);
    if (largestTimestamp > this.maxTs) {
      this.maxTs = largestTimestamp;
      this.offsetOfMaxTs = offsetOfLargestTimestamp;
    }
    let indexed = false;
    // An active segment rolls before its indexes fill; a cleaned one stops adding entries (as recovery does).
    if (this.bytesSinceLastIndexEntry > this.indexIntervalBytes && !this.offsetIndex.isFull() && !this.timeIndex.isFull()) {
      this.offsetIndex.append(largestOffset, position);
      this.timeIndex.maybeAppend(this.maxTs, this.offsetOfMaxTs);
      this.bytesSinceLastIndexEntry = 0;
      indexed = true;
    }
    this.bytesSinceLastIndexEntry += records.length;
    this.next = largestOffset + 1;
    this.lastModifiedMs = nowMs;
    return { position, indexed };
  }

  /** The first batch whose last offset is >= offset, searching from the index floor (translateOffset). */
  translateOffset(offset: number, startingFilePosition = 0): LogOffsetPosition | undefined {
    const mapping = this.offsetIndex.lookup(offset);
    return this.log.searchForOffset(offset, Math.max(mapping.position, startingFilePosition));
  }

  /**
   * Whole batches starting with the one containing startOffset, up to maxSize bytes (the first batch
   * always when minOneMessage) and never past maxPosition. undefined when startOffset is past the end.
   */
  read(startOffset: number, maxSize: number, maxPosition = this.size, minOneMessage = false): SegmentRead | undefined {
    const start = this.translateOffset(startOffset);
    if (!start) return undefined;
    const firstBatchBaseOffset = this.log.baseOffsetAt(start.position);
    const adjustedMaxSize = minOneMessage ? Math.max(maxSize, start.size) : maxSize;
    // A read returns one contiguous run of batches; it also stops where the storage chunk ends.
    const limit = Math.min(start.position + Math.min(maxPosition - start.position, adjustedMaxSize), this.log.contiguousEnd(start.position));
    let end = start.position;
    for (;;) {
      const size = this.log.batchSizeAt(end);
      if (size < 0 || end + size > limit) break;
      end += size;
    }
    return { position: start.position, bytes: this.log.slice(start.position, end - start.position), firstBatchBaseOffset };
  }

  /** The first record with timestamp >= target and offset >= startingOffset (ListOffsets by time). */
  findOffsetByTimestamp(timestampMs: number, startingOffset: number): TimestampAndOffset | undefined {
    const timestampOffset = this.timeIndex.lookup(timestampMs);
    const position = this.offsetIndex.lookup(Math.max(timestampOffset.offset, startingOffset)).position;
    return this.log.searchForTimestamp(timestampMs, position, startingOffset);
  }

  /** Why this segment must roll before an append, in plain words; undefined when it need not. */
  rollReason(
    messagesSize: number,
    maxTimestampInMessages: number,
    maxOffsetInMessages: number,
    nowMs: number,
    config: { segmentBytes: number; segmentMs: number },
  ): string | undefined {
    if (this.size > config.segmentBytes - messagesSize) return `segment.bytes=${config.segmentBytes} reached`;
    if (this.size > 0 && this.timeWaitedForRoll(nowMs, maxTimestampInMessages) > config.segmentMs - this.rollJitterMs) {
      return `segment.ms=${config.segmentMs} elapsed since the segment's first timestamp`;
    }
    if (this.offsetIndex.isFull()) return `offset index full (${this.offsetIndex.maxEntries} entries)`;
    if (this.timeIndex.isFull()) return `time index full (${this.timeIndex.maxEntries} entries)`;
    if (!this.offsetIndex.canAppendOffset(maxOffsetInMessages)) {
      return `offset ${maxOffsetInMessages} cannot be stored relative to base offset ${this.baseOffset}`;
    }
    return undefined;
  }

  shouldRoll(messagesSize: number, maxTimestampInMessages: number, maxOffsetInMessages: number, nowMs: number,
    config: { segmentBytes: number; segmentMs: number }): boolean {
    return this.rollReason(messagesSize, maxTimestampInMessages, maxOffsetInMessages, nowMs, config) !== undefined;
  }

  /** Kafka measures segment.ms from the first append's timestamp to the incoming one (creation time without one). */
  private timeWaitedForRoll(nowMs: number, messageTimestamp: number): number {
    const ts = this.rollingBasedTimestamp ?? -1;
    return ts >= 0 ? messageTimestamp - ts : nowMs - this.createdMs;
  }

  /**
   * On roll: record the largest timestamp in the time index (its reserved last slot), and give back the
   * room kept for appends (a 1 KiB segment would otherwise hold a 16 KiB buffer for good).
   */
  onBecomeInactiveSegment(): boolean {
    this.log.trimToSize();
    return this.timeIndex.maybeAppend(this.maxTs, this.offsetOfMaxTs, true);
  }

  /** Rebuilds indexes and validates every batch; truncates at the first invalid one (LogSegment.recover). */
  recover(epochCache?: LeaderEpochCache, limitOffset?: number, gapsAllowed = false): SegmentRecovery {
    const result = recoverSegment(this, epochCache, limitOffset, gapsAllowed);
    this.maxTs = result.maxTimestamp;
    this.offsetOfMaxTs = result.offsetOfMaxTimestamp;
    this.next = result.nextOffset;
    this.bytesSinceLastIndexEntry = 0;
    if (this.size === 0) this.rollingBasedTimestamp = undefined;
    return result;
  }

  /** Removes every batch from the one containing offset onwards; returns the bytes removed. */
  truncateTo(offset: number, nowMs: number): number {
    const mapping = this.translateOffset(offset);
    this.offsetIndex.truncateTo(offset);
    this.timeIndex.truncateTo(offset);
    const removed = mapping ? this.log.truncateTo(mapping.position) : 0;
    if (this.size === 0) {
      this.createdMs = nowMs;
      this.rollingBasedTimestamp = undefined;
    }
    this.bytesSinceLastIndexEntry = 0;
    if (removed > 0) this.loadState();
    return removed;
  }

  /** Recomputes nextOffset, max timestamp and the roll timestamp from the bytes (clean load / after truncation). */
  private loadState(): void {
    this.next = this.baseOffset;
    this.maxTs = -1;
    this.offsetOfMaxTs = this.baseOffset;
    let first = true;
    for (let pos = 0; ; ) {
      const size = this.log.batchSizeAt(pos);
      if (size < 0) break;
      const batch = this.log.view(pos);
      if (first) this.rollingBasedTimestamp = batch.maxTimestamp;
      first = false;
      if (batch.maxTimestamp > this.maxTs) {
        this.maxTs = batch.maxTimestamp;
        this.offsetOfMaxTs = batch.lastOffset;
      }
      this.next = batch.nextOffset;
      pos += size;
    }
  }
}
