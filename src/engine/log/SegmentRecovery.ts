/**
 * LogSegment.recover: walk every batch from position 0, validate it (size, magic, CRC, offsets), rebuild
 * both indexes with the recovery rule (index a batch when more than index.interval.bytes separate its
 * start from the last indexed position), feed epochs to the leader-epoch cache, and cut the file at the
 * first batch that fails.
 */
import type { RecordBatchView } from '../record/RecordBatchView';
import type { FileRecords } from './FileRecords';
import type { LeaderEpochCache } from './LeaderEpochCache';
import type { OffsetIndex } from './OffsetIndex';
import type { TimeIndex } from './TimeIndex';

export interface SegmentRecovery {
  /** Bytes of valid batches kept. */
  validBytes: number;
  truncatedBytes: number;
  /** Valid batches found. */
  batches: number;
  nextOffset: number;
  /** Last offset of the last valid batch (nextOffset - 1; baseOffset - 1 when none survived). */
  lastOffset: number;
  maxTimestamp: number;
  offsetOfMaxTimestamp: number;
  /** Highest PartitionLeaderEpoch among the valid batches, -1 if none. */
  maxEpochSeen: number;
  /** Why recovery stopped early, when it did. */
  invalidReason?: string;
}

interface RecoverableSegment {
  readonly baseOffset: number;
  readonly log: FileRecords;
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  readonly indexIntervalBytes: number;
}

function tornReason(log: FileRecords, position: number): string {
  const remaining = log.sizeInBytes - position;
  const claimed = log.declaredBatchSize(position);
  return claimed < 0 ? `torn batch header (${remaining} bytes)` : `torn batch (${remaining} of ${claimed} bytes present)`;
}

/**
 * Offsets are assigned contiguously, so inside one segment each batch starts where the previous one ended
 * (the first at the segment's base offset), and the last offset stays below the next segment's base.
 * BaseOffset sits outside the CRC, so this is what catches a damaged one. A compacted log has gaps where
 * the cleaner removed whole batches (`gapsAllowed`): there offsets must only move forward.
 */
function offsetProblem(batch: RecordBatchView, segment: RecoverableSegment, nextOffset: number, limitOffset: number, gapsAllowed: boolean): string | undefined {
  const base = batch.baseOffset;
  if (base < nextOffset) return `offset ${base} goes backwards (expected ${nextOffset})`;
  if (base > nextOffset && !gapsAllowed) return `offset ${base} skips ahead (expected ${nextOffset})`;
  if (batch.lastOffset < base) return `negative LastOffsetDelta ${batch.lastOffsetDelta}`;
  if (batch.lastOffset >= limitOffset) return `offset ${batch.lastOffset} reaches the next segment's base offset ${limitOffset}`;
  if (!segment.offsetIndex.canAppendOffset(batch.lastOffset)) return `offset ${batch.lastOffset} out of range for this segment`;
  return undefined;
}

/** The first damaged batch of a segment, without changing it: where it starts and why. */
export interface SegmentCheck {
  validBytes: number;
  problem?: string;
}

/**
 * Checks every batch (sizes, magic, CRC, offsets) without rebuilding anything: how a load finds damage in
 * segments it would otherwise trust. Only a segment that fails is then recovered (and cut).
 */
export function checkSegment(segment: RecoverableSegment, limitOffset = Number.MAX_SAFE_INTEGER, gapsAllowed = false): SegmentCheck {
  const { log } = segment;
  let validBytes = 0;
  let nextOffset = segment.baseOffset;
  while (validBytes < log.sizeInBytes) {
    const size = log.batchSizeAt(validBytes);
    if (size < 0) return { validBytes, problem: size === -1 ? tornReason(log, validBytes) : 'impossible batch size' };
    const batch = log.view(validBytes);
    const problem = batch.invalidReason() ?? offsetProblem(batch, segment, nextOffset, limitOffset, gapsAllowed);
    if (problem) return { validBytes, problem };
    nextOffset = batch.nextOffset;
    validBytes += size;
  }
  return { validBytes };
}

/** `limitOffset`: the next segment's base offset; no offset of this segment may reach it. */
export function recoverSegment(segment: RecoverableSegment, epochCache?: LeaderEpochCache, limitOffset = Number.MAX_SAFE_INTEGER, gapsAllowed = false): SegmentRecovery {
  const { log, offsetIndex, timeIndex } = segment;
  offsetIndex.reset();
  timeIndex.reset();
  let validBytes = 0;
  let lastIndexEntry = 0;
  let maxTimestamp = -1;
  let offsetOfMaxTimestamp = -1;
  let batches = 0;
  let nextOffset = segment.baseOffset;
  let maxEpochSeen = -1;
  let invalidReason: string | undefined;
  while (validBytes < log.sizeInBytes) {
    const size = log.batchSizeAt(validBytes);
    if (size < 0) {
      invalidReason = size === -1 ? tornReason(log, validBytes) : 'impossible batch size';
      break;
    }
    const batch = log.view(validBytes);
    invalidReason = batch.invalidReason() ?? offsetProblem(batch, segment, nextOffset, limitOffset, gapsAllowed);
    if (invalidReason) break;
    if (batch.maxTimestamp > maxTimestamp) {
      maxTimestamp = batch.maxTimestamp;
      offsetOfMaxTimestamp = batch.lastOffset;
    }
    if (validBytes - lastIndexEntry > segment.indexIntervalBytes && !offsetIndex.isFull() && !timeIndex.isFull()) {
      offsetIndex.append(batch.lastOffset, validBytes);
      timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
      lastIndexEntry = validBytes;
    }
    validBytes += size;
    batches++;
    nextOffset = batch.nextOffset;
    const epoch = batch.partitionLeaderEpoch;
    if (epoch > maxEpochSeen) maxEpochSeen = epoch;
    if (epochCache && epoch >= 0 && (epochCache.latestEpoch === undefined || epoch > epochCache.latestEpoch)) {
      epochCache.assign(epoch, batch.baseOffset);
    }
  }
  const truncatedBytes = log.truncateTo(validBytes);
  // A cleanly closed segment always ends its time index with its largest timestamp; recovery does too.
  timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp, true);
  if (offsetOfMaxTimestamp < 0) offsetOfMaxTimestamp = segment.baseOffset;
  return {
    validBytes, truncatedBytes, batches, nextOffset, lastOffset: nextOffset - 1, maxTimestamp, offsetOfMaxTimestamp,
    maxEpochSeen, ...(invalidReason ? { invalidReason } : {}),
  };
}
