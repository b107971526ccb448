/**
 * Consumer groups end to end over the simulated cluster: FindCoordinator creates
 * __consumer_offsets, members join (MEMBER_ID_REQUIRED first), the leader assigns, commits land
 * in the compacted topic, and a crashed member's partitions move after its session times out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import type { KafkaLab } from '../lab/KafkaLab';
import { settle, startedLab } from '../lab/testing';
import { groupCoordinatorPartition } from './coordinatorPartition';

beforeAll(async () => {
  await initCodecs();
});

async function labWithOrders(partitions = 6): Promise<KafkaLab> {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions, replicationFactor: 3 }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'orders', key: `k${i}`, value: `v${i}` }));
  return lab;
}

function coordinatorGroup(lab: KafkaLab, groupId: string) {
  for (const broker of lab.brokers) {
    if (!broker.alive) continue;
    const group = broker.groups.manager.getGroup(groupId);
    if (group && broker.groups.manager.isGroupLocal(groupId)) return { broker: broker.id, group };
  }
  return null;
}

function ownership(lab: KafkaLab, ids: string[]): Map<string, string[]> {
  return new Map(ids.map((id) => [id, lab.consumer(id)!.assignment().map((tp) => `${tp.topic}-${tp.partition}`).sort()]));
}

describe('consumer groups', () => {
  it('three members share six partitions after one rebalance, with the coordinator on the leader of the group\'s offsets partition', async () => {
    const lab = await labWithOrders();
    const ids = ['c1', 'c2', 'c3'];
    for (const id of ids) {
      const c = lab.createConsumer({ 'group.id': 'g1', 'auto.offset.reset': 'earliest' }, id);
      c.subscribe(['orders']);
      c.startPolling();
    }
    lab.kernel.advanceBy(10_000);
    const found = coordinatorGroup(lab, 'g1');
    expect(found).not.toBeNull();
    const p = groupCoordinatorPartition('g1');
    const leader = lab.partitionStates().find((s) => s.tp === `__consumer_offsets-${p}`)!.leader;
    expect(found!.broker).toBe(leader);
    expect(found!.group.state).toBe('Stable');
    expect(found!.group.generationId).toBe(1);
    expect(found!.group.size).toBe(3);
    const owned = ownership(lab, ids);
    const all = [...owned.values()].flat().sort();
    expect(all).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
    for (const list of owned.values()) expect(list).toHaveLength(2);
    const consumed = ids.reduce((n, id) => n + lab.consumer(id)!.view().recordsConsumed, 0);
    expect(consumed).toBe(30);
    const texts = lab.kernel.log.recent().map((e) => e.text);
    expect(texts.some((t) => t.includes('MEMBER_ID_REQUIRED'))).toBe(true);
    expect(lab.checker.violations).toEqual([]);
  });

  it('auto-commit writes offsets to __consumer_offsets; a new member of the group starts from them', async () => {
    const lab = await labWithOrders(2);
    const c1 = lab.createConsumer({ 'group.id': 'g2', 'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': 1000 }, 'c1');
    c1.subscribe(['orders']);
    c1.startPolling();
    lab.kernel.advanceBy(10_000);
    const group = coordinatorGroup(lab, 'g2')!.group;
    const committed = [...group.offsets.entries()].map(([tp, o]) => [tp, o.offset]).sort();
    const sum = committed.reduce((n, [, o]) => n + Number(o), 0);
    expect(sum).toBe(30);
    c1.close();
    lab.kernel.advanceBy(5_000);
    const c2 = lab.createConsumer({ 'group.id': 'g2', 'auto.offset.reset': 'earliest' }, 'c2');
    c2.subscribe(['orders']);
    c2.startPolling();
    lab.kernel.advanceBy(10_000);
    expect(c2.view().recordsConsumed).toBe(0);
    expect(c2.assignment()).toHaveLength(2);
  });

  it('a crashed member (no LeaveGroup) is removed when its session times out, and the survivor takes its partitions', async () => {
    const lab = await labWithOrders(4);
    for (const id of ['a', 'b']) {
      const c = lab.createConsumer({ 'group.id': 'g3', 'auto.offset.reset': 'earliest', 'session.timeout.ms': 10_000 }, id);
      c.subscribe(['orders']);
      c.startPolling();
    }
    lab.kernel.advanceBy(10_000);
    expect(lab.consumer('a')!.assignment()).toHaveLength(2);
    lab.consumer('b')!.crash();
    lab.kernel.advanceBy(5_000);
    expect(coordinatorGroup(lab, 'g3')!.group.size).toBe(2);
    lab.kernel.advanceBy(15_000);
    const found = coordinatorGroup(lab, 'g3')!;
    expect(found.group.size).toBe(1);
    expect(found.group.state).toBe('Stable');
    expect(found.group.generationId).toBe(2);
    expect(lab.consumer('a')!.assignment()).toHaveLength(4);
  });

  it('a member slower than max.poll.interval.ms leaves the group, and its late commit fails with CommitFailedException', async () => {
    const lab = await labWithOrders(2);
    const slow = lab.createConsumer({ 'group.id': 'g4', 'auto.offset.reset': 'earliest', 'max.poll.interval.ms': 5_000, 'enable.auto.commit': false }, 'slow');
    slow.subscribe(['orders']);
    slow.setProcessingTime(1_000);
    slow.startPolling();
    const kicked = () => lab.kernel.log.recent().some((e) => e.text.includes('consumer poll timeout has expired'));
    expect(lab.kernel.runUntil(kicked, 60_000)).toBe(true);
    // Still processing its batch when it was thrown out: the commit it makes now belongs to a dead generation.
    await expect(settle(lab, slow.commit('sync'))).rejects.toThrow(/CommitFailedException|Commit cannot be completed|rebalance/);
  });
});

describe('__consumer_offsets belongs to the coordinator', () => {
  it('a client cannot produce to it (INVALID_TOPIC_EXCEPTION, as ReplicaManager.appendToLocalLog refuses internal topics)', async () => {
    const lab = await labWithOrders(1);
    const c = lab.createConsumer({ 'group.id': 'g5', 'auto.offset.reset': 'earliest' }, 'c');
    c.subscribe(['orders']);
    c.startPolling();
    lab.kernel.advanceBy(8_000);
    const producer = lab.createProducer({ 'linger.ms': 0, retries: 0 }, 'intruder');
    await expect(settle(lab, producer.send({ topic: '__consumer_offsets', partition: groupCoordinatorPartition('g5'), key: 'x', value: 'y' }))).rejects.toThrow(/internal topic|INVALID_TOPIC/);
    expect(coordinatorGroup(lab, 'g5')!.group.state).toBe('Stable');
  });
});

describe('commits without group membership', () => {
  it('a consumer that assigns its partitions and has a group.id commits with generation -1: the coordinator is found first and the offsets land in an Empty group', async () => {
    const lab = await labWithOrders(2);
    const c = lab.createConsumer({ 'group.id': 'manual', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false }, 'm');
    c.assign([{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 1 }]);
    const records = await settle(lab, c.poll(2_000));
    expect(records.length).toBeGreaterThan(0);
    await settle(lab, c.commit('sync'));
    const view = lab.group('manual')!;
    expect(view.state).toBe('Empty');
    // What it committed is where it has read to: every record poll() returned, no more.
    expect([...view.committed.values()].reduce((a, b) => a + b, 0)).toBe(records.length);
  });
});
