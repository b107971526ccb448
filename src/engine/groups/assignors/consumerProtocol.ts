import type { KafkaVersion } from '../../config';
import { compareJavaStrings } from './javaCollections';
import { ProtocolReader, ProtocolWriter, SchemaException, splitTopicPartition } from './protocolBytes';
import { groupPartitionsByTopic } from './stickyUserData';
import type { ConsumerSubscription } from './types';

/**
 * ConsumerProtocol: the bytes a consumer puts in JoinGroup's protocol metadata (its Subscription) and the
 * leader puts in SyncGroup's assignments (an Assignment), each prefixed with an INT16 version.
 *
 *   Subscription v0 { topics: [STRING], user_data: NULLABLE_BYTES }
 *                v1 + owned_partitions: [{ topic, partitions: [INT32] }]   (2.4, KIP-429)
 *                v2 + generation_id: INT32                                 (3.x)
 *                v3 + rack_id: NULLABLE_STRING                             (3.5, KIP-881)
 *   Assignment   { assigned_partitions: [{ topic, partitions: [INT32] }], user_data: NULLABLE_BYTES }
 *
 * 2.4 writes v1 (topics in the order given, partitions grouped by a HashMap of topics); 3.9 writes v3 with
 * topics sorted and owned partitions sorted by topic then partition. A newer version than the reader knows
 * is read as its newest one (the fields only ever get appended).
 */

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** The Subscription / Assignment version each profile writes. */
export function consumerProtocolVersion(version: KafkaVersion): number {
  return version === '2.4' ? 1 : 3;
}

/** ConsumerPartitionAssignor.Assignment: the partitions a member gets, and the assignor's userData. */
export interface ConsumerAssignment {
  partitions: string[];
  userData?: Uint8Array | null;
}

function writeTopicPartitions(writer: ProtocolWriter, grouped: ReadonlyArray<[string, readonly number[]]>): void {
  writer.array(grouped, ([topic, partitions]) => {
    writer.string(topic).array(partitions, (p) => writer.int32(p));
  });
}

function readTopicPartitions(reader: ProtocolReader): string[] {
  return reader.array(() => {
    const topic = reader.string();
    return reader.array(() => `${topic}-${reader.int32()}`);
  }).flat();
}

/** Groups partitions by topic in the order each topic first appears (3.x's generated collections). */
function groupInOrder(partitions: readonly string[]): Array<[string, number[]]> {
  const byTopic = new Map<string, number[]>();
  for (const name of partitions) {
    const [topic, partition] = splitTopicPartition(name);
    const list = byTopic.get(topic) ?? [];
    list.push(partition);
    byTopic.set(topic, list);
  }
  return [...byTopic];
}

function sortedOwned(partitions: readonly string[]): string[] {
  return [...partitions].sort((a, b) => {
    const [ta, pa] = splitTopicPartition(a);
    const [tb, pb] = splitTopicPartition(b);
    return compareJavaStrings(ta, tb) || pa - pb;
  });
}

/** ConsumerProtocol.serializeSubscription, in the profile's layout and version. */
export function serializeSubscription(subscription: ConsumerSubscription, kafkaVersion: KafkaVersion = '3.9',
  protocolVersion = consumerProtocolVersion(kafkaVersion)): Uint8Array {
  if (protocolVersion < 0) throw new SchemaException(`Unsupported subscription version: ${protocolVersion}`);
  const version = Math.min(protocolVersion, consumerProtocolVersion(kafkaVersion));
  const writer = new ProtocolWriter().int16(version);
  const is39 = kafkaVersion !== '2.4';
  const topics = is39 ? [...subscription.topics].sort(compareJavaStrings) : subscription.topics;
  writer.array(topics, (topic) => writer.string(topic));
  writer.nullableBytes(subscription.userData ?? null);
  const owned = subscription.ownedPartitions ?? [];
  if (version >= 1) writeTopicPartitions(writer, is39 ? groupInOrder(sortedOwned(owned)) : groupPartitionsByTopic(owned));
  if (version >= 2) writer.int32(subscription.generationId ?? -1);
  if (version >= 3) writer.nullableString(subscription.rackId ?? null);
  return writer.toBytes();
}

/** ConsumerProtocol.deserializeSubscription; throws SchemaException on bytes that do not parse. */
export function deserializeSubscription(bytes: Uint8Array, kafkaVersion: KafkaVersion = '3.9'): ConsumerSubscription {
  const reader = new ProtocolReader(bytes);
  const written = reader.int16();
  if (written < 0) throw new SchemaException(`Unsupported subscription version: ${written}`);
  const version = Math.min(written, consumerProtocolVersion(kafkaVersion));
  try {
    const topics = reader.array(() => reader.string());
    const userData = reader.nullableBytes();
    const ownedPartitions = version >= 1 ? readTopicPartitions(reader) : [];
    const generationId = version >= 2 ? reader.int32() : -1;
    const rackId = version >= 3 ? reader.nullableString() : null;
    return {
      topics,
      userData,
      ownedPartitions,
      // Subscription keeps a negative generation, and an empty rack, as absent.
      ...(generationId >= 0 ? { generationId } : {}),
      ...(rackId ? { rackId } : {}),
    };
  } catch (e) {
    if (e instanceof SchemaException) throw new SchemaException("Buffer underflow while parsing consumer protocol's subscription");
    throw e;
  }
}

/** ConsumerProtocol.serializeAssignment: 3.9 groups by first appearance, 2.4 by a HashMap of topics. */
export function serializeAssignment(assignment: ConsumerAssignment, kafkaVersion: KafkaVersion = '3.9'): Uint8Array {
  const writer = new ProtocolWriter().int16(consumerProtocolVersion(kafkaVersion));
  const grouped = kafkaVersion === '2.4' ? groupPartitionsByTopic(assignment.partitions) : groupInOrder(assignment.partitions);
  writeTopicPartitions(writer, grouped);
  writer.nullableBytes(assignment.userData ?? null);
  return writer.toBytes();
}

/** ConsumerProtocol.deserializeAssignment: the partitions topic by topic, in the order written. */
export function deserializeAssignment(bytes: Uint8Array): ConsumerAssignment {
  const reader = new ProtocolReader(bytes);
  const version = reader.int16();
  if (version < 0) throw new SchemaException(`Unsupported assignment version: ${version}`);
  try {
    const partitions = readTopicPartitions(reader);
    return { partitions, userData: reader.nullableBytes() };
  } catch (e) {
    if (e instanceof SchemaException) throw new SchemaException("Buffer underflow while parsing consumer protocol's assignment");
    throw e;
  }
}
