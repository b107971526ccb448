import type { SimKernel, TaskId } from '../../kernel';
import { brokerNodeId, NetworkClient, type RequestOutcome, type SimNetwork } from '../../network';
import type { FetchPartitionResponse, FetchRequest } from '../../protocol';

/** replica.socket.timeout.ms: how long a follower waits for a fetch response. */
export const REPLICA_SOCKET_TIMEOUT_MS = 30000;
/** replica.fetch.response.max.bytes */
const REPLICA_FETCH_RESPONSE_MAX_BYTES = 10 * 1024 * 1024;

/** What a follower partition's fetch asks for. */
export interface FollowerFetchPosition {
  fetchOffset: number;
  currentLeaderEpoch: number;
  /** -1 when the follower does not reconcile through epochs (lab.truncation=hw). */
  lastFetchedEpoch: number;
}

/** What the fetcher does next with a partition after its response. */
export type FetchOutcome = 'continue' | 'backoff' | 'failed';

/** The follower broker as a fetcher sees it (narrow: positions, results, settings). */
export interface FetcherHost {
  readonly brokerId: number;
  readonly kernel: SimKernel;
  readonly network: SimNetwork;
  /** False while the broker is stopped or paused: no fetches go out. */
  canFetch(): boolean;
  maxWaitMs(): number;
  minBytes(): number;
  partitionMaxBytes(): number;
  backoffMs(): number;
  /** Extra delay before each fetch (a slow follower, set by the lab). */
  extraDelayMs(): number;
  /** Where `tp` should fetch from, or null if it no longer follows this leader. */
  position(tp: string, leaderId: number): FollowerFetchPosition | null;
  /** Apply one partition's response to a fetch made at `fetchOffset` under `leaderEpoch`; the answer says whether to keep fetching it. */
  process(tp: string, leaderId: number, fetchOffset: number, leaderEpoch: number, data: FetchPartitionResponse): FetchOutcome;
}

interface FetchState {
  topic: string;
  partition: number;
  /** No fetch for this partition before this time (after an error). */
  delayedUntilMs: number;
}

/**
 * Kafka's ReplicaFetcherThread: one per (follower broker, leader broker). It keeps one
 * Fetch in flight for all the partitions it follows on that leader, as replica id
 * `brokerId`, from each log's end offset; the leader answers at once when it has data, or
 * after replica.fetch.wait.max.ms. Each response is applied, then the next fetch goes out.
 */
export class ReplicaFetcherThread {
  private readonly partitions = new Map<string, FetchState>();
  private readonly client: NetworkClient;
  private inFlight = false;
  private wakeTask: TaskId | undefined;
  private stopped = false;

  constructor(private readonly host: FetcherHost, readonly leaderId: number) {
    this.client = new NetworkClient(brokerNodeId(host.brokerId), host.kernel, host.network, false);
  }

  get partitionCount(): number {
    return this.partitions.size;
  }

  has(tp: string): boolean {
    return this.partitions.has(tp);
  }

  addPartition(topic: string, partition: number, tp: string): void {
    this.partitions.set(tp, { topic, partition, delayedUntilMs: 0 });
    this.wake(0);
  }

  removePartition(tp: string): void {
    this.partitions.delete(tp);
  }

  shutdown(): void {
    this.stopped = true;
    this.host.kernel.cancel(this.wakeTask);
    this.client.close();
  }

  /** Fetch again soon (after a resume, or when a partition was added). */
  wake(delayMs: number): void {
    if (this.stopped || this.inFlight) return;
    this.host.kernel.cancel(this.wakeTask);
    this.wakeTask = this.host.kernel.schedule(delayMs, `broker-${this.host.brokerId} fetcher→broker-${this.leaderId}`, () => {
      this.wakeTask = undefined;
      this.doWork();
    });
  }

  private doWork(): void {
    if (this.stopped || this.inFlight || !this.host.canFetch()) return;
    const now = this.host.kernel.nowMs;
    const request = this.buildRequest(now);
    if (!request) {
      const next = Math.min(...[...this.partitions.values()].map((p) => p.delayedUntilMs));
      if (Number.isFinite(next)) this.wake(Math.max(1, next - now));
      return;
    }
    const offsets = new Map(request.topics.flatMap((t) => t.partitions.map((p) => [`${t.topic}-${p.partition}`, { fetchOffset: p.fetchOffset, leaderEpoch: p.currentLeaderEpoch }] as const)));
    this.inFlight = true;
    const count = offsets.size;
    this.client.send(brokerNodeId(this.leaderId), request, `replica fetch (${count} partition${count === 1 ? '' : 's'})`, REPLICA_SOCKET_TIMEOUT_MS, (outcome) => this.onResponse(outcome, offsets));
  }

  private buildRequest(nowMs: number): FetchRequest | null {
    const byTopic = new Map<string, FetchRequest['topics'][number]['partitions']>();
    for (const [tp, state] of this.partitions) {
      if (state.delayedUntilMs > nowMs) continue;
      const position = this.host.position(tp, this.leaderId);
      if (!position) {
        this.partitions.delete(tp);
        continue;
      }
      const list = byTopic.get(state.topic) ?? [];
      list.push({ partition: state.partition, fetchOffset: position.fetchOffset, currentLeaderEpoch: position.currentLeaderEpoch, partitionMaxBytes: this.host.partitionMaxBytes(), ...(position.lastFetchedEpoch >= 0 ? { lastFetchedEpoch: position.lastFetchedEpoch } : {}) });
      byTopic.set(state.topic, list);
    }
    if (byTopic.size === 0) return null;
    return {
      apiKey: 'Fetch',
      replicaId: this.host.brokerId,
      maxWaitMs: this.host.maxWaitMs(),
      minBytes: this.host.minBytes(),
      maxBytes: REPLICA_FETCH_RESPONSE_MAX_BYTES,
      isolationLevel: 'read_uncommitted',
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    };
  }

  private onResponse(outcome: RequestOutcome<FetchRequest>, offsets: ReadonlyMap<string, { fetchOffset: number; leaderEpoch: number }>): void {
    this.inFlight = false;
    if (this.stopped) return;
    if (!outcome.ok) {
      // Kafka's fetcher backs off replica.fetch.backoff.ms after a failed request.
      for (const state of this.partitions.values()) state.delayedUntilMs = this.host.kernel.nowMs + this.host.backoffMs();
      this.wake(this.host.backoffMs());
      return;
    }
    for (const topic of outcome.response.responses) {
      for (const data of topic.partitions) {
        const tp = `${topic.topic}-${data.partition}`;
        const state = this.partitions.get(tp);
        const asked = offsets.get(tp);
        if (!state || asked === undefined) continue;
        const result = this.host.process(tp, this.leaderId, asked.fetchOffset, asked.leaderEpoch, data);
        if (result === 'failed') this.partitions.delete(tp);
        else if (result === 'backoff') state.delayedUntilMs = this.host.kernel.nowMs + this.host.backoffMs();
      }
    }
    this.wake(this.host.extraDelayMs());
  }
}

/** Kafka's ReplicaFetcherManager: the fetcher threads of one broker, one per leader broker. */
export class ReplicaFetcherManager {
  private readonly threads = new Map<number, ReplicaFetcherThread>();

  constructor(private readonly host: FetcherHost) {}

  /** Follow `tp` on `leaderId` (removing it from any other leader's fetcher). */
  addFetcher(topic: string, partition: number, tp: string, leaderId: number): void {
    this.removeFetcher(tp);
    let thread = this.threads.get(leaderId);
    if (!thread) {
      thread = new ReplicaFetcherThread(this.host, leaderId);
      this.threads.set(leaderId, thread);
    }
    thread.addPartition(topic, partition, tp);
  }

  removeFetcher(tp: string): void {
    for (const [leaderId, thread] of this.threads) {
      if (!thread.has(tp)) continue;
      thread.removePartition(tp);
      if (thread.partitionCount === 0) {
        thread.shutdown();
        this.threads.delete(leaderId);
      }
    }
  }

  /** The leaders this broker fetches from (for views). */
  leaders(): number[] {
    return [...this.threads.keys()].sort((a, b) => a - b);
  }

  /** The broker resumed (or stopped being slow): fetch again now. */
  wakeAll(): void {
    for (const thread of this.threads.values()) thread.wake(0);
  }

  shutdown(): void {
    for (const thread of this.threads.values()) thread.shutdown();
    this.threads.clear();
  }
}
