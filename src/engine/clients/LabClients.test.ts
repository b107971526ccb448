import { describe, expect, it } from 'vitest';
import { ConfigException } from '../config/ConfigException';
import { formatEvent } from '../kernel';
import type { KafkaLab } from '../lab/KafkaLab';
import { eventsOf, labWithTopic, settle } from './testSupport';

const allPartitions = (n = 6) => Array.from({ length: n }, (_, partition) => ({ topic: 'orders', partition }));

describe('LabProducer', () => {
  it('streams N records per second on kernel time, with keys drawn from the list', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer();
    producer.startStream({ topic: 'orders', recordsPerSecond: 20, keys: ['alice', 'bob'] });
    expect(producer.view().stream).toEqual({ topic: 'orders', recordsPerSecond: 20, keys: ['alice', 'bob'] });
    lab.kernel.advanceBy(1000);
    producer.stopStream();
    lab.kernel.advanceBy(1000);
    expect(producer.view()).toMatchObject({ sent: 20, acked: 20, failed: 0, stream: null });
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign(allPartitions());
    const records = await settle(lab, consumer.poll(1000));
    expect(records.map((r) => r.value).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `order-${i + 1}`).sort());
    expect(new Set(records.map((r) => r.key))).toEqual(new Set(['alice', 'bob']));
  });

  it('rejects a bad stream or record without changing anything', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer();
    expect(() => producer.startStream({ topic: 'orders', recordsPerSecond: 0, keys: null })).toThrow(/recordsPerSecond/);
    expect(() => producer.startStream({ topic: 'orders', recordsPerSecond: Number.NaN, keys: null })).toThrow(/recordsPerSecond/);
    await expect(producer.send({ topic: '', value: 'x' })).rejects.toThrow('Topic cannot be empty.');
    await expect(producer.send({ topic: 'orders', value: 'x', timestampMs: -3 })).rejects.toThrow(/Invalid timestamp: -3/);
    expect(producer.view()).toMatchObject({ sent: 0, failed: 0, stream: null });
  });

  it('reconfigure layers changes over the config given so far; null returns a key to its default', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 60000, 'compression.type': 'gzip' });
    producer.reconfigure({ acks: '1' });
    expect(producer.config).toMatchObject({ lingerMs: 60000, compressionType: 'gzip', acks: 1 });
    producer.reconfigure({ 'linger.ms': null });
    expect(producer.config).toMatchObject({ lingerMs: 0, compressionType: 'gzip', acks: 1 });
    expect(() => producer.reconfigure({ 'batch.size': -1 })).toThrow(ConfigException);
    expect(producer.config).toMatchObject({ lingerMs: 0, compressionType: 'gzip', acks: 1, batchSize: 16384 });

    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.reconfigure({ 'max.poll.records': 5 });
    expect(consumer.config).toMatchObject({ autoOffsetReset: 'earliest', maxPollRecords: 5 });
  });

  it('reconfigure validates first, then swaps producers and keeps the stream', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 60000 });
    const lingering = producer.send({ topic: 'orders', key: 'a', value: 'waiting' });
    producer.startStream({ topic: 'orders', recordsPerSecond: 10, keys: null });
    lab.kernel.advanceBy(500);
    let thrown: unknown;
    try {
      producer.reconfigure({ 'linger.ms': 'soon' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigException);
    expect((thrown as ConfigException).key).toBe('linger.ms');
    expect(producer.config.lingerMs).toBe(60000);

    producer.reconfigure({ 'linger.ms': 0, acks: '1' });
    expect(producer.config).toMatchObject({ lingerMs: 0, acks: 1 });
    const md = await settle(lab, lingering, 5000); // the old producer flushed it on close
    expect(md.offset).toBe(0);
    lab.kernel.advanceBy(1000);
    producer.stopStream();
    lab.kernel.advanceBy(500);
    expect(producer.view()).toMatchObject({ sent: 16, acked: 16, failed: 0 });
    expect(eventsOf(lab, producer.id).some((t) => t.startsWith('reconfigured'))).toBe(true);
  });

  it('close() flushes, then refuses work', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 60000 });
    const pending = producer.send({ topic: 'orders', value: 'x' });
    producer.close();
    expect((await settle(lab, pending, 5000)).offset).toBe(0);
    expect(() => producer.startStream({ topic: 'orders', recordsPerSecond: 1, keys: null })).toThrow('Cannot perform operation after producer has been closed');
  });
});

describe('LabConsumer', () => {
  it('polls continuously and keeps its positions across a reconfigure', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 5 });
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 3 });
    consumer.assign(allPartitions());
    consumer.startPolling();
    producer.startStream({ topic: 'orders', recordsPerSecond: 50, keys: ['a', 'b', 'c', 'd'] });
    lab.kernel.advanceBy(1000);
    expect(() => consumer.reconfigure({ 'max.poll.records': -1 })).toThrow(ConfigException);
    consumer.reconfigure({ 'max.poll.records': 100 });
    expect(consumer.config.maxPollRecords).toBe(100);
    lab.kernel.advanceBy(1000);
    producer.stopStream();
    lab.kernel.advanceBy(2000);
    const view = consumer.view();
    expect(view.polling).toBe(true);
    expect(view.recordsConsumed).toBe(100);
    expect(view.assignment.reduce((n, a) => n + (a.position ?? 0), 0)).toBe(100);
    expect(view.assignment.every((a) => a.lag === 0)).toBe(true);
    expect(view.recentRecords).toHaveLength(50);
    expect(new Set(view.recentRecords.map((r) => `${r.tp}@${r.offset}`)).size).toBe(50); // no duplicates
    await expect(consumer.poll(10)).rejects.toThrow('The poll loop is running; call stopPolling() first.');
    consumer.stopPolling();
    expect(consumer.view().polling).toBe(false);
  });
});

describe('determinism', () => {
  async function trace(seed: number): Promise<string[]> {
    const lab: KafkaLab = await labWithTopic({ seed });
    const producer = lab.createProducer({ 'linger.ms': 5 });
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign(allPartitions());
    consumer.startPolling();
    producer.startStream({ topic: 'orders', recordsPerSecond: 30, keys: null });
    lab.kernel.advanceBy(2000);
    return lab.kernel.log.recent().filter((e) => e.kind === 'producer' || e.kind === 'consumer').map(formatEvent);
  }

  it('the same seed and the same sends give the same event log; another seed other timings', async () => {
    const a = await trace(11);
    const b = await trace(11);
    const c = await trace(12);
    expect(a.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
