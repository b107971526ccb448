/**
 * Zero-copy access to v2 batches sitting in a larger buffer (a segment's .log bytes or a Fetch response),
 * plus the in-place edits the leader makes when appending. BaseOffset and PartitionLeaderEpoch are
 * outside the CRC (it starts at Attributes), which is why the leader can stamp them without re-checksumming.
 */
import { getInt16, getInt32, getInt64, getUint32, setInt16, setInt32, setInt64 } from '../util/bytes';
import { crc32c } from '../util/crc32c';
import { compressionTypeForId, type CompressionType } from './compression/CompressionType';
import { decompress } from './compression/codecs';
import { readRecords } from './DefaultRecord';
import type { RecordCursor } from './RecordCursor';
import {
  ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK, CRC_OFFSET, DELETE_HORIZON_FLAG_MASK, LAST_OFFSET_DELTA_OFFSET, LENGTH_OFFSET,
  LOG_OVERHEAD, MAGIC_OFFSET, MAGIC_VALUE_V2, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET, RECORD_BATCH_OVERHEAD, RECORDS_COUNT_OFFSET, RECORDS_OFFSET,
  TIMESTAMP_TYPE_MASK, TRANSACTIONAL_FLAG_MASK, type LogRecord, type TimestampType,
} from './types';

/** Smallest legal value of the Length field: a header with no records. */
const MIN_BATCH_LENGTH = RECORD_BATCH_OVERHEAD - LOG_OVERHEAD;

/**
 * Size of the batch at pos (including LOG_OVERHEAD), or -1 when the bytes up to `end` hold only part
 * of it (a torn tail), or -2 when its Length field is impossible (corrupt).
 */
export function batchSizeAt(buffer: Uint8Array, pos: number, end = buffer.length): number {
  if (end - pos < LOG_OVERHEAD) return -1;
  const length = getInt32(buffer, pos + LENGTH_OFFSET);
  if (length < MIN_BATCH_LENGTH) return -2;
  return pos + LOG_OVERHEAD + length > end ? -1 : LOG_OVERHEAD + length;
}

export function baseOffsetAt(buffer: Uint8Array, pos: number): number {
  return getInt64(buffer, pos + BASE_OFFSET_OFFSET);
}

export function lastOffsetAt(buffer: Uint8Array, pos: number): number {
  return getInt64(buffer, pos + BASE_OFFSET_OFFSET) + getInt32(buffer, pos + LAST_OFFSET_DELTA_OFFSET);
}

export function maxTimestampAt(buffer: Uint8Array, pos: number): number {
  return getInt64(buffer, pos + MAX_TIMESTAMP_OFFSET);
}

export class RecordBatchView {
  constructor(readonly buffer: Uint8Array, readonly position = 0) {}

  get baseOffset(): number { return baseOffsetAt(this.buffer, this.position); }
  get lastOffsetDelta(): number { return getInt32(this.buffer, this.position + LAST_OFFSET_DELTA_OFFSET); }
  get lastOffset(): number { return this.baseOffset + this.lastOffsetDelta; }
  /** The offset right after this batch. */
  get nextOffset(): number { return this.lastOffset + 1; }
  /** Total bytes, including the 12-byte BaseOffset + Length prefix. */
  get sizeInBytes(): number { return LOG_OVERHEAD + getInt32(this.buffer, this.position + LENGTH_OFFSET); }
  get partitionLeaderEpoch(): number { return getInt32(this.buffer, this.position + PARTITION_LEADER_EPOCH_OFFSET); }
  get magic(): number { return (this.buffer[this.position + MAGIC_OFFSET]! << 24) >> 24; }
  get crc(): number { return getUint32(this.buffer, this.position + CRC_OFFSET); }
  get computedCrc(): number {
    return crc32c(this.buffer, this.position + ATTRIBUTES_OFFSET, this.position + this.sizeInBytes);
  }
  get attributes(): number { return getInt16(this.buffer, this.position + ATTRIBUTES_OFFSET); }
  get compression(): CompressionType { return compressionTypeForId(this.attributes & COMPRESSION_CODEC_MASK); }
  get timestampType(): TimestampType { return this.attributes & TIMESTAMP_TYPE_MASK ? 'LogAppendTime' : 'CreateTime'; }
  get isTransactional(): boolean { return (this.attributes & TRANSACTIONAL_FLAG_MASK) !== 0; }
  get isControl(): boolean { return (this.attributes & CONTROL_FLAG_MASK) !== 0; }
  get hasDeleteHorizon(): boolean { return (this.attributes & DELETE_HORIZON_FLAG_MASK) !== 0; }
  get baseTimestamp(): number { return getInt64(this.buffer, this.position + BASE_TIMESTAMP_OFFSET); }
  get maxTimestamp(): number { return maxTimestampAt(this.buffer, this.position); }
  get producerId(): number { return getInt64(this.buffer, this.position + PRODUCER_ID_OFFSET); }
  get producerEpoch(): number { return getInt16(this.buffer, this.position + PRODUCER_EPOCH_OFFSET); }
  get baseSequence(): number { return getInt32(this.buffer, this.position + BASE_SEQUENCE_OFFSET); }
  get recordCount(): number { return getInt32(this.buffer, this.position + RECORDS_COUNT_OFFSET); }

  /** Why this batch fails DefaultRecordBatch.ensureValid(), in plain words; undefined when valid. */
  invalidReason(): string | undefined {
    const size = batchSizeAt(this.buffer, this.position);
    if (size === -1) return 'torn batch (fewer bytes than its Length field claims)';
    if (size === -2) return `impossible batch size ${this.sizeInBytes} (minimum ${RECORD_BATCH_OVERHEAD})`;
    if (this.magic !== MAGIC_VALUE_V2) return `unsupported magic ${this.magic} (only v2 batches are supported)`;
    const stored = this.crc;
    const computed = this.computedCrc;
    if (stored !== computed) return `CRC mismatch (stored ${stored}, computed ${computed})`;
    return undefined;
  }

  /** magic is 2, the size is sane and inside the buffer, and the CRC matches. */
  isValid(): boolean {
    return this.invalidReason() === undefined;
  }

  /** Decodes (and decompresses) every record. Throws InvalidRecordException on malformed records. */
  records(): LogRecord[] {
    const start = this.position + RECORDS_OFFSET;
    const end = this.position + this.sizeInBytes;
    const logAppendTimeMs = this.timestampType === 'LogAppendTime' ? this.maxTimestamp : undefined;
    const compression = this.compression;
    if (compression === 'none') {
      return readRecords(this.buffer, start, end, this.recordCount, this.baseOffset, this.baseTimestamp, logAppendTimeMs);
    }
    const plain = decompress(compression, this.buffer.subarray(start, end));
    return readRecords(plain, 0, plain.length, this.recordCount, this.baseOffset, this.baseTimestamp, logAppendTimeMs);
  }

  /** Points `cursor` at this batch's (decompressed) records, for reading them without LogRecord objects. */
  recordCursor(cursor: RecordCursor): RecordCursor {
    const start = this.position + RECORDS_OFFSET;
    const end = this.position + this.sizeInBytes;
    const logAppendTimeMs = this.timestampType === 'LogAppendTime' ? this.maxTimestamp : undefined;
    const compression = this.compression;
    if (compression === 'none') return cursor.reset(this.buffer, start, end, this.recordCount, this.baseOffset, this.baseTimestamp, logAppendTimeMs);
    const plain = decompress(compression, this.buffer.subarray(start, end));
    return cursor.reset(plain, 0, plain.length, this.recordCount, this.baseOffset, this.baseTimestamp, logAppendTimeMs);
  }
}

export function setBaseOffset(batch: Uint8Array, position: number, baseOffset: number): void {
  setInt64(batch, position + BASE_OFFSET_OFFSET, baseOffset);
}

export function setPartitionLeaderEpoch(batch: Uint8Array, position: number, epoch: number): void {
  setInt32(batch, position + PARTITION_LEADER_EPOCH_OFFSET, epoch);
}

/** DefaultRecordBatch.setMaxTimestamp(LOG_APPEND_TIME, ts): sets bit 3 and MaxTimestamp, re-checksums. */
export function setLogAppendTime(batch: Uint8Array, position: number, timestampMs: number): void {
  const attributes = getInt16(batch, position + ATTRIBUTES_OFFSET);
  if (attributes & TIMESTAMP_TYPE_MASK && maxTimestampAt(batch, position) === timestampMs) return;
  setInt16(batch, position + ATTRIBUTES_OFFSET, attributes | TIMESTAMP_TYPE_MASK);
  setInt64(batch, position + MAX_TIMESTAMP_OFFSET, timestampMs);
  const end = position + LOG_OVERHEAD + getInt32(batch, position + LENGTH_OFFSET);
  setInt32(batch, position + CRC_OFFSET, crc32c(batch, position + ATTRIBUTES_OFFSET, end));
}

/**
 * Consecutive batches in buffer[start, end). Stops silently at a torn tail or an impossible Length,
 * as Kafka's FileLogInputStream does; callers compare the bytes consumed with the bytes given.
 */
export function* iterateBatches(buffer: Uint8Array, start = 0, end = buffer.length): Generator<RecordBatchView> {
  let pos = start;
  for (;;) {
    const size = batchSizeAt(buffer, pos, end);
    if (size < 0) return;
    yield new RecordBatchView(buffer, pos);
    pos += size;
  }
}
