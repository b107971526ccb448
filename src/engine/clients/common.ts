import type { NodeId } from '../network';
import type { TopicPartition } from '../lab/types';
import { tpName } from '../protocol/topicPartition';

/** "orders-3": one helper for the whole engine (src/engine/protocol). */
export { tpName } from '../protocol/topicPartition';

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
