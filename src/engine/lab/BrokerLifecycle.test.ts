import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import { MemoryStorage } from '../storage';
import { KafkaLab } from './KafkaLab';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

const partition = (lab: ReturnType<typeof startedLab>, tp: string) => lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp)!;

describe('broker crash, clean shutdown and restart (ZooKeeper mode)', () => {
  it('a crashed controller keeps /controller until its session expires (18 s in 3.9); then another broker takes over with the next epoch', () => {
    const lab = startedLab();
    expect(lab.snapshot().controllerId).toBe(0);
    lab.lifecycle.crash(0);
    lab.kernel.advanceBy(17_900);
    // ZooKeeper still names the dead broker; nobody acts as the controller.
    expect(lab.zk.getJson<{ brokerid: number }>('/controller')?.brokerid).toBe(0);
    expect(lab.snapshot().controllerId).toBe(-1);
    lab.kernel.advanceBy(200);
    const controllers = lab.brokers.filter((b) => b.isController);
    expect(controllers).toHaveLength(1);
    expect(controllers[0]!.id).not.toBe(0);
    expect(controllers[0]!.controller!.epoch).toBe(2);
  });

  it('uses the 2.4 profile session timeout (6 s)', () => {
    const lab = startedLab({ kafkaVersion: '2.4' });
    lab.lifecycle.crash(2);
    lab.kernel.advanceBy(5_900);
    expect(lab.zk.exists('/brokers/ids/2')).toBe(true);
    lab.kernel.advanceBy(200);
    expect(lab.zk.exists('/brokers/ids/2')).toBe(false);
  });

  it("a clean shutdown ends the session at once; the leader's partitions go offline (RF 1), keep the last ISR member and come back with every record", async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 3 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    const tp = 'orders-1';
    const leader = partition(lab, tp).leader;
    for (const value of ['a', 'b', 'c']) await settle(lab, producer.send({ topic: 'orders', partition: 1, key: null, value }));
    lab.lifecycle.stop(leader);
    lab.kernel.advanceBy(10);
    expect(partition(lab, tp)).toMatchObject({ leader: -1, isr: [leader], leaderEpoch: 1 });
    expect(lab.snapshot().brokers[leader]!.alive).toBe(false);
    expect(() => lab.lifecycle.stop(leader)).toThrow(/not running/);
    lab.lifecycle.start(leader);
    lab.kernel.advanceBy(100);
    expect(partition(lab, tp)).toMatchObject({ leader, isr: [leader], leaderEpoch: 2 });
    expect(partition(lab, tp).log).toMatchObject({ logEndOffset: 3, highWatermark: 3 });
    expect(lab.kernel.log.slice(0).map((e) => e.text)).toContain('found .kafka_cleanshutdown: the last shutdown was clean, so log recovery is skipped');
  });

  it("a restarted leader rebuilds its producers' sequences from the log: a batch after a lost one is out of order, not accepted", async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (const value of ['a', 'b']) await settle(lab, producer.send({ topic: 'orders', partition: 0, key: null, value }));
    const leader = partition(lab, 'orders-0').leader;
    lab.lifecycle.crash(leader);
    lab.lifecycle.start(leader);
    lab.kernel.advanceBy(100);
    const state = lab.brokers[leader]!.replicaManager.partitions.get('orders-0')!.producerState;
    expect(state.producerCount).toBe(1);
    expect(state.check(0, 0, 2, 2)).toEqual({ kind: 'append' });
    expect(state.check(0, 0, 3, 3)).toMatchObject({ kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(state.check(0, 0, 1, 1)).toMatchObject({ kind: 'duplicate', firstOffset: 1 });
  });

  it('a broker that was down when the lab was saved stays down after a full-cluster restart, and starts later with its records', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 3 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', partition: 1, key: null, value: 'kept' }));
    const leader = partition(lab, 'orders-1').leader;
    lab.lifecycle.crash(leader);
    expect(lab.lifecycle.downBrokers()).toEqual([leader]);
    lab.shutdown();

    const restarted = KafkaLab.create({ seed: 1, storage, restore: storage.load(), startTimeMs: lab.nowMs, downBrokers: lab.lifecycle.downBrokers() });
    restarted.kernel.advanceBy(1_000);
    expect(restarted.brokers[leader]!.alive).toBe(false);
    expect(restarted.lifecycle.stateOf(leader)).toBe('stopped');
    expect(partition(restarted, 'orders-1').leader).toBe(-1);
    expect(restarted.recoveryReport.join(' ')).toContain(`Broker ${leader} was down when the lab was saved, so it stays down`);
    restarted.lifecycle.start(leader);
    restarted.kernel.advanceBy(1_000);
    expect(partition(restarted, 'orders-1')).toMatchObject({ leader, log: { logEndOffset: 1, highWatermark: 1 } });
  });
});
