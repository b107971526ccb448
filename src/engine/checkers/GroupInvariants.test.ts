import { describe, expect, it } from 'vitest';
import { serializeAssignment } from '../groups/schemas';
import { GroupInvariants, type CheckedGroup } from './GroupInvariants';

const assignment = (...tps: [string, number][]) => serializeAssignment({ partitions: tps.map(([topic, partition]) => ({ topic, partition })) }, '3.9');

function group(members: Record<string, Uint8Array>, offsets: Record<string, number> = {}, state = 'Stable'): CheckedGroup {
  return {
    groupId: 'g1',
    state,
    generationId: 3,
    offsetsVersion: 1,
    members: new Map(Object.entries(members).map(([id, a]) => [id, { assignment: a, clientId: id }])),
    offsets: new Map(Object.entries(offsets).map(([tp, offset]) => [tp, { offset }])),
  };
}

function run(g: CheckedGroup, logEnd: (tp: string) => number | null = () => 100): string[] {
  const found: string[] = [];
  const brokers = [{ alive: true, groups: { manager: { currentGroups: () => [g], isGroupLocal: () => true } } }];
  new GroupInvariants(() => '3.9').check(brokers, logEnd, (invariant, tp) => found.push(`${invariant} ${tp}`));
  return found;
}

describe('group invariants', () => {
  it('a Stable group whose members share a partition breaks OneOwnerPerPartition', () => {
    expect(run(group({ c1: assignment(['orders', 0], ['orders', 1]), c2: assignment(['orders', 1]) }))).toEqual(['OneOwnerPerPartition orders-1']);
  });

  it('disjoint assignments, or overlap while rebalancing, are fine', () => {
    expect(run(group({ c1: assignment(['orders', 0]), c2: assignment(['orders', 1]) }))).toEqual([]);
    expect(run(group({ c1: assignment(['orders', 0]), c2: assignment(['orders', 0]) }, {}, 'CompletingRebalance'))).toEqual([]);
  });

  it('a committed offset beyond the leader\'s log end breaks CommittedWithinLog', () => {
    expect(run(group({}, { 'orders-0': 12, 'orders-1': 5 }, 'Empty'), (tp) => (tp === 'orders-0' ? 10 : 5))).toEqual(['CommittedWithinLog orders-0']);
  });
});
