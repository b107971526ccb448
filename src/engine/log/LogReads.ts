/**
 * Read paths of UnifiedLog: Fetch (LocalLog.read) and ListOffsets (UnifiedLog.fetchOffsetByTimestamp).
 */
import { KafkaLogError } from './errors';
import type { TimestampAndOffset } from './FileRecords';
import type { LeaderEpochCache } from './LeaderEpochCache';
import type { LogSegment } from './LogSegment';
import type { LogReadResult } from './LogTypes';

/** ListOffsetsRequest special timestamps. */
export const EARLIEST_TIMESTAMP = -2;
export const LATEST_TIMESTAMP = -1;
export const MAX_TIMESTAMP = -3;

const EMPTY = new Uint8Array(0);

/** Index of the last segment whose base offset is <= offset (segments are sorted), or -1. */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Byte position in `segment` that reads must stop at so nothing at or above maxOffset is returned. */
function maxPositionFor(segment: LogSegment, maxOffset: number): number {
  if (maxOffset >= segment.nextOffset) return segment.size;
  if (maxOffset <= segment.baseOffset) return 0;
  // The batch containing maxOffset starts here; a batch straddling maxOffset is excluded entirely.
  return segment.translateOffset(maxOffset)?.position ?? segment.size;
}

export interface ReadRequest {
  startOffset: number;
  maxBytes: number;
  isolationMaxOffset: number;
  minOneMessage: boolean;
}

export function readLog(segments: readonly LogSegment[], logStartOffset: number, logEndOffset: number, tp: string, req: ReadRequest): LogReadResult {
  const { startOffset } = req;
  let index = floorSegmentIndex(segments, startOffset);
  if (startOffset < logStartOffset || startOffset > logEndOffset || index < 0) {
    throw new KafkaLogError(
      'OFFSET_OUT_OF_RANGE',
      `Received request for offset ${startOffset} for partition ${tp}, but we only have log segments from offset ${logStartOffset} up to ${logEndOffset}.`,
    );
  }
  const maxOffset = Math.min(req.isolationMaxOffset, logEndOffset);
  if (startOffset >= maxOffset) return { records: EMPTY, firstOffset: startOffset };
  // The floor segment may hold nothing at or after startOffset (its tail was deleted or it is empty): move on.
  for (; index < segments.length; index++) {
    const segment = segments[index]!;
    const read = segment.read(startOffset, req.maxBytes, maxPositionFor(segment, maxOffset), req.minOneMessage);
    if (read) {
      return read.bytes.length > 0
        ? { records: read.bytes, firstOffset: read.firstBatchBaseOffset }
        : { records: EMPTY, firstOffset: startOffset };
    }
  }
  return { records: EMPTY, firstOffset: startOffset };
}

function maxTimestampOffset(segments: readonly LogSegment[]): TimestampAndOffset | undefined {
  let best: LogSegment | undefined;
  for (const s of segments) if (!best || s.maxTimestampSoFar > best.maxTimestampSoFar) best = s;
  if (!best || best.maxTimestampSoFar < 0) return undefined;
  const target = best.maxTimestampSoFar;
  const position = best.offsetIndex.lookup(best.offsetOfMaxTimestampSoFar).position;
  for (let pos = position; ; ) {
    const size = best.log.batchSizeAt(pos);
    if (size < 0) return undefined;
    const batch = best.log.view(pos);
    if (batch.maxTimestamp === target) {
      const record = batch.records().find((r) => r.timestampMs === target);
      if (!record) return undefined;
      const epoch = batch.partitionLeaderEpoch;
      return epoch >= 0 ? { timestampMs: target, offset: record.offset, leaderEpoch: epoch } : { timestampMs: target, offset: record.offset };
    }
    pos += size;
  }
}

export function fetchOffsetByTimestamp(
  segments: readonly LogSegment[],
  logStartOffset: number,
  logEndOffset: number,
  epochCache: LeaderEpochCache,
  timestampMs: number,
): TimestampAndOffset | undefined {
  if (timestampMs === EARLIEST_TIMESTAMP) {
    const earliest = epochCache.earliestEntry;
    // The first cached epoch only describes logStartOffset if it starts at or before it.
    return earliest && earliest.startOffset <= logStartOffset
      ? { timestampMs: -1, offset: logStartOffset, leaderEpoch: earliest.epoch }
      : { timestampMs: -1, offset: logStartOffset };
  }
  if (timestampMs === LATEST_TIMESTAMP) {
    const latest = epochCache.latestEpoch;
    return latest === undefined ? { timestampMs: -1, offset: logEndOffset } : { timestampMs: -1, offset: logEndOffset, leaderEpoch: latest };
  }
  if (timestampMs === MAX_TIMESTAMP) return maxTimestampOffset(segments);
  const target = segments.find((s) => s.largestTimestamp >= timestampMs);
  return target?.findOffsetByTimestamp(timestampMs, logStartOffset);
}
