import { javaStringHashCode, utilsAbs } from '../util/hash';

/**
 * The `__consumer_offsets` partition that holds a group, and so the broker (its leader) that coordinates it:
 * Kafka's `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions` (GroupMetadataManager.partitionFor
 * in 2.4, GroupCoordinatorService.partitionFor in 3.9). Utils.abs maps Integer.MIN_VALUE to 0 where Math.abs
 * would stay negative, so a group id hashing to MIN_VALUE lands on partition 0.
 */
export function groupCoordinatorPartition(groupId: string, partitions = 50): number {
  if (!Number.isInteger(partitions) || partitions <= 0) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  return utilsAbs(javaStringHashCode(groupId)) % partitions;
}
