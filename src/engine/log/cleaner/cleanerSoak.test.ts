import { beforeAll, expect, it } from 'vitest';
import { Random } from '../../kernel/Random';
import { settle, startedLab } from '../../lab/testing';
import { initCodecs } from '../../record';
import { fetchAll } from './cleanerTestSupport';

beforeAll(async () => {
  await initCodecs();
});

/**
 * Seeded soak: two compacted partitions on three brokers, keyed records with tombstones, compression,
 * broker crashes and restarts, the cleaner every 500 ms. The checkers run after every step; at the end every
 * acknowledged key holds its last value (or nothing / its tombstone) and no acknowledged record is lost.
 */
it('compaction under crashes: checkers stay green and every key keeps its last acknowledged value', async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const random = new Random(seed);
    const profile = seed % 2 === 0 ? '2.4' : '3.9';
    const lab = startedLab({ seed, kafkaVersion: profile, brokerConfig: { 'log.cleaner.backoff.ms': 500 } });
    const segmentBytes = String([100, 200, 500][random.nextInt(3)]);
    await settle(lab, lab.admin.createTopic({ name: 'kv', replicaAssignment: [[0, 1, 2], [1, 2, 0]], configs: { 'cleanup.policy': random.nextFloat() < 0.3 ? 'compact,delete' : 'compact', 'segment.bytes': segmentBytes, 'delete.retention.ms': '2000', 'min.cleanable.dirty.ratio': '0.1' } }));
    const producer = lab.createProducer({ 'linger.ms': random.nextInt(3), acks: 'all', 'compression.type': ['none', 'gzip', 'lz4'][random.nextInt(3)] as string });
    const last = new Map<string, string | null>();
    for (let i = 0; i < 150; i++) {
      const key = `k${random.nextInt(8)}`;
      const value = random.nextFloat() < 0.15 ? null : `v${i}`;
      const partition = random.nextInt(2);
      try {
        await settle(lab, producer.send({ topic: 'kv', partition, key, value }), 60_000);
        last.set(`${partition}/${key}`, value);
      } catch {
        // A send can fail while a broker is down; only acknowledged records are checked.
      }
      const victim = random.nextInt(3);
      if (random.nextFloat() < 0.02 && lab.lifecycle.stateOf(victim) === 'up' && lab.lifecycle.downBrokers().length === 0) lab.lifecycle.crash(victim);
      if (random.nextFloat() < 0.05) for (const b of lab.lifecycle.downBrokers()) lab.lifecycle.start(b);
      lab.kernel.advanceBy(random.nextInt(400));
      expect(lab.checker.violations, `seed ${seed}`).toEqual([]);
    }
    for (const b of lab.lifecycle.downBrokers()) lab.lifecycle.start(b);
    lab.kernel.advanceBy(60_000);
    const texts = lab.kernel.log.slice(lab.kernel.log.firstRetainedSeq).map((e) => e.text);
    expect(texts.filter((t) => t.startsWith('compacted')).length, `seed ${seed}`).toBeGreaterThan(10);
    expect(lab.checker.violations, `seed ${seed}`).toEqual([]);
    expect(lab.checker.lostAckedCount(), `seed ${seed}`).toBe(0);
    for (const p of [0, 1]) {
      const leader = lab.brokers.find((b) => b.replicaManager.partitions.get(`kv-${p}`)?.isLeader)!;
      const seen = new Map<string, string | null>();
      for (const r of fetchAll(leader.replicaManager.partitions.get(`kv-${p}`)!.log!, 1_000_000)) seen.set(r.key, r.value);
      for (const [k, v] of last) {
        const [pp, key] = k.split('/');
        if (Number(pp) !== p) continue;
        if (v !== null) expect(seen.get(key!), `seed ${seed} ${k}`).toBe(v);
        else expect(seen.get(key!) ?? null, `seed ${seed} ${k}`).toBe(null);
      }
    }
  }
}, 300_000);
