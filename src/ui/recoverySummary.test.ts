import { describe, expect, it } from 'vitest';
import { digestRecovery } from './recoverySummary';

describe('digestRecovery', () => {
  it('counts partitions and picks out truncations', () => {
    const d = digestRecovery([
      'Broker 0: orders-2: 00000000000000000048.index was missing; rebuilt the indexes from 00000000000000000048.log',
      'Broker 0: orders-2: recovered 1 segment from recovery point 48 (7 batches validated, no corruption)',
      'Broker 2: orders-1: found a corrupt batch at position 737 of 00000000000000000000.log (CRC mismatch); truncated the log to offset 9 and deleted 1 later segment',
    ]);
    expect(d.partitions).toEqual(['orders-1', 'orders-2']);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]?.tp).toBe('orders-1');
  });

  it('finds no problem in a clean recovery', () => {
    expect(digestRecovery(['Broker 1: orders-0: recovered 1 segment from recovery point 0 (0 batches validated, no corruption)']).problems).toEqual([]);
  });
});
