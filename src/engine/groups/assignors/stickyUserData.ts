import { javaStringHashCode } from '../../util/hash';
import { decodeUtf8, utf8 } from '../../util/utf8';
import { getInt16, getInt32, setInt16, setInt32 } from '../../util/bytes';
import { javaComputeIfAbsentOrder } from './javaCollections';
import { DEFAULT_GENERATION, type StickyMemberData } from './types';

/**
 * The bytes the sticky assignors put in a member's subscription userData, in Kafka's protocol Struct
 * encoding (big-endian; STRING = int16 length + UTF-8; ARRAY = int32 count + items):
 *
 *   StickyAssignor V0 { previous_assignment: [{ topic: STRING, partitions: [INT32] }] }
 *   StickyAssignor V1 { previous_assignment: [...], generation: INT32 }         (since 2.3, KIP-341)
 *   CooperativeStickyAssignor V0 { generation: INT32 }
 */

class SchemaException extends Error {}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  private need(bytes: number): void {
    if (this.pos + bytes > this.buf.length) throw new SchemaException('buffer underflow');
  }

  int16(): number {
    this.need(2);
    const v = getInt16(this.buf, this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = getInt32(this.buf, this.pos);
    this.pos += 4;
    return v;
  }

  /** Type.STRING: a negative or overlong length is a SchemaException, as in Kafka. */
  string(): string {
    const length = this.int16();
    if (length < 0) throw new SchemaException(`String length ${length} cannot be negative`);
    this.need(length);
    const s = decodeUtf8(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return s;
  }

  arraySize(): number {
    const size = this.int32();
    if (size < 0) throw new SchemaException(`Array size ${size} cannot be negative`);
    if (size > this.buf.length - this.pos) throw new SchemaException(`Error reading array of size ${size}`);
    return size;
  }
}

/**
 * CollectionUtils.groupPartitionsByTopic: a HashMap of topic → partitions filled with computeIfAbsent (one
 * call per partition), each topic's partitions in list order. Its iteration order is the userData's order.
 */
function groupPartitionsByTopic(partitions: readonly string[]): Array<[string, number[]]> {
  const byTopic = new Map<string, number[]>();
  const calls: string[] = [];
  for (const name of partitions) {
    const dash = name.lastIndexOf('-');
    const topic = name.slice(0, dash);
    calls.push(topic);
    const list = byTopic.get(topic) ?? [];
    list.push(Number(name.slice(dash + 1)));
    byTopic.set(topic, list);
  }
  return javaComputeIfAbsentOrder(calls, javaStringHashCode).map((topic) => [topic, byTopic.get(topic)!]);
}

/**
 * StickyAssignor.serializeTopicPartitionAssignment. Kafka always writes V1; a member data without a
 * generation (which only a pre-2.3 member would send) is written as V0 here, which reads back the same.
 */
export function serializeTopicPartitionAssignment(memberData: StickyMemberData): Uint8Array {
  const topics = groupPartitionsByTopic(memberData.partitions).map(([topic, partitions]) => ({ topic: utf8(topic), partitions }));
  let size = 4 + (memberData.generation !== undefined ? 4 : 0);
  for (const t of topics) size += 2 + t.topic.length + 4 + 4 * t.partitions.length;
  const buf = new Uint8Array(size);
  let pos = 0;
  setInt32(buf, pos, topics.length);
  pos += 4;
  for (const t of topics) {
    setInt16(buf, pos, t.topic.length);
    buf.set(t.topic, pos + 2);
    pos += 2 + t.topic.length;
    setInt32(buf, pos, t.partitions.length);
    pos += 4;
    for (const p of t.partitions) {
      setInt32(buf, pos, p);
      pos += 4;
    }
  }
  if (memberData.generation !== undefined) setInt32(buf, pos, memberData.generation);
  return buf;
}

function readPreviousAssignment(reader: Reader): string[] {
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
    const reader = new Reader(userData);
    const partitions = readPreviousAssignment(reader);
    return { partitions, generation: reader.int32() };
  } catch (e1) {
    if (!(e1 instanceof SchemaException)) throw e1;
    try {
      return { partitions: readPreviousAssignment(new Reader(userData)) };
    } catch (e2) {
      if (!(e2 instanceof SchemaException)) throw e2;
      return { partitions: [], generation: DEFAULT_GENERATION };
    }
  }
}

/** CooperativeStickyAssignor userData V0: the generation only. */
export function serializeCooperativeGeneration(generation: number): Uint8Array {
  const buf = new Uint8Array(4);
  setInt32(buf, 0, generation);
  return buf;
}

/** Reads CooperativeStickyAssignor userData V0; unreadable bytes give DEFAULT_GENERATION, as in Kafka. */
export function deserializeCooperativeGeneration(userData: Uint8Array): number {
  try {
    return new Reader(userData).int32();
  } catch (e) {
    if (!(e instanceof SchemaException)) throw e;
    return DEFAULT_GENERATION;
  }
}
