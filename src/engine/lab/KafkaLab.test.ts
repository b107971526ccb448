import { loadKafkaVectors } from '../../testdata/kafkaVectors';
import { describe, expect, it, beforeAll } from 'vitest';
import { formatEvent } from '../kernel';
import { initCodecs } from '../record';
import { MemoryStorage } from '../storage';
import { KafkaLab } from './KafkaLab';
import { settle, startedLab } from './testing';

const vectors = loadKafkaVectors<{
  keyed_partition: { key: string; partitions: Record<string, number> }[];
}>();

beforeAll(async () => {
  await initCodecs();
});

describe('KafkaLab cluster', () => {
  it('starts 3 brokers with broker 0 as controller', () => {
    const lab = startedLab();
    const snap = lab.snapshot();
    expect(snap.brokers.map((b) => `${b.id}:${b.host}:${b.port}`)).toEqual(['0:localhost:9092', '1:localhost:9093', '2:localhost:9094']);
    expect(snap.controllerId).toBe(0);
    expect(snap.brokers[0]!.isController).toBe(true);
  });

  it('creates a topic, places leaders across brokers and rejects bad requests with Kafka errors', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 6 }));
    const topic = lab.snapshot().topics.find((t) => t.name === 'orders')!;
    expect(topic.partitions).toHaveLength(6);
    const leaders = new Set(topic.partitions.map((p) => p.leader));
    expect(leaders.size).toBe(3);
    await expect(settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }))).rejects.toMatchObject({ errorName: 'TOPIC_ALREADY_EXISTS' });
    await expect(settle(lab, lab.admin.createTopic({ name: 'bad', partitions: 0 }))).rejects.toMatchObject({ errorName: 'INVALID_PARTITIONS' });
    await expect(settle(lab, lab.admin.createTopic({ name: 'rf0', partitions: 1, replicationFactor: 0 }))).rejects.toMatchObject({ errorName: 'INVALID_REPLICATION_FACTOR' });
    await expect(settle(lab, lab.admin.createTopic({ name: 'rf4', partitions: 1, replicationFactor: 4 }))).rejects.toThrow(/larger than available brokers: 3/);
    await expect(settle(lab, lab.admin.createTopic({ name: 'bad name!', partitions: 1 }))).rejects.toMatchObject({ errorName: 'INVALID_TOPIC_EXCEPTION' });
    await expect(settle(lab, lab.admin.createTopic({ name: 'cfg', partitions: 1, configs: { 'segment.bytes': 'lots' } }))).rejects.toMatchObject({ errorName: 'INVALID_CONFIG' });
    expect(lab.snapshot().topics.map((t) => t.name)).toEqual(['orders']);
  });

  it('increases partitions, never shrinks, alters configs and deletes topics', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 2 }));
    await settle(lab, lab.admin.createPartitions('t', 5));
    expect(lab.snapshot().topics[0]!.partitions).toHaveLength(5);
    await expect(settle(lab, lab.admin.createPartitions('t', 3))).rejects.toMatchObject({ errorName: 'INVALID_PARTITIONS' });
    await settle(lab, lab.admin.alterTopicConfigs('t', { 'retention.ms': '60000' }));
    const configs = await settle(lab, lab.admin.describeTopicConfigs('t'));
    expect(configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '60000', source: 'DYNAMIC_TOPIC_CONFIG' });
    await expect(settle(lab, lab.admin.alterTopicConfigs('t', { 'retention.ms': 'soon' }))).rejects.toMatchObject({ errorName: 'INVALID_CONFIG' });
    await settle(lab, lab.admin.deleteTopic('t'));
    expect(lab.snapshot().topics).toHaveLength(0);
    await expect(settle(lab, lab.admin.deleteTopic('t'))).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('sends keyed records to their Java-Kafka partitions and consumes them in order', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 6 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (const vector of vectors.keyed_partition) {
      const md = await settle(lab, producer.send({ topic: 'orders', key: vector.key, value: `v-${vector.key}` }));
      expect(md.partition, `key ${JSON.stringify(vector.key)}`).toBe(vector.partitions['6']);
    }
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign(Array.from({ length: 6 }, (_, partition) => ({ topic: 'orders', partition })));
    const seen: string[] = [];
    for (let i = 0; i < 20 && seen.length < vectors.keyed_partition.length; i++) {
      const records = await settle(lab, consumer.poll(500));
      for (const r of records) {
        expect(r.value).toBe(`v-${r.key}`);
        seen.push(r.key!);
      }
    }
    expect(seen.sort()).toEqual(vectors.keyed_partition.map((v) => v.key).sort());
  });

  it('is deterministic: same seed, same trace; another seed, other timings', async () => {
    const trace = async (seed: number) => {
      const lab = startedLab({ seed });
      await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 3 }));
      const producer = lab.createProducer({ 'linger.ms': 5 });
      await settle(lab, Promise.all(['a', 'b', 'c', 'd'].map((key) => producer.send({ topic: 'orders', key, value: key }))));
      return lab.kernel.log.recent().map(formatEvent).join('\n');
    };
    const first = await trace(7);
    expect(await trace(7)).toBe(first);
    expect(await trace(8)).not.toBe(first);
  });
});

describe('full-cluster restart from storage', () => {
  it('keeps the same records at the same offsets after a clean restart', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 2, configs: { 'segment.bytes': '1024' } }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 40; i++) await settle(lab, producer.send({ topic: 'orders', partition: i % 2, value: `value-${i}-${'x'.repeat(40)}` }));
    const before = lab.snapshot().topics[0]!.partitions.map((p) => [p.log!.logEndOffset, p.log!.highWatermark, p.log!.segments.length]);
    lab.shutdown();
    const restarted = KafkaLab.create({ seed: 42, storage, restore: storage.load(), startTimeMs: lab.nowMs });
    restarted.kernel.advanceBy(500);
    const after = restarted.snapshot().topics[0]!.partitions.map((p) => [p.log!.logEndOffset, p.log!.highWatermark, p.log!.segments.length]);
    expect(after).toEqual(before);
    expect(restarted.kernel.log.recent().some((e) => e.text.includes('clean'))).toBe(true);
    const consumer = restarted.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign([{ topic: 'orders', partition: 1 }]);
    const records = await settle(restarted, consumer.poll(1000));
    expect(records[0]).toMatchObject({ offset: 0, value: `value-1-${'x'.repeat(40)}` });
  });

  it('recovers from a corrupt batch by truncating the log there', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 10; i++) await settle(lab, producer.send({ topic: 'orders', value: `value-${i}` }));
    lab.checkpoint();
    // Crash (no clean shutdown) after flipping a byte inside the batch holding offset 6.
    const stored = storage.load();
    const leader = lab.snapshot().topics[0]!.partitions[0]!.leader;
    const segment = stored.logDirs.get(leader)!.partitions.get('orders-0')![0]!;
    const batch = lab.snapshot().topics[0]!.partitions[0]!.log!.segments[0]!.batches.find((b) => b.baseOffset <= 6 && b.lastOffset >= 6)!;
    segment.log[batch.position + 70]! ^= 0xff;
    const restarted = KafkaLab.create({ seed: 42, restore: stored, startTimeMs: lab.nowMs });
    restarted.kernel.advanceBy(500);
    const log = restarted.snapshot().topics[0]!.partitions[0]!.log!;
    expect(log.logEndOffset).toBe(batch.baseOffset);
    expect(restarted.recoveryReport.join('\n')).toMatch(/corrupt|CRC|truncat/i);
  });
});

describe('restart event log', () => {
  it('reports each recovery step once, as a recovery event', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1 }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 3; i++) await settle(lab, producer.send({ topic: 'orders', value: `v${i}` }));
    lab.checkpoint();
    const restarted = KafkaLab.create({ seed: 42, restore: storage.load(), startTimeMs: lab.nowMs });
    const texts = restarted.kernel.log.recent().map((e) => `${e.kind}|${e.text}`);
    const recoveryTexts = texts.filter((t) => t.startsWith('recovery|') && t.includes('orders-0:'));
    expect(recoveryTexts.length).toBeGreaterThan(0);
    expect(new Set(recoveryTexts).size).toBe(recoveryTexts.length);
    for (const message of restarted.recoveryReport) {
      const bare = message.replace(/^Broker \d+: /, '');
      expect(texts.filter((t) => t.endsWith(`|${bare}`))).toHaveLength(1);
    }
  });
});

describe('allPartitionsServing', () => {
  it('turns true as soon as every restarted partition has its leader log, well before periodic tasks', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 6 }));
    // CreateTopics answers once the controller's cache has leaders; the others follow shortly.
    expect(lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000)).toBe(true);
    lab.shutdown();
    const restarted = KafkaLab.create({ seed: 42, restore: storage.load(), startTimeMs: lab.nowMs });
    const start = restarted.kernel.nowMs;
    expect(restarted.allPartitionsServing()).toBe(false);
    expect(restarted.kernel.runUntil(() => restarted.allPartitionsServing(), 30_000)).toBe(true);
    expect(restarted.kernel.nowMs - start).toBeLessThan(1000);
    expect(restarted.snapshot().topics[0]!.partitions.every((p) => p.log !== null)).toBe(true);
  });
});

describe('clean restart report', () => {
  it('finds every index file after a clean shutdown, so nothing needs rebuilding', async () => {
    const storage = new MemoryStorage();
    const lab = startedLab({ storage });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 3, configs: { 'segment.bytes': '1024' } }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'orders', partition: i % 3, value: `value-${i}-${'x'.repeat(30)}` }));
    lab.shutdown();
    const restarted = KafkaLab.create({ seed: 42, restore: storage.load(), startTimeMs: lab.nowMs });
    expect(restarted.recoveryReport.filter((m) => /missing|rebuilt|corrupt/.test(m))).toEqual([]);
    expect(restarted.recoveryReport.every((m) => m.includes('clean shutdown'))).toBe(true);
  });
});

describe('checkpoint writes', () => {
  it('writes a checkpoint file only when its contents change, and again after a topic is recreated', async () => {
    const storage = new MemoryStorage();
    const files: string[] = [];
    const lab = startedLab({ storage: { submit: (op) => { if (op.type === 'file') files.push(`${op.broker}:${op.path}`); storage.submit(op); } } });
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 1 }));
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000);
    lab.checkpoint();
    const first = files.length;
    expect(files.some((f) => f.endsWith('t-0/leader-epoch-checkpoint'))).toBe(true);
    lab.checkpoint();
    expect(files.length).toBe(first);
    await settle(lab, lab.admin.deleteTopic('t'));
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 1 }));
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000);
    files.length = 0;
    lab.checkpoint();
    expect(files.filter((f) => f.endsWith('t-0/leader-epoch-checkpoint'))).toHaveLength(1);
    const leader = lab.snapshot().topics[0]!.partitions[0]!.leader;
    expect(storage.load().logDirs.get(leader)!.files.get('t-0/leader-epoch-checkpoint')).toBe('0\n1\n0 0\n');
  });
});

describe('client names', () => {
  it('an unnamed client takes the next free name, skipping ones created by hand', () => {
    const lab = startedLab();
    lab.createConsumer({}, 'consumer-1');
    lab.createConsumer({}, 'consumer-2');
    expect(lab.createConsumer().id).toBe('consumer-3');
    expect(lab.createProducer().id).toBe('producer-4');
    lab.createProducer({}, 'producer-5');
    expect(lab.createProducer().id).toBe('producer-6');
    expect(() => lab.createConsumer({}, 'consumer-3')).toThrow(/already exists/);
  });
});
