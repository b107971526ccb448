import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../../record';
import type { KafkaLab } from '../../lab/KafkaLab';
import { settle, startedLab } from '../../lab/testing';

beforeAll(async () => {
  await initCodecs();
});

/** Every replica's own view of `tp`: broker → LEO/HW/epoch. */
function replicas(lab: KafkaLab, tp: string) {
  return Object.fromEntries(lab.brokers.filter((b) => b.alive).flatMap((b) => {
    const p = b.replicaManager.partitions.get(tp);
    return p?.log ? [[b.id, { leo: p.log.logEndOffset, hw: p.log.highWatermark, epoch: p.leaderEpoch }]] : [];
  }));
}

function state(lab: KafkaLab, topic: string, partition: number) {
  return lab.zk.getJson<{ leader: number; leader_epoch: number; isr: number[] }>(`/brokers/topics/${topic}/partitions/${partition}/state`)!;
}

describe('replication (followers fetch, HW, ISR, elections)', () => {
  it('followers fetch every record; acks=all is answered once the ISR has it; the follower HW lags one fetch', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1, 2]] }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
    const meta = await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value: 'a' }));
    expect(meta.offset).toBe(0);
    // Acked: the leader's HW is 1, so both followers have the record.
    const leaderView = replicas(lab, 't-0')[0]!;
    expect(leaderView).toMatchObject({ leo: 1, hw: 1 });
    expect(replicas(lab, 't-0')[1]!.leo).toBe(1);
    expect(replicas(lab, 't-0')[2]!.leo).toBe(1);
    lab.kernel.advanceBy(1000);
    expect(replicas(lab, 't-0')).toEqual({ 0: { leo: 1, hw: 1, epoch: 0 }, 1: { leo: 1, hw: 1, epoch: 0 }, 2: { leo: 1, hw: 1, epoch: 0 } });
  });

  it('a crashed leader is replaced from the ISR with a new epoch; the producer follows and nothing acked is lost', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1, 2]], configs: { 'min.insync.replicas': '2' } }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
    for (const value of ['a', 'b', 'c']) await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value }));
    lab.lifecycle.crash(0);
    lab.kernel.advanceBy(19_000);
    expect(state(lab, 't', 0)).toMatchObject({ leader: 1, leader_epoch: 1, isr: [1, 2] });
    const meta = await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value: 'd' }));
    expect(meta.offset).toBe(3);
    lab.lifecycle.start(0);
    lab.kernel.advanceBy(5000);
    expect(state(lab, 't', 0).isr.sort()).toEqual([0, 1, 2]);
    expect(replicas(lab, 't-0')[0]).toMatchObject({ leo: 4, hw: 4 });
  });

  it('a follower that stops fetching leaves the ISR after replica.lag.time.max.ms; the leader writes it to ZooKeeper without a new epoch', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1, 2]] }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0, acks: '1' });
    lab.lifecycle.slow(2, 60_000);
    lab.kernel.advanceBy(600);
    await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value: 'a' }));
    lab.kernel.advanceBy(46_000);
    expect(state(lab, 't', 0)).toMatchObject({ leader: 0, leader_epoch: 0, isr: [0, 1] });
  });

  it('unclean election off: the partition goes offline; on: an out-of-sync replica leads and acked records are lost', async () => {
    for (const unclean of [false, true]) {
      const lab = startedLab();
      await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1]], configs: { 'unclean.leader.election.enable': String(unclean) } }));
      lab.kernel.advanceBy(1000);
      const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
      lab.lifecycle.crash(1);
      lab.kernel.advanceBy(19_000);
      expect(state(lab, 't', 0).isr).toEqual([0]);
      await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value: 'lost?' }));
      lab.lifecycle.start(1);
      lab.lifecycle.crash(0);
      lab.kernel.advanceBy(19_000);
      expect(state(lab, 't', 0).leader).toBe(unclean ? 1 : -1);
    }
  });
});

describe('consumers after an unclean election (KIP-320)', () => {
  async function truncatedLab(reset: 'earliest' | 'none') {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1]], configs: { 'unclean.leader.election.enable': 'true', 'min.insync.replicas': '1' } }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0, acks: '1' });
    const consumer = lab.createConsumer({ 'auto.offset.reset': reset });
    lab.lifecycle.crash(1);
    lab.kernel.advanceBy(19_000);
    for (const value of ['a', 'b', 'c']) await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value }));
    consumer.assign([{ topic: 't', partition: 0 }]);
    consumer.seek({ topic: 't', partition: 0 }, 0);
    expect((await settle(lab, consumer.poll(2000))).map((r) => r.value)).toEqual(['a', 'b', 'c']);
    lab.lifecycle.start(1);
    lab.lifecycle.crash(0);
    lab.kernel.advanceBy(19_000);
    expect(state(lab, 't', 0).leader).toBe(1);
    await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value: 'x' }));
    return { lab, consumer };
  }

  it('a consumer whose records were truncated resets to the first offset known to diverge', async () => {
    const { lab, consumer } = await truncatedLab('earliest');
    const records = await settle(lab, consumer.poll(5000));
    expect(records.map((r) => [r.offset, r.value])).toEqual([[0, 'x']]);
    expect(lab.kernel.log.slice(0).map((e) => e.text).join('\n')).toMatch(/Truncation detected for partition t-0 at offset 3 .*resetting offset to the first offset known to diverge 0/);
    expect(lab.checker.truncatedConsumedCount()).toBe(3);
  });

  it('with auto.offset.reset=none it raises LogTruncationException', async () => {
    const { lab, consumer } = await truncatedLab('none');
    await expect(settle(lab, consumer.poll(5000))).rejects.toMatchObject({ name: 'LogTruncationException' });
  });
});

describe('a full-cluster restart with replication', () => {
  it('every replica keeps its log; a broker down at the save stays down, leaves the ISR, and catches up when started', async () => {
    const { MemoryStorage } = await import('../../storage');
    const { KafkaLab } = await import('../../lab/KafkaLab');
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 't', replicaAssignment: [[0, 1, 2]], configs: { 'min.insync.replicas': '2' } }));
    lab.kernel.advanceBy(1000);
    const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
    for (const value of ['a', 'b']) await settle(lab, producer.send({ topic: 't', partition: 0, key: null, value }));
    lab.kernel.advanceBy(1000);
    lab.lifecycle.crash(2);
    lab.shutdown();

    const restarted = KafkaLab.create({ seed: 1, storage, restore: storage.load(), startTimeMs: lab.nowMs, downBrokers: lab.lifecycle.downBrokers() });
    restarted.kernel.advanceBy(2000);
    expect(state(restarted, 't', 0)).toMatchObject({ leader: 0, isr: [0, 1] });
    expect(replicas(restarted, 't-0')).toMatchObject({ 0: { leo: 2, hw: 2 }, 1: { leo: 2, hw: 2 } });
    const again = restarted.createProducer({ 'linger.ms': 0, acks: 'all' });
    await settle(restarted, again.send({ topic: 't', partition: 0, key: null, value: 'c' }));
    restarted.lifecycle.start(2);
    restarted.kernel.advanceBy(3000);
    expect(state(restarted, 't', 0).isr).toEqual([0, 1, 2]);
    expect(replicas(restarted, 't-0')[2]).toMatchObject({ leo: 3, hw: 3 });
  });
});
