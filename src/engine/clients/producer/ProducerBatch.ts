import type { RecordMetadata } from '../../lab/types';
import { encodeRecordBatch, estimateRecordSize, RECORD_BATCH_OVERHEAD, type RecordHeader, type SimpleRecord } from '../../record';
import type { ProducerCompressionType } from '../../config/producerConfig';
import { tpName } from '../common';

export type SendCallback = (error: Error | null, metadata?: RecordMetadata) => void;

/** A serialized record waiting in a batch, with the callback to run when it completes (Kafka's Thunk). */
export interface PendingRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: RecordHeader[];
  readonly timestampMs: number;
  readonly sizeBytes: number;
  readonly callback: SendCallback;
}

/** Why a batch left the accumulator, as the event log says it. */
export type CloseReason = string;

/**
 * Kafka's ProducerBatch: records for one partition collected until the batch is full,
 * linger.ms passes, or a flush/close makes it ready. Its bytes are encoded when it is
 * drained, so a retry carries the same producer id, epoch and sequence.
 */
export class ProducerBatch {
  readonly tp: string;
  readonly records: PendingRecord[] = [];
  estimatedSizeBytes = RECORD_BATCH_OVERHEAD;
  /** How many times the batch was re-enqueued after a retriable error. */
  attempts = 0;
  /** Not drained again before this time (retry backoff). */
  retryAtMs = 0;
  /** Creation, or the last time it was re-enqueued (Kafka's lastAttemptMs). */
  lastAttemptMs: number;
  closedForAppends = false;
  closeReason: CloseReason = '';
  baseSequence = -1;
  producerId = -1;
  producerEpoch = -1;
  /** Sent to a broker at least once: a broker may hold it even if it fails here. */
  sentOnce = false;
  done = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Kafka sizes the buffer max(batch.size, first record): a big record gets a batch of its own. */
    readonly writeLimitBytes: number,
  ) {
    this.tp = tpName(topic, partition);
    this.lastAttemptMs = createdMs;
  }

  get recordCount(): number {
    return this.records.length;
  }

  get hasSequence(): boolean {
    return this.baseSequence >= 0;
  }

  /** MemoryRecordsBuilder.isFull: closed, or at least one record and the write limit reached. */
  isFull(): boolean {
    return this.closedForAppends || (this.records.length > 0 && this.estimatedSizeBytes >= this.writeLimitBytes);
  }

  /** MemoryRecordsBuilder.hasRoomFor: the first record always fits. */
  hasRoomFor(sizeBytes: number): boolean {
    if (this.isFull()) return false;
    return this.records.length === 0 || this.estimatedSizeBytes + sizeBytes <= this.writeLimitBytes;
  }

  /** Appends and returns the bytes added, or -1 when there is no room. */
  tryAppend(record: PendingRecord): number {
    if (!this.hasRoomFor(record.sizeBytes)) return -1;
    this.records.push(record);
    this.estimatedSizeBytes += record.sizeBytes;
    return record.sizeBytes;
  }

  /** The v2 batch bytes as the Sender puts them in a ProduceRequest. */
  encode(compression: ProducerCompressionType): Uint8Array {
    const records: SimpleRecord[] = this.records.map((r) => ({ timestampMs: r.timestampMs, key: r.key, value: r.value, headers: r.headers }));
    return encodeRecordBatch(records, {
      compression,
      producerId: this.producerId,
      producerEpoch: this.producerEpoch,
      baseSequence: this.baseSequence,
    });
  }

  /** Success: record i gets baseOffset + i (or -1 for acks=0). */
  complete(baseOffset: number, logAppendTimeMs: number): void {
    if (this.done) return;
    this.done = true;
    this.records.forEach((r, i) => {
      r.callback(null, {
        topic: this.topic,
        partition: this.partition,
        offset: baseOffset < 0 ? -1 : baseOffset + i,
        timestampMs: logAppendTimeMs >= 0 ? logAppendTimeMs : r.timestampMs,
        serializedKeySize: r.key?.length ?? -1,
        serializedValueSize: r.value?.length ?? -1,
      });
    });
  }

  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    for (const r of this.records) r.callback(error);
  }
}

/** Serialized size of one record inside a batch (DefaultRecord.sizeInBytes with zero deltas). */
export function recordSizeBytes(key: Uint8Array | null, value: Uint8Array | null, headers: RecordHeader[], timestampMs: number): number {
  return estimateRecordSize({ timestampMs, key, value, headers });
}

/** AbstractRecords.estimateSizeInBytesUpperBound for one record in its own batch. */
export function singleRecordBatchBytes(recordBytes: number): number {
  return RECORD_BATCH_OVERHEAD + recordBytes;
}
