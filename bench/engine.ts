import { consumerConfig, producerConfig } from '../src/engine/config';
import { KafkaConsumer } from '../src/engine/clients/consumer/KafkaConsumer';
import { KafkaProducer } from '../src/engine/clients/producer/KafkaProducer';
import { KafkaLab } from '../src/engine/lab/KafkaLab';
import { encodeRecordBatch, initCodecs, type SimpleRecord } from '../src/engine/record';
import { utf8 } from '../src/engine/util/hash';

export interface EngineBenchResult {
  records: number;
  engineRecordsPerSec: number;
  rawRecordsPerSec: number;
  ratio: number;
  simulatedMs: number;
}

const PARTITIONS = 12;
const VALUE_BYTES = 100;
const KEYS = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
const VALUE = 'v'.repeat(VALUE_BYTES);

/**
 * Records/s produced → appended → fetched through the whole engine (3 brokers, 12
 * partitions, linger.ms=5 + batch.size=16384, acks=1, 100-byte values, keyed), beside a raw
 * loop that only encodes the same records into v2 batches and appends them to buffers.
 */
export async function runEngineBench(records = 1_000_000): Promise<EngineBenchResult> {
  await initCodecs();
  const engine = measureEngine(records);
  const raw = measureRaw(records);
  return {
    records,
    engineRecordsPerSec: engine.recordsPerSec,
    rawRecordsPerSec: raw,
    ratio: engine.recordsPerSec / raw,
    simulatedMs: engine.simulatedMs,
  };
}

function measureEngine(total: number): { recordsPerSec: number; simulatedMs: number } {
  const lab = KafkaLab.create({ seed: 1, link: { latencyMs: 1, jitterMs: 0.5 } });
  lab.kernel.advanceBy(100);
  let created = false;
  lab.admin.createTopic({ name: 'bench', partitions: PARTITIONS, configs: { 'segment.bytes': String(64 * 1024 * 1024) } }).then(() => (created = true));
  lab.kernel.runUntil(() => created, 10_000);
  const producer = new KafkaProducer(lab.kernel, lab.network, {
    nodeId: 'bench-producer',
    bootstrap: lab.bootstrap,
    config: producerConfig('3.9', { acks: '1', 'linger.ms': 5, 'batch.size': 16384, 'enable.idempotence': false }),
  });
  const consumer = new KafkaConsumer(lab.kernel, lab.network, {
    nodeId: 'bench-consumer',
    bootstrap: lab.bootstrap,
    config: consumerConfig('3.9', { 'auto.offset.reset': 'earliest', 'max.poll.records': 100000, 'fetch.max.wait.ms': 5 }),
  });
  consumer.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: 'bench', partition })));
  let fetched = 0;
  let acked = 0;
  const poll = (): void => consumer.poll(5, (error, batch) => {
    if (error) throw error;
    fetched += batch.length;
    if (fetched < total) poll();
  });
  const onAck = (error: Error | null): void => {
    if (error) throw error;
    acked++;
  };
  const start = performance.now();
  const simStart = lab.kernel.nowMs;
  poll();
  let sent = 0;
  const chunk = 20_000;
  while (fetched < total) {
    // Keep a bounded number of records in flight, like an application respecting buffer.memory.
    while (sent < total && sent - acked < 200_000) {
      const end = Math.min(total, sent + chunk);
      for (; sent < end; sent++) producer.send({ topic: 'bench', key: KEYS[sent % KEYS.length]!, value: VALUE }, onAck);
    }
    lab.kernel.advanceBy(5);
  }
  const seconds = (performance.now() - start) / 1000;
  return { recordsPerSec: total / seconds, simulatedMs: lab.kernel.nowMs - simStart };
}

function measureRaw(total: number): number {
  const perBatch = Math.floor(16384 / (VALUE_BYTES + 20));
  const buffers = Array.from({ length: PARTITIONS }, () => ({ buf: new Uint8Array(1 << 20), used: 0 }));
  const start = performance.now();
  for (let done = 0, b = 0; done < total; b++) {
    const n = Math.min(perBatch, total - done);
    const records: SimpleRecord[] = [];
    for (let i = 0; i < n; i++) records.push({ timestampMs: done + i, key: utf8(KEYS[(done + i) % KEYS.length]!), value: utf8(VALUE) });
    const batch = encodeRecordBatch(records, { baseOffset: done });
    const target = buffers[b % PARTITIONS]!;
    if (target.used + batch.length > target.buf.length) {
      const grown = new Uint8Array(target.buf.length * 2);
      grown.set(target.buf.subarray(0, target.used));
      target.buf = grown;
    }
    target.buf.set(batch, target.used);
    target.used += batch.length;
    done += n;
  }
  return total / ((performance.now() - start) / 1000);
}
