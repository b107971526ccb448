import { describe, expect, it } from 'vitest';
import { Random } from '../../kernel';
import { AbstractStickyAssignor } from './AbstractStickyAssignor';
import { CooperativeStickyAssignor } from './CooperativeStickyAssignor';
import { RangeAssignor } from './RangeAssignor';
import { RoundRobinAssignor } from './RoundRobinAssignor';
import { StickyAssignor } from './StickyAssignor';
import type { ConsumerPartitionAssignor, GroupAssignment, MemberSubscription } from './types';

const ALL = ['range', 'roundrobin', 'sticky', 'cooperative-sticky', 'sticky@2.4', 'cooperative-sticky@2.4'] as const;
type Name = (typeof ALL)[number];
const STICKY = ['sticky', 'cooperative-sticky', 'sticky@2.4', 'cooperative-sticky@2.4'] as const;

/** An assignor; "@2.4" runs that release's sticky algorithm (the lab's 2.4 profile). */
function create(name: Name): ConsumerPartitionAssignor {
  switch (name) {
    case 'range': return new RangeAssignor();
    case 'roundrobin': return new RoundRobinAssignor();
    case 'sticky': return new StickyAssignor();
    case 'cooperative-sticky': return new CooperativeStickyAssignor();
    case 'sticky@2.4': return new StickyAssignor({ version: '2.4' });
    case 'cooperative-sticky@2.4': return new CooperativeStickyAssignor({ version: '2.4' });
  }
}

const isCooperative = (name: Name): boolean => name.startsWith('cooperative');

type Subscriptions = Record<string, MemberSubscription>;

function partitionsOf(partitionsPerTopic: Record<string, number>, topics: readonly string[]): string[] {
  return topics.flatMap((topic) => Array.from({ length: partitionsPerTopic[topic] ?? 0 }, (_, i) => `${topic}-${i}`));
}

/** Every partition of a subscribed topic goes to exactly one member, and only to a member subscribed to it. */
function expectValid(partitionsPerTopic: Record<string, number>, subscriptions: Subscriptions, assignment: GroupAssignment): void {
  expect(Object.keys(assignment).sort()).toEqual(Object.keys(subscriptions).sort());
  const owner = new Map<string, string>();
  for (const [member, partitions] of Object.entries(assignment)) {
    for (const tp of partitions) {
      expect(owner.get(tp), `${tp} assigned twice`).toBeUndefined();
      owner.set(tp, member);
      expect(subscriptions[member]!.topics, `${tp} given to ${member}`).toContain(tp.slice(0, tp.lastIndexOf('-')));
    }
  }
  const subscribed = [...new Set(Object.values(subscriptions).flatMap((s) => s.topics))];
  expect([...owner.keys()].sort()).toEqual(partitionsOf(partitionsPerTopic, subscribed).sort());
}

function counts(assignment: GroupAssignment): number[] {
  return Object.values(assignment).map((partitions) => partitions.length);
}

/** Members that joined this generation with what they were assigned last time (cooperative members revoked the rest). */
function rejoin(subscriptions: Subscriptions, assignment: GroupAssignment, generation: number): Subscriptions {
  return Object.fromEntries(Object.entries(subscriptions).map(([member, s]) => [
    member, { ...s, ownedPartitions: assignment[member] ?? [], generation },
  ]));
}

interface RandomGroup {
  partitionsPerTopic: Record<string, number>;
  subscriptions: Subscriptions;
}

function randomGroup(random: Random, sameTopics: boolean): RandomGroup {
  const topicCount = 1 + random.nextInt(4);
  const partitionsPerTopic: Record<string, number> = {};
  for (let t = 0; t < topicCount; t++) partitionsPerTopic[`topic-${String.fromCharCode(97 + t)}`] = 1 + random.nextInt(8);
  const topics = Object.keys(partitionsPerTopic);
  const subscriptions: Subscriptions = {};
  const memberCount = 1 + random.nextInt(7);
  for (let m = 0; m < memberCount; m++) {
    const own = sameTopics ? topics : topics.filter(() => random.nextInt(2) === 0);
    const id = `consumer-${m}-${random.nextUint32().toString(16)}`;
    subscriptions[id] = {
      topics: own.length > 0 ? own : [topics[random.nextInt(topics.length)]!],
      ...(random.nextInt(4) === 0 ? { groupInstanceId: `instance-${random.nextInt(100)}-${m}` } : {}),
    };
  }
  return { partitionsPerTopic, subscriptions };
}

/** A realistic next generation: some members leave, some join, the survivors report what they own. */
function nextGeneration(random: Random, group: RandomGroup, assignment: GroupAssignment, generation: number): Subscriptions {
  const survivors = rejoin(group.subscriptions, assignment, generation);
  const ids = Object.keys(survivors);
  for (const id of ids) if (ids.length > 1 && random.nextInt(4) === 0) delete survivors[id];
  const template = Object.values(group.subscriptions)[0]!;
  for (let j = random.nextInt(3); j > 0; j--) survivors[`joiner-${generation}-${j}`] = { topics: template.topics };
  return survivors;
}

describe('assignor properties (seeded)', () => {
  const seeds = Array.from({ length: 150 }, (_, i) => i + 1);

  it.each(ALL)('%s: every subscribed partition exactly once, only to a subscriber (300 random groups, 2 generations)', (name) => {
    for (const seed of seeds) {
      for (const sameTopics of [true, false]) {
        const random = new Random(seed * 2 + (sameTopics ? 1 : 0));
        const group = randomGroup(random, sameTopics);
        const assignor = create(name);
        const first = assignor.assign(group.partitionsPerTopic, group.subscriptions);
        expectValid(group.partitionsPerTopic, group.subscriptions, first);
        const next = nextGeneration(random, group, first, 1);
        let second = assignor.assign(group.partitionsPerTopic, next);
        // Kafka's sticky tests also check that no topic's partitions moved back and forth between two members.
        if (assignor instanceof AbstractStickyAssignor) expect(assignor.isSticky()).toBe(true);
        if (isCooperative(name)) {
          // The partitions held back are the ones still owned elsewhere; the follow-up rebalance hands them out.
          second = assignor.assign(group.partitionsPerTopic, rejoin(next, second, 2));
        }
        expectValid(group.partitionsPerTopic, next, second);
      }
    }
  });

  it.each(['roundrobin', ...STICKY] as const)('%s: balanced (max − min ≤ 1) when all subscribe to the same topics', (name) => {
    for (const seed of seeds) {
      const random = new Random(10_000 + seed);
      const group = randomGroup(random, true);
      const assignor = create(name);
      const first = assignor.assign(group.partitionsPerTopic, group.subscriptions);
      expect(Math.max(...counts(first)) - Math.min(...counts(first))).toBeLessThanOrEqual(1);
      const next = nextGeneration(random, group, first, 1);
      let second = assignor.assign(group.partitionsPerTopic, next);
      if (isCooperative(name)) second = assignor.assign(group.partitionsPerTopic, rejoin(next, second, 2));
      expect(Math.max(...counts(second)) - Math.min(...counts(second))).toBeLessThanOrEqual(1);
    }
  });

  it('range: balanced per topic (each topic\'s partitions split within one between its subscribers)', () => {
    for (const seed of seeds) {
      const group = randomGroup(new Random(20_000 + seed), false);
      const assignment = new RangeAssignor().assign(group.partitionsPerTopic, group.subscriptions);
      for (const topic of Object.keys(group.partitionsPerTopic)) {
        const perMember = Object.entries(assignment)
          .filter(([member]) => group.subscriptions[member]!.topics.includes(topic))
          .map(([, partitions]) => partitions.filter((tp) => tp.startsWith(`${topic}-`)).length);
        if (perMember.length > 0) expect(Math.max(...perMember) - Math.min(...perMember)).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(STICKY)('%s: when a member leaves, every survivor keeps all its partitions', (name) => {
    for (const seed of seeds) {
      const random = new Random(30_000 + seed);
      const group = randomGroup(random, true);
      const ids = Object.keys(group.subscriptions);
      if (ids.length < 2) continue;
      const assignor = create(name);
      const first = assignor.assign(group.partitionsPerTopic, group.subscriptions);
      const next = rejoin(group.subscriptions, first, 1);
      delete next[ids[random.nextInt(ids.length)]!];
      const second = assignor.assign(group.partitionsPerTopic, next);
      for (const member of Object.keys(next)) expect(second[member]).toEqual(expect.arrayContaining(first[member]!));
      expectValid(group.partitionsPerTopic, next, second);
    }
  });

  it.each(['cooperative-sticky', 'cooperative-sticky@2.4'] as const)('%s: never assigns a partition another member still owns; those move in the follow-up round', (name) => {
    for (const seed of seeds) {
      for (const sameTopics of [true, false]) {
        const random = new Random(40_000 + seed * 2 + (sameTopics ? 1 : 0));
        const group = randomGroup(random, sameTopics);
        const assignor = create(name);
        const first = assignor.assign(group.partitionsPerTopic, group.subscriptions);
        const next = nextGeneration(random, group, first, 1);
        const round1 = assignor.assign(group.partitionsPerTopic, next);
        for (const [member, partitions] of Object.entries(round1)) {
          for (const tp of partitions) {
            const otherOwners = Object.entries(next).filter(([other, s]) => other !== member && s.ownedPartitions?.includes(tp));
            expect(otherOwners, `${tp} given to ${member} while owned`).toEqual([]);
          }
        }
        const round2 = assignor.assign(group.partitionsPerTopic, rejoin(next, round1, 2));
        expectValid(group.partitionsPerTopic, next, round2);
        // Nothing a member kept through round 1 is taken from it in round 2.
        for (const [member, partitions] of Object.entries(round1)) expect(round2[member]).toEqual(expect.arrayContaining(partitions));
      }
    }
  });
});
