import type { OffsetCommitRequest, OffsetFetchRequest } from '../../protocol';
import { partitionsByTopic } from '../../protocol/topicPartition';
import { ClientException } from '../errors';
import type { ConsumerCoordinator, ConsumerCoordinatorOptions } from './ConsumerCoordinator';

export type CommitCallback = (error: ClientException | null) => void;
export type CommittedOffsets = Map<string, { offset: number; leaderEpoch: number | null }>;

/** Kafka's CommitFailedException text: what a learner should read when a zombie's commit is refused. */
export const COMMIT_FAILED_MESSAGE =
  'Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. ' +
  'This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, ' +
  'which typically implies that the poll loop is spending too much time message processing. You can address this either ' +
  'by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.';

/**
 * ConsumerCoordinator's offset side: auto-commit every auto.commit.interval.ms, the commit
 * before a rebalance and on close, commitSync/commitAsync, and OffsetFetch for the committed
 * positions of newly assigned partitions.
 */
export class OffsetCommitter {
  private nextAutoCommitMs: number;
  private inFlight = 0;
  private readonly lastCommitted = new Map<string, number>();

  constructor(private readonly o: ConsumerCoordinatorOptions & { coordinator: ConsumerCoordinator }) {
    this.nextAutoCommitMs = o.kernel.nowMs + o.config.autoCommitIntervalMs;
  }

  /** The positions the application has consumed up to: what a commit of "everything" commits. */
  consumedOffsets(): CommittedOffsets {
    const out: CommittedOffsets = new Map();
    for (const s of this.o.subscriptions.stateValues()) {
      if (s.position !== null && s.resetStrategy === null) out.set(s.key, { offset: s.position, leaderEpoch: s.positionEpoch });
    }
    return out;
  }

  maybeAutoCommit(): void {
    if (!this.o.config.enableAutoCommit || this.o.kernel.nowMs < this.nextAutoCommitMs) return;
    this.nextAutoCommitMs = this.o.kernel.nowMs + this.o.config.autoCommitIntervalMs;
    if (this.o.coordinator.state !== 'STABLE' || this.inFlight > 0) return;
    const offsets = this.consumedOffsets();
    if (offsets.size > 0) this.commit(offsets, (error) => error && this.o.coordinator.say(`auto-commit failed: ${error.message}`), 'auto-commit');
  }

  /** onJoinPrepare's synchronous auto-commit (maybeAutoCommitOffsetsSync), then `next`. */
  beforeRebalance(next: () => void): void {
    this.commitAllIfAuto(next);
  }

  beforeClose(next: () => void): void {
    this.commitAllIfAuto(next);
  }

  private commitAllIfAuto(next: () => void): void {
    const offsets = this.consumedOffsets();
    if (!this.o.config.enableAutoCommit || this.o.coordinator.state !== 'STABLE' || offsets.size === 0) return next();
    this.commit(offsets, () => next(), 'auto-commit before leaving the generation');
  }

  /**
   * One OffsetCommit. A member of a subscribed group commits with its generation (none while
   * rebalancing or out of the group: the commit fails); a consumer that assigned its partitions
   * commits with generation -1 and no member id. An unknown coordinator is looked up first
   * (commitSync and commitAsync both wait for it, up to default.api.timeout.ms).
   */
  commit(offsets: CommittedOffsets, callback: CommitCallback, why = 'commit', deadlineMs = this.o.kernel.nowMs + this.o.config.defaultApiTimeoutMs): void {
    const c = this.o.coordinator;
    if (offsets.size === 0) return callback(null);
    if (c.coordinator === null || this.o.refusalOf?.(c.coordinator) !== undefined) {
      if (this.o.kernel.nowMs >= deadlineMs) return callback(new ClientException('TimeoutException', `Timeout of ${this.o.config.defaultApiTimeoutMs}ms expired before the coordinator could be found to commit offsets.`));
      c.ensureCoordinatorReady();
      this.o.kernel.schedule(this.o.config.retryBackoffMs, `${this.o.nodeId} commit waits for the coordinator`, () => this.commit(offsets, callback, why, deadlineMs));
      return;
    }
    const autoAssigned = c.subscription().length > 0;
    if (autoAssigned && c.state !== 'STABLE') {
      return callback(c.state === 'UNJOINED' ? new ClientException('CommitFailedException', COMMIT_FAILED_MESSAGE) : new ClientException('RebalanceInProgressException', 'Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation.'));
    }
    const gen = autoAssigned ? c.generation : { generationId: -1, memberId: '', protocolName: null };
    const topics = partitionsByTopic(offsets.keys()).map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => {
        const o = offsets.get(`${t.name}-${partitionIndex}`)!;
        return { partitionIndex, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1, committedMetadata: '' };
      }),
    }));
    const request: OffsetCommitRequest = { apiKey: 'OffsetCommit', groupId: c.groupId, generationId: gen.generationId, memberId: gen.memberId, groupInstanceId: this.o.config.groupInstanceId, topics };
    this.inFlight++;
    // Auto-commit sends every interval even when nothing moved (as Kafka does); say so only when something did.
    const unchanged = why === 'auto-commit' && [...offsets].every(([k, v]) => this.lastCommitted.get(k) === v.offset);
    if (!unchanged) c.say(`${why}: committing ${[...offsets].map(([k, v]) => `${k}=${v.offset}`).join(', ')} (generation ${gen.generationId})`);
    this.o.client.send(c.coordinator, request, 'OffsetCommit', this.o.config.requestTimeoutMs, (outcome) => {
      this.inFlight--;
      if (!outcome.ok) {
        c.markCoordinatorUnknown(`OffsetCommit: ${outcome.error}`);
        return callback(new ClientException('RetriableCommitFailedException', `Offset commit failed with a retriable exception (${outcome.error}).`));
      }
      const errors = outcome.response.topics.flatMap((t) => t.partitions.map((p) => p.errorCode)).filter((e) => e !== 'NONE');
      if (errors.length === 0) for (const [k, v] of offsets) this.lastCommitted.set(k, v.offset);
      callback(errors.length === 0 ? null : this.commitError(errors[0]!));
    });
  }

  private commitError(error: string): ClientException {
    const c = this.o.coordinator;
    if (error === 'REBALANCE_IN_PROGRESS' && this.o.config.version !== '2.4') {
      c.requestRejoin('OffsetCommit: REBALANCE_IN_PROGRESS');
      return new ClientException('RebalanceInProgressException', 'Offset commit cannot be completed since the consumer group is executing a rebalance at the moment. You can try completing the rebalance by calling poll() and then retry commit again.');
    }
    if (error === 'ILLEGAL_GENERATION' || error === 'UNKNOWN_MEMBER_ID' || error === 'REBALANCE_IN_PROGRESS' || error === 'FENCED_INSTANCE_ID') {
      c.say(`OffsetCommit refused (${error}): this member is no longer in that generation`);
      c.resetGeneration(`OffsetCommit: ${error}`);
      return new ClientException('CommitFailedException', COMMIT_FAILED_MESSAGE);
    }
    if (error === 'COORDINATOR_NOT_AVAILABLE' || error === 'NOT_COORDINATOR' || error === 'REQUEST_TIMED_OUT') {
      c.markCoordinatorUnknown(`OffsetCommit: ${error}`);
      return new ClientException('RetriableCommitFailedException', `Offset commit failed with a retriable exception (${error}).`);
    }
    return new ClientException('KafkaException', `Unexpected error in commit: ${error}`);
  }

  /** OffsetFetch for `keys` ("topic-N"); null in the callback when it could not be asked. */
  fetchCommitted(keys: readonly string[], callback: (committed: CommittedOffsets | null) => void): void {
    const c = this.o.coordinator;
    if (c.coordinator === null) return callback(null);
    const request: OffsetFetchRequest = { apiKey: 'OffsetFetch', groupId: c.groupId, topics: partitionsByTopic(keys) };
    this.o.client.send(c.coordinator, request, 'OffsetFetch', this.o.config.requestTimeoutMs, (outcome) => {
      if (!outcome.ok || outcome.response.errorCode !== 'NONE') {
        if (!outcome.ok || outcome.response.errorCode !== 'COORDINATOR_LOAD_IN_PROGRESS') c.markCoordinatorUnknown(`OffsetFetch: ${outcome.ok ? outcome.response.errorCode : outcome.error}`);
        return callback(null);
      }
      const out: CommittedOffsets = new Map();
      for (const t of outcome.response.topics) {
        for (const p of t.partitions) if (p.committedOffset >= 0) out.set(`${t.name}-${p.partitionIndex}`, { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch >= 0 ? p.committedLeaderEpoch : null });
      }
      callback(out);
    });
  }
}
