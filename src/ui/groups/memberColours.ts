/**
 * Each group member's colour: picked by the consumer's place in the lab's list of consumers
 * (which only grows), so a member keeps its colour through rebalances, crashes and reloads.
 * Eight colours that stay apart from each other and from the tiles' leader blue.
 */
import type { ConsumerView, GroupSnapshotView } from '../../engine/snapshot';
import type { LabStoreState } from '../../runtime/store';

export const MEMBER_COLOURS = ['#d6336c', '#2b8a3e', '#e8590c', '#7048e8', '#0c8599', '#b8860b', '#5c7cfa', '#862e9c'] as const;

export function memberColour(index: number): string {
  return MEMBER_COLOURS[((index % MEMBER_COLOURS.length) + MEMBER_COLOURS.length) % MEMBER_COLOURS.length]!;
}

/** The colour index of consumer `id` (-1: no such consumer). */
export function consumerColourIndex(consumers: readonly ConsumerView[], id: string | null): number {
  return id === null ? -1 : consumers.findIndex((c) => c.id === id);
}

const NO_GROUPS: readonly GroupSnapshotView[] = [];
export const selectGroups = (s: LabStoreState): readonly GroupSnapshotView[] => s.snapshot?.groups ?? NO_GROUPS;

/** One owner of a partition: the member's consumer, its colour index and its group. */
export interface TileOwner {
  readonly consumerId: string;
  readonly colour: number;
  readonly groupId: string;
}

const ownersCache = new WeakMap<readonly GroupSnapshotView[], Map<string, TileOwner[]>>();

/** "orders-3" → the members that own it, one per group (cached per snapshot's groups array). */
export function partitionOwners(groups: readonly GroupSnapshotView[], consumers: readonly ConsumerView[]): Map<string, TileOwner[]> {
  let index = ownersCache.get(groups);
  if (index) return index;
  index = new Map();
  for (const g of groups) {
    for (const m of g.members) {
      const owner = { consumerId: m.consumerId ?? m.clientId, colour: consumerColourIndex(consumers, m.consumerId), groupId: g.groupId };
      for (const p of m.partitions) {
        const list = index.get(p.tp) ?? [];
        list.push(owner);
        index.set(p.tp, list);
      }
    }
  }
  ownersCache.set(groups, index);
  return index;
}

/**
 * A tile's owners as one string ("consumer-2:1:g1|…"), so a tile re-renders only when its
 * owners change; "" when no group member owns it.
 */
export function selectTileOwnersKey(tp: string) {
  return (s: LabStoreState): string => {
    const groups = selectGroups(s);
    if (groups.length === 0) return '';
    const owners = partitionOwners(groups, s.snapshot?.consumers ?? []).get(tp);
    return owners ? owners.map((o) => `${o.consumerId}:${o.colour}:${o.groupId}`).join('|') : '';
  };
}

export function parseOwnersKey(key: string): TileOwner[] {
  if (key === '') return [];
  return key.split('|').map((part) => {
    const [consumerId = '', colour = '-1', ...group] = part.split(':');
    return { consumerId, colour: Number(colour), groupId: group.join(':') };
  });
}
