/** Shapes and constants of Kafka's v2 record batch (DefaultRecordBatch.java / DefaultRecord.java). */
import type { CompressionType } from './compression/CompressionType';

export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

export interface SimpleRecord {
  timestampMs: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: RecordHeader[];
}

/**
 * A record read back from a batch. key/value are zero-copy views into the batch (or its decompressed
 * records); the log never rewrites bytes it has handed out, so the views stay valid.
 */
export interface LogRecord extends SimpleRecord {
  offset: number;
  headers: RecordHeader[];
  /** Bytes this record takes inside the (uncompressed) batch, including its length varint. */
  sizeInBytes: number;
}

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface BatchOptions {
  /** Default 0; the leader overwrites it when appending. */
  baseOffset?: number;
  /** Default -1; the leader stamps its epoch when appending. */
  partitionLeaderEpoch?: number;
  compression?: CompressionType;
  timestampType?: TimestampType;
  /** Default -1 (RecordBatch.NO_PRODUCER_ID). */
  producerId?: number;
  /** Default -1 (RecordBatch.NO_PRODUCER_EPOCH). */
  producerEpoch?: number;
  /** Default -1 (RecordBatch.NO_SEQUENCE). */
  baseSequence?: number;
  isTransactional?: boolean;
  isControl?: boolean;
}

/** Records.LOG_OVERHEAD: the 8-byte BaseOffset plus the 4-byte Length in front of every batch. */
export const LOG_OVERHEAD = 12;
/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: header bytes before the first record. */
export const RECORD_BATCH_OVERHEAD = 61;
export const MAGIC_VALUE_V2 = 2;
/** RecordBatch.NO_TIMESTAMP */
export const NO_TIMESTAMP = -1;

// Byte offsets of the header fields, from the start of the batch (DefaultRecordBatch constants).
export const BASE_OFFSET_OFFSET = 0;
export const LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORDS_COUNT_OFFSET = 57;
export const RECORDS_OFFSET = 61;

// Attribute bits.
export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_FLAG_MASK = 0x10;
export const CONTROL_FLAG_MASK = 0x20;
export const DELETE_HORIZON_FLAG_MASK = 0x40;

/** Thrown when a record inside a batch cannot be parsed (Kafka's InvalidRecordException). */
export class InvalidRecordException extends Error {
  override readonly name = 'InvalidRecordException';
}
