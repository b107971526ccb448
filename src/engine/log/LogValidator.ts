/**
 * Checks the batches of one append before anything is written (UnifiedLog.analyzeAndValidateRecords and
 * LogValidator.validateBatch). Producer (client) appends get the full checks; follower appends skip the
 * size and client-only rules, exactly as Kafka does, but must have monotonic offsets.
 */
import { batchSizeAt, RecordBatchView, setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch } from '../record/RecordBatchView';
import { getInt32 } from '../util/bytes';
import { LAST_OFFSET_DELTA_OFFSET, RECORD_BATCH_OVERHEAD } from '../record/types';
import { KafkaLogError } from './errors';
import { hasCompactPolicy, type LogConfig } from './LogConfig';

export type AppendOrigin = 'client' | 'replication';

export interface AppendAnalysis {
  batchCount: number;
  /** Bytes of whole batches; a torn tail after them is dropped, as Kafka's trimInvalidBytes does. */
  validBytes: number;
  numRecords: number;
  /** Offsets the batches span: sum of (lastOffsetDelta + 1). */
  offsetSpan: number;
  firstBatchBaseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  /** Last offset (as given in the input) of the batch holding maxTimestamp. */
  offsetOfMaxTimestamp: number;
  /** The same, counted in offsets from the start of the append (for offsets the leader assigns). */
  relativeOffsetOfMaxTimestamp: number;
  offsetsMonotonic: boolean;
}

function validateClientBatch(batch: RecordBatchView, config: LogConfig, tp: string): void {
  const count = batch.recordCount;
  if (batch.lastOffsetDelta < 0) {
    throw new KafkaLogError('INVALID_RECORD', `Batch has an invalid offset range: [${batch.baseOffset}, ${batch.lastOffset}] in append to ${tp}`);
  }
  if (count !== batch.lastOffsetDelta + 1) {
    throw new KafkaLogError('INVALID_RECORD', `Inconsistent batch offset range [${batch.baseOffset}, ${batch.lastOffset}] and count of records ${count} in append to ${tp}`);
  }
  if (batch.isControl) throw new KafkaLogError('INVALID_RECORD', 'Clients are not allowed to write control records');
  if (batch.producerId >= 0 && batch.baseSequence < 0) {
    throw new KafkaLogError('INVALID_RECORD', `Invalid sequence number ${batch.baseSequence} in record batch with producerId ${batch.producerId}`);
  }
  if (hasCompactPolicy(config) && batch.records().some((r) => r.key === null)) {
    throw new KafkaLogError('INVALID_RECORD', `Compacted topic cannot accept message without key in topic partition ${tp}.`);
  }
}

function validateBatch(batch: RecordBatchView, origin: AppendOrigin, config: LogConfig, tp: string): void {
  const size = batch.sizeInBytes;
  if (origin === 'client' && size > config.maxMessageBytes) {
    throw new KafkaLogError('MESSAGE_TOO_LARGE', `The record batch size in the append to ${tp} is ${size} bytes which exceeds the maximum configured value of ${config.maxMessageBytes}.`);
  }
  const reason = batch.invalidReason();
  if (reason) throw new KafkaLogError('CORRUPT_MESSAGE', `Record batch is corrupt in topic partition ${tp}: ${reason}`);
  if (origin === 'client') {
    try {
      validateClientBatch(batch, config, tp);
    } catch (e) {
      if (e instanceof KafkaLogError) throw e;
      throw new KafkaLogError('CORRUPT_MESSAGE', `Record batch is corrupt in topic partition ${tp}: ${(e as Error).message}`);
    }
  }
}

export function analyzeAndValidate(input: Uint8Array, origin: AppendOrigin, config: LogConfig, tp: string): AppendAnalysis {
  const a: AppendAnalysis = {
    batchCount: 0, validBytes: 0, numRecords: 0, offsetSpan: 0, firstBatchBaseOffset: -1, lastOffset: -1,
    maxTimestamp: -1, offsetOfMaxTimestamp: -1, relativeOffsetOfMaxTimestamp: -1, offsetsMonotonic: true,
  };
  for (let pos = 0; ; ) {
    const size = batchSizeAt(input, pos);
    if (size === -2) {
      throw new KafkaLogError('CORRUPT_MESSAGE', `Record batch at byte ${pos} in append to ${tp} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD}`);
    }
    if (size < 0) break;
    const batch = new RecordBatchView(input, pos);
    validateBatch(batch, origin, config, tp);
    if (a.batchCount === 0) a.firstBatchBaseOffset = batch.baseOffset;
    if (a.lastOffset >= batch.lastOffset) a.offsetsMonotonic = false;
    a.lastOffset = batch.lastOffset;
    a.offsetSpan += batch.lastOffsetDelta + 1;
    if (batch.maxTimestamp > a.maxTimestamp) {
      a.maxTimestamp = batch.maxTimestamp;
      a.offsetOfMaxTimestamp = batch.lastOffset;
      a.relativeOffsetOfMaxTimestamp = a.offsetSpan - 1;
    }
    a.numRecords += batch.recordCount;
    a.batchCount++;
    pos += size;
    a.validBytes = pos;
  }
  if (a.validBytes > config.segmentBytes) {
    throw new KafkaLogError('RECORD_LIST_TOO_LARGE', `Message batch size is ${a.validBytes} bytes in append to partition ${tp} which exceeds the maximum configured segment size of ${config.segmentBytes}.`);
  }
  return a;
}

/**
 * What the leader does to validated batches, in the log's own copy: consecutive offsets from firstOffset,
 * its epoch in PartitionLeaderEpoch (neither is covered by the CRC), and under LogAppendTime the broker
 * time in MaxTimestamp (which is, so the CRC is recomputed).
 */
export function assignOffsetsAndStamp(
  buffer: Uint8Array, position: number, length: number, firstOffset: number, leaderEpoch: number, logAppendTimeMs?: number,
): void {
  let next = firstOffset;
  for (let pos = position; pos < position + length; pos += batchSizeAt(buffer, pos)) {
    setBaseOffset(buffer, pos, next);
    setPartitionLeaderEpoch(buffer, pos, leaderEpoch);
    if (logAppendTimeMs !== undefined) setLogAppendTime(buffer, pos, logAppendTimeMs);
    next += getInt32(buffer, pos + LAST_OFFSET_DELTA_OFFSET) + 1;
  }
}
