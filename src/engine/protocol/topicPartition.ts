/**
 * "orders-3": Kafka's TopicPartition.toString, also a partition's log directory name and
 * the key of every per-partition map in the engine.
 */
export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** "orders-3" → { topic: 'orders', partition: 3 }: topic names may hold '-', the partition follows the last one. */
export function parseTpName(name: string): { topic: string; partition: number } {
  const cut = name.lastIndexOf('-');
  return { topic: name.slice(0, cut), partition: Number(name.slice(cut + 1)) };
}

/** Partition names grouped by topic, in first-seen order: the shape of OffsetCommit and OffsetFetch requests. */
export function partitionsByTopic(names: Iterable<string>): { name: string; partitionIndexes: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const n of names) {
    const { topic, partition } = parseTpName(n);
    const list = byTopic.get(topic);
    if (list) list.push(partition);
    else byTopic.set(topic, [partition]);
  }
  return [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes }));
}
