import type { Random } from '../../kernel';
import { toPositive } from '../../util/hash';

/** What a partitioner needs to know about a topic's partitions. */
export interface PartitionsView {
  partitionCount(topic: string): number | null;
  /** Partitions that have a leader (Cluster.availablePartitionsForTopic). */
  availablePartitions(topic: string): number[];
}

/**
 * KIP-480's StickyPartitionCache (Kafka 2.4 to 3.2): keyless records stay on one partition
 * until a new batch is created there, then move to a random available partition that
 * differs from the old one. Randomness is the kernel's seeded source.
 */
export class StickyPartitionCache {
  private readonly indexCache = new Map<string, number>();

  constructor(private readonly random: Random) {}

  partition(topic: string, cluster: PartitionsView): number {
    const part = this.indexCache.get(topic);
    return part ?? this.nextPartition(topic, cluster, -1);
  }

  /** Changes the sticky partition only if it is still `prevPartition` (onNewBatch). */
  nextPartition(topic: string, cluster: PartitionsView, prevPartition: number): number {
    const oldPart = this.indexCache.get(topic);
    if (oldPart !== undefined && oldPart !== prevPartition) return oldPart;
    const available = cluster.availablePartitions(topic);
    let newPart: number | undefined;
    if (available.length < 1) {
      newPart = toPositive(this.random.nextInt32()) % (cluster.partitionCount(topic) ?? 1);
    } else if (available.length === 1) {
      newPart = available[0]!;
    } else {
      while (newPart === undefined || newPart === oldPart) {
        newPart = available[toPositive(this.random.nextInt32()) % available.length]!;
      }
    }
    this.indexCache.set(topic, newPart);
    return newPart;
  }
}
