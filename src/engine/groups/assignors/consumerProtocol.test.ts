import { describe, expect, it } from 'vitest';
import { javaStringHashCode } from '../../util/hash';
import { assignorByName, selectRebalanceProtocol } from './assignorByName';
import {
  consumerProtocolVersion,
  deserializeAssignment,
  deserializeSubscription,
  serializeAssignment,
  serializeSubscription,
} from './consumerProtocol';
import { joinGroupProtocols, performAssignment, subscriptionTopicOrder } from './groupProtocol';
import { javaHashSetCopyOrder } from './javaCollections';
import { SchemaException } from './protocolBytes';
import { deserializeCooperativeGeneration } from './stickyUserData';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const str = (s: string): string => (s.length.toString(16).padStart(4, '0')) + Buffer.from(s, 'utf8').toString('hex');
const i32 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

const owned = ['t1-3', 'audit.log-1', 't1-0', 'orders-2'];

describe('ConsumerProtocol bytes', () => {
  it('3.9 writes Subscription v3: sorted topics, userData, owned sorted and grouped, generation, rack', () => {
    const bytes = serializeSubscription({ topics: ['t1', 'audit.log', 'orders'], userData: new Uint8Array([1, 2]), ownedPartitions: owned, generationId: 5 });
    expect(hex(bytes)).toBe('0003'
      + i32(3) + str('audit.log') + str('orders') + str('t1')
      + i32(2) + '0102'
      + i32(3) + str('audit.log') + i32(1) + i32(1) + str('orders') + i32(1) + i32(2) + str('t1') + i32(2) + i32(0) + i32(3)
      + i32(5)
      + 'ffff');
    expect(deserializeSubscription(bytes)).toEqual({
      topics: ['audit.log', 'orders', 't1'], userData: new Uint8Array([1, 2]), ownedPartitions: ['audit.log-1', 'orders-2', 't1-0', 't1-3'], generationId: 5,
    });
  });

  it('2.4 writes Subscription v1 byte for byte as 2.4.1\'s ConsumerProtocol (topics as given, owned grouped by a HashMap)', () => {
    // Printed by org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription at tag 2.4.1.
    const java = '00010000000300027431000961756469742e6c6f6700066f72646572730000000201020000000300066f72646572730000000100000002000961756469742e6c6f67000000010000000100027431000000020000000300000000';
    expect(hex(serializeSubscription({ topics: ['t1', 'audit.log', 'orders'], userData: new Uint8Array([1, 2]), ownedPartitions: owned }, '2.4'))).toBe(java);
    expect(deserializeSubscription(fromHex(java), '2.4')).toEqual({
      topics: ['t1', 'audit.log', 'orders'], userData: new Uint8Array([1, 2]), ownedPartitions: ['orders-2', 'audit.log-1', 't1-3', 't1-0'],
    });
  });

  it('writes Assignments as each release does (2.4.1\'s bytes; 3.9 groups by first appearance)', () => {
    const java24 = '00010000000300066f72646572730000000100000002000961756469742e6c6f67000000010000000100027431000000020000000300000000ffffffff';
    expect(hex(serializeAssignment({ partitions: owned }, '2.4'))).toBe(java24);
    const bytes39 = serializeAssignment({ partitions: owned });
    expect(hex(bytes39)).toBe('0003' + i32(3) + str('t1') + i32(2) + i32(3) + i32(0) + str('audit.log') + i32(1) + i32(1)
      + str('orders') + i32(1) + i32(2) + 'ffffffff');
    expect(deserializeAssignment(bytes39)).toEqual({ partitions: ['t1-3', 't1-0', 'audit.log-1', 'orders-2'], userData: null });
  });

  it('reads older versions (v0 has no owned partitions) and newer ones as the newest it knows', () => {
    const v0 = serializeSubscription({ topics: ['a'], ownedPartitions: ['a-0'], generationId: 3 }, '3.9', 0);
    expect(hex(v0)).toBe('0000' + i32(1) + str('a') + 'ffffffff');
    expect(deserializeSubscription(v0)).toEqual({ topics: ['a'], userData: null, ownedPartitions: [] });
    // A 3.9 member's v3 bytes, read by a 2.4 leader: v1's fields, the rest ignored.
    const v3 = serializeSubscription({ topics: ['a'], ownedPartitions: ['a-0'], generationId: 3, rackId: 'r1' });
    expect(deserializeSubscription(v3, '2.4')).toEqual({ topics: ['a'], userData: null, ownedPartitions: ['a-0'] });
    expect(deserializeSubscription(v3)).toEqual({ topics: ['a'], userData: null, ownedPartitions: ['a-0'], generationId: 3, rackId: 'r1' });
    const v7 = new Uint8Array(v3);
    v7[1] = 7;
    expect(deserializeSubscription(v7).generationId).toBe(3);
    expect(consumerProtocolVersion('2.4')).toBe(1);
    expect(consumerProtocolVersion('3.9')).toBe(3);
  });

  it('refuses truncated bytes and negative versions with a SchemaException', () => {
    const bytes = serializeSubscription({ topics: ['orders'], ownedPartitions: ['orders-1'] });
    expect(() => deserializeSubscription(bytes.slice(0, bytes.length - 3))).toThrow(SchemaException);
    expect(() => deserializeSubscription(bytes.slice(0, bytes.length - 3))).toThrow("Buffer underflow while parsing consumer protocol's subscription");
    expect(() => deserializeSubscription(fromHex('ffff'))).toThrow('Unsupported subscription version: -1');
    expect(() => deserializeAssignment(fromHex('0003000000'))).toThrow("Buffer underflow while parsing consumer protocol's assignment");
  });
});

describe('the member\'s JoinGroup protocols and the leader\'s assignment', () => {
  it('lists topics as each release keeps its subscription: 3.9 sorted, 2.4 in `new HashSet<>(topics)` order', () => {
    expect(subscriptionTopicOrder(['t1', 'audit.log', 'orders'], '3.9')).toEqual(['audit.log', 'orders', 't1']);
    expect(subscriptionTopicOrder(['t1', 'audit.log', 'orders'], '2.4')).toEqual(['orders', 't1', 'audit.log']);
    // Java: new HashSet<>(list of 14 topics) sizes its table to 32 up front.
    const many = Array.from({ length: 14 }, (_, i) => `topic-${String.fromCharCode(97 + i)}${i}`);
    expect(javaHashSetCopyOrder(many, javaStringHashCode)).toEqual(
      ['topic-b1', 'topic-d3', 'topic-f5', 'topic-h7', 'topic-j9', 'topic-m12', 'topic-n13', 'topic-k10', 'topic-l11', 'topic-a0', 'topic-c2', 'topic-e4', 'topic-g6', 'topic-i8']);
  });

  it('sends one protocol per assignor, in preference order, each with that assignor\'s userData', () => {
    const assignors = [assignorByName('range')!, assignorByName('cooperative-sticky')!];
    const protocols = joinGroupProtocols(assignors, { topics: ['orders'], ownedPartitions: ['orders-0'], generationId: 4 }, '3.9');
    expect(protocols.map((p) => p.name)).toEqual(['range', 'cooperative-sticky']);
    const range = deserializeSubscription(protocols[0]!.metadata);
    expect(range).toEqual({ topics: ['orders'], userData: null, ownedPartitions: ['orders-0'], generationId: 4 });
    const coop = deserializeSubscription(protocols[1]!.metadata);
    expect(deserializeCooperativeGeneration(coop.userData!)).toBe(-1);
    expect(selectRebalanceProtocol(assignors)).toBe('EAGER');
  });

  it('a cooperative rebalance through the bytes: the joiner waits one round for the partitions that move', () => {
    const members = ['consumer-a', 'consumer-b'].map((id) => ({ id, assignor: assignorByName('cooperative-sticky')! }));
    const leader = assignorByName('cooperative-sticky')!;
    const state: Record<string, { owned: string[]; generation: number }> = {};
    const round = (ids: string[], generation: number) => {
      const joined = ids.map((id) => {
        const member = members.find((m) => m.id === id)!;
        const s = state[id] ?? { owned: [], generation: -1 };
        const [protocol] = joinGroupProtocols([member.assignor], { topics: ['orders'], ownedPartitions: s.owned, generationId: s.generation }, '3.9');
        return { memberId: id, metadata: protocol!.metadata };
      });
      const result = performAssignment(leader, { orders: 4 }, joined, '3.9');
      for (const id of ids) {
        const received = deserializeAssignment(result.assignments[id]!).partitions;
        members.find((m) => m.id === id)!.assignor.onAssignment(received, generation);
        state[id] = { owned: received, generation };
      }
      return result.partitions;
    };
    expect(round(['consumer-a'], 1)).toEqual({ 'consumer-a': ['orders-0', 'orders-1', 'orders-2', 'orders-3'] });
    // consumer-b joins: a keeps two partitions and gives up two, which nobody gets in this round.
    expect(round(['consumer-a', 'consumer-b'], 2)).toEqual({ 'consumer-a': ['orders-0', 'orders-1'], 'consumer-b': [] });
    expect(round(['consumer-a', 'consumer-b'], 3)).toEqual({ 'consumer-a': ['orders-0', 'orders-1'], 'consumer-b': ['orders-2', 'orders-3'] });
  });

  it('the leader attaches each member\'s group.instance.id, so static members keep their ranges', () => {
    const range = assignorByName('range')!;
    const metadata = (topics: string[]) => joinGroupProtocols([range], { topics, ownedPartitions: [], generationId: -1 }, '2.4')[0]!.metadata;
    const result = performAssignment(range, { t: 3 }, [
      { memberId: 'zz-new-id', groupInstanceId: 'instance-1', metadata: metadata(['t']) },
      { memberId: 'aa-other', groupInstanceId: 'instance-2', metadata: metadata(['t']) },
    ], '2.4');
    expect(result.partitions).toEqual({ 'zz-new-id': ['t-0', 't-1'], 'aa-other': ['t-2'] });
  });
});
