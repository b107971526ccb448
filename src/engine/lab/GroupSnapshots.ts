import { parseTpName } from '../protocol/topicPartition';
import type { ConsumerView, GroupMemberSnapshotView, GroupPartitionView, GroupSnapshotView, TopicView } from '../snapshot';
import type { GroupView } from './groupViews';

const NO_GROUPS: readonly GroupSnapshotView[] = [];

/** What the builder reads: the group as its coordinator holds it (KafkaLab.group). */
export type GroupLookup = (groupId: string) => GroupView | null;

/**
 * The snapshot's consumer groups: one per group.id the lab's consumers use. A lab without
 * group members pays one pass over the consumer views and gets the same empty array every
 * frame; with groups, each group is rebuilt only when something it shows changed (its key),
 * so the Groups view's narrow selectors see the same object otherwise.
 */
export class GroupSnapshots {
  private readonly cache = new Map<string, GroupSnapshotView>();
  private last: readonly GroupSnapshotView[] = NO_GROUPS;

  constructor(private readonly lookup: GroupLookup) {}

  build(consumers: readonly ConsumerView[], topics: readonly TopicView[]): readonly GroupSnapshotView[] {
    const ids: string[] = [];
    for (const c of consumers) if (c.group && !ids.includes(c.group.groupId)) ids.push(c.group.groupId);
    if (ids.length === 0) {
      this.cache.clear();
      return (this.last = NO_GROUPS);
    }
    const hw = highWatermarks(topics);
    const byClient = consumersByClientId(consumers);
    const list = ids.sort().map((id) => this.group(id, byClient, hw));
    for (const id of this.cache.keys()) if (!ids.includes(id)) this.cache.delete(id);
    if (list.length === this.last.length && list.every((g, i) => g === this.last[i])) return this.last;
    return (this.last = list);
  }

  private group(groupId: string, consumers: ReadonlyMap<string, ConsumerView>, hw: ReadonlyMap<string, number>): GroupSnapshotView {
    const view = groupSnapshot(groupId, this.lookup(groupId), consumers, hw);
    const cached = this.cache.get(groupId);
    if (cached && sameGroup(cached, view)) return cached;
    this.cache.set(groupId, view);
    return view;
  }
}

/** Client id → the lab consumer (a running one wins over an ended one with the same client id). */
function consumersByClientId(consumers: readonly ConsumerView[]): Map<string, ConsumerView> {
  const map = new Map<string, ConsumerView>();
  for (const c of consumers) if (!map.has(c.clientId) || (map.get(c.clientId)!.ended && !c.ended)) map.set(c.clientId, c);
  return map;
}

/** Field by field (cheaper than serialising every frame; every field is a primitive or a list of them). */
function sameGroup(a: GroupSnapshotView, b: GroupSnapshotView): boolean {
  if (a.coordinator !== b.coordinator || a.state !== b.state || a.generation !== b.generation || a.protocol !== b.protocol || a.leaderClientId !== b.leaderClientId) return false;
  if (a.members.length !== b.members.length || !samePartitions(a.committed, b.committed)) return false;
  return a.members.every((m, i) => {
    const n = b.members[i]!;
    return m.memberId === n.memberId && m.clientId === n.clientId && m.consumerId === n.consumerId && m.groupInstanceId === n.groupInstanceId && m.lag === n.lag && samePartitions(m.partitions, n.partitions);
  });
}

function samePartitions(a: readonly GroupPartitionView[], b: readonly GroupPartitionView[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i]!;
    return p.tp === q.tp && p.committed === q.committed && p.position === q.position && p.highWatermark === q.highWatermark && p.lag === q.lag;
  });
}

/** The partitions' high watermarks, "topic-N" → HW (leaderless partitions are left out). */
function highWatermarks(topics: readonly TopicView[]): Map<string, number> {
  const hw = new Map<string, number>();
  for (const t of topics) for (const p of t.partitions) if (p.log) hw.set(p.tp, p.log.highWatermark);
  return hw;
}

/** One group with each member's partitions, positions and lag (what kafka-consumer-groups --describe shows). */
export function groupSnapshot(groupId: string, group: GroupView | null, consumers: ReadonlyMap<string, ConsumerView>, hw: ReadonlyMap<string, number>): GroupSnapshotView {
  if (!group) return { groupId, coordinator: -1, state: 'Unknown', generation: -1, protocol: null, leaderClientId: null, members: [], committed: [] };
  const committedOf = (tp: string): number | null => group.committed.get(tp) ?? null;
  const partition = (tp: string, position: number | null): GroupPartitionView => {
    const committed = committedOf(tp);
    const highWatermark = hw.get(tp) ?? null;
    const from = position ?? committed;
    return { tp, committed, position, highWatermark, lag: highWatermark === null || from === null ? null : Math.max(0, highWatermark - from) };
  };
  const members = group.members.map((m): GroupMemberSnapshotView => {
    const consumer = consumers.get(m.clientId);
    const positions = new Map((consumer?.assignment ?? []).map((a) => [a.tp, a.position] as const));
    const partitions = sortedTps(m.partitions).map((tp) => partition(tp, positions.get(tp) ?? null));
    return {
      memberId: m.memberId,
      clientId: m.clientId,
      consumerId: consumer?.id ?? null,
      groupInstanceId: m.groupInstanceId,
      partitions,
      lag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
    };
  });
  const committed = sortedTps([...group.committed.keys()]).map((tp) => partition(tp, null));
  const { coordinator, state, generation, protocol, leaderClientId } = group;
  return { groupId, coordinator, state, generation, protocol, leaderClientId, members, committed };
}

/** "orders-10" after "orders-9": topic name, then partition number. */
export function byTp(a: string, b: string): number {
  const [ta, pa] = parsedTp(a);
  const [tb, pb] = parsedTp(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return pa - pb;
}

/** Partition names split once (there are at most a few thousand in a lab). */
const parsed = new Map<string, readonly [string, number]>();
function parsedTp(tp: string): readonly [string, number] {
  let p = parsed.get(tp);
  if (!p) {
    const { topic, partition } = parseTpName(tp);
    p = [topic, partition];
    parsed.set(tp, p);
  }
  return p;
}

/** Sorted by byTp; most lists arrive sorted already (the assignors sort), so check before copying. */
function sortedTps(tps: readonly string[]): readonly string[] {
  for (let i = 1; i < tps.length; i++) if (byTp(tps[i - 1]!, tps[i]!) > 0) return [...tps].sort(byTp);
  return tps;
}
