import { beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../lab/KafkaLab';
import { settle, startedLab } from '../lab/testing';
import { initCodecs } from '../record';
import { MemoryStorage } from '../storage';
import { ZkPaths } from './ZkStore';

beforeAll(async () => {
  await initCodecs();
});

async function labWithRecords(storage: MemoryStorage, brokerCount = 1): Promise<KafkaLab> {
  const lab = startedLab({ storage, brokerCount });
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }));
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'orders', value: `old-${i}` }));
  return lab;
}

function stopReplicaInFlight(lab: KafkaLab): boolean {
  return [...lab.network.inFlight()].some((e) => e.apiKey === 'StopReplica' && e.direction === 'request');
}

async function recordsFromEarliest(lab: KafkaLab): Promise<string[]> {
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
  consumer.assign([{ topic: 'orders', partition: 0 }]);
  const values: string[] = [];
  for (let i = 0; i < 5; i++) for (const r of await settle(lab, consumer.poll(200))) values.push(r.value!);
  return values;
}

describe('topic deletion (TopicDeletionManager)', () => {
  it('a crash while StopReplica travels does not bring the deleted records back in a re-created topic', async () => {
    const storage = new MemoryStorage();
    const lab = await labWithRecords(storage);
    void lab.admin.deleteTopic('orders').catch(() => {});
    expect(lab.kernel.runUntil(() => stopReplicaInFlight(lab), 5000)).toBe(true);
    // Crash now: the controller has asked the broker to delete, the broker has not heard yet.
    const restarted = KafkaLab.create({ seed: 42, brokerCount: 1, restore: storage.load(), startTimeMs: lab.nowMs });
    expect(restarted.kernel.runUntil(() => !restarted.zk.exists(ZkPaths.topic('orders')), 60_000)).toBe(true);
    await settle(restarted, restarted.admin.createTopic({ name: 'orders', partitions: 1 }));
    restarted.kernel.runUntil(() => restarted.allPartitionsServing(), 5000);
    expect(restarted.snapshot().topics[0]!.partitions[0]!.log!.logEndOffset).toBe(0);
    expect(await recordsFromEarliest(restarted)).toEqual([]);
  });

  it('removes the topic from ZooKeeper only after every replica acknowledged StopReplica', async () => {
    const storage = new MemoryStorage();
    const lab = await labWithRecords(storage, 3);
    void lab.admin.deleteTopic('orders').catch(() => {});
    expect(lab.kernel.runUntil(() => stopReplicaInFlight(lab), 5000)).toBe(true);
    expect(lab.zk.exists(ZkPaths.topic('orders'))).toBe(true);
    expect(lab.zk.exists(ZkPaths.deleteTopic('orders'))).toBe(true);
    expect(lab.kernel.runUntil(() => !lab.zk.exists(ZkPaths.topic('orders')), 5000)).toBe(true);
    for (const dir of storage.load().logDirs.values()) expect([...dir.partitions.keys()]).not.toContain('orders-0');
    expect(lab.zk.exists(ZkPaths.deleteTopic('orders'))).toBe(false);
    expect(lab.zk.exists(ZkPaths.topicConfig('orders'))).toBe(false);
  });

  it('waits while a replica\'s broker cannot be reached, and finishes when it can', async () => {
    const storage = new MemoryStorage();
    const lab = await labWithRecords(storage, 3);
    const leader = lab.snapshot().topics[0]!.partitions[0]!.leader;
    const controller = lab.snapshot().controllerId;
    expect(leader).not.toBe(controller);
    lab.network.setLinkCut(`broker-${controller}`, `broker-${leader}`, true);
    await expect(settle(lab, lab.admin.deleteTopic('orders'))).resolves.toBeUndefined();
    lab.kernel.advanceBy(60_000);
    expect(lab.zk.exists(ZkPaths.topic('orders'))).toBe(true);
    expect(storage.load().logDirs.get(leader)!.partitions.has('orders-0')).toBe(true);
    await expect(settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }))).rejects.toThrow(/marked for deletion/);
    lab.network.setLinkCut(`broker-${controller}`, `broker-${leader}`, false);
    expect(lab.kernel.runUntil(() => !lab.zk.exists(ZkPaths.topic('orders')), 60_000)).toBe(true);
    expect(storage.load().logDirs.get(leader)!.partitions.has('orders-0')).toBe(false);
  });

  it('a broker that restarts with the partitions of a topic no longer in ZooKeeper deletes them', async () => {
    const storage = new MemoryStorage();
    const lab = await labWithRecords(storage);
    const stored = storage.load();
    for (const path of [...stored.znodes.keys()]) if (path.startsWith('/brokers/topics/orders') || path.startsWith('/config/topics/orders')) stored.znodes.delete(path);
    const restarted = KafkaLab.create({ seed: 42, brokerCount: 1, storage, restore: stored, startTimeMs: lab.nowMs });
    restarted.kernel.advanceBy(500);
    expect(storage.load().logDirs.get(0)!.partitions.has('orders-0')).toBe(false);
    expect(restarted.recoveryReport.join('\n')).toMatch(/deleted orders-0 .*no longer exists in ZooKeeper/);
    await settle(restarted, restarted.admin.createTopic({ name: 'orders', partitions: 1 }));
    restarted.kernel.runUntil(() => restarted.allPartitionsServing(), 5000);
    expect(await recordsFromEarliest(restarted)).toEqual([]);
  });
});
