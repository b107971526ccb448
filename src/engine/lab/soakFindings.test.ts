/**
 * Regressions found by the fault-schedule soak (src/sim): each once lost acknowledged records
 * or left the cluster stuck.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import type { KafkaLab } from './KafkaLab';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

const state = (lab: KafkaLab) => lab.zk.getJson<{ leader: number; leader_epoch: number; isr: number[] }>('/brokers/topics/t/partitions/0/state')!;

async function threeAcked(assignment: number[]): Promise<KafkaLab> {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [assignment], configs: { 'min.insync.replicas': '2' } }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
  for (const value of ['a', 'b', 'c']) await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value }));
  return lab;
}

describe('soak findings', () => {
  it('a leader (and controller) that loses power and starts at once is not re-elected with its emptied log', async () => {
    const lab = await threeAcked([0, 1, 2]);
    lab.lifecycle.powerOff(0);
    lab.lifecycle.start(0);
    lab.kernel.advanceBy(1000);
    expect(state(lab).leader).not.toBe(0);
    lab.kernel.advanceBy(10_000); // it catches up; a preferred election may give it the lead back

    expect(lab.checker.lostAckedCount()).toBe(0);
    expect(lab.checker.violations).toEqual([]);
  });

  it('the same with a leader that is not the controller', async () => {
    const lab = await threeAcked([1, 0, 2]);
    lab.lifecycle.powerOff(1);
    lab.lifecycle.start(1);
    lab.kernel.advanceBy(1000);
    expect(state(lab).leader).not.toBe(1);
    lab.kernel.advanceBy(10_000);
    expect(lab.checker.lostAckedCount()).toBe(0);
  });

  it('a controller briefly cut from ZooKeeper handles a broker failure that happened meanwhile', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[1, 0, 2]] }));
    lab.kernel.advanceBy(1000);
    lab.lifecycle.crash(1);
    lab.kernel.advanceBy(10_000);
    lab.lifecycle.setZkLinkCut('broker-0', true);
    lab.kernel.advanceBy(10_000); // broker 1's session expires during the cut
    lab.lifecycle.setZkLinkCut('broker-0', false);
    lab.kernel.advanceBy(1_000);
    expect(state(lab).leader).not.toBe(1);
  });

  it('a restarted broker gets its LeaderAndIsr at once, not behind a request to its previous process', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1, 2]] }));
    lab.kernel.advanceBy(1000);
    lab.network.setLinkCut('broker-0', 'broker-2', true);
    lab.lifecycle.stop(1);
    lab.kernel.advanceBy(1000);
    lab.lifecycle.crash(2);
    lab.kernel.advanceBy(20_000);
    lab.network.setLinkCut('broker-0', 'broker-2', false);
    lab.lifecycle.start(2);
    lab.kernel.advanceBy(3000);
    expect(lab.brokers[2]!.replicaManager.partitions.get('t-0')?.leaderEpoch).toBe(state(lab).leader_epoch);
  });
});
