/** A __consumer_offsets record read back as bytes and described: commits as commits, tombstones as tombstones. */
import { beforeAll, describe, expect, it } from 'vitest';
import { groupCoordinatorPartition } from '../groups/coordinatorPartition';
import { initCodecs } from '../record';
import { isOffsetsTopicPartition, readRecordBytes } from './LogRecordBytes';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

async function committedLab() {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1, replicationFactor: 3 }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 3; i++) await settle(lab, producer.send({ topic: 'orders', key: `acct-${i}`, value: `order ${i}`, partition: 0 }));
  const c1 = lab.createConsumer({ 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false' }, 'c1');
  c1.subscribe(['orders']);
  c1.startPolling();
  lab.kernel.advanceBy(10_000);
  await settle(lab, c1.commit('sync'));
  return lab;
}

describe('reading __consumer_offsets records for the log strip', () => {
  it('knows the coordinator topic partitions by name', () => {
    expect(isOffsetsTopicPartition('__consumer_offsets-12')).toBe(true);
    expect(isOffsetsTopicPartition('__consumer_offsets')).toBe(false);
    expect(isOffsetsTopicPartition('__consumer_offsets-x')).toBe(false);
    expect(isOffsetsTopicPartition('orders-0')).toBe(false);
  });

  it("describes the group's commit and its metadata from the record's bytes; other topics are not described", async () => {
    const lab = await committedLab();
    const tp = `__consumer_offsets-${groupCoordinatorPartition('g1')}`;
    const end = lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp)!.log!.logEndOffset;
    const meanings = Array.from({ length: end }, (_, offset) => lab.describeOffsetsRecord(tp, offset));
    const commit = meanings.find((m) => m?.kind === 'offset');
    expect(commit?.formatted).toMatch(/^\[g1,orders,0\]::OffsetAndMetadata\(offset=3, /);
    expect(commit?.summary).toContain('g1');
    expect(meanings.some((m) => m?.kind === 'group' && m.formatted?.startsWith('g1::GroupMetadata('))).toBe(true);
    expect(lab.describeOffsetsRecord('orders-0', 0)).toBeNull();
    expect(lab.describeOffsetsRecord(tp, end)).toBeNull();
  });

  it('reads the exact bytes of one record, and nothing outside the log', async () => {
    const lab = await committedLab();
    const log = lab.brokers.find((b) => b.alive && b.replicaManager.partitions.get('orders-0')?.isLeader)!.replicaManager.partitions.get('orders-0')!.log!;
    const bytes = readRecordBytes(log, 1)!;
    expect(new TextDecoder().decode(bytes.key!)).toBe('acct-1');
    expect(new TextDecoder().decode(bytes.value!)).toBe('order 1');
    expect(readRecordBytes(log, 3)).toBeNull();
    expect(readRecordBytes(log, -1)).toBeNull();
  });

  it('names each record of the partition on the log strip by its key (group and partition, or the group) instead of garbled bytes', async () => {
    const lab = await committedLab();
    const tp = `__consumer_offsets-${groupCoordinatorPartition('g1')}`;
    const keys = lab.readRecords(tp, 0, 50).map((r) => r.key);
    expect(keys).toContain('g1 · group');
    expect(keys).toContain('g1 · orders-0');
    expect(lab.readRecords('orders-0', 0, 3).map((r) => r.key)).toEqual(['acct-0', 'acct-1', 'acct-2']);
  });
});
