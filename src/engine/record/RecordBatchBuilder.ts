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

// Reused across calls: body sizes per record, and the uncompressed records of a compressed batch.
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

function writeHeader(out: Uint8Array, records: readonly SimpleRecord[], options: BatchOptions, baseTimestamp: number): void {
  let maxTimestamp = baseTimestamp;
  for (const r of records) if (r.timestampMs > maxTimestamp) maxTimestamp = r.timestampMs;
  setInt64(out, BASE_OFFSET_OFFSET, options.baseOffset ?? 0);
  setInt32(out, LENGTH_OFFSET, out.length - LOG_OVERHEAD);
  setInt32(out, PARTITION_LEADER_EPOCH_OFFSET, options.partitionLeaderEpoch ?? -1);
  out[MAGIC_OFFSET] = MAGIC_VALUE_V2;
  setInt16(out, ATTRIBUTES_OFFSET, attributesFor(options));
  setInt32(out, LAST_OFFSET_DELTA_OFFSET, records.length - 1);
  setInt64(out, BASE_TIMESTAMP_OFFSET, baseTimestamp);
  setInt64(out, MAX_TIMESTAMP_OFFSET, maxTimestamp);
  setInt64(out, PRODUCER_ID_OFFSET, options.producerId ?? -1);
  setInt16(out, PRODUCER_EPOCH_OFFSET, options.producerEpoch ?? -1);
  setInt32(out, BASE_SEQUENCE_OFFSET, options.baseSequence ?? -1);
  setInt32(out, RECORDS_COUNT_OFFSET, records.length);
  setInt32(out, CRC_OFFSET, crc32c(out, ATTRIBUTES_OFFSET, out.length));
}

/**
 * Encodes records as one v2 batch. Offsets deltas are 0..n-1, BaseTimestamp is the first record's
 * timestamp and MaxTimestamp the largest. A batch needs at least one record.
 */
export function encodeRecordBatch(records: readonly SimpleRecord[], options: BatchOptions = {}): Uint8Array {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  const baseTimestamp = records[0]!.timestampMs;
  const recordsBytes = measure(records, baseTimestamp);
  const compression = options.compression ?? 'none';
  let out: Uint8Array;
  if (compression === 'none') {
    out = new Uint8Array(RECORD_BATCH_OVERHEAD + recordsBytes);
    writeRecords(out, RECORD_BATCH_OVERHEAD, records, baseTimestamp);
  } else {
    if (scratch.length < recordsBytes) scratch = new Uint8Array(recordsBytes * 2);
    writeRecords(scratch, 0, records, baseTimestamp);
    const packed = compress(compression, scratch.subarray(0, recordsBytes));
    out = new Uint8Array(RECORD_BATCH_OVERHEAD + packed.length);
    out.set(packed, RECORD_BATCH_OVERHEAD);
  }
  writeHeader(out, records, options, baseTimestamp);
  return out;
}
