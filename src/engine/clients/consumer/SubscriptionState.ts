import type { TopicPartition } from '../../lab/types';
import { tpKey } from '../common';

export type ResetStrategy = 'earliest' | 'latest';

/** Per assigned partition: where the consumer reads next and what it last heard from the leader. */
export interface TopicPartitionState {
  readonly tp: TopicPartition;
  readonly key: string;
  /** Next offset to fetch; null until known (no committed offsets without groups). */
  position: number | null;
  /** Waiting for a ListOffsets answer (auto.offset.reset, seekToBeginning/End). */
  resetStrategy: ResetStrategy | null;
  /** What asked for the reset, for the event log ("auto.offset.reset=earliest", "seekToEnd"). */
  resetReason: string;
  resetInFlight: boolean;
  /** Not retried before this time after a failed ListOffsets. */
  nextResetAllowedMs: number;
  highWatermark: number | null;
  logStartOffset: number | null;
  lastStableOffset: number | null;
  /** Not fetched again until metadata is newer than this version (after a leader error). */
  awaitMetadataAfterVersion: number;
  /** The leader epoch of the last record consumed (KIP-320); null after a seek or reset. */
  positionEpoch: number | null;
  /** The leader's epoch (from metadata) the position was last known valid under. */
  validatedLeaderEpoch: number;
  /** The leader changed: no fetch until OffsetsForLeaderEpoch confirms the position (KIP-320). */
  awaitingValidation: boolean;
  validationInFlight: boolean;
}

/**
 * Kafka's SubscriptionState for manual assignment: the assigned partitions in assignment
 * order with their fetch positions and pending offset resets.
 */
export class SubscriptionState {
  private readonly assignment = new Map<string, TopicPartitionState>();
  /** Partitions without a position or with a reset pending; null = count again (after a change). */
  private unsettled: number | null = 0;
  /** Changes with every assign(), so per-assignment caches know when to rebuild. */
  assignmentVersion = 0;

  /** assign(): partitions that stay assigned keep their position, the others are dropped. */
  assignFromUser(tps: readonly TopicPartition[]): void {
    this.unsettled = null;
    this.assignmentVersion++;
    const keep = new Map(this.assignment);
    this.assignment.clear();
    for (const tp of tps) {
      const key = tpKey(tp);
      this.assignment.set(key, keep.get(key) ?? newState(tp, key));
    }
  }

  /**
   * The group's assignment (subscribe()): same bookkeeping as assign(), but the partitions came
   * from the group leader. Kept apart because Kafka refuses to mix the two.
   */
  assignFromSubscribed(tps: readonly TopicPartition[]): void {
    this.assignFromUser(tps);
  }

  assignedPartitions(): TopicPartition[] {
    return [...this.assignment.values()].map((s) => ({ ...s.tp }));
  }

  states(): TopicPartitionState[] {
    return [...this.assignment.values()];
  }

  /** The assigned partitions' states, without copying (do not assign while iterating). */
  stateValues(): IterableIterator<TopicPartitionState> {
    return this.assignment.values();
  }

  get size(): number {
    return this.assignment.size;
  }

  state(key: string): TopicPartitionState | undefined {
    return this.assignment.get(key);
  }

  isAssigned(key: string): boolean {
    return this.assignment.has(key);
  }

  seek(key: string, offset: number): void {
    const state = this.assignment.get(key);
    if (!state) return;
    this.unsettled = null;
    state.position = offset;
    state.resetStrategy = null;
    state.resetInFlight = false;
    state.positionEpoch = null;
    state.awaitingValidation = false;
    state.validatedLeaderEpoch = -1;
  }

  requestOffsetReset(key: string, strategy: ResetStrategy, reason: string): void {
    const state = this.assignment.get(key);
    if (!state) return;
    this.unsettled = null;
    state.resetStrategy = strategy;
    state.resetReason = reason;
    state.resetInFlight = false;
    state.nextResetAllowedMs = 0;
  }

  /** Partitions with neither a position nor a pending reset (resetInitializingPositions). */
  initializingPartitions(): TopicPartitionState[] {
    if (this.unsettledCount() === 0) return [];
    return this.states().filter((s) => s.position === null && s.resetStrategy === null);
  }

  partitionsNeedingReset(nowMs: number): TopicPartitionState[] {
    if (this.unsettledCount() === 0) return [];
    return this.states().filter((s) => s.resetStrategy !== null && !s.resetInFlight && s.nextResetAllowedMs <= nowMs);
  }

  /** Every poll asks for resets; once all positions are known that costs O(1), not a walk over every partition. */
  private unsettledCount(): number {
    if (this.unsettled === null) {
      let n = 0;
      for (const s of this.assignment.values()) if (s.position === null || s.resetStrategy !== null) n++;
      this.unsettled = n;
    }
    return this.unsettled;
  }

  /** Has a position and no reset pending. */
  hasValidPosition(key: string): boolean {
    const state = this.assignment.get(key);
    return state !== undefined && state.position !== null && state.resetStrategy === null;
  }
}

function newState(tp: TopicPartition, key: string): TopicPartitionState {
  return {
    tp: { topic: tp.topic, partition: tp.partition },
    key,
    position: null,
    resetStrategy: null,
    resetReason: '',
    resetInFlight: false,
    nextResetAllowedMs: 0,
    highWatermark: null,
    logStartOffset: null,
    lastStableOffset: null,
    awaitMetadataAfterVersion: -1,
    positionEpoch: null,
    validatedLeaderEpoch: -1,
    awaitingValidation: false,
    validationInFlight: false,
  };
}
