import { describe, expect, it } from 'vitest';
import * as engine from '../../index';
import { assignorByName, selectRebalanceProtocol } from './assignorByName';
import { CooperativeStickyAssignor } from './CooperativeStickyAssignor';
import { RangeAssignor } from './RangeAssignor';
import { StickyAssignor } from './StickyAssignor';
import {
  deserializeCooperativeGeneration,
  deserializeTopicPartitionAssignment,
  serializeCooperativeGeneration,
  serializeTopicPartitionAssignment,
} from './stickyUserData';
import type { ConsumerSubscription } from './types';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('sticky userData bytes (Kafka Struct encoding)', () => {
  it('writes StickyAssignor V1: [topic, [partitions]] then the generation', () => {
    const bytes = serializeTopicPartitionAssignment({ partitions: ['t-0', 't-2'], generation: 3 });
    // count 1 | "t" (int16 1, 0x74) | partitions count 2: 0, 2 | generation 3
    expect(hex(bytes)).toBe('00000001' + '0001' + '74' + '00000002' + '00000000' + '00000002' + '00000003');
    expect(deserializeTopicPartitionAssignment(bytes)).toEqual({ partitions: ['t-0', 't-2'], generation: 3 });
  });

  it('groups partitions by topic in HashMap order, each topic keeping its list order', () => {
    const bytes = serializeTopicPartitionAssignment({ partitions: ['b-1', 'a-0', 'b-0'], generation: 1 });
    expect(deserializeTopicPartitionAssignment(bytes).partitions).toEqual(['a-0', 'b-1', 'b-0']);
  });

  it('reads V0 (no generation), and unreadable bytes as no partitions at DEFAULT_GENERATION', () => {
    const v0 = serializeTopicPartitionAssignment({ partitions: ['orders-1'] });
    expect(deserializeTopicPartitionAssignment(v0)).toEqual({ partitions: ['orders-1'] });
    expect(deserializeTopicPartitionAssignment(new Uint8Array([1, 2]))).toEqual({ partitions: [], generation: -1 });
    expect(deserializeTopicPartitionAssignment(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toEqual({ partitions: [], generation: -1 });
  });

  it('writes CooperativeStickyAssignor V0 as the generation alone', () => {
    expect(hex(serializeCooperativeGeneration(7))).toBe('00000007');
    expect(deserializeCooperativeGeneration(serializeCooperativeGeneration(-1))).toBe(-1);
    expect(deserializeCooperativeGeneration(new Uint8Array([0]))).toBe(-1);
  });
});

describe('member side: what a consumer sends, and the leader reading it back', () => {
  it('StickyAssignor sends no userData before its first assignment, then its assignment and generation', () => {
    const member = new StickyAssignor();
    expect(member.subscriptionUserData(['t'])).toBeNull();
    member.onAssignment(['t-0', 't-1'], 4);
    expect(deserializeTopicPartitionAssignment(member.subscriptionUserData(['t'])!)).toEqual({ partitions: ['t-0', 't-1'], generation: 4 });
  });

  it('a StickyAssignor leader reads previous assignments from userData only (ownedPartitions ignored)', () => {
    const members = { c1: new StickyAssignor(), c2: new StickyAssignor(), c3: new StickyAssignor() };
    const leader = new StickyAssignor();
    const first = leader.assign({ t: 6 }, { c1: { topics: ['t'] }, c2: { topics: ['t'] }, c3: { topics: ['t'] } });
    for (const [id, member] of Object.entries(members)) member.onAssignment(first[id]!, 1);
    // c2 leaves; eager members rejoin owning nothing, with their previous assignment in userData.
    const subscriptions: Record<string, ConsumerSubscription> = {
      c1: { topics: ['t'], ownedPartitions: [], userData: members.c1.subscriptionUserData(['t']) },
      c3: { topics: ['t'], ownedPartitions: [], userData: members.c3.subscriptionUserData(['t']) },
    };
    const second = leader.assignGroup({ t: 6 }, subscriptions);
    expect(second.c1).toEqual(expect.arrayContaining(first.c1!));
    expect(second.c3).toEqual(expect.arrayContaining(first.c3!));
    expect(second.c1!.length + second.c3!.length).toBe(6);
  });

  it('CooperativeStickyAssignor sends its generation as userData and supports COOPERATIVE then EAGER', () => {
    const member = new CooperativeStickyAssignor();
    expect(member.supportedProtocols).toEqual(['COOPERATIVE', 'EAGER']);
    expect(deserializeCooperativeGeneration(member.subscriptionUserData(["t"])!)).toBe(-1);
    member.onAssignment(['t-0'], 7);
    expect(deserializeCooperativeGeneration(member.subscriptionUserData(["t"])!)).toBe(7);
  });

  it('a CooperativeSticky leader takes the generation from userData when the subscription has no generationId (v0/v1)', () => {
    const owned = { c1: ['t-0', 't-1', 't-2'], c2: ['t-3', 't-4', 't-5'] };
    const viaField: Record<string, ConsumerSubscription> = {
      c1: { topics: ['t'], ownedPartitions: owned.c1, generationId: 2 },
      c2: { topics: ['t'], ownedPartitions: owned.c2, generationId: 2 },
      c3: { topics: ['t'], ownedPartitions: [], generationId: 2 },
    };
    const viaUserData: Record<string, ConsumerSubscription> = Object.fromEntries(Object.entries(viaField).map(([id, s]) => [
      id, { topics: s.topics, ownedPartitions: s.ownedPartitions!, userData: serializeCooperativeGeneration(2) },
    ]));
    const a = new CooperativeStickyAssignor().assignGroup({ t: 6 }, viaField);
    const b = new CooperativeStickyAssignor().assignGroup({ t: 6 }, viaUserData);
    expect(b).toEqual(a);
    // First cooperative round: c3 gets nothing yet, c1 and c2 each give one up.
    expect(a.c3).toEqual([]);
    expect(a.c1!.length + a.c2!.length).toBe(4);
  });

  it('keeps the highest generation it has seen across rebalances (a field in Kafka, never reset)', () => {
    const leader = new CooperativeStickyAssignor();
    leader.assign({ t: 2 }, { c1: { topics: ['t'], generation: 5 } });
    leader.assign({ t: 2 }, { c1: { topics: ['t'], generation: 2 } });
    expect(leader.maxGeneration).toBe(5);
  });
});

describe('what gets assigned', () => {
  it('only subscribed topics that have partitions; unknown topics are skipped', () => {
    const assignment = new RangeAssignor().assign({ a: 2, b: 3, c: 0 }, { m1: { topics: ['a', 'c', 'missing'] }, m2: { topics: ['a'] } });
    expect(assignment).toEqual({ m1: ['a-0'], m2: ['a-1'] });
    for (const name of ['range', 'roundrobin', 'sticky', 'cooperative-sticky']) {
      const result = assignorByName(name)!.assign({ a: 2, b: 3 }, { m1: { topics: ['a'] } });
      expect(result).toEqual({ m1: ['a-0', 'a-1'] });
    }
  });

  it('an empty group gets an empty assignment; a member subscribed to nothing gets []', () => {
    expect(new StickyAssignor().assign({ t: 3 }, {})).toEqual({});
    expect(new RangeAssignor().assign({ t: 1 }, { m1: { topics: [] }, m2: { topics: ['t'] } })).toEqual({ m1: [], m2: ['t-0'] });
  });

  it('topic names with dashes parse by the last dash', () => {
    const result = new StickyAssignor().assign({ 'my-topic': 2 }, {
      a: { topics: ['my-topic'], ownedPartitions: ['my-topic-1'], generation: 1 },
      b: { topics: ['my-topic'], ownedPartitions: [], generation: 1 },
    });
    expect(result).toEqual({ a: ['my-topic-1'], b: ['my-topic-0'] });
  });
});

describe('assignorByName and the rebalance protocol', () => {
  it.each([
    ['range', 'range'], ['RangeAssignor', 'range'], ['org.apache.kafka.clients.consumer.RangeAssignor', 'range'],
    ['roundrobin', 'roundrobin'], ['org.apache.kafka.clients.consumer.RoundRobinAssignor', 'roundrobin'],
    ['sticky', 'sticky'], ['org.apache.kafka.clients.consumer.StickyAssignor', 'sticky'],
    ['cooperative-sticky', 'cooperative-sticky'], ['org.apache.kafka.clients.consumer.CooperativeStickyAssignor', 'cooperative-sticky'],
  ])('%s → %s', (name, protocol) => {
    const assignor = assignorByName(name)!;
    expect(assignor.name).toBe(protocol);
    expect(assignor.className).toMatch(/^org\.apache\.kafka\.clients\.consumer\.\w+Assignor$/);
    expect(assignorByName(assignor.className)!.name).toBe(protocol);
  });

  it('returns a new instance each time and null for an unknown name', () => {
    expect(assignorByName('sticky')).not.toBe(assignorByName('sticky'));
    expect(assignorByName('fair')).toBeNull();
    expect(assignorByName('org.example.MyAssignor')).toBeNull();
  });

  it('picks the highest protocol all configured assignors support, as ConsumerCoordinator does', () => {
    const named = (...names: string[]) => names.map((n) => assignorByName(n)!);
    expect(selectRebalanceProtocol(named('cooperative-sticky'))).toBe('COOPERATIVE');
    expect(selectRebalanceProtocol(named('range', 'cooperative-sticky'))).toBe('EAGER');
    expect(selectRebalanceProtocol(named('sticky'))).toBe('EAGER');
    expect(selectRebalanceProtocol([])).toBeNull();
    expect(new RangeAssignor().supportedProtocols).toEqual(['EAGER']);
  });
});

describe('the engine entry exports them', () => {
  it('under Kafka\'s names', () => {
    expect(engine.groupCoordinatorPartition('mygroup')).toBe(39);
    expect(new engine.RangeAssignor().name).toBe('range');
    expect(new engine.RoundRobinAssignor().name).toBe('roundrobin');
    expect(new engine.StickyAssignor().name).toBe('sticky');
    expect(new engine.CooperativeStickyAssignor().name).toBe('cooperative-sticky');
    expect(engine.assignorByName('org.apache.kafka.clients.consumer.RangeAssignor')).toBeInstanceOf(engine.RangeAssignor);
    expect(engine.selectRebalanceProtocol([new engine.CooperativeStickyAssignor()])).toBe('COOPERATIVE');
    expect(engine.DEFAULT_GENERATION).toBe(-1);
    expect(engine.CONSUMER_PROTOCOL_TYPE).toBe('consumer');
    const [protocol] = engine.joinGroupProtocols([new engine.RangeAssignor()], { topics: ['t'], ownedPartitions: [], generationId: -1 }, '3.9');
    expect(engine.deserializeSubscription(protocol!.metadata).topics).toEqual(['t']);
    const leader = engine.performAssignment(new engine.RangeAssignor(), { t: 2 }, [{ memberId: 'm1', metadata: protocol!.metadata }], '3.9');
    expect(engine.deserializeAssignment(leader.assignments.m1!).partitions).toEqual(['t-0', 't-1']);
  });
});
