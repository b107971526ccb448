/** The sinks in the snapshot: exact counts, the latest rows marked when duplicated, rebuilt only on change. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import type { KafkaLab } from './KafkaLab';
import { SINK_ROWS_IN_SNAPSHOT, SinkSnapshots, type SinkSource } from './SinkSnapshots';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

const MEMBER = { 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false', 'session.timeout.ms': '10000' };

/** 20 records on two partitions; c2 crashes before committing, so c1 writes c2's records again. */
async function duplicatedLab(): Promise<KafkaLab> {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 2, replicationFactor: 3 }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 20; i++) await settle(lab, producer.send({ topic: 'orders', key: `acct-${i % 4}`, value: `order ${i}`, partition: i % 2 }));
  const [c1, c2] = ['c1', 'c2'].map((id) => lab.createConsumer(MEMBER, id));
  for (const c of [c1!, c2!]) {
    c.subscribe(['orders']);
    c.startPolling();
  }
  lab.kernel.advanceBy(10_000);
  await settle(lab, c1!.commit('sync'));
  c2!.crash();
  lab.kernel.advanceBy(20_000);
  return lab;
}

describe('sinks in the snapshot', () => {
  it('a lab without groups gets the same empty list every frame', async () => {
    const lab = startedLab();
    lab.kernel.advanceBy(1000);
    const first = lab.snapshot().sinks;
    lab.kernel.advanceBy(1000);
    expect(first).toEqual([]);
    expect(lab.snapshot().sinks).toBe(first);
  });

  it('carries the exact counts, the remedy and the latest rows with how often the table holds each', async () => {
    const lab = await duplicatedLab();
    const view = lab.sink('g1').view();
    const [sink] = lab.snapshot().sinks;
    expect(sink).toMatchObject({ groupId: 'g1', remedy: 'none', received: 30, rows: 30, duplicates: 10, redelivered: 10, prevented: 0 });
    expect(sink!.latestRows).toHaveLength(SINK_ROWS_IN_SNAPSHOT);
    expect(sink!.latestRows.map((r) => r.id)).toEqual(view.latestRows.slice(-SINK_ROWS_IN_SNAPSHOT).map((r) => r.id));
    for (const row of sink!.latestRows) expect(row.copies).toBe(lab.sink('g1').rowsFor(row.id));
    // The tail is c1 writing c2's uncommitted records again: every one of them is held twice.
    expect(sink!.latestRows.at(-1)).toMatchObject({ writtenBy: 'c1', copies: 2 });
    // The duplicated rows, kept in view even when newer rows push them out of the latest ones.
    expect(sink!.duplicateRows.length).toBe(10);
    expect(sink!.duplicateRows.every((r) => r.copies === 2)).toBe(true);
    // c1's second writes of the records c2 wrote and never committed.
    expect(sink!.duplicateRows.every((r) => r.writtenBy === 'c1')).toBe(true);
    expect(sink!.duplicateRows.map((r) => r.id)).toEqual(lab.sink('g1').duplicateRows().slice(-SINK_ROWS_IN_SNAPSHOT).map((r) => r.id));
  });

  it('reuses the sink view until the sink changes, and shows a remedy picked', async () => {
    const lab = await duplicatedLab();
    const before = lab.snapshot().sinks;
    lab.kernel.advanceBy(2000);
    expect(lab.snapshot().sinks).toBe(before);
    await lab.apply({ type: 'sink', group: 'g1', remedy: 'dedupe-id' });
    const after = lab.snapshot().sinks;
    expect(after).not.toBe(before);
    expect(after[0]!.remedy).toBe('dedupe-id');
    expect(after[0]!.rows).toBe(before[0]!.rows);
  });

  it('rebuilds only the sink whose version moved, sorted by group id', () => {
    const source = (groupId: string, version: number): SinkSource & { calls: number } => {
      const s = {
        groupId, version, calls: 0,
        view() {
          s.calls++;
          return { groupId, remedy: 'none' as const, received: version, rows: version, duplicates: 0, redelivered: 0, prevented: 0, latestRows: [] };
        },
        rowsFor: () => 1,
        duplicateRows: () => [],
      };
      return s;
    };
    const builder = new SinkSnapshots();
    const a = source('g2', 1);
    const b = source('g1', 1);
    const first = builder.build([a, b]);
    expect(first.map((s) => s.groupId)).toEqual(['g1', 'g2']);
    const b2 = { ...source('g1', 2) };
    const second = builder.build([a, b2]);
    expect(a.calls).toBe(1);
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.rows).toBe(2);
    expect(second[0]!.duplicateRows).toEqual([]);
  });
});
