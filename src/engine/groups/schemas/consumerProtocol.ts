/**
 * The consumer protocol: the bytes a consumer puts in JoinGroup's protocol metadata (its Subscription)
 * and the leader puts in SyncGroup for each member (its Assignment). The coordinator stores them as the
 * member's subscription and assignment in the group metadata record without looking inside.
 *
 * Subscription: v0 topics + user data; v1 owned partitions (KIP-429); v2 generation id; v3 rack id
 * (KIP-881). Assignment: the same layout in every version (assigned partitions + user data).
 *
 * - 2.4 ([2.4.1 clients/…/consumer/internals/ConsumerProtocol.java]) knows v0 and v1, writes v1 and
 *   reads any higher version as v1. Its topics arrive in HashSet order (ConsumerCoordinator.metadata
 *   copies the subscription set) and partitions are grouped by topic in a HashMap
 *   (CollectionUtils.groupPartitionsByTopic).
 * - 3.9 ([3.9 clients/…/consumer/internals/ConsumerProtocol.java], ConsumerProtocolSubscription.json,
 *   ConsumerProtocolAssignment.json) knows v0–v3, writes v3 and reads higher versions as v3. It sorts the
 *   topics and the owned partitions; the assignment keeps the order the assignor gave, grouped by topic.
 */
import type { KafkaVersion } from '../../config/types';
import { javaGroupPartitionsByTopic, javaHashSetCopyOrder } from './javaHashOrder';
import { SchemaException, StructReader, StructWriter } from './struct';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface Subscription {
  topics: string[];
  userData: Uint8Array | null;
  ownedPartitions: TopicPartitionRef[];
  /** v2+; -1 when absent. */
  generationId: number;
  /** v3+; null when absent. */
  rackId: string | null;
}

export interface Assignment {
  partitions: TopicPartitionRef[];
  userData: Uint8Array | null;
}

export type SubscriptionInput = Pick<Subscription, 'topics'> & Partial<Omit<Subscription, 'topics'>>;
export type AssignmentInput = Pick<Assignment, 'partitions'> & Partial<Pick<Assignment, 'userData'>>;

/** The version each profile writes (and the highest it understands). */
export function consumerProtocolVersion(profile: KafkaVersion): number {
  return profile === '2.4' ? 1 : 3;
}

/** checkSubscriptionVersion / checkAssignmentVersion: negative is an error, higher means the latest known. */
function effectiveVersion(version: number, profile: KafkaVersion, what: 'subscription' | 'assignment'): number {
  if (version < 0) throw new SchemaException(`Unsupported ${what} version: ${version}`);
  return Math.min(version, consumerProtocolVersion(profile));
}

interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** 3.9: consecutive partitions of one topic share an entry (the input is sorted, or in assignor order). */
function groupByTopicInOrder(partitions: readonly TopicPartitionRef[]): TopicPartitions[] {
  const groups: TopicPartitions[] = [];
  const byTopic = new Map<string, TopicPartitions>();
  for (const { topic, partition } of partitions) {
    let group = byTopic.get(topic);
    if (group === undefined) {
      group = { topic, partitions: [] };
      byTopic.set(topic, group);
      groups.push(group);
    }
    group.partitions.push(partition);
  }
  return groups;
}

function compareTopicPartition(a: TopicPartitionRef, b: TopicPartitionRef): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  return a.partition - b.partition;
}

function writeTopicPartitions(writer: StructWriter, groups: readonly TopicPartitions[]): void {
  writer.array(groups, (group) => {
    writer.string(group.topic);
    writer.array(group.partitions, (partition) => writer.int32(partition));
  });
}

export function serializeSubscription(
  input: SubscriptionInput, profile: KafkaVersion, requestedVersion = consumerProtocolVersion(profile),
): Uint8Array {
  const version = effectiveVersion(requestedVersion, profile, 'subscription');
  const owned = input.ownedPartitions ?? [];
  const topics = profile === '2.4' ? javaHashSetCopyOrder(input.topics) : [...input.topics].sort();
  const writer = new StructWriter().int16(version);
  writer.array(topics, (topic) => writer.string(topic));
  writer.nullableBytes(input.userData ?? null);
  if (version >= 1) {
    const groups = profile === '2.4'
      ? javaGroupPartitionsByTopic(owned)
      : groupByTopicInOrder([...owned].sort(compareTopicPartition));
    writeTopicPartitions(writer, groups);
  }
  if (version >= 2) writer.int32(input.generationId ?? -1);
  if (version >= 3) writer.nullableString(input.rackId ?? null);
  return writer.toBytes();
}

export function serializeAssignment(
  input: AssignmentInput, profile: KafkaVersion, requestedVersion = consumerProtocolVersion(profile),
): Uint8Array {
  const version = effectiveVersion(requestedVersion, profile, 'assignment');
  const groups = profile === '2.4' ? javaGroupPartitionsByTopic(input.partitions) : groupByTopicInOrder(input.partitions);
  const writer = new StructWriter().int16(version);
  writeTopicPartitions(writer, groups);
  writer.nullableBytes(input.userData ?? null);
  return writer.toBytes();
}

function readTopicPartitions(reader: StructReader): TopicPartitionRef[] {
  const result: TopicPartitionRef[] = [];
  reader.array(() => {
    const topic = reader.field('topic', () => reader.string());
    const partitions = reader.field('partitions', () => reader.array(() => reader.int32()));
    for (const partition of partitions) result.push({ topic, partition });
  });
  return result;
}

/** The written version and the fields that version carries; trailing fields of newer versions are ignored. */
export function deserializeSubscription(bytes: Uint8Array, profile: KafkaVersion): Subscription & { version: number } {
  const reader = new StructReader(bytes);
  const writtenVersion = reader.int16();
  const version = effectiveVersion(writtenVersion, profile, 'subscription');
  const topics = reader.field('topics', () => reader.array(() => reader.string()));
  const userData = reader.field('user_data', () => reader.nullableBytes());
  const ownedPartitions = version >= 1 ? reader.field('owned_partitions', () => readTopicPartitions(reader)) : [];
  const generationId = version >= 2 ? reader.field('generation_id', () => reader.int32()) : -1;
  const rack = version >= 3 ? reader.field('rack_id', () => reader.nullableString()) : null;
  // ConsumerProtocol.deserializeSubscription: an empty rack id is no rack id.
  const rackId = rack === null || rack === '' ? null : rack;
  return { version: writtenVersion, topics, userData, ownedPartitions, generationId, rackId };
}

export function deserializeAssignment(bytes: Uint8Array, profile: KafkaVersion): Assignment & { version: number } {
  const reader = new StructReader(bytes);
  const writtenVersion = reader.int16();
  effectiveVersion(writtenVersion, profile, 'assignment');
  const partitions = reader.field('assigned_partitions', () => readTopicPartitions(reader));
  const userData = reader.field('user_data', () => reader.nullableBytes());
  return { version: writtenVersion, partitions, userData };
}
