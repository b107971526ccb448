import { ConfigException, validateTopicConfigs } from '../config';
import { assignReplicasForNewPartitions, assignReplicasToBrokers } from '../controller/replicaAssignment';
import { LAB_LIMITS, partitionsInClusterMessage, partitionsPerTopicMessage, topicsMessage } from '../controller/labLimits';
import { collidingTopics, topicCollisionMessage, validateTopicName } from '../controller/topicValidation';
import { ZkPaths, type TopicAssignmentZNode, type ZkStore } from '../controller/ZkStore';
import type { KafkaErrorName } from '../protocol';
import type { AdminContext } from './BrokerContext';

export type AdminResult = { ok: true } | { ok: false; errorCode: KafkaErrorName; errorMessage: string };

/** The lab supports RF 1 until replication lands; Kafka's own checks run first. */

/**
 * Kafka's AdminZkClient: validates admin operations and writes them to ZooKeeper. The
 * controller, watching those znodes, does the rest (elects leaders, tells brokers).
 */
export class AdminZkClient {
  constructor(private readonly broker: AdminContext) {}

  createTopic(
    name: string,
    numPartitions: number,
    replicationFactor: number,
    configs: Record<string, string>,
    validateOnly: boolean,
    assignments?: { partitionIndex: number; brokerIds: number[] }[],
  ): AdminResult {
    const { zk, config } = this.broker;
    const nameError = validateTopicName(name);
    if (nameError) return fail('INVALID_TOPIC_EXCEPTION', nameError);
    // 3.x's AdminZkClient names a pending deletion; 2.4 only sees that the znode still exists.
    if (zk.exists(ZkPaths.deleteTopic(name)) && config.version !== '2.4') return fail('TOPIC_ALREADY_EXISTS', `Topic '${name}' is marked for deletion.`);
    if (zk.exists(ZkPaths.topic(name))) return fail('TOPIC_ALREADY_EXISTS', `Topic '${name}' already exists.`);
    const topics = zk.children(ZkPaths.topics);
    const collisions = collidingTopics(name, topics);
    if (collisions.length > 0) return fail('INVALID_TOPIC_EXCEPTION', topicCollisionMessage(name, collisions));
    const brokers = this.broker.metadataCache.liveBrokers().map((b) => b.nodeId);
    if (assignments && assignments.length > 0) {
      if (numPartitions !== -1 || replicationFactor !== -1) return fail('INVALID_REQUEST', 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.');
      const problem = manualAssignmentProblem(assignments, brokers);
      if (problem) return fail('INVALID_REPLICA_ASSIGNMENT', problem);
    }
    const manual = assignments && assignments.length > 0 ? [...assignments].sort((a, b) => a.partitionIndex - b.partitionIndex).map((a) => a.brokerIds) : null;
    const partitions = manual ? manual.length : numPartitions === -1 ? config.numPartitions : numPartitions;
    const rf = manual ? manual[0]!.length : replicationFactor === -1 ? config.defaultReplicationFactor : replicationFactor;
    if (!Number.isInteger(partitions) || partitions < 1) return fail('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.');
    const limit = this.checkLabLimits(topics, partitions, 1);
    if (limit) return limit;
    if (!Number.isInteger(rf) || rf < 1) return fail('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0.');
    if (rf > brokers.length) return fail('INVALID_REPLICATION_FACTOR', `Replication factor: ${rf} larger than available brokers: ${brokers.length}.`);
    let validated: Record<string, string>;
    try {
      validated = validateTopicConfigs(this.broker.config.version, configs);
    } catch (error) {
      if (error instanceof ConfigException) return fail('INVALID_CONFIG', error.message);
      throw error;
    }
    if (validateOnly) return { ok: true };
    const assignment = manual ? new Map(manual.map((replicas, p) => [p, replicas] as const)) : assignReplicasToBrokers(brokers, partitions, rf, this.broker.kernel.random);
    // Kafka writes the config znode before the assignment, so the controller sees both.
    zk.setJson(ZkPaths.topicConfig(name), { version: 1, config: validated });
    zk.setJson(ZkPaths.topic(name), assignmentZNode(assignment));
    this.broker.kernel.emit('admin', this.broker.actor, `created topic ${name} in ZooKeeper: ${partitions} partition(s), replication factor ${rf}${describeConfigs(validated)}`);
    return { ok: true };
  }

  deleteTopic(name: string): AdminResult {
    const { zk } = this.broker;
    if (!zk.exists(ZkPaths.topic(name))) return fail('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist.`);
    // Already marked (TopicAlreadyMarkedForDeletionException): KafkaApis swallows it and waits too.
    if (zk.exists(ZkPaths.deleteTopic(name))) return { ok: true };
    zk.set(ZkPaths.deleteTopic(name), '');
    this.broker.kernel.emit('admin', this.broker.actor, `marked topic ${name} for deletion (${ZkPaths.deleteTopic(name)})`);
    return { ok: true };
  }

  addPartitions(name: string, count: number, validateOnly: boolean): AdminResult {
    const { zk } = this.broker;
    const existing = zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(name));
    if (!existing) return fail('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${name}' does not exist.`);
    if (zk.exists(ZkPaths.deleteTopic(name))) return fail('INVALID_TOPIC_EXCEPTION', 'The topic is queued for deletion.');
    const current = Object.keys(existing.partitions).length;
    if (!Number.isInteger(count)) return fail('INVALID_PARTITIONS', `The partition count must be a whole number, got ${count}.`);
    if (count === current) return fail('INVALID_PARTITIONS', `Topic already has ${current} partitions.`);
    if (count < current) return fail('INVALID_PARTITIONS', `Topic currently has ${current} partitions, which is higher than the requested ${count}.`);
    const limit = this.checkLabLimits(zk.children(ZkPaths.topics), count, 0, count - current);
    if (limit) return limit;
    if (validateOnly) return { ok: true };
    const brokers = this.broker.metadataCache.liveBrokers().map((b) => b.nodeId);
    const existingAssignment = new Map(Object.entries(existing.partitions).map(([p, r]) => [Number(p), r]));
    const added = assignReplicasForNewPartitions(name, brokers, existingAssignment, count);
    const partitions = { ...existing.partitions };
    for (const [p, replicas] of added) partitions[String(p)] = replicas;
    zk.setJson(ZkPaths.topic(name), { ...existing, partitions });
    this.broker.kernel.emit('admin', this.broker.actor, `increased topic ${name} from ${current} to ${count} partitions in ZooKeeper`);
    return { ok: true };
  }

  /**
   * The lab's size limits (LAB_LIMITS), checked before anything is allocated: a topic's
   * partition count, the cluster's partitions and its topics.
   */
  private checkLabLimits(topics: readonly string[], topicPartitions: number, newTopics: number, addedPartitions = topicPartitions): AdminResult | null {
    if (topicPartitions > LAB_LIMITS.maxPartitionsPerTopic) return fail('INVALID_PARTITIONS', partitionsPerTopicMessage(topicPartitions));
    if (newTopics > 0 && topics.length + newTopics > LAB_LIMITS.maxTopics) return fail('POLICY_VIOLATION', topicsMessage());
    let existing = 0;
    for (const topic of topics) existing += partitionCount(this.broker.zk, topic);
    if (existing + addedPartitions > LAB_LIMITS.maxPartitionsInCluster) return fail('POLICY_VIOLATION', partitionsInClusterMessage(existing, addedPartitions));
    return null;
  }

  /** IncrementalAlterConfigs for a topic: SET and DELETE operations, validated as a whole. */
  alterTopicConfigs(name: string, ops: { name: string; configOperation: 'SET' | 'DELETE'; value: string | null }[], validateOnly: boolean): AdminResult {
    const { zk } = this.broker;
    if (!zk.exists(ZkPaths.topic(name))) return fail('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist.`);
    const next = { ...this.broker.topicOverrides(name) };
    for (const op of ops) {
      if (op.configOperation === 'DELETE') delete next[op.name];
      else next[op.name] = op.value ?? '';
    }
    let validated: Record<string, string>;
    try {
      validated = validateTopicConfigs(this.broker.config.version, next);
    } catch (error) {
      if (error instanceof ConfigException) return fail('INVALID_CONFIG', error.message);
      throw error;
    }
    if (validateOnly) return { ok: true };
    zk.setJson(ZkPaths.topicConfig(name), { version: 1, config: validated });
    const summary = ops.map((op) => (op.configOperation === 'DELETE' ? `removed ${op.name}` : `${op.name}=${op.value}`)).join(', ');
    this.broker.kernel.emit('admin', this.broker.actor, `changed configs of topic ${name}: ${summary}`);
    return { ok: true };
  }
}

/** Partition counts per topic, re-parsed only when the topic's znode changes (ZkStore → topic → count). */
const partitionCounts = new WeakMap<ZkStore, Map<string, { data: string; count: number }>>();

function partitionCount(zk: ZkStore, topic: string): number {
  const data = zk.get(ZkPaths.topic(topic));
  if (data === undefined) return 0;
  let counts = partitionCounts.get(zk);
  if (!counts) partitionCounts.set(zk, (counts = new Map()));
  const cached = counts.get(topic);
  if (cached?.data === data) return cached.count;
  const count = Object.keys((JSON.parse(data) as TopicAssignmentZNode).partitions).length;
  counts.set(topic, { data, count });
  return count;
}

function fail(errorCode: KafkaErrorName, errorMessage: string): AdminResult {
  return { ok: false, errorCode, errorMessage };
}

function assignmentZNode(assignment: Map<number, number[]>): TopicAssignmentZNode {
  const partitions: Record<string, number[]> = {};
  for (const [p, replicas] of assignment) partitions[String(p)] = replicas;
  return { version: 2, partitions, adding_replicas: {}, removing_replicas: {} };
}

function describeConfigs(configs: Record<string, string>): string {
  const entries = Object.entries(configs);
  return entries.length === 0 ? '' : ` and configs ${entries.map(([k, v]) => `${k}=${v}`).join(', ')}`;
}

/**
 * Kafka's AdminZkClient.validateTopicCreate checks of a manual assignment, with its messages:
 * consecutive partitions from 0, one replica count for all, no duplicates, only live brokers.
 */
function manualAssignmentProblem(assignments: { partitionIndex: number; brokerIds: number[] }[], liveBrokers: readonly number[]): string | null {
  const indexes = assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
  if (indexes.some((p, i) => p !== i)) return 'Partitions should be a consecutive 0-based integer sequence';
  const rf = assignments[0]!.brokerIds.length;
  for (const { partitionIndex, brokerIds } of assignments) {
    if (brokerIds.length === 0) return `Cannot have replication factor of 0 for partition id ${partitionIndex}.`;
    if (new Set(brokerIds).size !== brokerIds.length) return `Duplicate brokers not allowed in replica assignment: ${brokerIds.join(', ')} for partition id ${partitionIndex}.`;
    const unknown = brokerIds.filter((id) => !liveBrokers.includes(id));
    if (unknown.length > 0) return `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`;
    if (brokerIds.length !== rf) return 'All partitions should have the same number of replicas';
  }
  return null;
}
