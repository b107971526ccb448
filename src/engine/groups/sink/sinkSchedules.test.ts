/**
 * Seeded schedules of at-least-once delivery against the sink: per partition, owners process
 * records from the last committed offset on, sometimes commit, sometimes crash (the next owner
 * starts again from the committed offset). Without a remedy every redelivered record is a
 * duplicate row; with any remedy each delivered record is held exactly once.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../kernel/Random';
import type { ConsumerRecord } from '../../lab/types';
import { GroupSink } from './GroupSink';
import { SINK_REMEDIES, type SinkRemedy } from './types';

const SCHEDULES = 200;

function record(partition: number, offset: number, random: Random): ConsumerRecord {
  return { topic: 'orders', partition, offset, timestampMs: 0, timestampType: 'CreateTime', key: `acct-${random.nextInt(5)}`, value: `v${offset}`, headers: {}, leaderEpoch: 0 };
}

/** Runs one seeded schedule on a sink with `remedy`; returns what was delivered. */
function run(seed: number, remedy: SinkRemedy): { sink: GroupSink; deliveries: Map<string, number> } {
  const random = new Random(seed);
  const keys = new Random(seed + 1);
  const sink = new GroupSink('g1', { nowMs: 0, emit: () => {} });
  sink.setRemedy(remedy);
  const partitions = 1 + random.nextInt(3);
  const logEnd = Array.from({ length: partitions }, () => 5 + random.nextInt(20));
  // The records' keys are fixed per offset, whoever processes them.
  const records = logEnd.map((end, p) => Array.from({ length: end }, (_, o) => record(p, o, keys)));
  const committed = new Array<number>(partitions).fill(0);
  const deliveries = new Map<string, number>();
  for (let step = 0; step < 30; step++) {
    const p = random.nextInt(partitions);
    const member = `c${random.nextInt(3)}`;
    const upTo = committed[p]! + random.nextInt(logEnd[p]! - committed[p]! + 1);
    for (let o = committed[p]!; o < upTo; o++) {
      sink.write(member, records[p]![o]!);
      deliveries.set(`orders-${p}@${o}`, (deliveries.get(`orders-${p}@${o}`) ?? 0) + 1);
    }
    // Commit what was processed, or crash before committing (the next owner re-reads it).
    if (random.nextInt(2) === 0) committed[p] = upTo;
  }
  return { sink, deliveries };
}

describe('the sink under seeded crash schedules', () => {
  it(`without a remedy: rows = writes, and every record delivered more than once is a duplicate (${SCHEDULES} schedules)`, () => {
    let withDuplicates = 0;
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const { sink, deliveries } = run(seed, 'none');
      const writes = [...deliveries.values()].reduce((a, b) => a + b, 0);
      const twice = [...deliveries.values()].filter((n) => n > 1).length;
      expect(sink.view()).toMatchObject({ received: writes, rows: writes, duplicates: twice, redelivered: twice });
      if (twice > 0) withDuplicates++;
    }
    // The schedules do exercise redelivery.
    expect(withDuplicates).toBeGreaterThan(SCHEDULES / 2);
  });

  it.each(SINK_REMEDIES.filter((r) => r !== 'none'))(`with %s: each delivered record is held exactly once (${SCHEDULES} schedules)`, (remedy) => {
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const { sink, deliveries } = run(seed, remedy);
      const writes = [...deliveries.values()].reduce((a, b) => a + b, 0);
      expect(sink.view()).toMatchObject({ received: writes, rows: deliveries.size, duplicates: 0, prevented: writes - deliveries.size });
      for (const id of deliveries.keys()) expect(sink.rowsFor(id)).toBe(1);
      expect(sink.remedyFailures).toBe(0);
    }
  });
});
