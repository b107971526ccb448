/**
 * Kafka's MemoryRecordsBuilder for one v2 batch: each record is written into the batch buffer when it
 * is appended (offset delta = records so far, timestamp delta from the first record), so the producer
 * keeps no per-record objects; build() puts the header and CRC in front. The bytes equal
 * encodeRecordBatch's for the same records and options.
 */
import { sizeOfVarint } from '../util/bytes';
import { bodySizeOf, writeRecordParts } from './DefaultRecord';
import { finishBatch } from './RecordBatchBuilder';
import { RECORD_BATCH_OVERHEAD, type BatchOptions, type RecordHeader } from './types';

/**
 * Batch sizes are accounted with zero-delta record estimates (as the producer does), so real records
 * run a byte or two longer each; this slack avoids a grow-and-copy for a typical full batch.
 */
function withSlack(capacityBytes: number): number {
  return capacityBytes + (capacityBytes >>> 5) + 64;
}

export class MemoryRecordsBuilder {
  private buf: Uint8Array;
  private end = RECORD_BATCH_OVERHEAD;
  private count = 0;
  private baseTimestamp = 0;
  private maxTimestamp = 0;
  /** build() was called: the bytes it returned may be in flight, so later builds work on a copy. */
  private built = false;

  /**
   * @param capacityBytes expected batch size (Kafka allocates batch.size up front); grows if needed
   * @param reuse a buffer from an earlier builder (see `buffer`), used when big enough
   */
  constructor(capacityBytes: number, reuse?: Uint8Array) {
    const size = withSlack(Math.max(capacityBytes, RECORD_BATCH_OVERHEAD));
    this.buf = reuse !== undefined && reuse.length >= size ? reuse : new Uint8Array(size);
  }

  /** The buffer records are written into, for reuse by a later builder once nothing reads this batch. */
  get buffer(): Uint8Array {
    return this.buf;
  }

  get recordCount(): number {
    return this.count;
  }

  /** Uncompressed bytes written so far, header included. */
  get sizeInBytes(): number {
    return this.end;
  }

  append(timestampMs: number, key: Uint8Array | null, value: Uint8Array | null, headers: readonly RecordHeader[] | undefined): void {
    if (this.built) throw new Error('cannot append to a record batch that was already built');
    if (this.count === 0) this.baseTimestamp = this.maxTimestamp = timestampMs;
    else if (timestampMs > this.maxTimestamp) this.maxTimestamp = timestampMs;
    const timestampDelta = timestampMs - this.baseTimestamp;
    const body = bodySizeOf(this.count, timestampDelta, key, value, headers);
    this.ensure(sizeOfVarint(body) + body);
    this.end = writeRecordParts(this.buf, this.end, body, this.count, timestampDelta, key, value, headers);
    this.count++;
  }

  /** The complete batch. Later appends are refused; a second build (a retry) copies first. */
  build(options: BatchOptions): Uint8Array {
    if (this.count === 0) throw new Error('a record batch needs at least one record');
    const buf = this.built ? this.buf.slice(0, this.end) : this.buf;
    this.built = true;
    return finishBatch(buf, this.end, this.count, options, this.baseTimestamp, this.maxTimestamp);
  }

  private ensure(n: number): void {
    if (this.end + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.end + n));
    grown.set(this.buf.subarray(0, this.end));
    this.buf = grown;
  }
}
