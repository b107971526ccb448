import { loadKafkaVectors } from '../../../testdata/kafkaVectors';
import { describe, expect, it } from 'vitest';
import { Random } from '../../kernel';
import { murmur2, utf8 } from '../../util/hash';
import { labWithTopic, scriptedRandom, settle } from '../testSupport';
import { BuiltInPartitioner } from './BuiltInPartitioner';
import { StickyPartitionCache, type PartitionsView } from './StickyPartitionCache';

const vectors = loadKafkaVectors<{
  keyed_partition: { key: string; murmur2: number; partitions: Record<string, number> }[];
}>();

const cluster = (count: number, available = Array.from({ length: count }, (_, i) => i)): PartitionsView => ({
  partitionCount: () => count,
  availablePartitions: () => available,
});

describe('keyed partitioning (toPositive(murmur2(utf8 key)) % numPartitions)', () => {
  for (const n of [6, 12]) {
    it(`matches every Java vector for ${n} partitions`, () => {
      for (const v of vectors.keyed_partition) {
        expect(murmur2(utf8(v.key)), v.key).toBe(v.murmur2);
        expect(BuiltInPartitioner.partitionForKey(utf8(v.key), n), `key ${JSON.stringify(v.key)}`).toBe(v.partitions[String(n)]);
      }
    });
  }

  it('sends keyed records to the vector partitions through a real producer, even without a leader check', async () => {
    const lab = await labWithTopic({ partitions: 12 });
    const producer = lab.createProducer();
    for (const v of vectors.keyed_partition.slice(0, 8)) {
      const md = await settle(lab, producer.send({ topic: 'orders', key: v.key, value: 'x' }));
      expect(md.partition).toBe(v.partitions['12']);
    }
  });
});

describe('explicit partitions', () => {
  it('uses the given partition and rejects one outside the topic like Kafka', async () => {
    const lab = await labWithTopic({ partitions: 6 });
    const producer = lab.createProducer();
    const md = await settle(lab, producer.send({ topic: 'orders', key: 'a', value: 'x', partition: 3 }));
    expect(md.partition).toBe(3);
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'x', partition: 7 })))
      .rejects.toThrow('Invalid partition given with record: 7 is not in the range [0...6).');
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'x', partition: -1 })))
      .rejects.toMatchObject({ name: 'IllegalArgumentException' });
    expect(producer.view().failed).toBe(1); // the negative partition never reached the producer
  });
});

describe('KIP-480 StickyPartitionCache (2.4)', () => {
  it('keeps the partition until onNewBatch for that partition, then picks a different available one', () => {
    const cache = new StickyPartitionCache(new Random(7));
    const first = cache.partition('t', cluster(6));
    expect(cache.partition('t', cluster(6))).toBe(first);
    expect(cache.nextPartition('t', cluster(6), (first + 1) % 6)).toBe(first); // another partition's batch: no change
    for (let i = 0; i < 50; i++) {
      const before = cache.partition('t', cluster(6));
      const after = cache.nextPartition('t', cluster(6), before);
      expect(after).not.toBe(before);
    }
  });

  it('uses the only available partition, or any partition when none has a leader', () => {
    const cache = new StickyPartitionCache(scriptedRandom([9]));
    expect(cache.partition('t', cluster(6, [4]))).toBe(4);
    expect(cache.nextPartition('t', cluster(6, []), 4)).toBe(9 % 6);
  });

  it('sticks keyless records to one partition per batch through the 2.4 producer', async () => {
    const lab = await labWithTopic({ kafkaVersion: '2.4', partitions: 6, seed: 3 });
    const producer = lab.createProducer({ 'linger.ms': 10000, 'batch.size': 300 });
    // Same-size values, so every batch holds the same number of records.
    const sends = Array.from({ length: 40 }, (_, i) => producer.send({ topic: 'orders', value: `order-${String(i).padStart(3, '0')}` }));
    const mds = await settle(lab, Promise.all(sends));
    const runs = toRuns(mds.map((m) => m.partition));
    expect(runs.length).toBeGreaterThan(2);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.partition).not.toBe(runs[i - 1]!.partition);
    // Every closed batch was full: the runs (except the last) have the batch's record count.
    const full = runs.slice(0, -1).map((r) => r.length);
    expect(new Set(full).size).toBe(1);
    expect(full[0]!).toBeGreaterThan(1);
  });
});

describe('KIP-794 BuiltInPartitioner (3.3+)', () => {
  it('switches after batch.size bytes when the last batch is full, or after 2 × batch.size regardless', () => {
    const p = new BuiltInPartitioner('t', 100, scriptedRandom([0, 1, 2, 3]));
    const info = p.peekCurrentPartitionInfo(cluster(6));
    expect(info.partition).toBe(0);
    p.updatePartitionInfo(info, 150, cluster(6), false);
    expect(p.peekCurrentPartitionInfo(cluster(6))).toBe(info); // 150 ≥ 100 but the batch is not full
    p.updatePartitionInfo(info, 50, cluster(6), false);
    expect(p.peekCurrentPartitionInfo(cluster(6)).partition).toBe(1); // 200 = 2 × batch.size
    const second = p.peekCurrentPartitionInfo(cluster(6));
    p.updatePartitionInfo(second, 100, cluster(6), true);
    expect(p.peekCurrentPartitionInfo(cluster(6)).partition).toBe(2);
  });

  it('weights the next partition by inverted queue sizes (the 0 3 1 → CFT 4 5 8 example)', () => {
    const picks = [0, 3, 4, 5, 7, 8].map((draw) => {
      const p = new BuiltInPartitioner('t', 100, scriptedRandom([draw]));
      p.updatePartitionLoadStats([0, 3, 1], [0, 1, 2], 3);
      return p.peekCurrentPartitionInfo(cluster(3)).partition;
    });
    expect(picks).toEqual([0, 0, 1, 2, 2, 0]); // 8 % 8 = 0 → partition 0
  });

  it('stays uniform when every queue has the same size', () => {
    const p = new BuiltInPartitioner('t', 100, scriptedRandom([4]));
    p.updatePartitionLoadStats([2, 2, 2], [0, 1, 2], 3);
    expect(p.peekCurrentPartitionInfo(cluster(3)).partition).toBe(4 % 3);
  });

  it('sticks keyless records to one partition for at least batch.size bytes through the 3.9 producer', async () => {
    const lab = await labWithTopic({ partitions: 6, seed: 5 });
    const producer = lab.createProducer({ 'linger.ms': 10000, 'batch.size': 300 });
    const mds = await settle(lab, Promise.all(Array.from({ length: 60 }, (_, i) => producer.send({ topic: 'orders', value: `order-${i}` }))));
    const runs = toRuns(mds.map((m) => m.partition));
    expect(runs.length).toBeGreaterThan(1);
    // ~20-byte records: at least 300 bytes (with the 61-byte header) before a switch.
    for (const run of runs.slice(0, -1)) expect(run.length).toBeGreaterThanOrEqual(12);
  });
});

function toRuns(partitions: number[]): { partition: number; length: number }[] {
  const runs: { partition: number; length: number }[] = [];
  for (const p of partitions) {
    const last = runs[runs.length - 1];
    if (last && last.partition === p) last.length++;
    else runs.push({ partition: p, length: 1 });
  }
  return runs;
}
