import { describe, expect, it } from 'vitest';
import { RoundRobinPartitioner } from './RoundRobinPartitioner';
import type { PartitionsView } from './StickyPartitionCache';

function cluster(count: number, available: number[]): PartitionsView {
  return { partitionCount: () => count, availablePartitions: () => available };
}

describe('RoundRobinPartitioner (Kafka 2.4+)', () => {
  it('takes the available partitions in turn, per topic', () => {
    const partitioner = new RoundRobinPartitioner();
    const all = cluster(3, [0, 1, 2]);
    expect([0, 1, 2, 3].map(() => partitioner.partition('orders', all))).toEqual([0, 1, 2, 0]);
    expect(partitioner.partition('payments', all)).toBe(0);
    // Only partitions with a leader are used while any has one.
    expect([0, 1, 2].map(() => partitioner.partition('t', cluster(4, [1, 3])))).toEqual([1, 3, 1]);
  });

  it('falls back to every partition when none is available', () => {
    const partitioner = new RoundRobinPartitioner();
    expect([0, 1, 2, 3, 4].map(() => partitioner.partition('t', cluster(4, [])))).toEqual([0, 1, 2, 3, 0]);
  });

  it("wraps like Java's AtomicInteger and stays non-negative (Utils.toPositive)", () => {
    const partitioner = new RoundRobinPartitioner();
    (partitioner as unknown as { topicCounterMap: Map<string, number> }).topicCounterMap.set('t', 2147483647);
    const view = cluster(5, [0, 1, 2, 3, 4]);
    expect(partitioner.partition('t', view)).toBe(2147483647 % 5);
    // -2147483648 & 0x7fffffff = 0
    expect(partitioner.partition('t', view)).toBe(0);
    expect(partitioner.partition('t', view)).toBe(((-2147483647 & 0x7fffffff) >>> 0) % 5);
  });
});
