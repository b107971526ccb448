import { beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../lab/KafkaLab';
import { settle, startedLab } from '../lab/testing';
import { initCodecs } from '../record';
import { MemoryStorage, type StoredCluster } from '../storage';
import { CHECKPOINT_FILES } from './checkpoints';

beforeAll(async () => {
  await initCodecs();
});

/** 10 acked records in orders-0, the HW checkpoint written after the first 5, then a crash. */
async function crashedWithStaleCheckpoint(): Promise<{ stored: StoredCluster; leader: number; nowMs: number }> {
  const storage = new MemoryStorage();
  const lab = startedLab({ storage });
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }));
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 5; i++) await settle(lab, producer.send({ topic: 'orders', value: `v${i}` }));
  lab.checkpoint();
  for (let i = 5; i < 10; i++) await settle(lab, producer.send({ topic: 'orders', value: `v${i}` }));
  const leader = lab.snapshot().topics[0]!.partitions[0]!.leader;
  // A crash: no clean shutdown, so the HW checkpoint still says 5.
  return { stored: storage.load(), leader, nowMs: lab.nowMs };
}

async function consumeAll(lab: KafkaLab): Promise<number[]> {
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
  consumer.assign([{ topic: 'orders', partition: 0 }]);
  const offsets: number[] = [];
  for (let i = 0; i < 10 && offsets.length < 10; i++) {
    for (const r of await settle(lab, consumer.poll(500))) offsets.push(r.offset);
  }
  return offsets;
}

describe('makeLeader raises the HW (Partition.makeLeader runs the HW rule)', () => {
  it('after a crash restart with LEO 10 and a checkpointed HW of 5, a consumer from earliest sees 0-9', async () => {
    const { stored, leader, nowMs } = await crashedWithStaleCheckpoint();
    expect(stored.logDirs.get(leader)!.files.get(CHECKPOINT_FILES.highWatermark)).toContain('orders 0 5');
    const restarted = KafkaLab.create({ seed: 42, restore: stored, startTimeMs: nowMs });
    restarted.kernel.runUntil(() => restarted.allPartitionsServing(), 5000);
    const log = restarted.snapshot().topics[0]!.partitions[0]!.log!;
    expect([log.logEndOffset, log.highWatermark]).toEqual([10, 10]);
    expect(await consumeAll(restarted)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each([
    ['dropped', null],
    ['damaged', '0\n1\norders zero 5\n'],
  ])('a %s replication-offset-checkpoint does not leave the HW at 0', async (_, contents) => {
    const { stored, leader, nowMs } = await crashedWithStaleCheckpoint();
    const files = stored.logDirs.get(leader)!.files;
    if (contents === null) files.delete(CHECKPOINT_FILES.highWatermark);
    else files.set(CHECKPOINT_FILES.highWatermark, contents);
    const restarted = KafkaLab.create({ seed: 42, restore: stored, startTimeMs: nowMs });
    restarted.kernel.runUntil(() => restarted.allPartitionsServing(), 5000);
    expect(restarted.snapshot().topics[0]!.partitions[0]!.log!.highWatermark).toBe(10);
    expect(await consumeAll(restarted)).toHaveLength(10);
  });
});
