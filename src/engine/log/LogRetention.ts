/**
 * Time and size retention (UnifiedLog.deleteOldSegments, semantics §2.6). Three passes, in Kafka's
 * order: logStartOffset breach, then retention.bytes, then retention.ms. Each walks from the oldest
 * segment and stops at the first one that fails; a segment is only eligible when the high watermark has
 * reached its upper bound (next segment's base, or the LEO), and an empty last segment never is.
 */
import { hasDeletePolicy, type LogConfig } from './LogConfig';
import type { LogSegment } from './LogSegment';

export type RetentionPredicate = (segment: LogSegment, next: LogSegment | undefined) => boolean;

export interface RetentionHost {
  readonly segments: readonly LogSegment[];
  readonly logEndOffset: number;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly size: number;
  readonly config: LogConfig;
  /** Deletes the segments (rolling first if they are all of them); returns how many were deleted. */
  deleteSegments(deletable: LogSegment[], reason: string, nowMs: number): number;
}

/** LocalLog.deletableSegments with UnifiedLog's high-watermark guard folded in. */
export function deletableSegments(host: RetentionHost, predicate: RetentionPredicate): LogSegment[] {
  const segments = host.segments;
  const deletable: LogSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    const upperBound = next ? next.baseOffset : host.logEndOffset;
    // The HW guard comes first, so the size predicate only counts segments that pass it (as in Kafka).
    const eligible = host.highWatermark >= upperBound && predicate(segment, next);
    const isLastAndEmpty = next === undefined && segment.size === 0;
    if (!eligible || isLastAndEmpty) break;
    deletable.push(segment);
  }
  return deletable;
}

function deleteWith(host: RetentionHost, predicate: RetentionPredicate, reason: string, nowMs: number): number {
  const deletable = deletableSegments(host, predicate);
  return deletable.length === 0 ? 0 : host.deleteSegments(deletable, reason, nowMs);
}

function deleteLogStartOffsetBreached(host: RetentionHost, nowMs: number): number {
  const lso = host.logStartOffset;
  return deleteWith(host, (_s, next) => next !== undefined && next.baseOffset <= lso, `log start offset ${lso} breach`, nowMs);
}

function deleteRetentionSizeBreached(host: RetentionHost, nowMs: number): number {
  const retentionBytes = host.config.retentionBytes;
  if (retentionBytes < 0 || host.size < retentionBytes) return 0;
  let diff = host.size - retentionBytes;
  const predicate: RetentionPredicate = (segment) => {
    if (diff - segment.size < 0) return false;
    diff -= segment.size;
    return true;
  };
  return deleteWith(host, predicate, `retention.bytes=${retentionBytes} breach (log size was ${host.size} bytes)`, nowMs);
}

function deleteRetentionMsBreached(host: RetentionHost, nowMs: number): number {
  const retentionMs = host.config.retentionMs;
  if (retentionMs < 0) return 0;
  return deleteWith(
    host,
    (segment) => nowMs - segment.largestTimestamp > retentionMs,
    `retention.ms=${retentionMs} breach (largest record timestamp older than ${nowMs - retentionMs})`,
    nowMs,
  );
}

/** Returns the number of segments deleted. Only the logStartOffset pass runs without cleanup.policy=delete. */
export function deleteOldSegments(host: RetentionHost, nowMs: number): number {
  let deleted = deleteLogStartOffsetBreached(host, nowMs);
  if (hasDeletePolicy(host.config)) {
    deleted += deleteRetentionSizeBreached(host, nowMs);
    deleted += deleteRetentionMsBreached(host, nowMs);
  }
  return deleted;
}
