import { javaStringHashCode } from '../../util/hash';
import { compareJavaStrings } from './javaCollections';

/** Kafka's TopicPartition, with its toString ("orders-3") as the key and its hashCode precomputed. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
  readonly key: string;
  readonly hash: number;
}

/** TopicPartition.hashCode: 31 × (31 + partition) + topic.hashCode(), in 32-bit arithmetic. */
export function topicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHashCode(topic)) | 0;
}

/**
 * One TopicPartition object per topic and partition for the duration of one assignment, so lists can be
 * searched by identity the way Java's List.remove(Object) uses equals().
 */
export class TopicPartitionPool {
  private readonly byKey = new Map<string, TopicPartition>();

  get(topic: string, partition: number): TopicPartition {
    const key = `${topic}-${partition}`;
    let tp = this.byKey.get(key);
    if (!tp) {
      tp = { topic, partition, key, hash: topicPartitionHash(topic, partition) };
      this.byKey.set(key, tp);
    }
    return tp;
  }

  /** "orders-3" → (orders, 3). Topic names may hold '-', so the partition is after the last one. */
  parse(name: string): TopicPartition {
    const dash = name.lastIndexOf('-');
    const digits = name.slice(dash + 1);
    if (dash <= 0 || !/^\d+$/.test(digits)) throw new Error(`not a topic partition: "${name}"`);
    return this.get(name.slice(0, dash), Number(digits));
  }
}

/** Utils.TopicPartitionComparator: by topic, then partition. */
export function compareTopicThenPartition(a: TopicPartition, b: TopicPartition): number {
  return compareJavaStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** The constrained sticky builder's order for a member's owned partitions: by partition, then topic. */
export function comparePartitionThenTopic(a: TopicPartition, b: TopicPartition): number {
  return a.partition - b.partition || compareJavaStrings(a.topic, b.topic);
}

/** List.remove(Object): removes the first occurrence, returns whether there was one. */
export function removeFromList<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}
