import { describe, expect, it } from 'vitest';
import type { BrokerView, PartitionView, TopicView } from '../../engine/snapshot';
import { tilesByBroker } from './ClusterView';

const partition = (topic: string, n: number, leo: number): PartitionView =>
  ({ topic, partition: n, tp: `${topic}-${n}`, leader: 0, leaderEpoch: 0, replicas: [0], isr: [0], log: leo > 0 ? { logEndOffset: leo } : null, replicaStates: [] }) as unknown as PartitionView;
const topic = (name: string, isInternal: boolean, leos: number[]): TopicView =>
  ({ name, isInternal, replicationFactor: 1, configOverrides: {}, partitions: leos.map((leo, i) => partition(name, i, leo)) }) as TopicView;

describe('tiles by broker', () => {
  const topics = [topic('__consumer_offsets', true, [0, 0, 7, 0]), topic('orders', false, [1, 0])];
  const broker = { id: 0, replicas: [...topics.flatMap((t) => t.partitions.map((p) => p.tp))] } as unknown as BrokerView;

  it('hides internal topics unless asked', () => {
    expect(tilesByBroker([broker], topics, false).get(0)!.map((t) => t.tp)).toEqual(['orders-0', 'orders-1']);
  });

  it("shows internal topics after the user's, the partitions holding records (a group's commits) first", () => {
    expect(tilesByBroker([broker], topics, true).get(0)!.map((t) => t.tp)).toEqual([
      'orders-0', 'orders-1', '__consumer_offsets-2', '__consumer_offsets-0', '__consumer_offsets-1', '__consumer_offsets-3',
    ]);
  });
});
