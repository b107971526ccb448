import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../kernel';
import { KafkaLab } from '../lab/KafkaLab';
import { settle } from '../lab/testing';
import { initCodecs } from '../record';
import { MemoryStorage } from '../storage';

beforeAll(async () => {
  await initCodecs();
});

const NAMES = ['a', 'b', 'orders'];
const SIZES = [-1, 0, 1, 3, 1000, 1001, 100_001, 2_147_483_647];

/**
 * Seeded random admin sequences with crashes in between: every request is answered (no
 * exception escapes a kernel event), a re-created topic never shows old records, and after
 * a crash restart every leader's HW is its LEO. FUZZ_RUNS=500 for a longer run.
 */
describe('admin and restart fuzz', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 12);
  it.each(Array.from({ length: runs }, (_, i) => i + 1))('sequence %i', { timeout: 60_000 }, async (seed) => {
    const random = new Random(seed);
    const pick = <T>(items: readonly T[]): T => items[random.nextInt(items.length)]!;
    const storage = new MemoryStorage();
    let lab = KafkaLab.create({ seed, storage });
    lab.kernel.advanceBy(500);
    let producer = lab.createProducer({ 'linger.ms': 0, 'delivery.timeout.ms': 3000, 'request.timeout.ms': 1000, 'max.block.ms': 1000 });
    for (let step = 0; step < 14; step++) {
      const name = pick(NAMES);
      const action = random.nextInt(6);
      const existed = lab.zk.exists(`/brokers/topics/${name}`);
      // A topic marked for deletion still has its znodes until every StopReplica is confirmed.
      const beingDeleted = lab.zk.exists(`/admin/delete_topics/${name}`);
      if (action === 0) {
        const partitions = pick(SIZES);
        const created = await settle(lab, lab.admin.createTopic({ name, partitions })).then(() => true, () => false);
        if (created) {
          // Only a live topic must refuse a create: a deletion may finish while CreateTopics travels.
          expect(existed && !beingDeleted).toBe(false);
          lab.kernel.runUntil(() => lab.allPartitionsServing(), 5000);
          const topic = lab.snapshot().topics.find((t) => t.name === name)!;
          expect(topic.partitions.every((p) => (p.log?.logEndOffset ?? 0) === 0), `fresh ${name} has no old records`).toBe(true);
        }
      } else if (action === 1) {
        await settle(lab, lab.admin.deleteTopic(name)).catch(() => {});
      } else if (action === 2) {
        await settle(lab, lab.admin.createPartitions(name, pick(SIZES))).catch(() => {});
      } else if (action === 3 && existed) {
        for (let i = 0; i < 3; i++) await settle(lab, producer.send({ topic: name, value: `v${step}-${i}` })).catch(() => {});
      } else if (action === 4) {
        // A crash at a random instant: no clean shutdown, maybe in the middle of a deletion.
        lab.kernel.advanceBy(random.nextInt(300));
        lab = KafkaLab.create({ seed, storage, restore: storage.load(), startTimeMs: lab.nowMs });
        lab.kernel.runUntil(() => lab.allPartitionsServing(), 5000);
        for (const topic of lab.snapshot().topics) {
          for (const p of topic.partitions) if (p.log) expect(p.log.highWatermark, p.tp).toBe(p.log.logEndOffset);
        }
        producer = lab.createProducer({ 'linger.ms': 0, 'delivery.timeout.ms': 3000, 'request.timeout.ms': 1000, 'max.block.ms': 1000 });
      } else {
        lab.kernel.advanceBy(random.nextInt(2000));
      }
    }
  });
});
