import type { RecordMetadata } from '../../lab/types';
import { bodySizeOf, MemoryRecordsBuilder, RECORD_BATCH_OVERHEAD, type RecordHeader } from '../../record';
import type { ProducerCompressionType } from '../../config/producerConfig';
import { tpName } from '../common';
import { sizeOfVarint } from '../../util/bytes';

/**
 * A record's outcome. `leaderEpoch` (not part of Kafka's RecordMetadata) is the leader epoch
 * the producer's metadata named when the record was acknowledged: the guarantees checker uses
 * it to find the record again cheaply (same epoch at the same offset = the same record).
 */
export type SendCallback = (error: Error | null, metadata?: RecordMetadata, leaderEpoch?: number) => void;

/**
 * A serialized record on its way into a batch, with the callback to run when it completes (Kafka's
 * Thunk). The batch copies what it keeps during tryAppend, so the producer may reuse the object and
 * the key/value buffers for its next send.
 */
export interface PendingRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: RecordHeader[];
  readonly timestampMs: number;
  readonly sizeBytes: number;
  readonly callback: SendCallback;
}

/** Counts records as their batch completes, just before each record's own callback runs. */
export interface RecordOutcomeListener {
  onRecordAcked(): void;
  onRecordFailed(error: Error): void;
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
  /** Records are encoded as they arrive (MemoryRecordsBuilder); the header is written when drained. */
  private readonly builder: MemoryRecordsBuilder;
  private readonly callbacks: SendCallback[] = [];
  /** Per record, what its RecordMetadata needs (Kafka's FutureRecordMetadata): timestamp, key size, value size. */
  private readonly metadata: number[] = [];
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
  /**
   * Requests carrying this batch that got no response (in flight, timed out, or acks=0). While any may
   * still be travelling, a broker may yet read the bytes, so the buffer cannot be reused.
   */
  unansweredRequests = 0;
  done = false;
  private bufferReleased = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Kafka sizes the buffer max(batch.size, first record): a big record gets a batch of its own. */
    readonly writeLimitBytes: number,
    /** A pooled buffer to write into (BufferPool). */
    buffer?: Uint8Array,
  ) {
    this.tp = tpName(topic, partition);
    this.lastAttemptMs = createdMs;
    this.builder = new MemoryRecordsBuilder(writeLimitBytes, buffer);
  }

  /** The buffer for reuse, once the batch is done and every request carrying it was answered; else null. */
  releaseBuffer(): Uint8Array | null {
    if (!this.done || this.unansweredRequests > 0 || this.bufferReleased) return null;
    this.bufferReleased = true;
    return this.builder.buffer;
  }

  get recordCount(): number {
    return this.callbacks.length;
  }

  get hasSequence(): boolean {
    return this.baseSequence >= 0;
  }

  /** MemoryRecordsBuilder.isFull: closed, or at least one record and the write limit reached. */
  isFull(): boolean {
    return this.closedForAppends || (this.callbacks.length > 0 && this.estimatedSizeBytes >= this.writeLimitBytes);
  }

  /** MemoryRecordsBuilder.hasRoomFor: the first record always fits. */
  hasRoomFor(sizeBytes: number): boolean {
    if (this.isFull()) return false;
    return this.callbacks.length === 0 || this.estimatedSizeBytes + sizeBytes <= this.writeLimitBytes;
  }

  /** Appends and returns the bytes added, or -1 when there is no room. */
  tryAppend(record: PendingRecord): number {
    if (!this.hasRoomFor(record.sizeBytes)) return -1;
    const { key, value } = record;
    this.builder.append(record.timestampMs, key, value, record.headers);
    this.callbacks.push(record.callback);
    this.metadata.push(record.timestampMs, key === null ? -1 : key.length, value === null ? -1 : value.length);
    this.estimatedSizeBytes += record.sizeBytes;
    return record.sizeBytes;
  }

  /** The v2 batch bytes as the Sender puts them in a ProduceRequest. */
  encode(compression: ProducerCompressionType): Uint8Array {
    return this.builder.build({
      compression,
      producerId: this.producerId,
      producerEpoch: this.producerEpoch,
      baseSequence: this.baseSequence,
    });
  }

  /** Success: record i gets baseOffset + i (or -1 for acks=0). */
  complete(baseOffset: number, logAppendTimeMs: number, listener: RecordOutcomeListener, leaderEpoch = -1): void {
    if (this.done) return;
    this.done = true;
    const { topic, partition, callbacks, metadata } = this;
    for (let i = 0; i < callbacks.length; i++) {
      listener.onRecordAcked();
      callbacks[i]!(null, {
        topic,
        partition,
        offset: baseOffset < 0 ? -1 : baseOffset + i,
        timestampMs: logAppendTimeMs >= 0 ? logAppendTimeMs : metadata[3 * i]!,
        serializedKeySize: metadata[3 * i + 1]!,
        serializedValueSize: metadata[3 * i + 2]!,
      }, leaderEpoch);
    }
  }

  fail(error: Error, listener: RecordOutcomeListener): void {
    if (this.done) return;
    this.done = true;
    for (const callback of this.callbacks) {
      listener.onRecordFailed(error);
      callback(error);
    }
  }
}

/** Serialized size of one record inside a batch (DefaultRecord.sizeInBytes with zero deltas). */
export function recordSizeBytes(key: Uint8Array | null, value: Uint8Array | null, headers: RecordHeader[]): number {
  const body = bodySizeOf(0, 0, key, value, headers);
  return sizeOfVarint(body) + body;
}

/** AbstractRecords.estimateSizeInBytesUpperBound for one record in its own batch. */
export function singleRecordBatchBytes(recordBytes: number): number {
  return RECORD_BATCH_OVERHEAD + recordBytes;
}
