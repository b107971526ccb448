/**
 * Kafka's rack-unaware replica placement from the ZooKeeper era
 * (kafka.admin.AdminUtils.assignReplicasToBrokersRackUnaware, and
 * AdminZkClient.createNewPartitionsAssignment for CreatePartitions). KRaft's
 * StripedReplicaPlacer is a different algorithm and is not modelled here.
 *
 * The first replica (the preferred leader) goes round-robin over the sorted brokers from a
 * random start; the followers follow at a shift that grows after each full round, so that
 * one broker's partitions have their followers spread over the other brokers.
 */
import { KafkaError, type KafkaErrorName } from '../protocol/errors';

export interface RandomSource {
  nextInt(bound: number): number;
}

/** A KafkaError that also keeps Kafka's bare message for the CreateTopics/CreatePartitions response. */
export class ReplicaAssignmentError extends KafkaError {
  readonly errorMessage: string;

  constructor(errorName: KafkaErrorName, errorMessage: string) {
    super(errorName, errorMessage);
    this.name = 'ReplicaAssignmentError';
    this.errorMessage = errorMessage;
  }
}

/**
 * Replica lists by partition id, in partition order.
 * `fixedStartIndex` < 0 draws both the start index and the initial follower shift from
 * `random` (in that order, like Kafka); `startPartitionId` < 0 starts at partition 0.
 */
export function assignReplicasToBrokers(
  brokerIds: readonly number[],
  nPartitions: number,
  replicationFactor: number,
  random: RandomSource,
  fixedStartIndex = -1,
  startPartitionId = -1,
): Map<number, number[]> {
  if (nPartitions <= 0) {
    throw new ReplicaAssignmentError('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.');
  }
  if (replicationFactor <= 0) {
    throw new ReplicaAssignmentError('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0.');
  }
  if (replicationFactor > brokerIds.length) {
    throw new ReplicaAssignmentError('INVALID_REPLICATION_FACTOR',
      `Replication factor: ${replicationFactor} larger than available brokers: ${brokerIds.length}.`);
  }
  // Kafka hands this function the live brokers sorted by id (AdminZkClient.getBrokerMetadatas).
  const brokers = [...brokerIds].sort((a, b) => a - b);
  if (new Set(brokers).size !== brokers.length) throw new Error(`duplicate broker ids: ${brokerIds.join(', ')}`);
  const n = brokers.length;
  const startIndex = fixedStartIndex >= 0 ? fixedStartIndex : random.nextInt(n);
  let nextReplicaShift = fixedStartIndex >= 0 ? fixedStartIndex : random.nextInt(n);
  let currentPartitionId = Math.max(0, startPartitionId);
  const assignment = new Map<number, number[]>();
  for (let i = 0; i < nPartitions; i++) {
    if (currentPartitionId > 0 && currentPartitionId % n === 0) nextReplicaShift += 1;
    const firstReplicaIndex = (currentPartitionId + startIndex) % n;
    const replicas = [brokerAt(brokers, firstReplicaIndex)];
    for (let j = 0; j < replicationFactor - 1; j++) {
      replicas.push(brokerAt(brokers, replicaIndex(firstReplicaIndex, nextReplicaShift, j, n)));
    }
    assignment.set(currentPartitionId, replicas);
    currentPartitionId += 1;
  }
  return assignment;
}

/** The shift is never 0 (mod n), so a follower never lands on the leader's broker. */
function replicaIndex(firstReplicaIndex: number, secondReplicaShift: number, replicaIndexInPartition: number, nBrokers: number): number {
  const shift = 1 + ((secondReplicaShift + replicaIndexInPartition) % (nBrokers - 1));
  return (firstReplicaIndex + shift) % nBrokers;
}

function brokerAt(brokers: readonly number[], index: number): number {
  const broker = brokers[index];
  if (broker === undefined) throw new Error(`broker index ${index} out of range`);
  return broker;
}

/**
 * Replicas for the partitions CreatePartitions adds (AdminZkClient.createNewPartitionsAssignment):
 * the replication factor is partition 0's, numbering continues after the existing partitions,
 * and the start index is the position of partition 0's first replica among the sorted brokers,
 * so new leaders continue the existing round-robin. Returns only the new partitions.
 */
export function assignReplicasForNewPartitions(
  topic: string,
  brokerIds: readonly number[],
  existingAssignment: ReadonlyMap<number, readonly number[]>,
  totalPartitions: number,
): Map<number, number[]> {
  const partition0 = existingAssignment.get(0);
  const partition0Leader = partition0?.[0];
  if (partition0 === undefined || partition0Leader === undefined) {
    throw new ReplicaAssignmentError('UNKNOWN_SERVER_ERROR',
      `Unexpected existing replica assignment for topic '${topic}', partition id 0 is missing.`);
  }
  const partitionsToAdd = totalPartitions - existingAssignment.size;
  if (partitionsToAdd <= 0) {
    throw new ReplicaAssignmentError('INVALID_PARTITIONS',
      `The number of partitions for a topic can only be increased. Topic ${topic} currently has ` +
      `${existingAssignment.size} partitions, ${totalPartitions} would not be an increase.`);
  }
  const brokers = [...brokerIds].sort((a, b) => a - b);
  const startIndex = Math.max(0, brokers.findIndex((id) => id >= partition0Leader));
  // With a fixed start index the algorithm never draws a random number.
  const noRandom: RandomSource = {
    nextInt: () => {
      throw new Error('unreachable: fixed start index');
    },
  };
  return assignReplicasToBrokers(brokers, partitionsToAdd, partition0.length, noRandom, startIndex, existingAssignment.size);
}
