import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../../record';
import type { KafkaLab } from '../../lab/KafkaLab';
import type { ConsumerRecord } from '../../lab/types';
import { eventsOf, labWithTopic, setClientCut, settle } from '../testSupport';

beforeAll(async () => {
  await initCodecs();
});


/** Every record of orders-0, read from the start by a fresh consumer. */
async function readPartition(lab: KafkaLab, partition = 0): Promise<ConsumerRecord[]> {
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
  consumer.assign([{ topic: 'orders', partition }]);
  const out: ConsumerRecord[] = [];
  for (let i = 0; i < 4; i++) out.push(...(await settle(lab, consumer.poll(300))));
  consumer.close();
  return out;
}

describe('KafkaProducer acknowledgements', () => {
  it('acks=0 completes at once with offset -1 and expects no response', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ acks: '0' });
    const md = await settle(lab, producer.send({ topic: 'orders', key: 'a', value: 'x' }));
    expect(md.offset).toBe(-1);
    expect(producer.config.enableIdempotence).toBe(false); // acks=0 silently turns the default off
    expect(eventsOf(lab, 'producer-1').some((t) => /sent 1 record with acks=0/.test(t))).toBe(true);
  });

  for (const acks of ['1', 'all']) {
    it(`acks=${acks} returns the offsets the leader assigned`, async () => {
      const lab = await labWithTopic();
      const producer = lab.createProducer({ acks, 'linger.ms': 0 });
      const first = await settle(lab, producer.send({ topic: 'orders', value: 'a', partition: 0 }));
      const second = await settle(lab, producer.send({ topic: 'orders', value: 'b', partition: 0, headers: { trace: 't1' } }));
      expect([first.offset, second.offset]).toEqual([0, 1]);
      expect(second).toMatchObject({ topic: 'orders', partition: 0, serializedKeySize: -1, serializedValueSize: 1 });
      expect(eventsOf(lab, 'producer-1')).toContain(`orders-0: acked offsets 1 (acks=${acks})`);
      const records = await readPartition(lab);
      expect(records.map((r) => r.value)).toEqual(['a', 'b']);
      expect(records[1]!.headers).toEqual({ trace: 't1' });
    });
  }

  it('uses the send time as CreateTime unless the record carries a timestamp', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer();
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 })); // metadata is known from now on
    const now = lab.nowMs;
    const md = await settle(lab, producer.send({ topic: 'orders', value: 'a', partition: 0 }));
    const given = await settle(lab, producer.send({ topic: 'orders', value: 'b', partition: 0, timestampMs: 1234 }));
    expect(md.timestampMs).toBe(Math.floor(now));
    expect(given.timestampMs).toBe(1234);
  });

  it('compresses batches with compression.type and the consumer reads them back', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'compression.type': 'gzip', 'linger.ms': 20 });
    await settle(lab, Promise.all(Array.from({ length: 5 }, (_, i) => producer.send({ topic: 'orders', value: `value ${i}`, partition: 0 }))));
    expect(eventsOf(lab, 'producer-1').some((t) => /orders-0 \(5 records, .* gzip\)/.test(t))).toBe(true);
    expect((await readPartition(lab)).map((r) => r.value)).toEqual(['value 0', 'value 1', 'value 2', 'value 3', 'value 4']);
  });
});

describe('KafkaProducer metadata', () => {
  it('auto-creates a topic it sends to when the broker allows it', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer();
    const md = await settle(lab, producer.send({ topic: 'payments', value: 'x' }));
    expect(md).toMatchObject({ topic: 'payments', partition: 0, offset: 0 });
  });

  it('fails after max.block.ms when the topic never appears', async () => {
    const lab = await labWithTopic({ brokerConfig: { 'auto.create.topics.enable': 'false' } });
    const producer = lab.createProducer({ 'max.block.ms': 3000 });
    const started = lab.nowMs;
    await expect(settle(lab, producer.send({ topic: 'missing', value: 'x' })))
      .rejects.toMatchObject({ name: 'TimeoutException', message: 'Topic missing not present in metadata after 3000 ms.' });
    expect(lab.nowMs - started).toBe(3000);
    expect(producer.view()).toMatchObject({ failed: 1, lastError: 'Topic missing not present in metadata after 3000 ms.' });
  });

  it('rejects a record larger than max.request.size', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'max.request.size': 1000 });
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'x'.repeat(2000) })))
      .rejects.toMatchObject({ name: 'RecordTooLargeException' });
  });
});

describe('KafkaProducer broker errors', () => {
  it('says a broker error name once, then the broker\'s own message', async () => {
    const lab = await labWithTopic();
    await settle(lab, lab.admin.createTopic({ name: 'small', partitions: 1, configs: { 'max.message.bytes': '200' } }));
    const producer = lab.createProducer({ 'linger.ms': 0 });
    const error = await settle(lab, producer.send({ topic: 'small', value: 'x'.repeat(500) })).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ errorName: 'MESSAGE_TOO_LARGE' });
    expect((error as Error).message).toMatch(/^MESSAGE_TOO_LARGE: The record batch size in the append to small-0 is \d+ bytes/);
    expect(eventsOf(lab, 'producer-1').find((t) => t.includes('failed'))).toMatch(/^small-0: 1 record failed: MESSAGE_TOO_LARGE: The record batch/);
    expect(eventsOf(lab, 'broker 0').concat(eventsOf(lab, 'broker 1'), eventsOf(lab, 'broker 2')).find((t) => t.startsWith('rejected')))
      .toMatch(/^rejected a produce to small-0: MESSAGE_TOO_LARGE \(The record batch size/);
  });
});

describe('KafkaProducer retries', () => {
  it('retries through a cut link and succeeds once it heals', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'request.timeout.ms': 2000, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 }));
    setClientCut(lab, 'producer-1', true);
    const pending = producer.send({ topic: 'orders', value: 'through the storm', partition: 0 });
    lab.kernel.advanceBy(5000);
    setClientCut(lab, 'producer-1', false);
    const md = await settle(lab, pending);
    expect(md.offset).toBe(1);
    expect(eventsOf(lab, 'producer-1').some((t) => /^Retrying orders-0 batch after REQUEST_TIMED_OUT \(attempt 2, backoff \d+ ms\)$/.test(t))).toBe(true);
    expect((await readPartition(lab)).map((r) => r.value)).toEqual(['warm-up', 'through the storm']);
  });

  it('fails with a TimeoutException after delivery.timeout.ms', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'request.timeout.ms': 2000, 'delivery.timeout.ms': 7000, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 }));
    setClientCut(lab, 'producer-1', true);
    const started = lab.nowMs;
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'lost', partition: 0 })))
      .rejects.toMatchObject({ name: 'TimeoutException', message: 'Expiring 1 record(s) for orders-0:7000 ms has passed since batch creation' });
    expect(lab.nowMs - started).toBe(7000);
  });

  it('fails with the error name when retries run out', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ retries: 0, 'request.timeout.ms': 2000, 'linger.ms': 0 });
    expect(producer.config.enableIdempotence).toBe(false);
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 }));
    setClientCut(lab, 'producer-1', true);
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'lost', partition: 0 })))
      .rejects.toMatchObject({ errorName: 'REQUEST_TIMED_OUT' });
  });

  it('keeps working after a failed idempotent batch (new producer id, sequences restart)', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'request.timeout.ms': 2000, 'delivery.timeout.ms': 5000, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'a', partition: 0 }));
    const firstId = producer.view().producerId;
    dropResponsesAfterAppend(lab, 'orders-0');
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'b', partition: 0 }))).rejects.toMatchObject({ name: 'TimeoutException' });
    setClientCut(lab, 'producer-1', false);
    const md = await settle(lab, producer.send({ topic: 'orders', value: 'c', partition: 0 }));
    expect(md.offset).toBe(2);
    expect(producer.view().producerId).not.toBe(firstId);
  });
});

describe('idempotence', () => {
  it('a retried batch whose response was lost is not written twice', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'request.timeout.ms': 2000, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'a', partition: 0 }));
    dropResponsesAfterAppend(lab, 'orders-0', () => lab.kernel.schedule(3000, 'heal', () => setClientCut(lab, 'producer-1', false)));
    const md = await settle(lab, producer.send({ topic: 'orders', value: 'b', partition: 0 }));
    expect(md.offset).toBe(1); // the broker answered the retry with the original offset
    expect(lab.kernel.log.recent().some((e) => /retried a batch it already wrote/.test(e.text))).toBe(true);
    expect((await readPartition(lab)).map((r) => r.value)).toEqual(['a', 'b']);
  });

  it('without idempotence the same retry writes a duplicate', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'enable.idempotence': 'false', 'request.timeout.ms': 2000, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'a', partition: 0 }));
    dropResponsesAfterAppend(lab, 'orders-0', () => lab.kernel.schedule(3000, 'heal', () => setClientCut(lab, 'producer-1', false)));
    const md = await settle(lab, producer.send({ topic: 'orders', value: 'b', partition: 0 }));
    expect(md.offset).toBe(2);
    expect((await readPartition(lab)).map((r) => r.value)).toEqual(['a', 'b', 'b']);
  });
});

describe('flush and close', () => {
  it('flush() sends lingering batches at once; close() sends the rest and then refuses sends', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 60000 });
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 }).catch(() => null), 70000);
    const a = producer.send({ topic: 'orders', value: 'a', partition: 0 });
    lab.kernel.advanceBy(1000);
    expect(producer.view().accumulator).toMatchObject([{ tp: 'orders-0', records: 1 }]);
    const b = producer.send({ topic: 'orders', value: 'b', partition: 1 });
    producer.close();
    const [mdA, mdB] = await settle(lab, Promise.all([a, b]), 5000);
    expect([mdA.offset, mdB.offset]).toEqual([1, 0]);
    expect(eventsOf(lab, 'producer-1').some((t) => /— producer closing$/.test(t))).toBe(true);
    await expect(producer.send({ topic: 'orders', value: 'c' })).rejects.toThrow('Cannot perform operation after producer has been closed');
  });
});

/** Lose the produce response for `tp`: cut the producer off right after the leader appends. */
function dropResponsesAfterAppend(lab: KafkaLab, tp: string, then: () => void = () => {}): void {
  const unsubscribe = lab.kernel.log.subscribe((event) => {
    if (event.kind === 'broker' && event.tp === tp && event.text.startsWith('appended')) {
      unsubscribe();
      setClientCut(lab, 'producer-1', true);
      then();
    }
  });
}

describe('buffer.memory', () => {
  it('blocks a send that needs a new batch until memory frees up, failing after max.block.ms', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'batch.size': 500, 'buffer.memory': 1000, 'max.block.ms': 2000, 'request.timeout.ms': 1500, 'linger.ms': 0 });
    await settle(lab, producer.send({ topic: 'orders', value: 'warm-up', partition: 0 }));
    setClientCut(lab, 'producer-1', true);
    const held = [producer.send({ topic: 'orders', value: 'a', partition: 0 }), producer.send({ topic: 'orders', value: 'b', partition: 1 })];
    await expect(settle(lab, producer.send({ topic: 'orders', value: 'c', partition: 2 })))
      .rejects.toMatchObject({ name: 'TimeoutException', message: expect.stringMatching(/^Failed to allocate 500 bytes within the configured max blocking time 2000 ms/) });
    const waiting = producer.send({ topic: 'orders', value: 'd', partition: 2 });
    setClientCut(lab, 'producer-1', false); // the held batches complete and free their buffers
    const mds = await settle(lab, Promise.all([...held, waiting]));
    expect(mds.map((m) => `${m.partition}@${m.offset}`)).toEqual(['0@1', '1@0', '2@0']);
  });
});

describe('idle', () => {
  it('leaves no timers behind once everything is acknowledged', async () => {
    const lab = await labWithTopic();
    // Let the controller's queued requests (one in flight per broker) finish before counting.
    lab.kernel.advanceBy(2000);
    const before = lab.kernel.pending;
    const producer = lab.createProducer({ 'linger.ms': 5 });
    await settle(lab, Promise.all(Array.from({ length: 20 }, (_, i) => producer.send({ topic: 'orders', value: `v${i}` }))));
    lab.kernel.advanceBy(1000);
    expect(lab.kernel.pending).toBe(before);
  });
});
