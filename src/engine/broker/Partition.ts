import type { LogAppendInfo, UnifiedLog } from '../log';
import { tpName, type FetchPartitionResponse, type KafkaErrorName, type LeaderAndIsrPartitionState } from '../protocol';
import { iterateBatches } from '../record';
import { logErrorName } from './handlers/logErrors';
import { ProducerStateManager } from './ProducerStateManager';

/** What appending to a leader's log did (Kafka's LogAppendInfo or the error that stopped it). */
export type LeaderAppend =
  | { kind: 'appended'; info: LogAppendInfo; hwMoved: boolean }
  /** An idempotent retry of a batch already written: answered with the original offsets. */
  | { kind: 'duplicate'; producerId: number; baseSequence: number; firstOffset: number; lastOffset: number }
  | { kind: 'error'; errorCode: KafkaErrorName; errorMessage?: string };

const EMPTY = new Uint8Array(0);

/** What the leader knows about one follower replica (from its Fetch requests). */
export interface FollowerState {
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
}

/**
 * One partition as one broker sees it (kafka.cluster.Partition): the assignment, who
 * leads, the ISR, the leader epoch and, if this broker hosts a replica, its local log.
 * With replication factor 1 the leader is the only ISR member, so the HW follows the LEO;
 * the HW rule is written for the general case so followers can join later.
 */
export class Partition {
  replicas: number[] = [];
  isr: number[] = [];
  leader = -1;
  leaderEpoch = -1;
  partitionEpoch = 0;
  /** LEO at which this broker became leader (KIP-320: a follower must reach it to join the ISR). */
  leaderEpochStartOffset = -1;
  readonly followers = new Map<number, FollowerState>();
  readonly producerState = new ProducerStateManager();
  /** Bumped on every change views care about. */
  version = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly localBrokerId: number,
    public log: UnifiedLog | null,
  ) {
    // A log loaded from disk carries its producers' sequences (Kafka's loadProducerState).
    if (log && log.logEndOffset > log.logStartOffset) this.producerState.loadFromLog(log.segments);
  }

  get tp(): string {
    return tpName(this.topic, this.partition);
  }

  get isLeader(): boolean {
    return this.leader === this.localBrokerId && this.log !== null;
  }

  /** Apply a LeaderAndIsr state; returns true if this broker became (or stays) leader. */
  applyState(state: LeaderAndIsrPartitionState): boolean {
    const wasLeader = this.isLeader;
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
    this.leader = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.partitionEpoch = state.partitionEpoch;
    this.version++;
    if (this.isLeader && (!wasLeader || this.leaderEpochStartOffset < 0)) {
      this.leaderEpochStartOffset = this.log!.logEndOffset;
      // A new leader records (epoch, LEO) in its leader-epoch cache at once (KIP-101).
      this.log!.maybeAssignEpochStartOffset(state.leaderEpoch, this.leaderEpochStartOffset);
      this.followers.clear();
      for (const id of this.replicas) {
        if (id !== this.localBrokerId) this.followers.set(id, { logEndOffset: -1, lastCaughtUpTimeMs: 0 });
      }
    }
    return this.isLeader;
  }

  /**
   * Kafka's maybeIncrementLeaderHW: the HW is the smallest LEO among the leader and the
   * ISR followers, and it only moves forward. Returns true if the HW advanced.
   */
  maybeIncrementLeaderHW(minInsyncReplicas: number): boolean {
    const log = this.log;
    if (!log || !this.isLeader) return false;
    if (this.isr.length < Math.min(minInsyncReplicas, this.replicas.length)) return false;
    let candidate = log.logEndOffset;
    for (const [id, follower] of this.followers) {
      if (this.isr.includes(id) && follower.logEndOffset < candidate) candidate = follower.logEndOffset;
    }
    if (candidate <= log.highWatermark) return false;
    log.updateHighWatermark(candidate);
    this.version++;
    return true;
  }

  /**
   * Kafka's Partition.appendRecordsToLeader: the min-ISR check for acks=all, the idempotent
   * producer's sequence check, the append with this leader's epoch, then the HW rule.
   */
  appendRecordsToLeader(records: Uint8Array, acks: number, minInsyncReplicas: number, nowMs: number): LeaderAppend {
    const log = this.log;
    if (!this.isLeader || !log) return { kind: 'error', errorCode: 'NOT_LEADER_OR_FOLLOWER' };
    if (acks === -1 && this.isr.length < minInsyncReplicas) {
      const errorMessage = `The size of the current ISR [${this.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${minInsyncReplicas} for partition ${this.tp}`;
      return { kind: 'error', errorCode: 'NOT_ENOUGH_REPLICAS', errorMessage };
    }
    const header = iterateBatches(records).next().value;
    if (!header) return { kind: 'error', errorCode: 'CORRUPT_MESSAGE', errorMessage: 'the request carried no complete record batch' };
    const { producerId, producerEpoch, baseSequence } = header;
    const check = this.producerState.check(producerId, producerEpoch, baseSequence, baseSequence + header.lastOffsetDelta);
    if (check.kind === 'error') return { kind: 'error', errorCode: check.errorName, errorMessage: check.message };
    if (check.kind === 'duplicate') return { kind: 'duplicate', producerId, baseSequence, firstOffset: check.firstOffset, lastOffset: check.lastOffset };
    let info: LogAppendInfo;
    try {
      info = log.appendAsLeader(records, this.leaderEpoch, nowMs);
    } catch (error) {
      const name = logErrorName(error);
      const full = error instanceof Error ? error.message : String(error);
      // The log's errors start with their name; the response and the event name it once.
      return { kind: 'error', errorCode: name, errorMessage: full.startsWith(`${name}: `) ? full.slice(name.length + 2) : full };
    }
    const lastSeq = baseSequence + (info.lastOffset - info.firstOffset);
    this.producerState.record(producerId, producerEpoch, { firstSeq: baseSequence, lastSeq, firstOffset: info.firstOffset, lastOffset: info.lastOffset, timestampMs: info.maxTimestamp });
    this.version++;
    return { kind: 'appended', info, hwMoved: this.maybeIncrementLeaderHW(minInsyncReplicas) };
  }

  /**
   * Kafka's Partition.fetchRecords on the leader: epoch fencing (KIP-320), then a read of
   * whole batches; consumers (fetchOnlyCommitted) read only below the HW, followers to the LEO.
   */
  fetchRecords(fetchOffset: number, currentLeaderEpoch: number, maxBytes: number, fetchOnlyCommitted: boolean, minOneMessage: boolean): FetchPartitionResponse {
    const log = this.log;
    const empty = (errorCode: KafkaErrorName): FetchPartitionResponse => ({
      partition: this.partition,
      errorCode,
      highWatermark: log?.highWatermark ?? -1,
      lastStableOffset: log?.highWatermark ?? -1,
      logStartOffset: log?.logStartOffset ?? -1,
      records: EMPTY,
    });
    if (!this.isLeader || !log) return empty('NOT_LEADER_OR_FOLLOWER');
    if (currentLeaderEpoch >= 0 && currentLeaderEpoch < this.leaderEpoch) return empty('FENCED_LEADER_EPOCH');
    if (currentLeaderEpoch > this.leaderEpoch) return empty('UNKNOWN_LEADER_EPOCH');
    try {
      const read = log.read(fetchOffset, maxBytes, fetchOnlyCommitted ? log.highWatermark : log.logEndOffset, minOneMessage);
      return { ...empty('NONE'), records: read.records };
    } catch (error) {
      return empty(logErrorName(error));
    }
  }
}
