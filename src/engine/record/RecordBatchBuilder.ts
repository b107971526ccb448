/**
 * Builds a complete v2 record batch (LOG_OVERHEAD prefix included, CRC filled in), byte for byte as
 * Kafka's MemoryRecordsBuilder would. Uncompressed batches are sized exactly and written in one
 * allocation; compressed ones write their records into a reused scratch buffer first.
 */
import { setInt16, setInt32, setInt64, sizeOfVarint } from '../util/bytes';
import { crc32c } from '../util/crc32c';
import { compressionTypeId } from './compression/CompressionType';
import { compress } from './compression/codecs';
import { recordBodySize, writeRecord } from './DefaultRecord';
import {
  ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, CONTROL_FLAG_MASK,
  CRC_OFFSET, LAST_OFFSET_DELTA_OFFSET, LENGTH_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, MAGIC_VALUE_V2,
  MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD, RECORDS_COUNT_OFFSET, TIMESTAMP_TYPE_MASK, TRANSACTIONAL_FLAG_MASK,
  type BatchOptions, type SimpleRecord,
} from './types';

// Reused across calls: body sizes per record, and the uncompressed records (after a header-sized gap) of
// a compressed batch.
let bodySizes = new Int32Array(1024);
let scratch = new Uint8Array(64 * 1024);

function attributesFor(options: BatchOptions): number {
  let attributes = compressionTypeId(options.compression ?? 'none');
  if (options.timestampType === 'LogAppendTime') attributes |= TIMESTAMP_TYPE_MASK;
  if (options.isTransactional) attributes |= TRANSACTIONAL_FLAG_MASK;
  if (options.isControl) attributes |= CONTROL_FLAG_MASK;
  return attributes;
}

/** Computes every record's body size into bodySizes; returns the records section's total size. */
function measure(records: readonly SimpleRecord[], baseTimestamp: number): number {
  if (bodySizes.length < records.length) bodySizes = new Int32Array(records.length * 2);
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const body = recordBodySize(records[i]!, i, records[i]!.timestampMs - baseTimestamp);
    bodySizes[i] = body;
    total += sizeOfVarint(body) + body;
  }
  return total;
}

function writeRecords(out: Uint8Array, pos: number, records: readonly SimpleRecord[], baseTimestamp: number): number {
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    pos = writeRecord(out, pos, record, bodySizes[i]!, i, record.timestampMs - baseTimestamp);
  }
  return pos;
}

/**
 * Fills in the 61-byte header of the batch in `out` (whose records section is already written) and its
 * CRC. Shared with MemoryRecordsBuilder so both write the same bytes.
 */
export function writeBatchHeader(out: Uint8Array, count: number, options: BatchOptions, baseTimestamp: number, maxTimestamp: number): void {
  setInt64(out, BASE_OFFSET_OFFSET, options.baseOffset ?? 0);
  setInt32(out, LENGTH_OFFSET, out.length - LOG_OVERHEAD);
  setInt32(out, PARTITION_LEADER_EPOCH_OFFSET, options.partitionLeaderEpoch ?? -1);
  out[MAGIC_OFFSET] = MAGIC_VALUE_V2;
  setInt16(out, ATTRIBUTES_OFFSET, attributesFor(options));
  setInt32(out, LAST_OFFSET_DELTA_OFFSET, count - 1);
  setInt64(out, BASE_TIMESTAMP_OFFSET, baseTimestamp);
  setInt64(out, MAX_TIMESTAMP_OFFSET, maxTimestamp);
  setInt64(out, PRODUCER_ID_OFFSET, options.producerId ?? -1);
  setInt16(out, PRODUCER_EPOCH_OFFSET, options.producerEpoch ?? -1);
  setInt32(out, BASE_SEQUENCE_OFFSET, options.baseSequence ?? -1);
  setInt32(out, RECORDS_COUNT_OFFSET, count);
  setInt32(out, CRC_OFFSET, crc32c(out, ATTRIBUTES_OFFSET, out.length));
}

/**
 * The batch for a records section already written at RECORD_BATCH_OVERHEAD in `buf` (up to `end`):
 * compresses it when asked, then writes the header. Returns `buf` cut to size when uncompressed.
 */
export function finishBatch(buf: Uint8Array, end: number, count: number, options: BatchOptions, baseTimestamp: number, maxTimestamp: number): Uint8Array {
  const compression = options.compression ?? 'none';
  let out: Uint8Array;
  if (compression === 'none') out = buf.length === end ? buf : buf.subarray(0, end);
  else {
    const packed = compress(compression, buf.subarray(RECORD_BATCH_OVERHEAD, end));
    out = new Uint8Array(RECORD_BATCH_OVERHEAD + packed.length);
    out.set(packed, RECORD_BATCH_OVERHEAD);
  }
  writeBatchHeader(out, count, options, baseTimestamp, maxTimestamp);
  return out;
}

/**
 * Encodes records as one v2 batch. Offsets deltas are 0..n-1, BaseTimestamp is the first record's
 * timestamp and MaxTimestamp the largest. A batch needs at least one record.
 */
export function encodeRecordBatch(records: readonly SimpleRecord[], options: BatchOptions = {}): Uint8Array {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  const baseTimestamp = records[0]!.timestampMs;
  let maxTimestamp = baseTimestamp;
  for (const r of records) if (r.timestampMs > maxTimestamp) maxTimestamp = r.timestampMs;
  const recordsBytes = measure(records, baseTimestamp);
  const compression = options.compression ?? 'none';
  const size = RECORD_BATCH_OVERHEAD + recordsBytes;
  let buf: Uint8Array;
  if (compression === 'none') buf = new Uint8Array(size);
  else {
    if (scratch.length < size) scratch = new Uint8Array(size * 2);
    buf = scratch;
  }
  writeRecords(buf, RECORD_BATCH_OVERHEAD, records, baseTimestamp);
  return finishBatch(buf, size, records.length, options, baseTimestamp, maxTimestamp);
}
