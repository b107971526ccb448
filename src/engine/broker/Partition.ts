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

/** What the leader knows about one follower replica (Kafka's Replica, from its Fetch requests). */
export interface FollowerState {
  /** -1 until the follower's first fetch to this leader. */
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  /** The leader's LEO and the time at this follower's previous fetch (Replica.updateFetchState). */
  lastFetchLeaderLogEndOffset: number;
  lastFetchTimeMs: number;
}

/** What the HW and ISR rules need besides the partition: the version profile's rules and now. */
export interface ReplicationRules {
  /** 3.9 (KAFKA-15583, 3.7+): the HW does not advance while the ISR is below min(min.insync.replicas, RF). */
  freezeHwUnderMinIsr: boolean;
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
  nowMs: number;
}

/**
 * One partition as one broker sees it (kafka.cluster.Partition): the assignment, who
 * leads, the ISR, the leader epoch and, if this broker hosts a replica, its local log.
 * On the leader it also tracks each follower's LEO from its fetches, runs the HW rule and
 * decides ISR shrinks and expansions (written to ZooKeeper by the ReplicaManager).
 */
export class Partition {
  replicas: number[] = [];
  isr: number[] = [];
  leader = -1;
  leaderEpoch = -1;
  /** The state znode's zkVersion from the last LeaderAndIsr or own ISR write (3.9: partitionEpoch). */
  partitionEpoch = 0;
  /** The controller epoch of the last LeaderAndIsr (the leader reuses it when it writes the ISR). */
  controllerEpoch = 0;
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

  /**
   * Apply a LeaderAndIsr state (Partition.makeLeader / makeFollower); returns true if this
   * broker is leader afterwards. A new leader records (epoch, LEO) in its epoch cache and
   * starts every follower afresh: LEO unknown, caught up now if in the ISR, else never.
   * A follower forgets the ISR (only leaders keep one) and does not truncate here.
   */
  applyState(state: LeaderAndIsrPartitionState, nowMs: number): boolean {
    this.replicas = [...state.replicas];
    this.leader = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.partitionEpoch = state.partitionEpoch;
    this.controllerEpoch = state.controllerEpoch;
    this.version++;
    if (!this.isLeader) {
      this.isr = [];
      this.followers.clear();
      return false;
    }
    this.isr = [...state.isr];
    this.leaderEpochStartOffset = this.log!.logEndOffset;
    this.log!.maybeAssignEpochStartOffset(state.leaderEpoch, this.leaderEpochStartOffset);
    this.followers.clear();
    for (const id of this.replicas) {
      if (id === this.localBrokerId) continue;
      this.followers.set(id, { logEndOffset: -1, lastCaughtUpTimeMs: this.isr.includes(id) ? nowMs : 0, lastFetchLeaderLogEndOffset: -1, lastFetchTimeMs: 0 });
    }
    return true;
  }

  /**
   * Replica.updateFetchState: the leader learns a follower's LEO from its fetch offset. The
   * follower is caught up as of this fetch if it asked from the leader's LEO, or as of its
   * previous fetch if it asked from the LEO the leader had then. Returns true if its LEO moved.
   */
  updateFollowerFetchState(followerId: number, fetchOffset: number, nowMs: number): boolean {
    const follower = this.followers.get(followerId);
    const log = this.log;
    if (!follower || !log) return false;
    const leaderLeo = log.logEndOffset;
    if (fetchOffset >= leaderLeo) follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, nowMs);
    else if (fetchOffset >= follower.lastFetchLeaderLogEndOffset) follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, follower.lastFetchTimeMs);
    follower.lastFetchLeaderLogEndOffset = leaderLeo;
    follower.lastFetchTimeMs = nowMs;
    const moved = follower.logEndOffset !== fetchOffset;
    follower.logEndOffset = fetchOffset;
    if (moved) this.version++;
    return moved;
  }

  /** Replica.isCaughtUp: at the leader's LEO, or caught up within replica.lag.time.max.ms. */
  private isCaughtUp(follower: FollowerState, rules: ReplicationRules): boolean {
    return follower.logEndOffset === this.log!.logEndOffset || rules.nowMs - follower.lastCaughtUpTimeMs <= rules.replicaLagTimeMaxMs;
  }

  /**
   * Kafka's maybeIncrementLeaderHW: the candidate is the leader's LEO, lowered to the LEO of
   * every follower that is in the ISR or caught up; the HW only moves forward. 3.9 does not
   * move it while the ISR is under min(min.insync.replicas, RF). Returns true if it moved.
   */
  maybeIncrementLeaderHW(rules: ReplicationRules): boolean {
    const log = this.log;
    if (!log || !this.isLeader) return false;
    if (rules.freezeHwUnderMinIsr && this.isr.length < Math.min(rules.minInsyncReplicas, this.replicas.length)) return false;
    let candidate = log.logEndOffset;
    for (const [id, follower] of this.followers) {
      if (follower.logEndOffset >= candidate) continue;
      if (this.isr.includes(id) || (follower.logEndOffset >= 0 && this.isCaughtUp(follower, rules))) candidate = Math.max(follower.logEndOffset, 0);
    }
    if (candidate <= log.highWatermark) return false;
    log.updateHighWatermark(candidate);
    this.version++;
    return true;
  }

  /** Partition.isFollowerInSync for an expansion: LEO at least the HW and the leader-epoch start offset. */
  followerToAdd(followerId: number): boolean {
    const follower = this.followers.get(followerId);
    const log = this.log;
    if (!follower || !log || !this.isLeader || this.isr.includes(followerId)) return false;
    return follower.logEndOffset >= log.highWatermark && follower.logEndOffset >= this.leaderEpochStartOffset;
  }

  /** getOutOfSyncReplicas: ISR followers not at the leader's LEO and not caught up for longer than the lag. */
  outOfSyncReplicas(rules: ReplicationRules): number[] {
    const log = this.log;
    if (!log || !this.isLeader) return [];
    return this.isr.filter((id) => {
      const follower = this.followers.get(id);
      if (!follower) return false; // the leader itself
      return follower.logEndOffset !== log.logEndOffset && rules.nowMs - follower.lastCaughtUpTimeMs > rules.replicaLagTimeMaxMs;
    });
  }

  /** The leader's ISR write succeeded: the new ISR and zkVersion. */
  isrUpdated(isr: readonly number[], partitionEpoch: number): void {
    this.isr = [...isr];
    this.partitionEpoch = partitionEpoch;
    this.version++;
  }

  /**
   * Kafka's Partition.appendRecordsToLeader: the min-ISR check for acks=all, the idempotent
   * producer's sequence check, the append with this leader's epoch, then the HW rule.
   */
  appendRecordsToLeader(records: Uint8Array, acks: number, rules: ReplicationRules): LeaderAppend {
    const log = this.log;
    if (!this.isLeader || !log) return { kind: 'error', errorCode: 'NOT_LEADER_OR_FOLLOWER' };
    const minIsr = this.effectiveMinIsr(rules);
    if (acks === -1 && this.isr.length < minIsr) {
      const errorMessage = `The size of the current ISR [${this.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${this.tp}`;
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
      info = log.appendAsLeader(records, this.leaderEpoch, rules.nowMs);
    } catch (error) {
      const name = logErrorName(error);
      const full = error instanceof Error ? error.message : String(error);
      // The log's errors start with their name; the response and the event name it once.
      return { kind: 'error', errorCode: name, errorMessage: full.startsWith(`${name}: `) ? full.slice(name.length + 2) : full };
    }
    const lastSeq = baseSequence + (info.lastOffset - info.firstOffset);
    this.producerState.record(producerId, producerEpoch, { firstSeq: baseSequence, lastSeq, firstOffset: info.firstOffset, lastOffset: info.lastOffset, timestampMs: info.maxTimestamp });
    this.version++;
    return { kind: 'appended', info, hwMoved: this.maybeIncrementLeaderHW(rules) };
  }

  /** min.insync.replicas as the profile applies it: 2.4 as set, 3.9 capped at the replication factor. */
  effectiveMinIsr(rules: ReplicationRules): number {
    return rules.freezeHwUnderMinIsr ? Math.min(rules.minInsyncReplicas, this.replicas.length) : rules.minInsyncReplicas;
  }

  /** Records a follower fetched were appended: keep the producers' sequences (a future leader needs them). */
  recordFollowerAppend(records: Uint8Array): void {
    for (const b of iterateBatches(records)) {
      if (b.producerId < 0) continue;
      this.producerState.record(b.producerId, b.producerEpoch, { firstSeq: b.baseSequence, lastSeq: b.baseSequence + b.lastOffsetDelta, firstOffset: b.baseOffset, lastOffset: b.baseOffset + b.lastOffsetDelta, timestampMs: b.maxTimestamp });
    }
    this.version++;
  }

  /**
   * Kafka's Partition.fetchRecords on the leader: epoch fencing (KIP-320), then a read of
   * whole batches; consumers (fetchOnlyCommitted) read only below the HW, followers to the LEO.
   */
  fetchRecords(fetchOffset: number, currentLeaderEpoch: number, maxBytes: number, fetchOnlyCommitted: boolean, minOneMessage: boolean, lastFetchedEpoch = -1): FetchPartitionResponse {
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
    if (lastFetchedEpoch >= 0) {
      // The "diverging epoch" check (KIP-320 / KAFKA-10554): the follower's last epoch ends earlier here.
      const end = log.leaderEpochCache.endOffsetFor(lastFetchedEpoch, log.logEndOffset);
      if (end.epoch < lastFetchedEpoch || end.endOffset < fetchOffset) return { ...empty('NONE'), divergingEpoch: { epoch: end.epoch, endOffset: end.endOffset } };
    }
    try {
      const read = log.read(fetchOffset, maxBytes, fetchOnlyCommitted ? log.highWatermark : log.logEndOffset, minOneMessage);
      return { ...empty('NONE'), records: read.records };
    } catch (error) {
      return empty(logErrorName(error));
    }
  }
}
