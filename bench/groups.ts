import { consumerConfig, producerConfig } from '../src/engine/config';
import { KafkaConsumer } from '../src/engine/clients/consumer/KafkaConsumer';
import { KafkaProducer } from '../src/engine/clients/producer/KafkaProducer';
import { KafkaLab } from '../src/engine/lab/KafkaLab';

const PARTITIONS = 12;
const KEYS = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
const VALUE = 'v'.repeat(100);

export interface GroupBenchResult {
  records: number;
  groupRecordsPerSec: number;
  standaloneRecordsPerSec: number;
  /** Group throughput over a standalone (assign()) consumer's on the same workload. */
  ratio: number;
  rebalancedGeneration: number;
}

/**
 * Produce `total` records to 12 partitions (RF 1) and read them back either with one consumer
 * that assign()s every partition, or with a group of `members` consumers that subscribe() with
 * auto-commit (every 5 s, Kafka's default), timed from the group being Stable.
 */
function measure(total: number, members: number): { recordsPerSec: number; generation: number } {
  const lab = KafkaLab.create({ seed: 1, link: { latencyMs: 1, jitterMs: 0.5 }, brokerConfig: { 'group.initial.rebalance.delay.ms': '0' } });
  lab.kernel.advanceBy(100);
  let created = false;
  void lab.admin.createTopic({ name: 'bench', partitions: PARTITIONS, replicationFactor: 1, configs: { 'segment.bytes': String(64 * 1024 * 1024) } }).then(() => (created = true));
  lab.kernel.runUntil(() => created, 10_000);
  const producer = new KafkaProducer(lab.kernel, lab.network, { nodeId: 'bench-producer', bootstrap: lab.bootstrap, config: producerConfig('3.9', { acks: '1', 'linger.ms': 5, 'enable.idempotence': false }) });
  const consumers = Array.from({ length: Math.max(1, members) }, (_, i) => {
    const config = consumerConfig('3.9', { 'auto.offset.reset': 'earliest', 'max.poll.records': 100000, 'fetch.max.wait.ms': 5, ...(members > 0 ? { 'group.id': 'bench' } : {}) });
    return new KafkaConsumer(lab.kernel, lab.network, { nodeId: `bench-consumer-${i}`, bootstrap: lab.bootstrap, config });
  });
  let fetched = 0;
  for (const c of consumers) {
    if (members > 0) c.subscribe(['bench']);
    else c.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: 'bench', partition })));
    const poll = (): void => c.poll(5, (error, batch) => {
      if (error) throw error;
      fetched += batch.length;
      if (fetched < total) poll();
    });
    poll();
  }
  if (members > 0) lab.kernel.runUntil(() => lab.group('bench')?.state === 'Stable' && consumers.every((c) => c.assignment().length > 0), 60_000);
  const start = performance.now();
  let sent = 0;
  let acked = 0;
  while (fetched < total) {
    while (sent < total && sent - acked < 200_000) {
      const end = Math.min(total, sent + 20_000);
      for (; sent < end; sent++) producer.send({ topic: 'bench', key: KEYS[sent % KEYS.length]!, value: VALUE }, () => acked++);
    }
    lab.kernel.advanceBy(5);
  }
  return { recordsPerSec: total / ((performance.now() - start) / 1000), generation: lab.group('bench')?.generation ?? 0 };
}

export function runGroupBench(total = 300_000, members = 6): GroupBenchResult {
  const standalone = measure(total, 0);
  const group = measure(total, members);
  return { records: total, groupRecordsPerSec: group.recordsPerSec, standaloneRecordsPerSec: standalone.recordsPerSec, ratio: group.recordsPerSec / standalone.recordsPerSec, rebalancedGeneration: group.generation };
}
