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
  private readonly cache = new Map<string, { key: string; view: GroupSnapshotView }>();
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
    const list = ids.sort().map((id) => this.group(id, consumers, hw));
    for (const id of this.cache.keys()) if (!ids.includes(id)) this.cache.delete(id);
    if (list.length === this.last.length && list.every((g, i) => g === this.last[i])) return this.last;
    return (this.last = list);
  }

  private group(groupId: string, consumers: readonly ConsumerView[], hw: ReadonlyMap<string, number>): GroupSnapshotView {
    const view = groupSnapshot(groupId, this.lookup(groupId), consumers, hw);
    const key = JSON.stringify(view);
    const cached = this.cache.get(groupId);
    if (cached && cached.key === key) return cached.view;
    this.cache.set(groupId, { key, view });
    return view;
  }
}

/** The partitions' high watermarks, "topic-N" → HW (leaderless partitions are left out). */
function highWatermarks(topics: readonly TopicView[]): Map<string, number> {
  const hw = new Map<string, number>();
  for (const t of topics) for (const p of t.partitions) if (p.log) hw.set(p.tp, p.log.highWatermark);
  return hw;
}

/** One group with each member's partitions, positions and lag (what kafka-consumer-groups --describe shows). */
export function groupSnapshot(groupId: string, group: GroupView | null, consumers: readonly ConsumerView[], hw: ReadonlyMap<string, number>): GroupSnapshotView {
  if (!group) return { groupId, coordinator: -1, state: 'Unknown', generation: -1, protocol: null, leaderClientId: null, members: [], committed: [] };
  const committedOf = (tp: string): number | null => group.committed.get(tp) ?? null;
  const partition = (tp: string, position: number | null): GroupPartitionView => {
    const committed = committedOf(tp);
    const highWatermark = hw.get(tp) ?? null;
    const from = position ?? committed;
    return { tp, committed, position, highWatermark, lag: highWatermark === null || from === null ? null : Math.max(0, highWatermark - from) };
  };
  const members = group.members.map((m): GroupMemberSnapshotView => {
    const consumer = consumers.find((c) => c.clientId === m.clientId && !c.ended) ?? consumers.find((c) => c.clientId === m.clientId);
    const positions = new Map((consumer?.assignment ?? []).map((a) => [a.tp, a.position] as const));
    const partitions = [...m.partitions].sort(byTp).map((tp) => partition(tp, positions.get(tp) ?? null));
    return {
      memberId: m.memberId,
      clientId: m.clientId,
      consumerId: consumer?.id ?? null,
      groupInstanceId: m.groupInstanceId,
      partitions,
      lag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
    };
  });
  const committed = [...group.committed.keys()].sort(byTp).map((tp) => partition(tp, null));
  const { coordinator, state, generation, protocol, leaderClientId } = group;
  return { groupId, coordinator, state, generation, protocol, leaderClientId, members, committed };
}

/** "orders-10" after "orders-9": topic name, then partition number. */
export function byTp(a: string, b: string): number {
  const i = a.lastIndexOf('-');
  const j = b.lastIndexOf('-');
  const ta = a.slice(0, i);
  const tb = b.slice(0, j);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Number(a.slice(i + 1)) - Number(b.slice(j + 1));
}
