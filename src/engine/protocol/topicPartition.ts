/**
 * "orders-3": Kafka's TopicPartition.toString, also a partition's log directory name and
 * the key of every per-partition map in the engine.
 */
export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
