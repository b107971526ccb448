import type { ConsumerConfig } from '../../config/consumerConfig';
import type { SimKernel } from '../../kernel';
import type { ConsumerRecord } from '../../lab/types';
import type { NetworkClient, NodeId, RequestOutcome, SimNetwork } from '../../network';
import type { FetchPartition, FetchRequest, KafkaErrorName } from '../../protocol';
import { brokerLabel, tpName } from '../common';
import { ClientException, kafkaException } from '../errors';
import type { Metadata } from '../Metadata';
import { CompletedFetch } from './CompletedFetch';
import type { SubscriptionState, TopicPartitionState } from './SubscriptionState';

/** Partition errors that mean "your metadata is stale: find the leader again". */
const METADATA_ERRORS: ReadonlySet<KafkaErrorName> = new Set<KafkaErrorName>([
  'NOT_LEADER_OR_FOLLOWER', 'REPLICA_NOT_AVAILABLE', 'KAFKA_STORAGE_ERROR', 'FENCED_LEADER_EPOCH',
  'OFFSET_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_LEADER_EPOCH',
]);

/** How many partitions a Fetch label names before "+N more" (a fetch may ask for hundreds). */
const SUMMARY_PARTITIONS = 3;

export interface FetcherOptions {
  readonly kernel: SimKernel;
  readonly network: SimNetwork;
  readonly client: NetworkClient;
  readonly metadata: Metadata;
  readonly subscriptions: SubscriptionState;
  readonly config: ConsumerConfig;
  /** A fetch answered (or failed): a waiting poll() may now have records. */
  readonly onFetchDone: () => void;
}

/**
 * Kafka's Fetcher and FetchCollector: at most one Fetch request in flight per leader, for
 * the assigned partitions that have a position and no buffered data; responses queue as
 * CompletedFetches that poll() drains in arrival order, max.poll.records at a time.
 */
export class Fetcher {
  private readonly completedFetches: CompletedFetch[] = [];
  private nextInLineFetch: CompletedFetch | null = null;
  private readonly nodesWithPendingFetch = new Set<NodeId>();
  private readonly nodeBackoffUntilMs = new Map<NodeId, number>();
  private closed = false;
  private leaderCache: { metadataVersion: number; assignmentVersion: number; leaders: Set<NodeId | null> } | null = null;

  constructor(private readonly o: FetcherOptions) {}

  get pendingFetchCount(): number {
    return this.nodesWithPendingFetch.size;
  }

  close(): void {
    this.closed = true;
    this.completedFetches.length = 0;
    this.nextInLineFetch = null;
  }

  /** Forget buffered data for partitions no longer assigned or seeked elsewhere. */
  clearBufferedDataFor(key: string): void {
    for (let i = this.completedFetches.length - 1; i >= 0; i--) if (this.completedFetches[i]!.key === key) this.completedFetches.splice(i, 1);
    if (this.nextInLineFetch?.key === key) this.nextInLineFetch = null;
  }

  /** Fetcher.sendFetches: one request per leader with fetchable partitions. */
  sendFetches(): void {
    // Each fetch names every fetchable partition of its leader (no incremental fetch sessions),
    // but a wake-up while every leader already has a fetch out costs O(1), not a walk over all.
    if (this.allLeadersBusy()) return;
    const byNode = new Map<NodeId, TopicPartitionState[]>();
    for (const state of this.fetchablePartitions()) {
      const leader = this.o.metadata.leaderFor(state.tp.topic, state.tp.partition);
      if (leader === null) {
        this.o.metadata.requestUpdate();
        continue;
      }
      if (this.nodesWithPendingFetch.has(leader) || (this.nodeBackoffUntilMs.get(leader) ?? 0) > this.o.kernel.nowMs) continue;
      if (!this.o.network.isNodeUp(leader)) {
        this.o.metadata.requestUpdate(); // connection refused: the leader is gone
        continue;
      }
      const list = byNode.get(leader) ?? [];
      list.push(state);
      byNode.set(leader, list);
    }
    for (const [node, states] of byNode) this.sendFetch(node, states);
  }

  /**
   * FetchCollector.collectFetch: up to max.poll.records records, in the order fetches
   * completed; advances positions. Throws for OFFSET_OUT_OF_RANGE without a reset policy.
   */
  collectFetch(): ConsumerRecord[] {
    let out: ConsumerRecord[] = [];
    let remaining = this.o.config.maxPollRecords;
    while (remaining > 0) {
      if (this.nextInLineFetch === null || this.nextInLineFetch.isConsumed) {
        const next = this.completedFetches[0];
        if (next === undefined) break;
        if (out.length > 0 && next.response.errorCode !== 'NONE') break; // return what we have; report the error next time
        this.completedFetches.shift();
        this.nextInLineFetch = this.initialize(next);
        continue;
      }
      const records = this.fetchRecords(this.nextInLineFetch, remaining);
      // fetchRecords returns a fresh array: adopt it rather than copy (spreading 100k records also overflows the stack).
      if (out.length === 0) out = records;
      else for (const r of records) out.push(r);
      remaining -= records.length;
    }
    return out;
  }

  private fetchablePartitions(): TopicPartitionState[] {
    const buffered = new Set(this.completedFetches.map((f) => f.key));
    if (this.nextInLineFetch !== null && !this.nextInLineFetch.isConsumed) buffered.add(this.nextInLineFetch.key);
    const version = this.o.metadata.version;
    const out: TopicPartitionState[] = [];
    for (const s of this.o.subscriptions.stateValues()) {
      if (s.position !== null && s.resetStrategy === null && !s.awaitingValidation && !buffered.has(s.key) && version > s.awaitMetadataAfterVersion) out.push(s);
    }
    return out;
  }

  /** Whether every node leading an assigned partition has a fetch in flight (leaders cached per metadata and assignment). */
  private allLeadersBusy(): boolean {
    if (this.nodesWithPendingFetch.size === 0) return false;
    const { metadata, subscriptions } = this.o;
    const cache = this.leaderCache;
    if (cache === null || cache.metadataVersion !== metadata.version || cache.assignmentVersion !== subscriptions.assignmentVersion) {
      const leaders = new Set<NodeId | null>();
      for (const s of subscriptions.stateValues()) leaders.add(metadata.leaderFor(s.tp.topic, s.tp.partition));
      this.leaderCache = { metadataVersion: metadata.version, assignmentVersion: subscriptions.assignmentVersion, leaders };
    }
    for (const leader of this.leaderCache!.leaders) if (leader === null || !this.nodesWithPendingFetch.has(leader)) return false;
    return true;
  }

  private sendFetch(node: NodeId, states: TopicPartitionState[]): void {
    const { config, client, metadata } = this.o;
    const topics = new Map<string, FetchPartition[]>();
    const offsets = new Map<string, number>();
    for (const s of states) {
      const list = topics.get(s.tp.topic) ?? [];
      list.push({ partition: s.tp.partition, fetchOffset: s.position!, currentLeaderEpoch: metadata.leaderEpochFor(s.tp.topic, s.tp.partition), partitionMaxBytes: config.maxPartitionFetchBytes });
      topics.set(s.tp.topic, list);
      offsets.set(s.key, s.position!);
    }
    const request: FetchRequest = {
      apiKey: 'Fetch', replicaId: -1, maxWaitMs: config.fetchMaxWaitMs, minBytes: config.fetchMinBytes, maxBytes: config.fetchMaxBytes,
      isolationLevel: config.isolationLevel,
      topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
    };
    const named = states.slice(0, SUMMARY_PARTITIONS).map((s) => `${s.key}@${s.position}`);
    if (states.length > SUMMARY_PARTITIONS) named.push(`+${states.length - SUMMARY_PARTITIONS} more partitions`);
    const summary = `Fetch ${named.join(', ')}`;
    const sentMs = this.o.kernel.nowMs;
    this.nodesWithPendingFetch.add(node);
    client.send(node, request, summary, config.requestTimeoutMs, (outcome: RequestOutcome<FetchRequest>) => {
      this.nodesWithPendingFetch.delete(node);
      if (this.closed) return;
      this.handleResponse(node, outcome, offsets, sentMs);
      this.o.onFetchDone();
    });
  }

  private handleResponse(node: NodeId, outcome: RequestOutcome<FetchRequest>, offsets: Map<string, number>, sentMs: number): void {
    const { kernel, metadata } = this.o;
    if (!outcome.ok) {
      this.nodeBackoffUntilMs.set(node, kernel.nowMs + this.o.config.retryBackoffMs);
      metadata.requestUpdate();
      kernel.emit('consumer', this.o.client.nodeId, `fetch from ${brokerLabel(node)} failed: ${outcome.error} (${outcome.message})`);
      return;
    }
    let bytes = 0;
    for (const t of outcome.response.responses) {
      for (const p of t.partitions) {
        const key = tpName(t.topic, p.partition);
        const fetchOffset = offsets.get(key);
        if (fetchOffset === undefined) continue;
        bytes += p.records.byteLength;
        this.completedFetches.push(new CompletedFetch(t.topic, p.partition, fetchOffset, p));
      }
    }
    // An empty answer in zero simulated time (fetch.max.wait.ms=0, no latency) would spin: back off.
    if (bytes === 0 && kernel.nowMs === sentMs) this.nodeBackoffUntilMs.set(node, kernel.nowMs + Math.max(1, this.o.config.retryBackoffMs));
  }

  /** FetchCollector.initialize: errors, stale responses, watermarks. Returns the fetch to drain or null. */
  private initialize(fetch: CompletedFetch): CompletedFetch | null {
    const { subscriptions, config, kernel, metadata } = this.o;
    const state = subscriptions.state(fetch.key);
    if (!state || state.position !== fetch.fetchOffset || state.resetStrategy !== null) return null; // stale: seeked or unassigned since
    const error = fetch.response.errorCode;
    if (error === 'NONE') {
      fetch.applyWatermarks(state);
      return fetch;
    }
    if (error === 'OFFSET_OUT_OF_RANGE') {
      if (config.autoOffsetReset === 'none') {
        throw new ClientException('OffsetOutOfRangeException', `Fetch position ${fetch.fetchOffset} is out of range for partition ${fetch.key}`);
      }
      kernel.emit('consumer', this.o.client.nodeId, `Fetch position ${fetch.fetchOffset} is out of range for partition ${fetch.key}, resetting offset (auto.offset.reset=${config.autoOffsetReset})`, fetch.key);
      subscriptions.requestOffsetReset(fetch.key, config.autoOffsetReset, `auto.offset.reset=${config.autoOffsetReset}`);
      return null;
    }
    if (error === 'TOPIC_AUTHORIZATION_FAILED' || error === 'CORRUPT_MESSAGE') throw kafkaException(`${error} while fetching ${fetch.key}`);
    if (!METADATA_ERRORS.has(error)) kernel.emit('consumer', this.o.client.nodeId, `unexpected error ${error} while fetching ${fetch.key}; will fetch again after a metadata refresh`, fetch.key);
    // Stale leader (or an unknown error): wait for fresh metadata instead of hammering the broker.
    state.awaitMetadataAfterVersion = metadata.version;
    metadata.requestUpdate();
    return null;
  }

  private fetchRecords(fetch: CompletedFetch, max: number): ConsumerRecord[] {
    const state = this.o.subscriptions.state(fetch.key);
    if (!state || state.position !== fetch.nextFetchOffset) {
      this.nextInLineFetch = null; // the partition was seeked or unassigned while data was buffered
      return [];
    }
    let records: ConsumerRecord[];
    try {
      records = fetch.fetchRecords(max);
    } catch (cause) {
      this.nextInLineFetch = null;
      const detail = cause instanceof Error ? ` (${cause.message})` : '';
      throw kafkaException(`Received exception when fetching the next record from ${fetch.key}. If needed, please seek past the record to continue consumption.${detail}`);
    }
    if (fetch.nextFetchOffset > state.position) state.position = fetch.nextFetchOffset;
    // KIP-320: remember the epoch of the last record returned, to validate the position later.
    const last = records[records.length - 1];
    if (last !== undefined && last.leaderEpoch >= 0) state.positionEpoch = last.leaderEpoch;
    return records;
  }
}
