import { describe, expect, it } from 'vitest';
import { javaGroupPartitionsByTopic, javaHashSetCopyOrder } from './javaHashOrder';
import { JAVA_HASH_SET_ORDER } from './testdata/goldenVectors';

const topics = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i}`);

describe('Java HashSet / HashMap iteration order (JDK 17, from Golden24.java)', () => {
  it('new HashSet<>(collection) of 12 and 13 topics', () => {
    expect(javaHashSetCopyOrder(topics(12))).toEqual(JAVA_HASH_SET_ORDER.of12);
    expect(javaHashSetCopyOrder(topics(13))).toEqual(JAVA_HASH_SET_ORDER.of13);
  });

  it('duplicates collapse, and the input order does not matter when buckets differ', () => {
    expect(javaHashSetCopyOrder(['t1', 't0', 't1'])).toEqual(javaHashSetCopyOrder(['t0', 't1']));
  });

  it('groupPartitionsByTopic: a computeIfAbsent insert goes to the head of its bucket', () => {
    // t6 and t10 share a bucket of 16: the later insert (t10) iterates first.
    const grouped = javaGroupPartitionsByTopic(topics(13).map((topic) => ({ topic, partition: 0 })));
    const order = grouped.map((entry) => entry.topic);
    expect(order.indexOf('t10')).toBeLessThan(order.indexOf('t6'));
  });

  it('groupPartitionsByTopic keeps each topic\'s partitions in input order', () => {
    const grouped = javaGroupPartitionsByTopic([
      { topic: 'a', partition: 2 }, { topic: 'b', partition: 0 }, { topic: 'a', partition: 0 },
    ]);
    expect(grouped.find((entry) => entry.topic === 'a')?.partitions).toEqual([2, 0]);
  });
});
