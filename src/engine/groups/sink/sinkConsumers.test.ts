/**
 * The sink hook end to end: group members over the simulated cluster write each record when its
 * processing ends; a member that crashes after processing but before committing leaves rows
 * that its partitions' next owner writes again — duplicates without a remedy, none with one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../../record';
import type { KafkaLab } from '../../lab/KafkaLab';
import { settle, startedLab } from '../../lab/testing';
import { SINK_REMEDIES, type SinkRemedy } from './types';

beforeAll(async () => {
  await initCodecs();
});

const MEMBER = { 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false', 'session.timeout.ms': '10000' };

async function labWithOrders(records: number, partitions = 2): Promise<KafkaLab> {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions, replicationFactor: 3 }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < records; i++) await settle(lab, producer.send({ topic: 'orders', key: `acct-${i % 4}`, value: `order ${i}`, partition: i % partitions }));
  return lab;
}

/** Two members share two partitions; c2 processes its partition, c1 commits, c2 crashes before committing; c1 takes over. */
async function crashBeforeCommit(remedy: SinkRemedy | null): Promise<KafkaLab> {
  const lab = await labWithOrders(10);
  if (remedy !== null) await lab.apply({ type: 'sink', group: 'g1', remedy });
  const c1 = lab.createConsumer(MEMBER, 'c1');
  const c2 = lab.createConsumer(MEMBER, 'c2');
  for (const c of [c1, c2]) {
    c.subscribe(['orders']);
    c.startPolling();
  }
  lab.kernel.advanceBy(10_000);
  expect(lab.group('g1')?.members).toHaveLength(2);
  expect(lab.sink('g1').view().rows).toBe(10);
  await settle(lab, c1.commit('sync'));
  c2.crash();
  lab.kernel.advanceBy(20_000);
  expect(lab.group('g1')?.members.map((m) => m.clientId)).toEqual(['c1']);
  return lab;
}

describe('the group sink behind a consumer group', () => {
  it('without a remedy, the records the crashed member wrote but never committed are written twice', async () => {
    const lab = await crashBeforeCommit(null);
    expect(lab.sink('g1').view()).toMatchObject({ received: 15, rows: 15, duplicates: 5, redelivered: 5 });
    const twice = lab.sink('g1').view().latestRows.filter((r) => lab.sink('g1').rowsFor(r.id) === 2);
    expect(new Set(twice.map((r) => r.writtenBy))).toEqual(new Set(['c1', 'c2']));
  });

  it.each(SINK_REMEDIES.filter((r) => r !== 'none'))('with %s, the same failure leaves every record once', async (remedy) => {
    const lab = await crashBeforeCommit(remedy);
    expect(lab.sink('g1').view()).toMatchObject({ remedy, received: 15, rows: 10, duplicates: 0, redelivered: 5, prevented: 5 });
    expect(lab.checker.violations).toEqual([]);
  });

  it('with processing time, each write lands when its record is done; a crash stops the rest of the batch', async () => {
    const lab = await labWithOrders(10, 1);
    const c1 = lab.createConsumer(MEMBER, 'c1');
    c1.subscribe(['orders']);
    c1.setProcessingTime(1000);
    c1.startPolling();
    lab.kernel.runUntil(() => lab.sink('g1').view().received > 0, 30_000);
    const first = lab.sink('g1').view().latestRows[0]!;
    lab.kernel.advanceBy(2500);
    const rows = lab.sink('g1').view().latestRows;
    expect(rows.map((r) => r.id)).toEqual(['orders-0@0', 'orders-0@1', 'orders-0@2']);
    expect(rows.map((r) => r.atMs - first.atMs)).toEqual([0, 1000, 2000]);
    c1.crash();
    lab.kernel.advanceBy(20_000);
    expect(lab.sink('g1').view().rows).toBe(3);
  });

  it('a member that commits after processing and then crashes causes no duplicate', async () => {
    const lab = await labWithOrders(10);
    const c1 = lab.createConsumer(MEMBER, 'c1');
    const c2 = lab.createConsumer(MEMBER, 'c2');
    for (const c of [c1, c2]) {
      c.subscribe(['orders']);
      c.startPolling();
    }
    lab.kernel.advanceBy(10_000);
    await settle(lab, c1.commit('sync'));
    await settle(lab, c2.commit('sync'));
    c2.crash();
    lab.kernel.advanceBy(20_000);
    expect(lab.sink('g1').view()).toMatchObject({ received: 10, rows: 10, duplicates: 0 });
  });

  it('a consumer outside a group (assign) writes to no sink', async () => {
    const lab = await labWithOrders(4, 1);
    const c = lab.createConsumer({ 'auto.offset.reset': 'earliest' }, 'solo');
    c.assign([{ topic: 'orders', partition: 0 }]);
    c.startPolling();
    lab.kernel.advanceBy(5000);
    expect(c.view().recordsConsumed).toBe(4);
    expect(lab.sinks.all()).toEqual([]);
  });

  it('the sink command refuses an unknown remedy and records nothing', async () => {
    const lab = startedLab();
    const before = lab.commandLog.length;
    await expect(lab.apply({ type: 'sink', group: 'g1', remedy: 'retry' as SinkRemedy })).rejects.toThrow('A sink\'s remedy is one of none, dedupe-id, unique-constraint, version-check, got "retry".');
    expect(lab.commandLog.length).toBe(before);
    await lab.apply({ type: 'sink', group: 'g1', remedy: 'version-check' });
    expect(lab.sink('g1').remedy).toBe('version-check');
    expect(lab.commandLog.entries.at(-1)?.command).toEqual({ type: 'sink', group: 'g1', remedy: 'version-check' });
  });
});
