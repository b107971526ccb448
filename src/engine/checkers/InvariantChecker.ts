import type { EventLogReader } from '../snapshot';
import type { EventText, LabEventKind } from '../kernel';
import type { UnifiedLog } from '../log';
import { compactedBelow } from '../log/cleaner';
import { iterateBatches } from '../record';
import type { ViolationView } from '../snapshot';
import type { KafkaVersion } from '../config/types';
import { GroupInvariants, type GroupCoordinatorView } from './GroupInvariants';
import { SinkChecker, type SinkCheckedCluster } from './SinkChecker';

/** A replica as the checker reads it. */
export interface CheckedReplica {
  readonly isLeader: boolean;
  readonly leaderEpoch: number;
  readonly log: UnifiedLog | null;
}

/** The cluster as the checkers read it (KafkaLab satisfies it; a narrow surface, no cycle). With the sinks, also their invariants. */
export interface CheckedCluster extends Partial<SinkCheckedCluster> {
  readonly kernel: { readonly nowMs: number; readonly steps: number; readonly log: EventLogReader; emit(kind: LabEventKind, actor: string, text: EventText, tp?: string): void };
  readonly brokers: readonly ({ readonly alive: boolean; readonly replicaManager: { readonly partitions: ReadonlyMap<string, CheckedReplica> } } & GroupCoordinatorView)[];
  readonly kafkaVersion: KafkaVersion;
  /** Every partition's assignment and the leader, epoch and ISR ZooKeeper records. */
  partitionStates(): { tp: string; replicas: readonly number[]; leader: number; leaderEpoch: number; isr: readonly number[] }[];
}

/** How many violations the view keeps (the oldest first; a broken lab does not grow without bound). */
const MAX_VIOLATIONS = 200;

/**
 * Kafka's replication invariants (the TLA+ specification's, kafka-semantics §3.11), checked on
 * the live cluster: the leader is in the ISR and the ISR within the replicas; leader epochs
 * only grow; on every replica log start ≤ HW ≤ LEO; and every ISR follower holds the leader's
 * committed records (below the leader's HW), batch for batch (StrongIsr). Incremental: the
 * committed prefix already compared is not read again unless a log shrank.
 */
export class InvariantChecker {
  private readonly maxEpoch = new Map<string, number>();
  /** tp → follower id → offset up to which its log matched the leader's (under `leaderKey`). */
  private readonly verified = new Map<string, { leaderKey: string; upTo: Map<number, number> }>();
  private readonly found: ViolationView[] = [];
  private readonly seen = new Set<string>();
  private list: readonly ViolationView[] = [];
  /** The group sinks' invariant (no record lost or duplicated when a remedy is on), when the cluster has sinks. */
  private readonly sinkChecker: SinkChecker | null;

  private readonly groups: GroupInvariants;

  constructor(private readonly cluster: CheckedCluster) {
    this.groups = new GroupInvariants(() => cluster.kafkaVersion);
    const { sinks, group, readRecords } = cluster;
    this.sinkChecker = sinks && group && readRecords ? new SinkChecker({ sinks, group: (id) => group.call(cluster, id), readRecords: (tp, from, n) => readRecords.call(cluster, tp, from, n) }) : null;
  }

  /** Check against ZooKeeper's partition states (the caller parses them once per check). */
  check(states: ReturnType<CheckedCluster['partitionStates']> = this.cluster.partitionStates()): readonly ViolationView[] {
    const before = this.found.length;
    const live = new Set<string>();
    for (const state of states) {
      live.add(state.tp);
      this.checkPartition(state);
    }
    for (const tp of [...this.maxEpoch.keys()]) if (!live.has(tp)) this.forget(tp);
    // Built only if a group's commits need checking: most checks see no changed group.
    let leaders: Map<string, number> | null = null;
    const logEnd = (tp: string): number | null => this.leaderLogEnd(tp, (leaders ??= new Map(states.map((st) => [st.tp, st.leader] as const))).get(tp));
    this.groups.check(this.cluster.brokers, logEnd, (inv, tp, text) => this.violate(inv, tp, text));
    this.sinkChecker?.check((invariant, tp, text) => this.violate(invariant, tp, text));
    if (this.found.length !== before) this.list = this.found.slice(-MAX_VIOLATIONS);
    return this.list;
  }

  private leaderLogEnd(tp: string, leader: number | undefined): number | null {
    const broker = leader === undefined ? undefined : this.cluster.brokers[leader];
    const log = broker?.alive ? broker.replicaManager.partitions.get(tp)?.log : null;
    return log ? log.logEndOffset : null;
  }

  private forget(tp: string): void {
    this.maxEpoch.delete(tp);
    this.verified.delete(tp);
  }

  private checkPartition(s: ReturnType<CheckedCluster['partitionStates']>[number]): void {
    const { tp } = s;
    if (s.leader >= 0 && !s.isr.includes(s.leader)) this.violate('LeaderInIsr', tp, `ZooKeeper names broker ${s.leader} leader of ${tp} (epoch ${s.leaderEpoch}) but it is not in the ISR [${s.isr.join(', ')}]`);
    const outside = s.isr.filter((id) => !s.replicas.includes(id));
    if (outside.length > 0) this.violate('IsrWithinReplicas', tp, `the ISR of ${tp} names broker(s) ${outside.join(', ')}, which hold no replica of it`);
    const max = this.maxEpoch.get(tp) ?? -1;
    if (s.leaderEpoch < max) this.violate('MonotonicLeaderEpoch', tp, `the leader epoch of ${tp} went back from ${max} to ${s.leaderEpoch}`);
    else this.maxEpoch.set(tp, s.leaderEpoch);
    for (const id of s.replicas) {
      const broker = this.cluster.brokers[id];
      const log = broker?.alive ? broker.replicaManager.partitions.get(tp)?.log : null;
      if (!log) continue;
      if (log.highWatermark > log.logEndOffset || log.logStartOffset > log.highWatermark) {
        this.violate('ValidHighWatermark', tp, `broker ${id}'s replica of ${tp} has log start ${log.logStartOffset}, HW ${log.highWatermark}, LEO ${log.logEndOffset}: it must be log start ≤ HW ≤ LEO`);
      }
    }
    this.checkStrongIsr(s);
  }

  /**
   * StrongIsr: every ISR follower that applied the current epoch has the leader's records
   * below the leader's HW, identical batch by batch (offsets and CRC).
   */
  private checkStrongIsr(s: ReturnType<CheckedCluster['partitionStates']>[number]): void {
    const leaderBroker = this.cluster.brokers[s.leader];
    const leader = leaderBroker?.alive ? leaderBroker.replicaManager.partitions.get(s.tp) : undefined;
    if (!leader?.log || !leader.isLeader || leader.leaderEpoch !== s.leaderEpoch) return;
    const leaderKey = `${s.leader}:${s.leaderEpoch}`;
    let state = this.verified.get(s.tp);
    if (!state || state.leaderKey !== leaderKey) this.verified.set(s.tp, (state = { leaderKey, upTo: new Map() }));
    const hw = leader.log.highWatermark;
    for (const id of s.isr) {
      if (id === s.leader) continue;
      const broker = this.cluster.brokers[id];
      const follower = broker?.alive ? broker.replicaManager.partitions.get(s.tp) : undefined;
      if (!follower?.log || follower.isLeader || follower.leaderEpoch !== s.leaderEpoch) continue;
      const log = follower.log;
      if (log.logEndOffset < hw) {
        this.violate('StrongIsr', s.tp, `broker ${id} is in the ISR of ${s.tp} but its log ends at ${log.logEndOffset}, below the committed offset ${hw} (leader HW): committed records ${log.logEndOffset}–${hw - 1} are missing there`);
        continue;
      }
      // Each replica compacts its own copy: below the active segments of a compacted topic batches may differ.
      const compacted = Math.max(compactedBelow(leader.log), compactedBelow(log));
      const from = Math.max(Math.min(state.upTo.get(id) ?? 0, log.logEndOffset), log.logStartOffset, leader.log.logStartOffset, compacted);
      const diverged = firstDifference(leader.log, log, from, hw);
      if (diverged !== null) this.violate('StrongIsr', s.tp, `broker ${id} is in the ISR of ${s.tp} but its committed records differ from the leader's from offset ${diverged}: the logs diverged`);
      else state.upTo.set(id, hw);
    }
  }

  /** Report a violation once per (invariant, partition, text), as an event with the time it was seen. */
  private violate(invariant: string, tp: string, text: string): void {
    const key = `${invariant}|${tp}|${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const { kernel } = this.cluster;
    kernel.emit('guarantees', 'checker', `invariant ${invariant} broken: ${text}`, tp);
    this.found.push({ invariant, tp, text, atMs: kernel.nowMs, seq: kernel.log.count - 1 });
  }
}

/** The first offset in [from, until) where the two logs' batches differ (offsets or CRC), or null. */
function firstDifference(a: UnifiedLog, b: UnifiedLog, from: number, until: number): number | null {
  if (from >= until) return null;
  const batchesA = batchList(a, from, until);
  const batchesB = batchList(b, from, until);
  for (let i = 0; i < Math.max(batchesA.length, batchesB.length); i++) {
    const x = batchesA[i];
    const y = batchesB[i];
    if (!x || !y) return (x ?? y)!.base;
    if (x.base !== y.base || x.last !== y.last || x.crc !== y.crc) return Math.min(x.base, y.base);
  }
  return null;
}

function batchList(log: UnifiedLog, from: number, until: number): { base: number; last: number; crc: number }[] {
  const out: { base: number; last: number; crc: number }[] = [];
  let offset = from;
  while (offset < until) {
    const read = log.read(offset, 1 << 20, until, true);
    if (read.records.byteLength === 0) break;
    let last = offset;
    for (const batch of iterateBatches(read.records)) {
      if (batch.lastOffset < from) continue;
      out.push({ base: batch.baseOffset, last: batch.lastOffset, crc: batch.crc });
      last = batch.lastOffset + 1;
    }
    if (last <= offset) break;
    offset = last;
  }
  return out;
}
