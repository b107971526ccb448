import type { LabEventKind, SimKernel, TaskId } from '../kernel';
import type { NetworkClient, NodeId, RequestOutcome, SimNetwork } from '../network';
import { KafkaError, type KafkaErrorName, type MetadataRequest, type MetadataResponse } from '../protocol';
import { brokerNodeId } from '../network';
import { brokerLabel, tpName } from './common';
import { timeoutException } from './errors';
import { ExponentialBackoff } from './ExponentialBackoff';

export interface PartitionInfo {
  readonly partition: number;
  /** Broker id, or -1 while the partition has no leader. */
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface MetadataOptions {
  readonly kind: Extract<LabEventKind, 'producer' | 'consumer'>;
  readonly bootstrap: readonly NodeId[];
  readonly metadataMaxAgeMs: number;
  readonly requestTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  /** The producer asks brokers to auto-create topics it sends to (Kafka's producer does). */
  readonly allowAutoTopicCreation: boolean;
}

interface TopicWaiter {
  readonly topic: string;
  readonly callback: (error: Error | null) => void;
  timeoutTask: TaskId | undefined;
}

interface TopicState {
  error: KafkaErrorName;
  partitions: PartitionInfo[];
}

/**
 * The client's cluster metadata cache (clients/Metadata + NetworkClient's DefaultMetadataUpdater):
 * which brokers exist and which one leads each partition of the topics this client uses.
 * Refreshes go to the least-loaded reachable broker. Nothing here runs on a timer while the
 * client is idle: metadata.max.age.ms is checked when the client looks something up.
 */
export class Metadata {
  private readonly topics = new Map<string, TopicState>();
  private readonly interest = new Set<string>();
  private brokerIds: number[] = [];
  private lastRefreshMs = -Infinity;
  private lastAttemptMs = -Infinity;
  private failedAttempts = 0;
  private needUpdate = false;
  private inFlight = false;
  private retryTask: TaskId | undefined;
  private closed = false;
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Set<TopicWaiter>();
  private readonly backoff: ExponentialBackoff;
  /** Bumped on every successful refresh. */
  version = 0;

  constructor(
    private readonly kernel: SimKernel,
    private readonly network: SimNetwork,
    private readonly client: NetworkClient,
    private readonly options: MetadataOptions,
  ) {
    this.backoff = new ExponentialBackoff(options.retryBackoffMs, options.retryBackoffMaxMs, kernel.random);
  }

  /** Start tracking a topic; the first use of a topic triggers a refresh. */
  add(topic: string): void {
    if (this.interest.has(topic)) return;
    this.interest.add(topic);
    if (!this.topics.has(topic)) this.requestUpdate();
  }

  /** Ask for a refresh as soon as the backoff allows (Metadata.requestUpdate). */
  requestUpdate(): void {
    this.needUpdate = true;
    this.maybeUpdate();
  }

  /** metadata.max.age.ms: refresh data that got too old, checked whenever the client uses it. */
  maybeRefreshIfStale(): void {
    if (this.interest.size > 0 && this.kernel.nowMs - this.lastRefreshMs >= this.options.metadataMaxAgeMs) this.requestUpdate();
  }

  /** Called after every successful refresh; returns an unsubscribe function. */
  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasTopic(topic: string): boolean {
    return (this.topics.get(topic)?.partitions.length ?? 0) > 0;
  }

  topicError(topic: string): KafkaErrorName | null {
    return this.topics.get(topic)?.error ?? null;
  }

  /** Number of partitions, or null while the topic is unknown. */
  partitionCount(topic: string): number | null {
    const n = this.topics.get(topic)?.partitions.length ?? 0;
    return n > 0 ? n : null;
  }

  partitionsFor(topic: string): readonly PartitionInfo[] {
    return this.topics.get(topic)?.partitions ?? [];
  }

  /** Partitions that currently have a leader (Cluster.availablePartitionsForTopic). */
  availablePartitions(topic: string): number[] {
    return this.partitionsFor(topic).filter((p) => p.leader >= 0).map((p) => p.partition);
  }

  /** The leader's network address, or null when unknown. */
  leaderFor(topic: string, partition: number): NodeId | null {
    const info = this.topics.get(topic)?.partitions[partition];
    return info !== undefined && info.leader >= 0 ? brokerNodeId(info.leader) : null;
  }

  leaderEpochFor(topic: string, partition: number): number {
    return this.topics.get(topic)?.partitions[partition]?.leaderEpoch ?? -1;
  }

  /** Least-loaded reachable broker (NetworkClient.leastLoadedNode), or null if none. */
  leastLoadedNode(): NodeId | null {
    const known = this.brokerIds.length > 0 ? this.brokerIds.map(brokerNodeId) : [...this.options.bootstrap];
    if (known.length === 0) return null;
    // Kafka starts at a random offset so clients do not all pick the same broker.
    const start = this.kernel.random.nextInt(known.length);
    let best: NodeId | null = null;
    for (let i = 0; i < known.length; i++) {
      const node = known[(start + i) % known.length]!;
      // A node the network reports down refuses connections, as a dead process would.
      if (!this.network.isNodeUp(node)) continue;
      if (best === null || this.client.inFlightTo(node) < this.client.inFlightTo(best)) best = node;
    }
    return best;
  }

  close(): void {
    this.closed = true;
    this.kernel.cancel(this.retryTask);
    this.listeners.clear();
    for (const waiter of this.waiters) this.kernel.cancel(waiter.timeoutTask);
    this.waiters.clear();
  }

  private maybeUpdate(): void {
    if (this.closed || this.inFlight || !this.needUpdate || this.retryTask !== undefined) return;
    if (this.interest.size === 0) return;
    const readyAtMs = this.failedAttempts === 0 ? this.lastAttemptMs + this.options.retryBackoffMs : this.lastAttemptMs + this.backoff.backoffMs(this.failedAttempts - 1);
    const waitMs = Math.max(0, readyAtMs - this.kernel.nowMs);
    if (waitMs > 0) {
      this.retryTask = this.kernel.schedule(waitMs, `${this.client.nodeId} metadata backoff`, () => {
        this.retryTask = undefined;
        this.maybeUpdate();
      });
      return;
    }
    this.sendRequest();
  }

  private sendRequest(): void {
    this.lastAttemptMs = this.kernel.nowMs;
    const node = this.leastLoadedNode();
    if (node === null) return this.onFailure('no broker is reachable');
    const topics = [...this.interest].sort();
    const request: MetadataRequest = { apiKey: 'Metadata', topics, allowAutoTopicCreation: this.options.allowAutoTopicCreation };
    this.inFlight = true;
    this.needUpdate = false;
    this.client.send(node, request, `Metadata ${topics.join(', ')}`, this.options.requestTimeoutMs, (outcome: RequestOutcome<MetadataRequest>) => {
      this.inFlight = false;
      if (this.closed) return;
      if (!outcome.ok) return this.onFailure(`${outcome.error} from ${brokerLabel(node)}`);
      this.handleResponse(outcome.response);
    });
  }

  private onFailure(reason: string): void {
    this.failedAttempts++;
    this.needUpdate = true;
    this.kernel.emit(this.options.kind, this.client.nodeId, `metadata refresh failed (${reason}); will retry`);
    this.maybeUpdate();
  }

  private handleResponse(response: MetadataResponse): void {
    this.failedAttempts = 0;
    this.lastRefreshMs = this.kernel.nowMs;
    if (response.brokers.length > 0) this.brokerIds = response.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
    for (const topic of response.topics) {
      const changes = this.describeLeaderChanges(topic.name, topic.partitions);
      const partitions = [...topic.partitions]
        .sort((a, b) => a.partitionIndex - b.partitionIndex)
        .map((p): PartitionInfo => ({ partition: p.partitionIndex, leader: p.errorCode === 'LEADER_NOT_AVAILABLE' ? -1 : p.leaderId, leaderEpoch: p.leaderEpoch, replicas: p.replicaNodes, isr: p.isrNodes }));
      this.topics.set(topic.name, { error: topic.errorCode, partitions: topic.errorCode === 'NONE' ? partitions : [] });
      if (changes.length > 0) this.kernel.emit(this.options.kind, this.client.nodeId, `learned new leaders from metadata: ${changes.join(', ')}`);
    }
    this.version++;
    this.settleWaiters();
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Wait until `topic` has partitions (KafkaProducer.waitOnMetadata): keeps refreshing,
   * with backoff, while the topic is unknown or being auto-created, and fails with
   * Kafka's TimeoutException after `maxWaitMs`. Returns a cancel function.
   */
  awaitTopic(topic: string, maxWaitMs: number, callback: (error: Error | null) => void): () => void {
    this.add(topic);
    if (this.hasTopic(topic)) {
      callback(null);
      return () => {};
    }
    const waiter: TopicWaiter = { topic, callback, timeoutTask: undefined };
    waiter.timeoutTask = this.kernel.schedule(maxWaitMs, `${this.client.nodeId} metadata wait ${topic}`, () => {
      this.waiters.delete(waiter);
      callback(timeoutException(`Topic ${topic} not present in metadata after ${maxWaitMs} ms.`));
    });
    this.waiters.add(waiter);
    this.requestUpdate();
    return () => {
      this.waiters.delete(waiter);
      this.kernel.cancel(waiter.timeoutTask);
    };
  }

  private settleWaiters(): void {
    for (const waiter of [...this.waiters]) {
      const error = this.topicError(waiter.topic);
      const fatal = error === 'INVALID_TOPIC_EXCEPTION' || error === 'TOPIC_AUTHORIZATION_FAILED';
      if (!this.hasTopic(waiter.topic) && !fatal) continue;
      this.waiters.delete(waiter);
      this.kernel.cancel(waiter.timeoutTask);
      waiter.callback(fatal ? new KafkaError(error, `cannot use topic ${waiter.topic}`) : null);
    }
    // Keep asking while a topic is still unknown or being created, as Kafka's producer does.
    if (this.waiters.size > 0) this.requestUpdate();
  }

  private describeLeaderChanges(topic: string, partitions: MetadataResponse['topics'][number]['partitions']): string[] {
    const old = this.topics.get(topic);
    if (!old || old.partitions.length === 0) return [];
    const changes: string[] = [];
    for (const p of partitions) {
      const before = old.partitions[p.partitionIndex];
      if (before !== undefined && before.leader !== p.leaderId) {
        changes.push(`${tpName(topic, p.partitionIndex)} → ${p.leaderId >= 0 ? `broker ${p.leaderId}` : 'none'}`);
      }
    }
    return changes;
  }
}
