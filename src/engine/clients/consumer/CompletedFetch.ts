import type { ConsumerRecord } from '../../lab/types';
import type { FetchPartitionResponse } from '../../protocol';
import { tpName } from '../common';
import { batchSizeAt, RecordBatchView, RecordCursor, type RecordHeader } from '../../record';
import { fromUtf8 } from '../../util/hash';
import type { TopicPartitionState } from './SubscriptionState';

/** One cursor for every fetch: decoding never nests. */
const cursor = new RecordCursor();

/**
 * Kafka's CompletedFetch: one partition's part of a fetch response, drained into
 * ConsumerRecords by poll(). Brokers return whole batches, so records below the fetch
 * offset at the front of the first batch are skipped here.
 */
export class CompletedFetch {
  readonly topic: string;
  readonly partition: number;
  readonly key: string;
  private records: ConsumerRecord[] | null = null;
  private index = 0;
  /** Offset right after the last batch (v2 keeps it even when compaction removed the tail). */
  private lastBatchNextOffset = -1;
  /** Where the consumer should fetch next once these records are returned. */
  nextFetchOffset: number;
  initialized = false;

  constructor(
    topic: string,
    partition: number,
    readonly fetchOffset: number,
    readonly response: FetchPartitionResponse,
  ) {
    this.topic = topic;
    this.partition = partition;
    this.key = tpName(topic, partition);
    this.nextFetchOffset = fetchOffset;
  }

  get isConsumed(): boolean {
    return this.records !== null && this.index >= this.records.length;
  }

  /** Record the leader's watermarks on the partition (done when poll() takes this fetch). */
  applyWatermarks(state: TopicPartitionState): void {
    const r = this.response;
    if (r.highWatermark >= 0) state.highWatermark = r.highWatermark;
    if (r.logStartOffset >= 0) state.logStartOffset = r.logStartOffset;
    if (r.lastStableOffset >= 0) state.lastStableOffset = r.lastStableOffset;
  }

  /** Up to `max` records from the current position on. Throws on a corrupt batch. */
  fetchRecords(max: number): ConsumerRecord[] {
    const records = this.decoded();
    const out = records.slice(this.index, this.index + max);
    this.index += out.length;
    const last = out[out.length - 1];
    if (last !== undefined) this.nextFetchOffset = last.offset + 1;
    if (this.index >= records.length && this.lastBatchNextOffset > this.nextFetchOffset) this.nextFetchOffset = this.lastBatchNextOffset;
    return out;
  }

  /** CompletedFetch.nextFetchedRecord over every batch at once: CRC check, then records as strings. */
  private decoded(): ConsumerRecord[] {
    if (this.records !== null) return this.records;
    const records: ConsumerRecord[] = [];
    const bytes = this.response.records;
    for (let pos = 0, size = batchSizeAt(bytes, pos); size >= 0; pos += size, size = batchSizeAt(bytes, pos)) {
      const batch = new RecordBatchView(bytes, pos);
      const reason = batch.invalidReason();
      if (reason !== undefined) throw new Error(`Record batch for partition ${this.key} at offset ${batch.baseOffset} is invalid, cause: ${reason}`);
      this.lastBatchNextOffset = batch.nextOffset;
      if (!batch.isControl) this.decodeBatch(batch, records);
    }
    this.records = records;
    return records;
  }

  private decodeBatch(batch: RecordBatchView, out: ConsumerRecord[]): void {
    const { topic, partition, fetchOffset } = this;
    const timestampType = batch.timestampType;
    const leaderEpoch = batch.partitionLeaderEpoch;
    const c = batch.recordCursor(cursor);
    while (c.next()) {
      if (c.offset < fetchOffset) continue;
      out.push({
        topic,
        partition,
        offset: c.offset,
        timestampMs: c.timestampMs,
        timestampType,
        key: c.keyString(),
        value: c.valueString(),
        headers: decodeHeaders(c.headers),
        leaderEpoch,
      });
    }
  }
}

/** Shared by records without headers (most): one object less per consumed record. Frozen, so a write fails loudly. */
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function decodeHeaders(headers: readonly RecordHeader[]): Record<string, string> {
  if (headers.length === 0) return NO_HEADERS;
  const out: Record<string, string> = {};
  for (const h of headers) out[h.key] = h.value === null ? '' : fromUtf8(h.value);
  return out;
}
