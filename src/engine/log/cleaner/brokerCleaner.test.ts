import { describe, expect, it } from 'vitest';
import { KafkaLab } from '../../lab/KafkaLab';
import { settle, startedLab } from '../../lab/testing';
import { MemoryStorage } from '../../storage';
import { CLEANER_OFFSET_CHECKPOINT_FILE } from './LogCleanerManager';
import { fetchAll, latestByKey } from './cleanerTestSupport';

const TOPIC_CONFIGS = { 'cleanup.policy': 'compact', 'segment.bytes': '300', 'delete.retention.ms': '60000' };

async function compactedLab(profile: '2.4' | '3.9' = '3.9') {
  const lab = startedLab({ kafkaVersion: profile, brokerConfig: { 'log.cleaner.backoff.ms': 1000 } });
  await settle(lab, lab.admin.createTopic({ name: 'kv', replicaAssignment: [[0, 1]], configs: TOPIC_CONFIGS }));
  lab.kernel.advanceBy(1000);
  const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
  for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'kv', partition: 0, key: `k${i % 3}`, value: i === 28 ? null : `v${i}` }));
  return lab;
}

function replicaLog(lab: Awaited<ReturnType<typeof compactedLab>>, broker: number) {
  return lab.brokers[broker]!.replicaManager.partitions.get('kv-0')!.log!;
}

describe('the log cleaner on the brokers', () => {
  for (const profile of ['2.4', '3.9'] as const) {
    it(`${profile}: every replica compacts its own log every log.cleaner.backoff.ms and says so in the event log`, async () => {
      const lab = await compactedLab(profile);
      lab.kernel.advanceBy(1500);
      const events = lab.kernel.log.slice(lab.kernel.log.firstRetainedSeq).filter((e) => e.kind === 'log' && e.text.startsWith('compacted kv-0'));
      // Segments roll every few records, so each replica cleaned several times while the records came in.
      expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['broker 0', 'broker 1']));
      expect(events.every((e) => e.tp === 'kv-0')).toBe(true);
      for (const e of events) {
        expect(e.text).toMatch(/^compacted kv-0: \d+ segments? into \d+, \d+ → \d+ records( \(\d+ tombstones? removed\))?, \d+ → \d+ bytes, dirty ratio [01]\.\d\d; offsets below \d+ are now clean$/);
      }
      for (const broker of [0, 1]) {
        const log = replicaLog(lab, broker);
        const records = fetchAll(log, 100_000);
        expect(records.length).toBeLessThan(30);
        // The active segment is untouched, so the latest value of every key is still readable.
        expect([...latestByKey(records)].map(([k, r]) => [k, r.value]).sort()).toEqual([['k0', 'v27'], ['k1', null], ['k2', 'v29']]);
        expect(log.logEndOffset).toBe(30);
      }
    });
  }

  it('writes cleaner-offset-checkpoint, and a crashed broker comes back to its compacted log', async () => {
    const lab = await compactedLab();
    lab.kernel.advanceBy(1500);
    const before = fetchAll(replicaLog(lab, 1), 100_000);
    const checkpoint = lab.brokers[1]!.replicaManager.diskImage().files.get(CLEANER_OFFSET_CHECKPOINT_FILE);
    expect(checkpoint).toMatch(/^0\n1\nkv 0 \d+\n$/);
    lab.lifecycle.crash(1);
    lab.kernel.advanceBy(1000);
    lab.lifecycle.start(1);
    lab.kernel.advanceBy(3000);
    const after = replicaLog(lab, 1);
    expect(fetchAll(after, 100_000)).toEqual(before);
    expect(after.logEndOffset).toBe(30);
    expect(lab.brokers[1]!.replicaManager.logCleaner.wasCleaned('kv-0')).toBe(true);
  });

  for (const profile of ['2.4', '3.9'] as const) {
    it(`${profile}: replicas compacted at different times are no broken invariant nor lost records, across a leader failover`, async () => {
      const lab = await compactedLab(profile);
      lab.kernel.advanceBy(1500);
      // Broker 1 misses a stretch the leader compacts; it then fetches the compacted batches, gaps and all.
      lab.lifecycle.crash(1);
      const producer = lab.createProducer({ 'linger.ms': 0, acks: 1 });
      for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'kv', partition: 0, key: `k${i % 4}`, value: `w${i}` }));
      lab.kernel.advanceBy(3000);
      lab.lifecycle.start(1);
      // The checkers run as often as the views ask (every frame); replicas that cleaned different stretches meanwhile are fine.
      const checkedAdvance = (ms: number): void => {
        for (let t = 0; t < ms; t += 100) {
          lab.kernel.advanceBy(100);
          expect(lab.checker.violations).toEqual([]);
        }
      };
      checkedAdvance(30_000);
      for (let i = 0; i < 6; i++) await settle(lab, producer.send({ topic: 'kv', partition: 0, key: `k${i % 4}`, value: `x${i}` }));
      checkedAdvance(2000);
      lab.lifecycle.crash(0);
      checkedAdvance(25_000); // its ZooKeeper session ends; broker 1 leads, the checkers read its log
      expect(lab.brokers[1]!.replicaManager.partitions.get('kv-0')!.isLeader).toBe(true);
      expect(lab.checker.violations).toEqual([]);
      expect(lab.checker.lostAckedCount()).toBe(0);
      const latest = latestByKey(fetchAll(replicaLog(lab, 1), 100_000));
      expect([...latest].map(([k, r]) => [k, r.value]).sort()).toEqual([['k0', 'x4'], ['k1', 'x5'], ['k2', 'x2'], ['k3', 'x3']]);
    });
  }

  for (const clean of [true, false]) {
    it(`a full-cluster restart from storage (${clean ? 'clean shutdown' : 'crash'}) comes back to the compacted logs`, async () => {
      const storage = new MemoryStorage();
      const lab = startedLab({ storage, brokerConfig: { 'log.cleaner.backoff.ms': 1000 } });
      await settle(lab, lab.admin.createTopic({ name: 'kv', replicaAssignment: [[0, 1]], configs: TOPIC_CONFIGS }));
      const producer = lab.createProducer({ 'linger.ms': 0, acks: 'all' });
      for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'kv', partition: 0, key: `k${i % 3}`, value: `v${i}` }));
      lab.kernel.advanceBy(1500);
      const before = [0, 1].map((b) => fetchAll(lab.brokers[b]!.replicaManager.partitions.get('kv-0')!.log!, 100_000));
      expect(before[0]!.length).toBeLessThan(30);
      if (clean) lab.shutdown();
      else lab.checkpoint();
      const stored = storage.load();
      expect(stored.logDirs.get(0)!.files.get(CLEANER_OFFSET_CHECKPOINT_FILE)).toMatch(/^0\n1\nkv 0 \d+\n$/);
      const restarted = KafkaLab.create({ seed: 42, restore: stored, startTimeMs: lab.nowMs, brokerConfig: { 'log.cleaner.backoff.ms': 1000 } });
      restarted.kernel.advanceBy(500);
      const after = [0, 1].map((b) => fetchAll(restarted.brokers[b]!.replicaManager.partitions.get('kv-0')!.log!, 100_000));
      expect(after).toEqual(before);
      expect(restarted.recoveryReport.join('\n')).not.toMatch(/found a corrupt|skips ahead|are lost|truncated/);
    });
  }

  it('log.cleaner.enable=false: nothing is compacted', async () => {
    const lab = startedLab({ brokerConfig: { 'log.cleaner.enable': false } });
    await settle(lab, lab.admin.createTopic({ name: 'kv', replicaAssignment: [[0]], configs: TOPIC_CONFIGS }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 20; i++) await settle(lab, producer.send({ topic: 'kv', partition: 0, key: 'k', value: `v${i}` }));
    lab.kernel.advanceBy(60_000);
    expect(fetchAll(lab.brokers[0]!.replicaManager.partitions.get('kv-0')!.log!, 100_000).length).toBe(20);
  });
});
