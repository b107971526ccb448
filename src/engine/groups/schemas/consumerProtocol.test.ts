import { describe, expect, it } from 'vitest';
import {
  consumerProtocolVersion, deserializeAssignment, deserializeSubscription, serializeAssignment, serializeSubscription,
  type TopicPartitionRef,
} from './consumerProtocol';
import { StructWriter } from './struct';
import { KAFKA_24, KAFKA_39 } from './testdata/goldenVectors';
import { hex, unhex } from './testdata/hex';

function tps(...names: string[]): TopicPartitionRef[] {
  return names.map((name) => {
    const dash = name.lastIndexOf('-');
    return { topic: name.slice(0, dash), partition: Number(name.slice(dash + 1)) };
  });
}

const sortTps = (list: TopicPartitionRef[]): TopicPartitionRef[] =>
  [...list].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));

describe('ConsumerProtocolSubscription', () => {
  it('each profile writes its own version: 2.4 v1, 3.9 v3', () => {
    expect(consumerProtocolVersion('2.4')).toBe(1);
    expect(consumerProtocolVersion('3.9')).toBe(3);
  });

  it('3.9 v3, derived field by field (topics sorted, owned partitions sorted and grouped)', () => {
    const expected = [
      '0003', //                  int16 version 3
      '00000003', //              ARRAY topics: 3
      '0005', '6175646974', //    "audit"
      '0006', '6f7264657273', //  "orders"
      '0008', '7061796d656e7473', // "payments"
      'ffffffff', //              NULLABLE_BYTES user_data: null
      '00000002', //              ARRAY owned_partitions: 2 topics
      '0006', '6f7264657273', '00000002', '00000000', '00000001', // orders [0, 1]
      '0008', '7061796d656e7473', '00000001', '00000000', //       payments [0]
      '00000005', //              INT32 generation_id 5
      '0006', '7261636b2d61', //  NULLABLE_STRING rack_id "rack-a"
    ].join('');
    const bytes = serializeSubscription({
      topics: ['payments', 'orders', 'audit'], ownedPartitions: tps('payments-0', 'orders-1', 'orders-0'),
      generationId: 5, rackId: 'rack-a',
    }, '3.9');
    expect(hex(bytes)).toBe(expected);
    expect(hex(bytes)).toBe(KAFKA_39.subscriptionV3);
  });

  it('3.9: every version 0–3 matches the generated ConsumerProtocolSubscription', () => {
    const input = {
      topics: ['payments', 'orders', 'audit'], ownedPartitions: tps('payments-0', 'orders-1', 'orders-0'),
      generationId: 5, rackId: 'rack-a',
    };
    for (const version of [0, 1, 2, 3] as const) {
      expect(hex(serializeSubscription(input, '3.9', version)), `v${version}`).toBe(KAFKA_39[`subscriptionV${version}`]);
    }
    expect(hex(serializeSubscription({ topics: ['orders'], userData: new Uint8Array([1, 2]) }, '3.9')))
      .toBe(KAFKA_39.subscriptionV3NoRack);
  });

  it('2.4: v1 and v0 match Kafka 2.4.1 ConsumerProtocol (topics in HashSet order, partitions grouped in a HashMap)', () => {
    const input = { topics: ['orders', 'payments', 'audit'], ownedPartitions: tps('orders-1', 'payments-0', 'orders-0') };
    expect(hex(serializeSubscription(input, '2.4'))).toBe(KAFKA_24.subscriptionV1);
    expect(hex(serializeSubscription(input, '2.4', 0))).toBe(KAFKA_24.subscriptionV0);
    expect(hex(serializeSubscription({ topics: ['orders'], userData: new Uint8Array([1, 2]) }, '2.4')))
      .toBe(KAFKA_24.subscriptionV1UserData);
    // 12 topics: the HashSet copy constructor sizes 32 buckets, where adding one by one would stay at 16.
    const twelve = Array.from({ length: 12 }, (_, i) => `t${i}`);
    expect(hex(serializeSubscription({ topics: twelve }, '2.4'))).toBe(KAFKA_24.subscriptionTwelveTopics);
  });

  it('2.4 writes any higher version as v1; both refuse a negative version', () => {
    expect(hex(serializeSubscription({ topics: ['orders'] }, '2.4', 3)).slice(0, 4)).toBe('0001');
    expect(hex(serializeSubscription({ topics: ['orders'] }, '3.9', 7)).slice(0, 4)).toBe('0003');
    expect(() => serializeSubscription({ topics: [] }, '3.9', -1)).toThrow('Unsupported subscription version: -1');
  });

  it('round-trips every version (fields a version lacks read as defaults)', () => {
    const owned = tps('payments-0', 'orders-1', 'orders-0');
    const input = { topics: ['payments', 'orders'], userData: new Uint8Array([9]), ownedPartitions: owned, generationId: 5, rackId: 'r' };
    for (const version of [0, 1, 2, 3]) {
      const read = deserializeSubscription(serializeSubscription(input, '3.9', version), '3.9');
      expect(read).toEqual({
        version, topics: ['orders', 'payments'], userData: new Uint8Array([9]),
        ownedPartitions: version >= 1 ? sortTps(owned) : [], generationId: version >= 2 ? 5 : -1, rackId: version >= 3 ? 'r' : null,
      });
    }
    const read24 = deserializeSubscription(serializeSubscription(input, '2.4'), '2.4');
    expect(new Set(read24.topics)).toEqual(new Set(['payments', 'orders']));
    expect(sortTps(read24.ownedPartitions)).toEqual(sortTps(owned));
    expect(read24).toMatchObject({ version: 1, generationId: -1, rackId: null });
  });

  it('2.4 reads a 3.9 (v3) subscription as v1, ignoring generation and rack', () => {
    const read = deserializeSubscription(unhex(KAFKA_39.subscriptionV3), '2.4');
    expect(read).toMatchObject({ version: 3, topics: ['audit', 'orders', 'payments'], generationId: -1, rackId: null });
    expect(read.ownedPartitions).toEqual(tps('orders-0', 'orders-1', 'payments-0'));
  });

  it('a future version with an extra field parses as the latest known (ConsumerProtocolTest.deserializeFutureSubscriptionVersion)', () => {
    const writer = new StructWriter().int16(100);
    writer.array(['topic'], (topic) => writer.string(topic));
    writer.bytes(new Uint8Array(0));
    writer.array([{ topic: 'topic2', partitions: [1] }], (entry) => {
      writer.string(entry.topic);
      writer.array(entry.partitions, (partition) => writer.int32(partition));
    });
    writer.int32(2).nullableString('rack1').string('bar');
    const read = deserializeSubscription(writer.toBytes(), '3.9');
    expect(read).toMatchObject({ version: 100, topics: ['topic'], ownedPartitions: tps('topic2-1'), generationId: 2, rackId: 'rack1' });
    expect(deserializeSubscription(writer.toBytes(), '2.4')).toMatchObject({ topics: ['topic'], ownedPartitions: tps('topic2-1') });
  });

  it('an empty rack id reads as none; a negative version is refused', () => {
    const bytes = serializeSubscription({ topics: ['a'], rackId: '' }, '3.9');
    expect(deserializeSubscription(bytes, '3.9').rackId).toBeNull();
    expect(() => deserializeSubscription(unhex('ffff00000000ffffffff'), '2.4')).toThrow('Unsupported subscription version: -1');
  });
});

describe('ConsumerProtocolAssignment', () => {
  it('3.9 v3, derived field by field (grouped by topic in assignor order)', () => {
    const expected = [
      '0003', //                   int16 version 3
      '00000002', //               ARRAY assigned_partitions: 2 topics
      '0006', '6f7264657273', '00000002', '00000000', '00000001', // orders [0, 1]
      '0008', '7061796d656e7473', '00000001', '00000002', //       payments [2]
      'ffffffff', //               NULLABLE_BYTES user_data: null
    ].join('');
    const bytes = serializeAssignment({ partitions: tps('orders-0', 'payments-2', 'orders-1') }, '3.9');
    expect(hex(bytes)).toBe(expected);
    for (const version of [0, 1, 2, 3] as const) {
      const written = serializeAssignment({ partitions: tps('orders-0', 'payments-2', 'orders-1') }, '3.9', version);
      expect(hex(written), `v${version}`).toBe(KAFKA_39[`assignmentV${version}`]);
    }
  });

  it('2.4 matches Kafka 2.4.1 ConsumerProtocol (v1 by default, topics in HashMap order)', () => {
    const partitions = tps('orders-0', 'payments-2', 'orders-1');
    expect(hex(serializeAssignment({ partitions }, '2.4'))).toBe(KAFKA_24.assignmentV1);
    expect(hex(serializeAssignment({ partitions }, '2.4', 0))).toBe(KAFKA_24.assignmentV0);
    expect(hex(serializeAssignment({ partitions: tps('orders-2'), userData: new Uint8Array(0) }, '2.4')))
      .toBe(KAFKA_24.assignmentV1EmptyUserData);
  });

  it('2.4: a HashMap filled by computeIfAbsent resizes lazily, on the call after it passes 12 topics', () => {
    const thirteen = Array.from({ length: 13 }, (_, i) => ({ topic: `t${i}`, partition: 0 }));
    expect(hex(serializeAssignment({ partitions: thirteen }, '2.4'))).toBe(KAFKA_24.assignmentThirteenTopics);
    const oneMoreCall = [...thirteen, { topic: 't0', partition: 1 }];
    expect(hex(serializeAssignment({ partitions: oneMoreCall }, '2.4'))).toBe(KAFKA_24.assignmentThirteenTopicsOneMoreCall);
  });

  it('round-trips, and reads another profile\'s version', () => {
    const partitions = tps('orders-0', 'payments-2', 'orders-1');
    expect(deserializeAssignment(serializeAssignment({ partitions, userData: new Uint8Array([7]) }, '3.9'), '3.9'))
      .toEqual({ version: 3, partitions: tps('orders-0', 'orders-1', 'payments-2'), userData: new Uint8Array([7]) });
    expect(deserializeAssignment(unhex(KAFKA_39.assignmentV3), '2.4'))
      .toEqual({ version: 3, partitions: tps('orders-0', 'orders-1', 'payments-2'), userData: null });
    expect(sortTps(deserializeAssignment(unhex(KAFKA_24.assignmentV1), '3.9').partitions)).toEqual(sortTps(partitions));
  });

  it('a future version with an extra field parses (ConsumerProtocolTest.deserializeFutureAssignmentVersion)', () => {
    const writer = new StructWriter().int16(100);
    writer.array([{ topic: 'topic', partitions: [0] }], (entry) => {
      writer.string(entry.topic);
      writer.array(entry.partitions, (partition) => writer.int32(partition));
    });
    writer.bytes(new Uint8Array(0)).string('bar');
    expect(deserializeAssignment(writer.toBytes(), '3.9').partitions).toEqual(tps('topic-0'));
  });
});
