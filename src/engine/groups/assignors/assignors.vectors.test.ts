import { describe, expect, it } from 'vitest';
import { javaStringHashCode } from '../../util/hash';
import { kafkaVectors, loadKafkaVectors, type AssignorVector } from '../../../testdata/kafkaVectors';
import { AbstractStickyAssignor } from './AbstractStickyAssignor';
import { assignorByName } from './assignorByName';
import { javaHashOrder } from './javaCollections';
import type { GroupAssignment, MemberSubscription } from './types';

const vectors = kafkaVectors();

interface KafkajsRoundRobinVector {
  partitions: Record<string, number>;
  topics: string[];
  members: string[];
  expect: Record<string, Record<string, number[]>>;
}

/**
 * Which assignors a vector applies to: its `assignors` field; for the range and roundrobin sections, that
 * assignor; for sticky vectors without the field, both sticky assignors unless the name says which round
 * it records ("(eager sticky)" is StickyAssignor's answer, "(cooperative first round)" CooperativeSticky's).
 */
function assignorsFor(section: 'range' | 'roundrobin' | 'sticky', vector: AssignorVector): string[] {
  if (vector.assignors) return vector.assignors;
  if (section !== 'sticky') return [section];
  if (vector.name.includes('(eager sticky)')) return ['sticky'];
  if (vector.name.includes('(cooperative first round)')) return ['cooperative-sticky'];
  return ['sticky', 'cooperative-sticky'];
}

function subscriptionsOf(vector: AssignorVector): Record<string, MemberSubscription> {
  const subscriptions: Record<string, MemberSubscription> = {};
  for (const [member, topics] of Object.entries(vector.subs)) {
    const owned = vector.owned?.[member];
    const instance = vector.groupInstanceIds?.[member];
    subscriptions[member] = {
      topics,
      ...(owned !== undefined ? { ownedPartitions: owned } : {}),
      ...(vector.generation !== undefined ? { generation: vector.generation } : {}),
      ...(instance !== undefined ? { groupInstanceId: instance } : {}),
    };
  }
  return subscriptions;
}

function sortedValues(assignment: GroupAssignment): GroupAssignment {
  return Object.fromEntries(Object.entries(assignment).map(([member, partitions]) => [member, [...partitions].sort()]));
}

function expectMatches(actual: GroupAssignment, vector: AssignorVector): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(vector.expect).sort());
  switch (vector.compare) {
    case 'exact-list':
    case 'exact-map':
      // Java's List equality (per member) and Map equality (the whole map): order within each list counts.
      expect(actual).toEqual(vector.expect);
      break;
    case 'set':
    case 'sorted-list':
      expect(sortedValues(actual)).toEqual(sortedValues(vector.expect));
      break;
  }
}

const cases = (['range', 'roundrobin', 'sticky'] as const).flatMap((section) =>
  vectors[section].flatMap((vector) => assignorsFor(section, vector).map((name) => ({ section, name, vector }))),
);

describe('assignors against Kafka\'s test vectors', () => {
  it('covers every vector of the range, roundrobin and sticky sections', () => {
    expect(vectors.range.length + vectors.roundrobin.length + vectors.sticky.length).toBe(27);
    expect(cases.length).toBeGreaterThanOrEqual(27);
  });

  it.each(cases.map((c) => [c.name, c.vector.name, c] as const))('%s: %s', (name, _title, { vector }) => {
    const assignor = assignorByName(name)!;
    expect(assignor.name).toBe(name);
    const actual = assignor.assign(vector.partitions, subscriptionsOf(vector));
    expectMatches(actual, vector);
    if (vector.transferring && assignor instanceof AbstractStickyAssignor) {
      expect(assignor.lastPartitionsTransferringOwnership()).toEqual(vector.transferring);
    }
  });

  it('RoundRobinAssignor also gives kafkajs\'s round-robin vector (same algorithm: sorted members, sorted topics)', () => {
    const [vector] = (loadKafkaVectors<{ kafkajs_roundrobin: KafkajsRoundRobinVector[] }>()).kafkajs_roundrobin;
    const subscriptions = Object.fromEntries(vector!.members.map((m) => [m, { topics: vector!.topics }]));
    const actual = assignorByName('roundrobin')!.assign(vector!.partitions, subscriptions);
    const expected = Object.fromEntries(Object.entries(vector!.expect).map(([member, byTopic]) => [
      member, Object.entries(byTopic).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}-${p}`)),
    ]));
    expect(actual).toEqual(expected);
  });

  it('reproduces Java HashMap iteration order (java_hashmap_iteration_order)', () => {
    const { keys, order } = vectors.java_hashmap_iteration_order;
    expect(javaHashOrder(keys, javaStringHashCode)).toEqual(order);
  });
});
