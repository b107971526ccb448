import { toPositive } from '../../util/hash';
import type { PartitionsView } from './StickyPartitionCache';

/**
 * Kafka's org.apache.kafka.clients.producer.RoundRobinPartitioner (2.4+, partitioner.class):
 * every record without an explicit partition — keyed or not — takes the next available
 * partition of its topic in turn. A per-topic counter like Java's AtomicInteger (it wraps at
 * 2^31, hence toPositive). As in Java, KafkaProducer calls it a second time when a record
 * starts a new batch (abortOnNewBatch), so each new batch skips a partition (KAFKA-9965).
 */
export class RoundRobinPartitioner {
  private readonly topicCounterMap = new Map<string, number>();

  partition(topic: string, cluster: PartitionsView): number {
    const nextValue = this.nextValue(topic);
    const availablePartitions = cluster.availablePartitions(topic);
    if (availablePartitions.length > 0) return availablePartitions[toPositive(nextValue) % availablePartitions.length]!;
    // No partition has a leader: give a non-available one, as Java does.
    return toPositive(nextValue) % (cluster.partitionCount(topic) ?? 1);
  }

  private nextValue(topic: string): number {
    const value = this.topicCounterMap.get(topic) ?? 0;
    this.topicCounterMap.set(topic, (value + 1) | 0);
    return value;
  }
}
