import type { ConsumerConfig } from '../../config/consumerConfig';
import type { SimKernel } from '../../kernel';
import type { NetworkClient, NodeId, RequestOutcome } from '../../network';
import type { OffsetsForLeaderEpochRequest } from '../../protocol';
import { tpName } from '../common';
import { ClientException } from '../errors';
import type { Metadata } from '../Metadata';
import type { SubscriptionState, TopicPartitionState } from './SubscriptionState';

export interface OffsetValidatorOptions {
  readonly kernel: SimKernel;
  readonly client: NetworkClient;
  readonly metadata: Metadata;
  readonly subscriptions: SubscriptionState;
  readonly config: ConsumerConfig;
  /** A validation finished: a waiting poll() can go on. */
  readonly onDone: () => void;
}

/**
 * KIP-320 position validation (SubscriptionState.maybeValidatePositionForCurrentLeader and
 * OffsetsForLeaderEpochUtils in Kafka's consumer): after the partition's leader changes, the
 * consumer asks the new leader where the epoch of its last consumed record ends. An end below
 * its position means it read records that were truncated (an unclean election): it resets to
 * the first offset known to diverge, or with auto.offset.reset=none raises LogTruncationException.
 */
export class OffsetValidator {
  private pendingError: ClientException | null = null;
  private closed = false;

  constructor(private readonly o: OffsetValidatorOptions) {}

  close(): void {
    this.closed = true;
  }

  /** Throws a LogTruncationException found since the last poll (auto.offset.reset=none). */
  throwIfTruncated(): void {
    const error = this.pendingError;
    this.pendingError = null;
    if (error) throw error;
  }

  /** Mark positions whose leader changed since they were valid, and ask their leaders. */
  validatePositionsIfNeeded(): void {
    const { subscriptions, metadata } = this.o;
    const byNode = new Map<NodeId, TopicPartitionState[]>();
    for (const s of subscriptions.stateValues()) {
      if (s.position === null || s.resetStrategy !== null) continue;
      const epoch = metadata.leaderEpochFor(s.tp.topic, s.tp.partition);
      if (s.positionEpoch === null || epoch <= s.validatedLeaderEpoch) {
        if (s.positionEpoch === null && epoch > s.validatedLeaderEpoch) s.validatedLeaderEpoch = epoch;
        continue;
      }
      s.awaitingValidation = true;
      if (s.validationInFlight) continue;
      const leader = metadata.leaderFor(s.tp.topic, s.tp.partition);
      if (leader === null) continue;
      const list = byNode.get(leader) ?? [];
      list.push(s);
      byNode.set(leader, list);
    }
    for (const [node, states] of byNode) this.send(node, states);
  }

  private send(node: NodeId, states: TopicPartitionState[]): void {
    const { metadata, client, config } = this.o;
    const topics = new Map<string, OffsetsForLeaderEpochRequest['topics'][number]['partitions']>();
    const asked = new Map<string, { position: number; epoch: number; leaderEpoch: number }>();
    for (const s of states) {
      s.validationInFlight = true;
      const leaderEpoch = metadata.leaderEpochFor(s.tp.topic, s.tp.partition);
      const list = topics.get(s.tp.topic) ?? [];
      list.push({ partition: s.tp.partition, currentLeaderEpoch: leaderEpoch, leaderEpoch: s.positionEpoch! });
      topics.set(s.tp.topic, list);
      asked.set(s.key, { position: s.position!, epoch: s.positionEpoch!, leaderEpoch });
    }
    const request: OffsetsForLeaderEpochRequest = { apiKey: 'OffsetsForLeaderEpoch', replicaId: -1, topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) };
    client.send(node, request, `OffsetsForLeaderEpoch (validate ${states.map((s) => s.key).join(', ')})`, config.requestTimeoutMs, (outcome) => {
      for (const s of states) s.validationInFlight = false;
      if (!this.closed) this.handle(outcome, asked);
      this.o.onDone();
    });
  }

  private handle(outcome: RequestOutcome<OffsetsForLeaderEpochRequest>, asked: Map<string, { position: number; epoch: number; leaderEpoch: number }>): void {
    const { subscriptions, metadata } = this.o;
    if (!outcome.ok) {
      metadata.requestUpdate();
      return;
    }
    for (const t of outcome.response.topics) {
      for (const p of t.partitions) {
        const key = tpName(t.topic, p.partition);
        const state = subscriptions.state(key);
        const question = asked.get(key);
        // Seeked, reset or consumed further meanwhile: this answer is about a position no longer held.
        if (!state || !question || state.position !== question.position || !state.awaitingValidation) continue;
        if (p.errorCode !== 'NONE') {
          metadata.requestUpdate();
          continue;
        }
        this.complete(state, question, p.endOffset);
      }
    }
  }

  private complete(state: TopicPartitionState, question: { position: number; epoch: number; leaderEpoch: number }, endOffset: number): void {
    const { kernel, client, config, subscriptions } = this.o;
    state.awaitingValidation = false;
    state.validatedLeaderEpoch = question.leaderEpoch;
    if (endOffset < 0 || endOffset >= question.position) return;
    const text = `Truncation detected for partition ${state.key} at offset ${question.position} (epoch ${question.epoch} ends at ${endOffset} on the new leader)`;
    if (config.autoOffsetReset === 'none') {
      kernel.emit('consumer', client.nodeId, `${text}; auto.offset.reset=none, so poll() raises LogTruncationException`, state.key);
      this.pendingError = new ClientException('LogTruncationException', `${text}. Records the consumer read may have been lost; its position is left at ${question.position}.`);
      state.awaitingValidation = true; // stays unfetchable until the application seeks
      state.validatedLeaderEpoch = Number.MAX_SAFE_INTEGER;
      return;
    }
    kernel.emit('consumer', client.nodeId, `${text}, resetting offset to the first offset known to diverge ${endOffset}`, state.key);
    subscriptions.seek(state.key, endOffset);
    state.validatedLeaderEpoch = question.leaderEpoch;
  }
}
