import { consumerConfig, producerConfig } from '../src/engine/config';
import { KafkaConsumer } from '../src/engine/clients/consumer/KafkaConsumer';
import { KafkaProducer } from '../src/engine/clients/producer/KafkaProducer';
import { KafkaLab } from '../src/engine/lab/KafkaLab';
import { bodySizeOf, initCodecs, MemoryRecordsBuilder, RECORD_BATCH_OVERHEAD } from '../src/engine/record';
import { sizeOfVarint } from '../src/engine/util/bytes';
import { encodeUtf8Into } from '../src/engine/util/hash';

export interface EngineBenchResult {
  records: number;
  /** Medians over the measured rounds. */
  engineRecordsPerSec: number;
  rawRecordsPerSec: number;
  /** Median of engine/raw, each pair measured back to back so machine load affects both alike. */
  ratio: number;
  simulatedMs: number;
  /** The same workload at replication factor 3 with acks=all (two followers fetch every record). */
  replicatedRecordsPerSec: number;
  /** Median of RF=1 / RF=3 records/s, each pair measured back to back: what RF=3 acks=all costs per record. */
  replicationCost: number;
  rounds: { engineRecordsPerSec: number; rawRecordsPerSec: number; replicatedRecordsPerSec: number }[];
}

/** The topic's replication and the producer's acks for one engine measurement. */
export interface EngineSetup {
  replicationFactor: number;
  acks: '1' | 'all';
}

export const RF1_ACKS1: EngineSetup = { replicationFactor: 1, acks: '1' };
export const RF3_ACKS_ALL: EngineSetup = { replicationFactor: 3, acks: 'all' };

const PARTITIONS = 12;
const VALUE_BYTES = 100;
const BATCH_SIZE = 16384;
const ROUNDS = 3;
const KEYS = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
const VALUE = 'v'.repeat(VALUE_BYTES);

/**
 * Records/s produced → appended → fetched through the whole engine (3 brokers, 12 partitions,
 * linger.ms=5 + batch.size=16384, acks=1, 100-byte values, keyed), beside a raw loop that only
 * encodes the same records into v2 batches and appends them to buffers, and beside the same
 * engine workload at replication factor 3 with acks=all. One warm-up round (so every loop runs
 * optimized code), then the median of ROUNDS rounds.
 */
export async function runEngineBench(records = 1_000_000): Promise<EngineBenchResult> {
  await initCodecs();
  measureEngine(Math.min(records, 200_000));
  measureEngine(Math.min(records, 200_000), RF3_ACKS_ALL);
  measureRaw(Math.min(records, 200_000));
  const rounds: EngineBenchResult['rounds'] = [];
  let simulatedMs = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const engine = measureEngine(records);
    simulatedMs = engine.simulatedMs;
    const replicated = measureEngine(records, RF3_ACKS_ALL);
    rounds.push({ engineRecordsPerSec: engine.recordsPerSec, rawRecordsPerSec: measureRaw(records), replicatedRecordsPerSec: replicated.recordsPerSec });
  }
  return {
    records,
    engineRecordsPerSec: median(rounds.map((r) => r.engineRecordsPerSec)),
    rawRecordsPerSec: median(rounds.map((r) => r.rawRecordsPerSec)),
    ratio: median(rounds.map((r) => r.engineRecordsPerSec / r.rawRecordsPerSec)),
    simulatedMs,
    replicatedRecordsPerSec: median(rounds.map((r) => r.replicatedRecordsPerSec)),
    replicationCost: median(rounds.map((r) => r.engineRecordsPerSec / r.replicatedRecordsPerSec)),
    rounds,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * One engine measurement. At replication factor 3 every record is also fetched and appended by
 * two followers (the leader validates, the followers append as replicas), and acks=all answers
 * only when both have it; the consumer reads below the HW, so it sees a record once it is
 * replicated.
 */
export function measureEngine(total: number, setup: EngineSetup = RF1_ACKS1): { recordsPerSec: number; simulatedMs: number } {
  const lab = KafkaLab.create({ seed: 1, link: { latencyMs: 1, jitterMs: 0.5 } });
  lab.kernel.advanceBy(100);
  let created = false;
  lab.admin.createTopic({ name: 'bench', partitions: PARTITIONS, replicationFactor: setup.replicationFactor, configs: { 'segment.bytes': String(64 * 1024 * 1024) } }).then(() => (created = true));
  lab.kernel.runUntil(() => created, 10_000);
  const producer = new KafkaProducer(lab.kernel, lab.network, {
    nodeId: 'bench-producer',
    bootstrap: lab.bootstrap,
    config: producerConfig('3.9', { acks: setup.acks, 'linger.ms': 5, 'batch.size': BATCH_SIZE, 'enable.idempotence': false }),
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

/**
 * The least work that still turns the same strings into stored v2 batches: UTF-8 encode key and
 * value, write each record into a batch (MemoryRecordsBuilder, as the producer does), close it at
 * batch.size with its header and CRC, and copy it onto the end of a partition's buffer.
 */
export function measureRaw(total: number): number {
  const buffers = Array.from({ length: PARTITIONS }, (): ChunkedBuffer => ({ chunks: [new Uint8Array(CHUNK_BYTES)], used: 0 }));
  const keys = new ScratchViews(64);
  const values = new ScratchViews(VALUE_BYTES * 3);
  const start = performance.now();
  let builder = new MemoryRecordsBuilder(BATCH_SIZE);
  let estimated = RECORD_BATCH_OVERHEAD;
  let partition = 0;
  for (let i = 0; i < total; i++) {
    const key = keys.encode(KEYS[i % KEYS.length]!);
    const value = values.encode(VALUE);
    const body = bodySizeOf(0, 0, key, value, undefined);
    const size = sizeOfVarint(body) + body;
    if (builder.recordCount > 0 && estimated + size > BATCH_SIZE) {
      appendTo(buffers[partition]!, builder.build({}));
      partition = (partition + 1) % PARTITIONS;
      builder = new MemoryRecordsBuilder(BATCH_SIZE);
      estimated = RECORD_BATCH_OVERHEAD;
    }
    builder.append(i, key, value, undefined);
    estimated += size;
  }
  appendTo(buffers[partition]!, builder.build({}));
  return total / ((performance.now() - start) / 1000);
}

/** UTF-8 into one reused buffer, with one view per length (as the producer's serializer does). */
class ScratchViews {
  private readonly bytes: Uint8Array;
  private readonly views: Uint8Array[] = [];

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  encode(s: string): Uint8Array {
    const n = encodeUtf8Into(s, this.bytes, 0);
    return (this.views[n] ??= this.bytes.subarray(0, n));
  }
}

const CHUNK_BYTES = 1 << 20;

/** Like a segment's FileRecords: 1 MiB chunks, so appends never copy what is already stored. */
interface ChunkedBuffer {
  chunks: Uint8Array[];
  used: number;
}

function appendTo(target: ChunkedBuffer, batch: Uint8Array): void {
  if (target.used + batch.length > CHUNK_BYTES) {
    target.chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, batch.length)));
    target.used = 0;
  }
  target.chunks[target.chunks.length - 1]!.set(batch, target.used);
  target.used += batch.length;
}

// ---- Fixed-rate benchmark (issue 5 §5): CPU per simulated second, shaped like the UI ----


/** One row of the fixed-rate benchmark. */
export interface FixedRateResult {
  brokers: number;
  partitions: number;
  recordsPerSecond: number;
  lingerMs: number;
  /** CPU time (user + system) per simulated second, median over the measured slices. */
  cpuMsPerSimSecond: number;
  recordsConsumed: number;
}

export interface FixedRateOptions {
  /** Simulated seconds measured per case (after one warm-up second). */
  simulatedSeconds?: number;
  rates?: number[];
  partitionCounts?: number[];
  brokerCounts?: number[];
  lingers?: number[];
}

/** A 10× frame at 60 Hz: the UI advances the engine by ~167 ms of simulated time per frame. */
const FRAME_MS = (1000 / 60) * 10;

/**
 * Shaped like the UI: the classroom network (80 ± 20 ms per hop), a lab producer streaming keyed
 * records at a fixed rate (1,000 keys, so every partition gets records), a lab consumer assigned
 * every partition and polling continuously, and the clock advanced in 10× frames. Measures the
 * engine's CPU per simulated second; snapshots and views are not included.
 */
export function measureFixedRate(brokers: number, partitions: number, recordsPerSecond: number, lingerMs: number, simulatedSeconds: number): FixedRateResult {
  const lab = KafkaLab.create({ seed: 1, brokerCount: brokers, link: { latencyMs: 80, jitterMs: 20 } });
  lab.kernel.advanceBy(1000);
  let created = false;
  lab.admin.createTopic({ name: 'orders', partitions }).then(() => (created = true), (e: unknown) => { throw e; });
  lab.kernel.runUntil(() => created && lab.allPartitionsServing(), 60_000);
  const producer = lab.createProducer({ 'linger.ms': String(lingerMs) }, 'p1');
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' }, 'c1');
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic: 'orders', partition })));
  consumer.startPolling();
  producer.startStream({ topic: 'orders', recordsPerSecond, keys: KEYS });
  advanceFrames(lab, 1000); // warm-up: batches flowing, fetch sessions settled, code optimized
  const slices: number[] = [];
  for (let s = 0; s < simulatedSeconds; s++) {
    const before = process.cpuUsage();
    advanceFrames(lab, 1000);
    const used = process.cpuUsage(before);
    slices.push((used.user + used.system) / 1000);
  }
  const failed = producer.view().failed;
  if (failed > 0) throw new Error(`${failed} records failed in the fixed-rate benchmark (${brokers} brokers, ${partitions} partitions)`);
  return { brokers, partitions, recordsPerSecond, lingerMs, cpuMsPerSimSecond: medianOf(slices), recordsConsumed: consumer.view().recordsConsumed };
}

function advanceFrames(lab: KafkaLab, simulatedMs: number): void {
  for (let done = 0; done < simulatedMs; done += FRAME_MS) lab.kernel.advanceBy(Math.min(FRAME_MS, simulatedMs - done));
}

export function runFixedRateBench(options: FixedRateOptions = {}): FixedRateResult[] {
  const seconds = options.simulatedSeconds ?? 5;
  // Warm the JIT on a mid-sized case first: otherwise the first rows also pay for compiling the engine.
  measureFixedRate(3, 60, 2000, 0, 2);
  const rows: FixedRateResult[] = [];
  for (const brokers of options.brokerCounts ?? [3, 5]) {
    for (const partitions of options.partitionCounts ?? [6, 60, 600]) {
      for (const rate of options.rates ?? [1000, 2000]) {
        for (const linger of options.lingers ?? [0, 5]) rows.push(measureFixedRate(brokers, partitions, rate, linger, seconds));
      }
    }
  }
  return rows;
}

/** The table `npm run bench` prints (and docs/PERFORMANCE.md records). */
export function formatFixedRateTable(rows: readonly FixedRateResult[]): string[] {
  const lines = ['| brokers | partitions | records/s | linger.ms | CPU ms per simulated s | real-time factor at most |', '|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    const factor = 1000 / r.cpuMsPerSimSecond;
    lines.push(`| ${r.brokers} | ${r.partitions} | ${r.recordsPerSecond.toLocaleString('en')} | ${r.lingerMs} | ${r.cpuMsPerSimSecond.toFixed(1)} | ${factor.toFixed(1)}× |`);
  }
  return lines;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
