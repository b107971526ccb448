/**
 * The sink invariant: with a remedy on, a group's sink neither loses a committed record nor
 * holds one twice. Driven on a GroupSink with a stand-in cluster (committed offsets and a log of
 * offsets), then end to end: a member that commits records it is still processing and crashes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import type { ConsumerRecord } from '../lab/types';
import { settle, startedLab } from '../lab/testing';
import { GroupSink } from '../groups/sink';
import { SinkChecker } from './SinkChecker';

beforeAll(async () => {
  await initCodecs();
});

function record(offset: number): ConsumerRecord {
  return { topic: 'orders', partition: 0, offset, timestampMs: 0, timestampType: 'CreateTime', key: 'a', value: `v${offset}`, headers: {}, leaderEpoch: 0 };
}

function setup(remedy: 'none' | 'dedupe-id') {
  const sink = new GroupSink('g1', { nowMs: 0, emit: () => {} });
  if (remedy !== 'none') sink.setRemedy(remedy);
  const committed = new Map<string, number>();
  const logOffsets = Array.from({ length: 20 }, (_, i) => i);
  const checker = new SinkChecker({
    sinks: { all: () => [sink] },
    group: () => ({ committed }),
    readRecords: (_tp, from, count) => logOffsets.filter((o) => o >= from).slice(0, count).map((offset) => ({ offset })),
  });
  const found: string[] = [];
  const check = () => checker.check((invariant, tp, text) => found.push(`${invariant} ${tp}: ${text}`));
  return { sink, committed, check, found };
}

describe('SinkChecker', () => {
  it('finds nothing when every committed record has a row', () => {
    const { sink, committed, check, found } = setup('dedupe-id');
    for (let o = 0; o < 10; o++) sink.write('c1', record(o));
    committed.set('orders-0', 10);
    check();
    sink.write('c2', record(4));
    check();
    expect(found).toEqual([]);
  });

  it('names the records committed below the group\'s offset that no member wrote', () => {
    const { sink, committed, check, found } = setup('dedupe-id');
    for (let o = 0; o < 5; o++) sink.write('c1', record(o));
    committed.set('orders-0', 8);
    check();
    expect(found).toEqual(['SinkNoLoss orders-0: group g1 committed orders-0 up to offset 8 but its sink has no row for offset(s) 5, 6, 7: committed before they were processed, so they are lost']);
  });

  it('waits for the records a member still holds in a batch it is processing', () => {
    const { sink, committed, check, found } = setup('dedupe-id');
    for (let o = 0; o < 5; o++) sink.write('c1', record(o));
    const batch = sink.openBatch('c1', [5, 6, 7].map(record));
    committed.set('orders-0', 8);
    check();
    expect(found).toEqual([]);
    batch.write(record(5));
    batch.close({ reason: 'crashed', unprocessed: 2 });
    check();
    expect(found).toEqual(['SinkNoLoss orders-0: group g1 committed orders-0 up to offset 8 but its sink has no row for offset(s) 6, 7: committed before they were processed, so they are lost']);
  });

  it('checks nothing for a sink without a remedy (duplicates there are the lesson, not a bug)', () => {
    const { sink, committed, check, found } = setup('none');
    sink.write('c1', record(0));
    sink.write('c2', record(0));
    committed.set('orders-0', 8);
    check();
    expect(found).toEqual([]);
  });

  it('end to end: a member that commits records it is still processing and then crashes loses them, and the checker says so', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1, replicationFactor: 3 }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 6; i++) await settle(lab, producer.send({ topic: 'orders', key: `acct-${i}`, value: `order ${i}` }));
    await lab.apply({ type: 'sink', group: 'g1', remedy: 'unique-constraint' });
    const c1 = lab.createConsumer({ 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false' }, 'c1');
    c1.subscribe(['orders']);
    c1.setProcessingTime(1000);
    c1.startPolling();
    lab.kernel.runUntil(() => lab.sink('g1').view().rows === 2, 30_000);
    // commitSync of everything polled while four records are still being processed: at-most-once.
    await settle(lab, c1.commit('sync'));
    expect(lab.checker.violations).toEqual([]);
    c1.crash();
    lab.kernel.advanceBy(5000);
    const violations = lab.checker.violations.filter((v) => v.invariant === 'SinkNoLoss');
    expect(violations).toHaveLength(1);
    expect(violations[0]!.text).toBe('group g1 committed orders-0 up to offset 6 but its sink has no row for offset(s) 2, 3, 4, 5: committed before they were processed, so they are lost');
    expect(lab.sink('g1').view().rows).toBe(2);
  });
});
