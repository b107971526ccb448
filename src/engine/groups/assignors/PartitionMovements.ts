import { JavaHashSet } from './javaCollections';
import type { TopicPartition } from './topicPartition';

interface ConsumerPair {
  readonly src: string;
  readonly dst: string;
}

function pairKey(src: string, dst: string): string {
  return `${src}\u0000${dst}`;
}

/**
 * AbstractStickyAssignor.PartitionMovements: which partitions of each topic the general algorithm has moved
 * between which two members, so that when it needs to move a partition from A to B it moves back one that
 * went from B to A instead (no ping-pong of one topic's partitions between two members). Which partition it
 * takes is the first of a HashSet, so the set keeps Java's iteration order.
 */
export class PartitionMovements {
  private readonly partitionMovementsByTopic = new Map<string, Map<string, JavaHashSet<TopicPartition>>>();
  private readonly partitionMovements = new Map<TopicPartition, ConsumerPair>();

  private removeMovementRecordOfPartition(partition: TopicPartition): ConsumerPair {
    const pair = this.partitionMovements.get(partition)!;
    this.partitionMovements.delete(partition);
    const forTopic = this.partitionMovementsByTopic.get(partition.topic)!;
    const key = pairKey(pair.src, pair.dst);
    const set = forTopic.get(key)!;
    set.delete(partition);
    if (set.size === 0) forTopic.delete(key);
    if (forTopic.size === 0) this.partitionMovementsByTopic.delete(partition.topic);
    return pair;
  }

  private addPartitionMovementRecord(partition: TopicPartition, pair: ConsumerPair): void {
    this.partitionMovements.set(partition, pair);
    let forTopic = this.partitionMovementsByTopic.get(partition.topic);
    if (!forTopic) {
      forTopic = new Map();
      this.partitionMovementsByTopic.set(partition.topic, forTopic);
    }
    const key = pairKey(pair.src, pair.dst);
    let set = forTopic.get(key);
    if (!set) {
      set = new JavaHashSet<TopicPartition>((tp) => tp.key, (tp) => tp.hash);
      forTopic.set(key, set);
    }
    set.add(partition);
  }

  movePartition(partition: TopicPartition, oldConsumer: string, newConsumer: string): void {
    if (!this.partitionMovements.has(partition)) {
      this.addPartitionMovementRecord(partition, { src: oldConsumer, dst: newConsumer });
      return;
    }
    // It moved before: record one movement from its first owner, or none if it is going back there.
    const existing = this.removeMovementRecordOfPartition(partition);
    if (existing.src !== newConsumer) this.addPartitionMovementRecord(partition, { src: existing.src, dst: newConsumer });
  }

  /**
   * isSticky: no topic had partitions move both from A to B and from B to A (Kafka's hasCycles reports
   * longer cycles too, but only a cycle of two members makes an assignment non-sticky).
   */
  isSticky(): boolean {
    for (const forTopic of this.partitionMovementsByTopic.values()) {
      for (const key of forTopic.keys()) {
        const [src, dst] = key.split('\u0000') as [string, string];
        if (forTopic.has(pairKey(dst, src))) return false;
      }
    }
    return true;
  }

  getTheActualPartitionToBeMoved(partition: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const forTopic = this.partitionMovementsByTopic.get(partition.topic);
    if (!forTopic) return partition;
    const previous = this.partitionMovements.get(partition);
    const from = previous ? previous.src : oldConsumer;
    const reverse = forTopic.get(pairKey(newConsumer, from));
    if (!reverse) return partition;
    return reverse.first()!;
  }
}
