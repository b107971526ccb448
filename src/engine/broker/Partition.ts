import type { UnifiedLog } from '../log';
import type { LeaderAndIsrPartitionState } from '../protocol';
import { ProducerStateManager } from './ProducerStateManager';

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
  ) {}

  get tp(): string {
    return `${this.topic}-${this.partition}`;
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
}
