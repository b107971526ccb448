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

  it('recognises a clean restart, where Kafka skips recovery', () => {
    const digest = digestRecovery([
      'Broker 0: orders-0: clean shutdown: trusted 2 segments without re-validating batches',
      'Broker 1: orders-1: clean shutdown: trusted 1 segment without re-validating batches',
    ]);
    expect(digest).toMatchObject({ partitions: ['orders-0', 'orders-1'], problems: [], cleanShutdown: true });
    expect(digestRecovery(['Broker 0: orders-0: recovered 1 segment from recovery point 0 (3 batches validated, no corruption)']).cleanShutdown).toBe(false);
  });
});
