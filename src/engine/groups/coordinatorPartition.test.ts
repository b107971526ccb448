import { describe, expect, it } from 'vitest';
import { javaStringHashCode } from '../util/hash';
import { kafkaVectors } from '../../testdata/kafkaVectors';
import { groupCoordinatorPartition } from './coordinatorPartition';

const vectors = kafkaVectors().coordinator_partition;

describe('groupCoordinatorPartition (Utils.abs(groupId.hashCode) % partitions)', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(15);
  });

  it.each(vectors.map((v) => [JSON.stringify(v.groupId), v] as const))('group %s', (_name, v) => {
    expect(javaStringHashCode(v.groupId)).toBe(v.hashCode);
    expect(groupCoordinatorPartition(v.groupId)).toBe(v.partitionOf50);
    expect(groupCoordinatorPartition(v.groupId, 50)).toBe(v.partitionOf50);
  });

  it('maps a hashCode of Integer.MIN_VALUE to partition 0 for any partition count', () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(groupCoordinatorPartition('polygenelubricants', 7)).toBe(0);
    expect(groupCoordinatorPartition('polygenelubricants', 3)).toBe(0);
  });

  it('follows offsets.topic.num.partitions when it is not 50', () => {
    // "my-group" hashes to -1906497762: |h| = 1906497762 = 3 × 635499254, and mod 7 = 1906497762 - 7 × 272356823.
    expect(groupCoordinatorPartition('my-group', 3)).toBe(0);
    expect(groupCoordinatorPartition('my-group', 7)).toBe(1906497762 % 7);
    expect(groupCoordinatorPartition('my-group', 1)).toBe(0);
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => groupCoordinatorPartition('g', 0)).toThrow(RangeError);
    expect(() => groupCoordinatorPartition('g', 2.5)).toThrow(RangeError);
  });
});
