import { describe, expect, it } from 'vitest';
import type { KafkaLab } from '../../lab/KafkaLab';
import { eventsOf, labWithTopic, settle } from '../testSupport';

const tp0 = { topic: 'orders', partition: 0 };

/** A lab whose orders-0 holds `values` at offsets 0.., written as one batch (so seeks land inside it). */
async function labWithRecords(values: string[], timestamps?: number[]): Promise<KafkaLab> {
  const lab = await labWithTopic();
  const producer = lab.createProducer({ 'linger.ms': 50 });
  await settle(lab, Promise.all(values.map((value, i) => producer.send({ topic: 'orders', partition: 0, value, key: `k${i}`, ...(timestamps ? { timestampMs: timestamps[i]! } : {}) }))));
  return lab;
}

const values = ['v0', 'v1', 'v2', 'v3', 'v4'];

describe('KafkaConsumer positions', () => {
  it('auto.offset.reset=earliest starts at the log start', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign([tp0]);
    expect(consumer.position(tp0)).toBeNull();
    const records = await settle(lab, consumer.poll(1000));
    expect(records.map((r) => `${r.offset}:${r.key}=${r.value}`)).toEqual(['0:k0=v0', '1:k1=v1', '2:k2=v2', '3:k3=v3', '4:k4=v4']);
    expect(consumer.position(tp0)).toBe(5);
    expect(eventsOf(lab, consumer.id)).toContain('Resetting offset for partition orders-0 to position 0 (auto.offset.reset=earliest)');
    expect(eventsOf(lab, consumer.id)).toContain('Fetched 5 records from orders-0 (offsets 0–4); position now 5');
  });

  it('auto.offset.reset=latest (the default) only sees records written afterwards', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer();
    consumer.assign([tp0]);
    expect(await settle(lab, consumer.poll(1000))).toEqual([]);
    expect(consumer.position(tp0)).toBe(5);
    const producer = lab.createProducer();
    await settle(lab, producer.send({ topic: 'orders', partition: 0, value: 'late' }));
    const records = await settle(lab, consumer.poll(1000));
    expect(records.map((r) => [r.offset, r.value])).toEqual([[5, 'late']]);
  });

  it('auto.offset.reset=none fails until the application seeks', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'none' });
    consumer.assign([tp0, { topic: 'orders', partition: 3 }]);
    await expect(settle(lab, consumer.poll(1000))).rejects.toMatchObject({
      name: 'NoOffsetForPartitionException',
      message: 'Undefined offset with no reset policy for partitions: [orders-0, orders-3]',
    });
    consumer.seek(tp0, 2);
    consumer.seek({ topic: 'orders', partition: 3 }, 0);
    const records = await settle(lab, consumer.poll(1000));
    expect(records.map((r) => r.offset)).toEqual([2, 3, 4]); // 0 and 1 sit in the same batch and are skipped
  });

  it('seekToBeginning and seekToEnd resolve lazily through ListOffsets', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign([tp0]);
    consumer.seekToEnd();
    expect(consumer.position(tp0)).toBeNull();
    lab.kernel.advanceBy(500);
    expect(consumer.position(tp0)).toBe(5);
    consumer.seekToBeginning([tp0]);
    expect((await settle(lab, consumer.poll(1000))).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(eventsOf(lab, consumer.id)).toContain('Resetting offset for partition orders-0 to position 5 (seekToEnd)');
  });

  it('returns at most max.poll.records per poll, in offset order', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 2 });
    consumer.assign([tp0]);
    const polls: number[][] = [];
    for (let i = 0; i < 3; i++) polls.push((await settle(lab, consumer.poll(1000))).map((r) => r.offset));
    expect(polls).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('resets an out-of-range position per auto.offset.reset, or fails with none', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign([tp0]);
    consumer.seek(tp0, 12);
    expect((await settle(lab, consumer.poll(2000))).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    const texts = eventsOf(lab, consumer.id);
    expect(texts).toContain('Fetch position 12 is out of range for partition orders-0, resetting offset (auto.offset.reset=earliest)');
    expect(texts).toContain('Resetting offset for partition orders-0 to position 0 (auto.offset.reset=earliest)');

    const strict = lab.createConsumer({ 'auto.offset.reset': 'none' });
    strict.assign([tp0]);
    strict.seek(tp0, 12);
    await expect(settle(lab, strict.poll(2000))).rejects.toMatchObject({ name: 'OffsetOutOfRangeException', message: 'Fetch position 12 is out of range for partition orders-0' });
  });

  it('finds offsets by timestamp, null past the last record', async () => {
    const lab = await labWithRecords(['a', 'b', 'c'], [1000, 2000, 3000]);
    const consumer = lab.createConsumer();
    const result = await settle(lab, consumer.offsetsForTimes([
      { tp: tp0, timestampMs: 1500 },
      { tp: tp0, timestampMs: 0 },
      { tp: tp0, timestampMs: 5000 },
    ]));
    expect(result).toEqual([{ offset: 1, timestampMs: 2000 }, { offset: 0, timestampMs: 1000 }, null]);
    await expect(settle(lab, consumer.offsetsForTimes([{ tp: tp0, timestampMs: -5 }])))
      .rejects.toThrow('The target time for partition orders-0 is -5. The target time cannot be negative.');
    await expect(settle(lab, consumer.offsetsForTimes([{ tp: tp0, timestampMs: 1e30 }])))
      .rejects.toThrow('The target time for partition orders-0 1e+30 is beyond Long.MAX_VALUE (9223372036854775807)');
  });

  it('reports the high watermark and lag from fetch responses', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest', 'max.poll.records': 2 });
    consumer.assign([tp0]);
    await settle(lab, consumer.poll(1000));
    expect(consumer.view().assignment).toEqual([{ tp: 'orders-0', position: 2, highWatermark: 5, lag: 3 }]);
    expect(consumer.view().recentRecords.map((r) => r.value)).toEqual(['v0', 'v1']);
  });

  it('waits for records up to the poll timeout, then returns nothing', async () => {
    const lab = await labWithTopic();
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    consumer.assign([tp0]);
    const started = lab.nowMs;
    expect(await settle(lab, consumer.poll(1500))).toEqual([]);
    expect(lab.nowMs - started).toBe(1500);
  });
});

describe('LabConsumer input checks', () => {
  it('rejects bad calls with clear errors and changes nothing', async () => {
    const lab = await labWithRecords(values);
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
    await expect(consumer.poll(100)).rejects.toThrow('Consumer is not subscribed to any topics or assigned any partitions: assign partitions to it (or subscribe it to topics) before polling');
    await expect(consumer.poll(100)).rejects.toHaveProperty('name', 'IllegalStateException');
    consumer.assign([tp0]);
    expect(() => consumer.seek(tp0, -1)).toThrow('seek offset must not be a negative number');
    expect(() => consumer.seek(tp0, Number.NaN)).toThrow('seek offset must be a number (got NaN)');
    expect(() => consumer.seek(tp0, 1e20)).toThrow('seek offset 100000000000000000000 is beyond Long.MAX_VALUE (9223372036854775807)');
    expect(() => consumer.seek(tp0, 2 ** 53)).toThrow('seek offset 9007199254740992 is above 9007199254740991 (2^53 − 1), the largest whole number the lab counts exactly');
    expect(() => consumer.seek(tp0, 1.5)).toThrow('seek offset must be a whole number (got 1.5)');
    expect(() => consumer.seek({ topic: 'orders', partition: 9 }, 0)).toThrow('No current assignment for partition orders-9');
    expect(() => consumer.position({ topic: 'orders', partition: 9 })).toThrow('You can only check the position for partitions assigned to this consumer.');
    expect(() => consumer.assign([{ topic: 'orders', partition: -2 }])).toThrow(/Invalid partition -2/);
    expect(consumer.assignment()).toEqual([tp0]);
    await expect(consumer.poll(-1)).rejects.toThrow('Timeout must not be negative');
    expect((await settle(lab, consumer.poll(1000))).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
  });
});
