/**
 * Which part of a log can be cleaned and how dirty it is (2.4.1 and 3.9 core/…/log/LogCleanerManager.scala:
 * cleanableOffsets, maxCompactionDelay, calculateCleanableBytes; LogCleaner.scala: LogToClean).
 */
import type { KafkaVersion } from '../../config/types';
import { hasCompactPolicy } from '../LogConfig';
import type { LogSegment } from '../LogSegment';
import type { UnifiedLog } from '../UnifiedLog';

/** A log and the offsets one cleaning covers: [firstDirtyOffset, firstUncleanableOffset) is mapped. */
export interface CleanableRange {
  log: UnifiedLog;
  firstDirtyOffset: number;
  firstUncleanableOffset: number;
}

export interface LogToClean extends CleanableRange {
  /** Partition directory name, e.g. "__consumer_offsets-12". */
  tp: string;
  cleanBytes: number;
  cleanableBytes: number;
  totalBytes: number;
  /** cleanableBytes / totalBytes: the "dirty ratio". */
  cleanableRatio: number;
  /** max.compaction.lag.ms has passed for some dirty record. */
  needCompactionNow: boolean;
}

export interface OffsetsToClean {
  firstDirtyOffset: number;
  firstUncleanableDirtyOffset: number;
  /** The checkpoint was invalid and must be reset to firstDirtyOffset. */
  forceUpdateCheckpoint: boolean;
}

/** UnifiedLog.logSegments(from, to): the segment holding `from` (its floor) and every later one starting before `to`. */
export function logSegments(segments: readonly LogSegment[], from: number, to: number): LogSegment[] {
  if (from >= to) return [];
  let floor = -Infinity;
  for (const s of segments) if (s.baseOffset <= from) floor = s.baseOffset;
  return segments.filter((s) => s.baseOffset >= floor && s.baseOffset < to);
}

function nonActiveLogSegmentsFrom(log: UnifiedLog, from: number): LogSegment[] {
  return logSegments(log.segments, from, log.activeSegment.baseOffset);
}

/**
 * cleanableOffsets: the first dirty offset (the checkpoint, reset to logStartOffset when it is below it or
 * beyond the LEO) and the first offset that may not be cleaned: the active segment's base offset, the first
 * segment newer than min.compaction.lag.ms, and in 3.9 the last stable offset (≤ HW; the lab has no
 * transactions, so it is the HW). 2.4 bounds it only by the first unstable offset, which exists only while a
 * transaction is open: never in the lab, so the HW does not bound 2.4's cleaning.
 */
export function cleanableOffsets(log: UnifiedLog, lastCleanOffset: number | undefined, nowMs: number, profile: KafkaVersion): OffsetsToClean {
  const checkpoint = lastCleanOffset ?? log.logStartOffset;
  const invalid = checkpoint < log.logStartOffset || checkpoint > log.logEndOffset;
  const firstDirtyOffset = invalid ? log.logStartOffset : checkpoint;
  const bounds = [log.activeSegment.baseOffset];
  if (profile !== '2.4') bounds.push(log.highWatermark);
  const minCompactionLagMs = Math.max(log.config.minCompactionLagMs, 0);
  if (minCompactionLagMs > 0) {
    const young = nonActiveLogSegmentsFrom(log, firstDirtyOffset).find((s) => s.largestTimestamp > nowMs - minCompactionLagMs);
    if (young) bounds.push(young.baseOffset);
  }
  return { firstDirtyOffset, firstUncleanableDirtyOffset: Math.max(firstDirtyOffset, Math.min(...bounds)), forceUpdateCheckpoint: invalid };
}

/** maxCompactionDelay: how far past max.compaction.lag.ms the oldest dirty segment's first batch is (0 if not). */
export function maxCompactionDelay(log: UnifiedLog, firstDirtyOffset: number, nowMs: number): number {
  let earliest = Infinity;
  for (const s of nonActiveLogSegmentsFrom(log, firstDirtyOffset)) {
    const first = s.rollingBasedTimestamp;
    if (first !== undefined && first > 0 && first < earliest) earliest = first;
  }
  const cleanUntilMs = nowMs - Math.max(log.config.maxCompactionLagMs, 0);
  return earliest < cleanUntilMs ? cleanUntilMs - earliest : 0;
}

function sizeOf(segments: readonly LogSegment[]): number {
  let total = 0;
  for (const s of segments) total += s.size;
  return total;
}

/** LogToClean: clean bytes below the first dirty offset, cleanable bytes up to the first uncleanable segment. */
export function logToClean(tp: string, log: UnifiedLog, firstDirtyOffset: number, uncleanableOffset: number, needCompactionNow: boolean): LogToClean {
  const cleanBytes = sizeOf(logSegments(log.segments, -1, firstDirtyOffset));
  // calculateCleanableBytes: cleaning stops at the start of the segment holding the uncleanable offset.
  const firstUncleanableSegment = nonActiveLogSegmentsFrom(log, uncleanableOffset)[0] ?? log.activeSegment;
  const firstUncleanableOffset = firstUncleanableSegment.baseOffset;
  const cleanableBytes = sizeOf(logSegments(log.segments, Math.min(firstDirtyOffset, firstUncleanableOffset), firstUncleanableOffset));
  const totalBytes = cleanBytes + cleanableBytes;
  return {
    tp, log, firstDirtyOffset, firstUncleanableOffset, cleanBytes, cleanableBytes, totalBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes, needCompactionNow,
  };
}

/**
 * Below this offset the log cleaner may have rewritten `log` (everything under the active segment of a
 * compacted log; 0 otherwise). Replicas compact independently, so there two replicas' batches may differ
 * and a record may be missing without being lost: checkers compare only above it.
 */
export function compactedBelow(log: UnifiedLog): number {
  return hasCompactPolicy(log.config) ? log.activeSegment.baseOffset : 0;
}

/** Whether the log cleaner may have removed the record at `offset`. */
export function mayBeCompactedAway(log: UnifiedLog, offset: number): boolean {
  return offset < compactedBelow(log);
}
