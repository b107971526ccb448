import type { ConsumerConfig } from '../../config/consumerConfig';
import type { SimKernel, TaskId } from '../../kernel';
import type { TopicPartition } from '../../lab/types';
import type { NetworkClient, NodeId, RequestOutcome } from '../../network';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, type KafkaErrorName, type ListOffsetsRequest } from '../../protocol';
import { tpKey, tpName } from '../common';
import { timeoutException } from '../errors';
import type { Metadata } from '../Metadata';
import type { SubscriptionState, TopicPartitionState } from './SubscriptionState';

export interface OffsetAndTimestamp {
  offset: number;
  timestampMs: number;
}

export interface TimeQuery {
  readonly tp: TopicPartition;
  readonly timestampMs: number;
}

interface OffsetAnswer {
  errorCode: KafkaErrorName;
  offset: number;
  timestampMs: number;
}

export interface OffsetFetcherOptions {
  readonly kernel: SimKernel;
  readonly client: NetworkClient;
  readonly metadata: Metadata;
  readonly subscriptions: SubscriptionState;
  readonly config: ConsumerConfig;
  /** A reset finished or failed: a waiting poll() can go on. */
  readonly onResetDone: () => void;
}

/**
 * Kafka's OffsetFetcher: ListOffsets requests to partition leaders, for lazy position
 * resets (auto.offset.reset, seekToBeginning/End: EARLIEST -2 / LATEST -1) and for
 * offsetsForTimes (the first offset whose timestamp is ≥ the target).
 */
export class OffsetFetcher {
  private closed = false;

  constructor(private readonly o: OffsetFetcherOptions) {}

  close(): void {
    this.closed = true;
  }

  /** OffsetFetcher.resetPositionsIfNeeded: one ListOffsets per leader. */
  resetPositionsIfNeeded(): void {
    const { subscriptions, metadata, kernel } = this.o;
    const byNode = new Map<NodeId, TopicPartitionState[]>();
    for (const state of subscriptions.partitionsNeedingReset(kernel.nowMs)) {
      const leader = metadata.leaderFor(state.tp.topic, state.tp.partition);
      if (leader === null) {
        metadata.requestUpdate();
        continue;
      }
      const list = byNode.get(leader) ?? [];
      list.push(state);
      byNode.set(leader, list);
    }
    for (const [node, states] of byNode) this.sendReset(node, states);
  }

  private sendReset(node: NodeId, states: TopicPartitionState[]): void {
    const queries = states.map((s) => ({ tp: s.tp, timestampMs: s.resetStrategy === 'earliest' ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP }));
    const strategies = new Map(states.map((s) => [s.key, s.resetStrategy]));
    for (const s of states) s.resetInFlight = true;
    this.listOffsets(node, queries, (answers) => {
      for (const s of states) {
        s.resetInFlight = false;
        const answer = answers.get(s.key);
        // Ignore answers to a reset that was replaced (seek, another seekToX) meanwhile.
        if (!this.o.subscriptions.isAssigned(s.key) || s.resetStrategy !== strategies.get(s.key)) continue;
        if (answer === undefined || answer.errorCode !== 'NONE') {
          s.nextResetAllowedMs = this.o.kernel.nowMs + this.o.config.retryBackoffMs;
          this.o.metadata.requestUpdate();
          continue;
        }
        this.o.kernel.emit('consumer', this.o.client.nodeId, `Resetting offset for partition ${s.key} to position ${answer.offset} (${s.resetReason})`, s.key);
        this.o.subscriptions.seek(s.key, answer.offset);
      }
      this.o.onResetDone();
    });
  }

  /**
   * offsetsForTimes: retried across leader changes until default.api.timeout.ms. A partition
   * with no record at or after the timestamp answers null.
   */
  offsetsForTimes(queries: readonly TimeQuery[], callback: (error: Error | null, result: (OffsetAndTimestamp | null)[]) => void): void {
    const { kernel, metadata, config } = this.o;
    const results = new Map<number, OffsetAndTimestamp | null>();
    const pending = new Map(queries.map((q, i) => [i, q]));
    for (const q of queries) metadata.add(q.tp.topic);
    let finished = false;
    let retryTask: TaskId | undefined;
    const finish = (error: Error | null): void => {
      if (finished) return;
      finished = true;
      kernel.cancel(timeoutTask);
      kernel.cancel(retryTask);
      callback(error, queries.map((_, i) => results.get(i) ?? null));
    };
    const timeoutTask = kernel.schedule(config.defaultApiTimeoutMs, `${this.o.client.nodeId} offsetsForTimes timeout`, () =>
      finish(timeoutException(`Failed to get offsets by times in ${config.defaultApiTimeoutMs}ms`)));
    const retry = (): void => {
      metadata.requestUpdate();
      retryTask = kernel.schedule(config.retryBackoffMs, `${this.o.client.nodeId} offsetsForTimes retry`, attempt);
    };
    const attempt = (): void => {
      retryTask = undefined;
      if (finished || this.closed) return;
      const groups = this.groupQueries(pending);
      if (groups.length === 0) return retry();
      let outstanding = groups.length;
      for (const { node, entries } of groups) {
        this.listOffsets(node, entries.map(([, q]) => q), (answers) => {
          for (const [index, q] of entries) {
            const answer = answers.get(tpKey(q.tp));
            if (answer === undefined || answer.errorCode !== 'NONE') continue;
            pending.delete(index);
            results.set(index, answer.offset < 0 ? null : { offset: answer.offset, timestampMs: answer.timestampMs });
          }
          if (--outstanding > 0) return;
          if (pending.size === 0) finish(null);
          else retry();
        });
      }
    };
    attempt();
  }

  /** One ListOffsets per leader, and per repeat when a partition is asked about twice. */
  private groupQueries(pending: Map<number, TimeQuery>): { node: NodeId; entries: [number, TimeQuery][] }[] {
    const groups = new Map<string, { node: NodeId; entries: [number, TimeQuery][] }>();
    const seen = new Map<string, number>();
    for (const [index, q] of pending) {
      const leader = this.o.metadata.leaderFor(q.tp.topic, q.tp.partition);
      if (leader === null) continue;
      const round = seen.get(tpKey(q.tp)) ?? 0;
      seen.set(tpKey(q.tp), round + 1);
      const key = `${round}|${leader}`;
      const group = groups.get(key) ?? { node: leader, entries: [] };
      group.entries.push([index, q]);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  private listOffsets(node: NodeId, queries: readonly { tp: TopicPartition; timestampMs: number }[], done: (answers: Map<string, OffsetAnswer>) => void): void {
    const topics = new Map<string, { partitionIndex: number; timestamp: number }[]>();
    for (const q of queries) {
      const list = topics.get(q.tp.topic) ?? [];
      list.push({ partitionIndex: q.tp.partition, timestamp: q.timestampMs });
      topics.set(q.tp.topic, list);
    }
    const request: ListOffsetsRequest = {
      apiKey: 'ListOffsets', replicaId: -1, isolationLevel: this.o.config.isolationLevel,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    };
    const summary = `ListOffsets ${queries.map((q) => `${tpKey(q.tp)}@${describeTimestamp(q.timestampMs)}`).join(', ')}`;
    this.o.client.send(node, request, summary, this.o.config.requestTimeoutMs, (outcome: RequestOutcome<ListOffsetsRequest>) => {
      if (this.closed) return;
      const answers = new Map<string, OffsetAnswer>();
      if (outcome.ok) {
        for (const t of outcome.response.topics) {
          for (const p of t.partitions) answers.set(tpName(t.name, p.partitionIndex), { errorCode: p.errorCode, offset: p.offset, timestampMs: p.timestamp });
        }
      }
      done(answers);
    });
  }
}

function describeTimestamp(timestampMs: number): string {
  if (timestampMs === EARLIEST_TIMESTAMP) return 'earliest';
  if (timestampMs === LATEST_TIMESTAMP) return 'latest';
  return `${timestampMs} ms`;
}
