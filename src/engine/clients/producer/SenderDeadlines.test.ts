import { describe, expect, it } from 'vitest';
import { KafkaLab } from '../../lab/KafkaLab';
import type { SimKernel } from '../../kernel';

/** settleInSimulation with a step budget: a kernel that spins fails the test instead of hanging it. */
async function settleWithin<T>(kernel: SimKernel, promise: Promise<T> | null, minMs: number, maxSteps = 200_000): Promise<T | null> {
  let done = promise === null;
  let value: T | null = null;
  promise?.then((v) => { done = true; value = v; }, (e: unknown) => { throw e; });
  const minTime = kernel.nowMs + minMs;
  await Promise.resolve();
  for (let steps = 0; !done || kernel.nowMs < minTime; steps++) {
    if (steps > maxSteps) throw new Error(`the kernel ran ${maxSteps} steps by t=${kernel.nowMs} ms without getting anywhere`);
    const next = kernel.nextEventTimeMs();
    if (next === undefined || (done && next > minTime)) break;
    kernel.step();
    for (let i = 0; i < 4; i++) await Promise.resolve();
  }
  if (kernel.nowMs < minTime) kernel.advanceTo(minTime);
  return value;
}

describe('Sender deadlines on the simulated clock (issue 5 §4b hang)', () => {
  it('runs the 9-line first-records variant to the end', async () => {
    // lab seed=42 version=3.9 brokers=3 / create-topic orders partitions=6 segment.bytes=1024 /
    // producer p1 linger.ms=5 / send ×2 / stream p1 orders rate=40 keys=a,b,order-42 / send /
    // the same stream again / advance 500ms. It hung: a batch created within linger.ms before
    // 2,048 ms woke its Sender at createdMs + linger.ms, where nowMs - createdMs came out one ulp short.
    const lab = KafkaLab.create({ seed: 42, kafkaVersion: '3.9', brokerCount: 3 });
    const k = lab.kernel;
    await settleWithin(k, null, 1000);
    await settleWithin(k, lab.admin.createTopic({ name: 'orders', partitions: 6, configs: { 'segment.bytes': '1024' } }), 0);
    const p1 = lab.createProducer({ 'linger.ms': '5' }, 'p1');
    await settleWithin(k, p1.send({ topic: 'orders', key: 'a', value: 'first order' }), 0);
    await settleWithin(k, p1.send({ topic: 'orders', key: 'b', value: 'second order' }), 0);
    const stream = { topic: 'orders', recordsPerSecond: 40, keys: ['a', 'b', 'order-42'] };
    p1.startStream(stream);
    await settleWithin(k, p1.send({ topic: 'orders', key: 'order-42', value: 'third order' }), 0);
    p1.startStream(stream);
    await settleWithin(k, null, 500);
    expect(k.spinsDetected).toBe(0);
    expect(p1.view().failed).toBe(0);
    expect(p1.view().acked).toBeGreaterThan(3);
  });

  it('stamps LogAppendTime and RecordMetadata.timestamp in whole ms', async () => {
    const lab = KafkaLab.create({ seed: 7, kafkaVersion: '3.9', brokerCount: 3, link: { latencyMs: 3, jitterMs: 7 } });
    const k = lab.kernel;
    await settleWithin(k, null, 1000);
    await settleWithin(k, lab.admin.createTopic({ name: 'stamps', partitions: 2, configs: { 'message.timestamp.type': 'LogAppendTime' } }), 0);
    const p = lab.createProducer({ 'linger.ms': '0' }, 'p');
    // Fractional frame advances between sends, as the UI's frame loop makes them.
    for (let i = 0; i < 20; i++) {
      const md = await settleWithin(k, p.send({ topic: 'stamps', key: `k${i}`, value: 'v' }), 0);
      expect(Number.isInteger(md!.timestampMs)).toBe(true);
      k.advanceBy(0.37);
    }
  });

  it('writes a .timeindex entry only for a strictly larger LogAppendTime, even for appends in one ms', async () => {
    const lab = KafkaLab.create({ seed: 3, kafkaVersion: '3.9', brokerCount: 1, link: { latencyMs: 0, jitterMs: 0 } });
    const k = lab.kernel;
    await settleWithin(k, null, 1000);
    await settleWithin(k, lab.admin.createTopic({ name: 't', partitions: 1, configs: { 'message.timestamp.type': 'LogAppendTime', 'index.interval.bytes': '1' } }), 0);
    const p = lab.createProducer({ 'linger.ms': '0', 'max.in.flight.requests.per.connection': '5', 'enable.idempotence': 'false' }, 'p');
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      sends.push(p.send({ topic: 't', partition: 0, value: `v${i}` }));
      k.advanceBy(0.3); // three or four appends land in each ms
    }
    await settleWithin(k, Promise.all(sends), 0);
    const log = lab.brokers[0]!.replicaManager.partitions.get('t-0')!.log!;
    const index = log.segments[0]!.timeIndex;
    expect(index.entryCount).toBeGreaterThan(3);
    for (let slot = 0; slot < index.entryCount; slot++) {
      const { timestamp } = index.entry(slot);
      expect(Number.isInteger(timestamp)).toBe(true);
      if (slot > 0) expect(timestamp).toBeGreaterThan(index.entry(slot - 1).timestamp);
    }
  });
});
