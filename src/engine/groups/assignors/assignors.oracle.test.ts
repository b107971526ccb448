import { describe, expect, it } from 'vitest';
import { kafkaAssignorOracle, type AssignorOracleCase } from '../../../testdata/kafkaVectors';
import { assignorByName } from './assignorByName';
import type { MemberSubscription } from './types';

const oracle = kafkaAssignorOracle();

function subscriptionsOf(c: AssignorOracleCase): Record<string, MemberSubscription> {
  return Object.fromEntries(c.members.map((m) => [m.id, {
    topics: m.topics,
    ...(m.owned !== undefined ? { ownedPartitions: m.owned } : m.generation !== undefined ? { ownedPartitions: [] } : {}),
    ...(m.generation !== undefined ? { generation: m.generation } : {}),
    ...(m.groupInstanceId !== undefined ? { groupInstanceId: m.groupInstanceId } : {}),
  }]));
}

describe.each(['3.9', '2.4'] as const)('assignors agree with Kafka %s\'s own classes on random groups', (version) => {
  const cases = oracle.cases[version];

  it('has cases for every assignor', () => {
    for (const name of ['range', 'roundrobin', 'sticky', 'cooperative-sticky']) {
      expect(cases.filter((c) => c.assignor === name).length).toBeGreaterThanOrEqual(30);
    }
  });

  it.each(cases.map((c) => [c.assignor, c.name, c] as const))('%s %s: the same lists, in the same order', (_assignor, _name, c) => {
    const assignor = assignorByName(c.assignor, version)!;
    expect(assignor.assign(c.partitions, subscriptionsOf(c))).toEqual(c.expect);
  });
});
