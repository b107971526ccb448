import { describe, expect, it } from 'vitest';
import { PartitionMovements } from './PartitionMovements';
import { TopicPartitionPool } from './topicPartition';

describe('PartitionMovements (the general sticky algorithm\'s record of moves)', () => {
  const pool = new TopicPartitionPool();
  const t0 = pool.get('t', 0);
  const t1 = pool.get('t', 1);
  const u0 = pool.get('u', 0);

  it('moves a partition back instead of another one of its topic when the reverse move happened', () => {
    const movements = new PartitionMovements();
    movements.movePartition(t0, 'a', 'b');
    // Moving t-1 from b to a would undo a→b for topic t: move t-0 back instead.
    expect(movements.getTheActualPartitionToBeMoved(t1, 'b', 'a')).toBe(t0);
    expect(movements.getTheActualPartitionToBeMoved(u0, 'b', 'a')).toBe(u0);
  });

  it('is sticky unless one topic\'s partitions went both ways between two members', () => {
    const movements = new PartitionMovements();
    movements.movePartition(t0, 'a', 'b');
    movements.movePartition(u0, 'b', 'a');
    expect(movements.isSticky()).toBe(true);
    movements.movePartition(t1, 'b', 'a');
    expect(movements.isSticky()).toBe(false);
  });

  it('a partition moved back to its first owner leaves no record', () => {
    const movements = new PartitionMovements();
    movements.movePartition(t0, 'a', 'b');
    movements.movePartition(t0, 'b', 'a');
    expect(movements.getTheActualPartitionToBeMoved(t1, 'b', 'a')).toBe(t1);
    expect(movements.isSticky()).toBe(true);
  });
});
