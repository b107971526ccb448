import { javaStringHashCode } from '../../util/hash';
import { javaComputeIfAbsentOrder } from './javaCollections';
import { ProtocolReader, ProtocolWriter, SchemaException, splitTopicPartition } from './protocolBytes';
import { DEFAULT_GENERATION, type StickyMemberData } from './types';

/**
 * The bytes the sticky assignors put in a member's subscription userData, in Kafka's protocol Struct
 * encoding (big-endian; STRING = int16 length + UTF-8; ARRAY = int32 count + items):
 *
 *   StickyAssignor V0 { previous_assignment: [{ topic: STRING, partitions: [INT32] }] }
 *   StickyAssignor V1 { previous_assignment: [...], generation: INT32 }         (since 2.3, KIP-341)
 *   CooperativeStickyAssignor V0 { generation: INT32 }
 */

/**
 * CollectionUtils.groupPartitionsByTopic: a HashMap of topic → partitions filled with computeIfAbsent (one
 * call per partition), each topic's partitions in list order. Its iteration order is the userData's order.
 */
export function groupPartitionsByTopic(partitions: readonly string[]): Array<[string, number[]]> {
  const byTopic = new Map<string, number[]>();
  const calls: string[] = [];
  for (const name of partitions) {
    const [topic, partition] = splitTopicPartition(name);
    calls.push(topic);
    const list = byTopic.get(topic) ?? [];
    list.push(partition);
    byTopic.set(topic, list);
  }
  return javaComputeIfAbsentOrder(calls, javaStringHashCode).map((topic) => [topic, byTopic.get(topic)!]);
}

/**
 * StickyAssignor.serializeTopicPartitionAssignment. Kafka always writes V1; a member data without a
 * generation (which only a pre-2.3 member would send) is written as V0 here, which reads back the same.
 */
export function serializeTopicPartitionAssignment(memberData: StickyMemberData): Uint8Array {
  const writer = new ProtocolWriter();
  writer.array(groupPartitionsByTopic(memberData.partitions), ([topic, partitions]) => {
    writer.string(topic).array(partitions, (p) => writer.int32(p));
  });
  if (memberData.generation !== undefined) writer.int32(memberData.generation);
  return writer.toBytes();
}

function readPreviousAssignment(reader: ProtocolReader): string[] {
  const partitions: string[] = [];
  const topicCount = reader.arraySize();
  for (let i = 0; i < topicCount; i++) {
    const topic = reader.string();
    const count = reader.arraySize();
    for (let j = 0; j < count; j++) partitions.push(`${topic}-${reader.int32()}`);
  }
  return partitions;
}

/**
 * StickyAssignor.deserializeTopicPartitionAssignment: V1 first, then V0 (no generation); bytes that are
 * neither leave the member with no previous assignment and DEFAULT_GENERATION.
 */
export function deserializeTopicPartitionAssignment(userData: Uint8Array): StickyMemberData {
  try {
    const reader = new ProtocolReader(userData);
    const partitions = readPreviousAssignment(reader);
    return { partitions, generation: reader.int32() };
  } catch (e1) {
    if (!(e1 instanceof SchemaException)) throw e1;
    try {
      return { partitions: readPreviousAssignment(new ProtocolReader(userData)) };
    } catch (e2) {
      if (!(e2 instanceof SchemaException)) throw e2;
      return { partitions: [], generation: DEFAULT_GENERATION };
    }
  }
}

/** CooperativeStickyAssignor userData V0: the generation only. */
export function serializeCooperativeGeneration(generation: number): Uint8Array {
  return new ProtocolWriter().int32(generation).toBytes();
}

/** Reads CooperativeStickyAssignor userData V0; unreadable bytes give DEFAULT_GENERATION, as in Kafka. */
export function deserializeCooperativeGeneration(userData: Uint8Array): number {
  try {
    return new ProtocolReader(userData).int32();
  } catch (e) {
    if (!(e instanceof SchemaException)) throw e;
    return DEFAULT_GENERATION;
  }
}
