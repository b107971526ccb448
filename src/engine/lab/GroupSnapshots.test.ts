import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import type { KafkaLab } from './KafkaLab';
import { byTp } from './GroupSnapshots';
import { SnapshotBuilder } from './SnapshotBuilder';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

async function labWithOrders(): Promise<KafkaLab> {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 6, replicationFactor: 3 }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'orders', key: `k${i}`, value: `v${i}` }));
  return lab;
}

describe('LabSnapshot.groups', () => {
  it('is the same empty array every frame while no consumer has a group.id', async () => {
    const lab = await labWithOrders();
    lab.createConsumer({ 'auto.offset.reset': 'earliest' }, 'solo');
    const a = lab.snapshot();
    lab.kernel.advanceBy(100);
    const b = lab.snapshot();
    expect(a.groups).toEqual([]);
    expect(b.groups).toBe(a.groups);
    expect(b.consumers[0]!.group).toBeUndefined();
  });

  it('shows a three-member group: coordinator, state, generation, leader, assignment, lag and commits', async () => {
    const lab = await labWithOrders();
    for (const id of ['c1', 'c2', 'c3']) {
      const c = lab.createConsumer({ 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': '1000' }, id);
      c.subscribe(['orders']);
      c.startPolling();
    }
    lab.kernel.advanceBy(10_000);
    const snapshot = lab.snapshot();
    expect(snapshot.groups).toHaveLength(1);
    const g = snapshot.groups[0]!;
    expect(g).toMatchObject({ groupId: 'g1', state: 'Stable', generation: 1, protocol: 'range' });
    // The first member to join leads (whichever FindCoordinator answered first).
    expect(['c1', 'c2', 'c3']).toContain(g.leaderClientId);
    expect(g.coordinator).toBe(lab.group('g1')!.coordinator);
    expect(g.members.map((m) => m.consumerId).sort()).toEqual(['c1', 'c2', 'c3']);
    const owned = g.members.flatMap((m) => m.partitions.map((p) => p.tp)).sort(byTp);
    expect(owned).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
    for (const m of g.members) {
      expect(m.partitions).toHaveLength(2);
      expect(m.lag).toBe(0);
      for (const p of m.partitions) expect(p.position).toBe(p.highWatermark);
    }
    // Auto-commit ran: every partition's committed offset is its end.
    expect(g.committed.map((p) => p.tp)).toEqual(owned);
    for (const p of g.committed) expect(p.committed).toBe(p.highWatermark);
    const c1 = snapshot.consumers.find((c) => c.id === 'c1')!;
    expect(c1.group).toMatchObject({ groupId: 'g1', generation: 1, memberState: 'STABLE', subscription: ['orders'], coordinator: g.coordinator });
    expect(c1.group!.memberId).toBe(g.members.find((m) => m.clientId === 'c1')!.memberId);
    // Nothing changed: the same object again (narrow selectors skip re-rendering).
    expect(lab.snapshot().groups[0]).toBe(g);
    expect(new SnapshotBuilder(lab).build().groups).toEqual(snapshot.groups);
  });

  it('marks crashed and closed members and the slow one', async () => {
    const lab = await labWithOrders();
    const ids = ['c1', 'c2', 'c3'];
    for (const id of ids) {
      const c = lab.createConsumer({ 'group.id': 'g1', 'session.timeout.ms': '10000' }, id);
      c.subscribe(['orders']);
      c.startPolling();
    }
    lab.kernel.advanceBy(10_000);
    lab.consumer('c1')!.setProcessingTime(5);
    lab.consumer('c2')!.crash();
    lab.consumer('c3')!.close();
    lab.kernel.advanceBy(100);
    const [c1, c2, c3] = lab.snapshot().consumers;
    expect(c1).toMatchObject({ perRecordMs: 5 });
    expect(c1!.ended).toBeUndefined();
    expect(c2!.ended).toBe('crashed');
    expect(c3!.ended).toBe('closed');
    lab.kernel.advanceBy(20_000);
    const g = lab.snapshot().groups[0]!;
    expect(g.state).toBe('Stable');
    expect(g.members.map((m) => m.clientId)).toEqual(['c1']);
    expect(g.members[0]!.partitions).toHaveLength(6);
  });
});
