import type { NodeId } from '../network';
import type { TopicPartition } from '../lab/types';

/** "orders-3": Kafka's TopicPartition.toString, also the key of every per-partition map. */
export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function tpKey(tp: TopicPartition): string {
  return tpName(tp.topic, tp.partition);
}


/** "broker 1" for event text, from "broker-1". */
export function brokerLabel(nodeId: NodeId): string {
  return nodeId.replace('broker-', 'broker ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
