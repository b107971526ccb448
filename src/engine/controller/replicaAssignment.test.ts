import { describe, expect, it } from 'vitest';
import { KafkaError } from '../protocol/errors';
import {
  assignReplicasForNewPartitions, assignReplicasToBrokers, ReplicaAssignmentError, type RandomSource,
} from './replicaAssignment';

/** Hands out the given numbers in order and records the bounds asked for. */
function scriptedRandom(...values: number[]): RandomSource & { bounds: number[] } {
  const bounds: number[] = [];
  return {
    bounds,
    nextInt(bound: number): number {
      bounds.push(bound);
      const value = values.shift();
      if (value === undefined) throw new Error('random exhausted');
      return value;
    },
  };
}

const NO_RANDOM: RandomSource = {
  nextInt: () => {
    throw new Error('random must not be used with a fixed start index');
  },
};

function assignmentError(run: () => unknown): ReplicaAssignmentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReplicaAssignmentError) return error;
    throw error;
  }
  throw new Error('expected a ReplicaAssignmentError');
}

describe('assignReplicasToBrokers (AdminUtils.assignReplicasToBrokersRackUnaware)', () => {
  it('matches AdminTest.testReplicaAssignment: 5 brokers, 10 partitions, rf 3, fixedStartIndex 0', () => {
    const assignment = assignReplicasToBrokers([0, 1, 2, 3, 4], 10, 3, NO_RANDOM, 0);
    expect([...assignment.entries()]).toEqual([
      [0, [0, 1, 2]],
      [1, [1, 2, 3]],
      [2, [2, 3, 4]],
      [3, [3, 4, 0]],
      [4, [4, 0, 1]],
      [5, [0, 2, 3]],
      [6, [1, 3, 4]],
      [7, [2, 4, 0]],
      [8, [3, 0, 1]],
      [9, [4, 1, 2]],
    ]);
  });

  it('draws start index then replica shift from random, each with bound = broker count', () => {
    const random = scriptedRandom(2, 1);
    const assignment = assignReplicasToBrokers([0, 1, 2, 3, 4], 5, 2, random);
    expect(random.bounds).toEqual([5, 5]);
    // startIndex 2, shift 1: followers sit 2 brokers after their leader.
    expect([...assignment.entries()]).toEqual([
      [0, [2, 4]],
      [1, [3, 0]],
      [2, [4, 1]],
      [3, [0, 2]],
      [4, [1, 3]],
    ]);
  });

  it('sorts broker ids first, so input order does not matter', () => {
    const sorted = assignReplicasToBrokers([1, 3, 5, 7], 6, 3, NO_RANDOM, 1);
    const shuffled = assignReplicasToBrokers([7, 1, 5, 3], 6, 3, NO_RANDOM, 1);
    expect(shuffled).toEqual(sorted);
    expect(sorted.get(0)).toEqual([3, 7, 1]);
  });

  it('never places two replicas of a partition on one broker and spreads leaders evenly', () => {
    const assignment = assignReplicasToBrokers([0, 1, 2, 3, 4, 5], 24, 3, scriptedRandom(4, 3));
    const leaders = new Map<number, number>();
    for (const replicas of assignment.values()) {
      expect(new Set(replicas).size).toBe(3);
      const leader = replicas[0] ?? -1;
      leaders.set(leader, (leaders.get(leader) ?? 0) + 1);
    }
    expect([...leaders.values()]).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('handles a single broker with replication factor 1', () => {
    expect([...assignReplicasToBrokers([7], 3, 1, scriptedRandom(0, 0)).entries()]).toEqual([[0, [7]], [1, [7]], [2, [7]]]);
  });

  it('numbers partitions from startPartitionId', () => {
    const assignment = assignReplicasToBrokers([0, 1, 2], 2, 2, NO_RANDOM, 0, 3);
    expect([...assignment.keys()]).toEqual([3, 4]);
    // Partition 3 starts the second round, so the follower shift has grown by one.
    expect(assignment.get(3)).toEqual([0, 2]);
  });

  it('rejects bad partition counts and replication factors with Kafka error names', () => {
    const partitions = assignmentError(() => assignReplicasToBrokers([0, 1], 0, 1, NO_RANDOM));
    expect(partitions.errorName).toBe('INVALID_PARTITIONS');
    expect(partitions.errorMessage).toBe('Number of partitions must be larger than 0.');
    const zero = assignmentError(() => assignReplicasToBrokers([0, 1], 3, 0, NO_RANDOM));
    expect(zero.errorName).toBe('INVALID_REPLICATION_FACTOR');
    expect(zero.errorMessage).toBe('Replication factor must be larger than 0.');
    const tooMany = assignmentError(() => assignReplicasToBrokers([0, 1], 3, 3, NO_RANDOM));
    expect(tooMany.errorName).toBe('INVALID_REPLICATION_FACTOR');
    expect(tooMany.errorMessage).toBe('Replication factor: 3 larger than available brokers: 2.');
    expect(tooMany).toBeInstanceOf(KafkaError);
  });
});

describe('assignReplicasForNewPartitions (AdminZkClient.createNewPartitionsAssignment)', () => {
  it('matches AddPartitionsTest.testReplicaPlacementAllServers: 4 brokers, {0: [2,3,0,1]} grown to 7', () => {
    const added = assignReplicasForNewPartitions('new-topic3', [0, 1, 2, 3], new Map([[0, [2, 3, 0, 1]]]), 7);
    expect([...added.entries()]).toEqual([
      [1, [3, 2, 0, 1]],
      [2, [0, 3, 1, 2]],
      [3, [1, 0, 2, 3]],
      [4, [2, 3, 0, 1]],
      [5, [3, 0, 1, 2]],
      [6, [0, 1, 2, 3]],
    ]);
  });

  it('matches AddPartitionsTest.testReplicaPlacementPartialServers: {0: [1,2]} grown to 3', () => {
    const added = assignReplicasForNewPartitions('new-topic2', [0, 1, 2, 3], new Map([[0, [1, 2]]]), 3);
    expect([...added.entries()]).toEqual([[1, [2, 0]], [2, [3, 1]]]);
  });

  it('starts at the first broker at or above partition 0\'s leader when that broker is gone', () => {
    const added = assignReplicasForNewPartitions('t', [0, 2, 3], new Map([[0, [1, 0]]]), 2);
    // Broker 1 left: index of the first id ≥ 1 is broker 2's, index 1.
    expect(added.get(1)).toEqual([3, 2]);
  });

  it('only grows: same or fewer partitions is INVALID_PARTITIONS', () => {
    const error = assignmentError(() => assignReplicasForNewPartitions('orders', [0, 1], new Map([[0, [0]], [1, [1]]]), 2));
    expect(error.errorName).toBe('INVALID_PARTITIONS');
    expect(error.errorMessage).toBe(
      'The number of partitions for a topic can only be increased. Topic orders currently has 2 partitions, 2 would not be an increase.');
  });

  it('keeps partition 0\'s replication factor and fails if the brokers cannot hold it', () => {
    const error = assignmentError(() => assignReplicasForNewPartitions('t', [0, 1], new Map([[0, [0, 1, 2]]]), 2));
    expect(error.errorMessage).toBe('Replication factor: 3 larger than available brokers: 2.');
  });
});
