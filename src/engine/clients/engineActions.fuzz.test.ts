import { beforeAll, describe, expect, it } from 'vitest';
import { formatEvent, Random } from '../kernel';
import { initCodecs } from '../record';
import { KafkaLab } from '../lab/KafkaLab';
import type { ConsumerRecord, TopicPartition } from '../lab/types';
import type { LabConsumer } from './LabConsumer';
import type { LabProducer } from './LabProducer';

/**
 * Engine-actions fuzz (issue 5 §4b): seeded random sequences of what a learner can do — topics
 * created, deleted and grown, producers with random configs sending and streaming, consumers
 * assigning, seeking and polling, links cut and healed, brokers crashed, stopped and started,
 * time advanced — with invariants checked
 * throughout: no unexpected exception escapes, the kernel never spins, each consumer's offsets
 * grow, consumers read only below the high watermark, and the same seed gives the same trace.
 *
 * `FUZZ_RUNS` sets the number of seeds (small by default for `npm test`; `npm run fuzz` runs
 * 700+); `FUZZ_SEED=n` replays one seed. A failure names its seed.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 6);
const ONLY_SEED = process.env['FUZZ_SEED'] === undefined ? null : Number(process.env['FUZZ_SEED']);
const ACTIONS = 36;
/** Steps one `advance` may take before the run counts as stuck (a spin the kernel missed). */
const STEP_BUDGET = 400_000;
/** Errors the lab's API reports on purpose (bad input, Kafka errors, timeouts). */
const EXPECTED_ERRORS = new Set([
  'IllegalArgumentException', 'IllegalStateException', 'ConfigException', 'KafkaError', 'TimeoutException',
  'RecordTooLargeException', 'InvalidTopicException', 'KafkaException', 'NoOffsetForPartitionException', 'OffsetOutOfRangeException',
  'CommitFailedException', 'RebalanceInProgressException', 'RetriableCommitFailedException',
]);
const TOPICS = ['orders', 'payments', 'a', '__consumer_offsets'];

class FuzzRun {
  readonly trace: string[] = [];
  readonly lab: KafkaLab;
  private readonly rng: Random;
  private readonly producers: LabProducer[] = [];
  private readonly consumers: LabConsumer[] = [];
  /** Per consumer and partition: the last offset it returned (forgotten on seek/assign/reset). */
  private readonly lastOffset = new Map<string, number>();
  private readonly problems: string[] = [];

  constructor(readonly seed: number) {
    this.rng = new Random(seed ^ 0x5eed);
    this.lab = KafkaLab.create({
      seed,
      kafkaVersion: this.rng.nextInt(2) === 0 ? '3.9' : '2.4',
      brokerCount: 1 + this.rng.nextInt(5),
      link: { latencyMs: this.rng.nextInt(100), jitterMs: this.rng.nextInt(20) },
    });
  }

  async run(): Promise<void> {
    await this.advance(1000);
    for (let i = 0; i < ACTIONS; i++) {
      await this.act();
      if (this.problems.length > 0) throw new Error(this.problems.join('; '));
    }
    await this.advance(3000);
    if (this.problems.length > 0) throw new Error(this.problems.join('; '));
    this.trace.push(...this.lab.kernel.log.slice(0).map(formatEvent));
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.rng.nextInt(items.length)];
  }

  private note(text: string): void {
    this.trace.push(`${this.lab.nowMs} ${text}`);
  }

  /** Synchronous API call: an expected error is part of the trace, anything else is a finding. */
  private call(label: string, f: () => void): void {
    try {
      f();
      this.note(`${label} ok`);
    } catch (error) {
      this.outcome(label, error);
    }
  }

  private track<T>(label: string, promise: Promise<T>, onValue?: (value: T) => void): void {
    promise.then(
      (value) => {
        this.note(`${label} resolved`);
        onValue?.(value);
      },
      (error: unknown) => this.outcome(label, error),
    );
  }

  private outcome(label: string, error: unknown): void {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    this.note(`${label} ${name}: ${message}`);
    if (!EXPECTED_ERRORS.has(name)) this.problems.push(`${label} threw ${name}: ${message}`);
  }

  private async act(): Promise<void> {
    const rng = this.rng;
    const kind = rng.nextInt(21); // 15–20: advance time, so actions interleave with the engine's work
    const topic = this.pick(TOPICS)!;
    const admin = this.lab.admin;
    switch (kind) {
      case 0: {
        const partitions = this.pick([1, 2, 3, 6, 12, 0, -1])!;
        const configs: Record<string, string> = {};
        if (rng.nextInt(2) === 0) configs['segment.bytes'] = String(this.pick([1024, 2048, 16384, 1048576])!);
        if (rng.nextInt(3) === 0) configs['message.timestamp.type'] = 'LogAppendTime';
        if (rng.nextInt(4) === 0) configs['max.message.bytes'] = String(this.pick([200, 1000, 100000])!);
        if (rng.nextInt(3) === 0) configs['min.insync.replicas'] = String(this.pick([1, 2, 3])!);
        const replicationFactor = this.pick([1, 2, 3, 3])!;
        this.track(`create-topic ${topic} ${partitions} rf=${replicationFactor} ${JSON.stringify(configs)}`, admin.createTopic({ name: topic, partitions, replicationFactor, configs }));
        break;
      }
      case 1:
        this.track(`delete-topic ${topic}`, admin.deleteTopic(topic), () => this.forgetTopic(topic));
        break;
      case 2:
        this.track(`add-partitions ${topic}`, admin.createPartitions(topic, 1 + rng.nextInt(16)));
        break;
      case 3:
        this.call('create-producer', () => { this.producers.push(this.lab.createProducer(this.producerConfig())); });
        break;
      case 4:
      case 5:
        this.send(topic);
        break;
      case 6: {
        const p = this.pick(this.producers);
        if (p) this.call(`stream ${p.id}`, () => p.startStream({ topic, recordsPerSecond: this.pick([1, 5, 40, 333, 1000, 2000])!, keys: rng.nextInt(2) === 0 ? null : ['a', 'b', 'order-42'] }));
        break;
      }
      case 7: {
        const p = this.pick(this.producers);
        if (p) this.call(`stop-stream ${p.id}`, () => p.stopStream());
        break;
      }
      case 8:
        this.call('create-consumer', () => {
          this.consumers.push(this.lab.createConsumer({
            'auto.offset.reset': this.pick(['earliest', 'latest', 'none'])!,
            'max.poll.records': String(this.pick([1, 10, 500])!),
            'fetch.max.wait.ms': String(this.pick([0, 5, 100, 500])!),
            // A third of them join a group (subscribe instead of assign, see assign()).
            ...(rng.nextInt(3) === 0 ? { 'group.id': 'fuzz-group', 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '1000' } : {}),
          }));
        });
        break;
      case 9:
        this.assign();
        break;
      case 10:
        this.seek();
        break;
      case 11:
      case 12:
        this.poll();
        break;
      case 13: {
        const nodes = [...this.lab.bootstrap, ...this.producers.map((p) => p.id), ...this.consumers.map((c) => c.id)];
        const from = this.pick(nodes)!;
        const to = this.pick(this.lab.bootstrap)!;
        const cut = rng.nextInt(2) === 0;
        this.call(`${cut ? 'cut' : 'heal'} ${from}↔${to}`, () => this.lab.network.setLinkCut(from, to, cut));
        break;
      }
      case 14:
        this.brokerFault();
        break;
      default:
        await this.advance(this.pick([0.4, 7.3, 16.7, 100, 500, 2048 - this.lab.nowMs % 2048, 3000])!);
    }
    await flush();
  }

  /** Crash, power off or cleanly stop a running broker, or start a stopped one. */
  private brokerFault(): void {
    const id = this.rng.nextInt(this.lab.brokers.length);
    const lifecycle = this.lab.lifecycle;
    const state = lifecycle.stateOf(id);
    if (state === 'starting') return; // registers once ZooKeeper has told the controller its old session ended
    if (state !== 'up') this.call(`start-broker ${id}`, () => void lifecycle.start(id));
    else if (this.lab.network.isIsolated(this.lab.brokers[id]!.nodeId)) this.call(`rejoin broker-${id}`, () => lifecycle.rejoin(id));
    else if (this.lab.brokers[id]!.paused) this.call(`resume-broker ${id}`, () => lifecycle.resume(id));
    else if (this.rng.nextInt(4) === 0) this.call(`isolate broker-${id}`, () => lifecycle.isolate(id));
    else if (this.rng.nextInt(5) === 0) this.call(`pause-broker ${id}`, () => lifecycle.pause(id));
    else if (this.rng.nextInt(5) === 0) this.call(`slow-broker ${id}`, () => lifecycle.slow(id, this.pick([0, 200, 5000])!));
    else {
      const fault = this.rng.nextInt(3);
      if (fault === 0) this.call(`crash-broker ${id}`, () => lifecycle.crash(id));
      else if (fault === 1) this.call(`power-off-broker ${id}`, () => lifecycle.powerOff(id));
      else this.call(`stop-broker ${id}`, () => lifecycle.stop(id));
    }
  }

  private producerConfig(): Record<string, string> {
    const rng = this.rng;
    const config: Record<string, string> = {
      'linger.ms': String(this.pick([0, 1, 5, 50])!),
      'batch.size': String(this.pick([100, 1000, 16384])!),
      acks: this.pick(['0', '1', 'all', '-1'])!,
    };
    if (rng.nextInt(2) === 0) config['enable.idempotence'] = this.pick(['true', 'false'])!;
    if (rng.nextInt(3) === 0) config['delivery.timeout.ms'] = String(this.pick([1000, 5000, 120000])!);
    if (rng.nextInt(3) === 0) config['request.timeout.ms'] = String(this.pick([500, 1000, 30000])!);
    if (rng.nextInt(3) === 0) config['max.in.flight.requests.per.connection'] = String(1 + rng.nextInt(5));
    if (rng.nextInt(4) === 0) config['compression.type'] = this.pick(['none', 'gzip', 'lz4', 'snappy'])!;
    if (rng.nextInt(4) === 0) config['buffer.memory'] = String(this.pick([2000, 65536])!);
    if (rng.nextInt(4) === 0) config['retries'] = String(this.pick([0, 3])!);
    return config;
  }

  private send(topic: string): void {
    const p = this.pick(this.producers);
    if (!p) return;
    const key = this.pick([null, 'a', 'b', 'order-42', 'x'.repeat(300)])!;
    const value = this.rng.nextInt(8) === 0 ? 'v'.repeat(this.rng.nextInt(3000)) : `value-${this.rng.nextInt(1000)}`;
    const partition = this.rng.nextInt(5) === 0 ? this.rng.nextInt(14) : undefined;
    const record = partition === undefined ? { topic, key, value } : { topic, key, value, partition };
    this.track(`send ${p.id} ${topic}${partition === undefined ? '' : `-${partition}`}`, p.send(record), (md) => this.note(`  → ${md.topic}-${md.partition}@${md.offset} ts=${md.timestampMs}`));
  }

  private assign(): void {
    const c = this.pick(this.consumers);
    if (!c) return;
    const tps: TopicPartition[] = [];
    for (let i = this.rng.nextInt(4); i >= 0; i--) tps.push({ topic: this.pick(TOPICS)!, partition: this.rng.nextInt(8) });
    this.forgetConsumer(c.id);
    if (c.config.groupId !== null && this.rng.nextInt(4) !== 0) {
      const topics = [...new Set(tps.map((tp) => tp.topic))];
      this.call(`subscribe ${c.id} ${topics.join(',')}`, () => c.subscribe(topics));
      return;
    }
    this.call(`assign ${c.id} ${tps.map((tp) => `${tp.topic}-${tp.partition}`).join(',')}`, () => c.assign(tps));
  }

  private seek(): void {
    const c = this.pick(this.consumers);
    const tp = c ? this.pick(c.assignment()) : undefined;
    if (!c || !tp) return;
    this.forgetConsumer(c.id);
    const how = this.rng.nextInt(4);
    if (how === 0) this.call(`seekToBeginning ${c.id}`, () => c.seekToBeginning([tp]));
    else if (how === 1) this.call(`seekToEnd ${c.id}`, () => c.seekToEnd([tp]));
    else {
      const offset = this.pick([0, 1, 5, 100, -1, 1e20, 2 ** 53, 1.5])!;
      this.call(`seek ${c.id} ${tp.topic}-${tp.partition} ${offset}`, () => c.seek(tp, offset));
    }
  }

  private poll(): void {
    const c = this.pick(this.consumers);
    if (!c) return;
    if (this.rng.nextInt(4) === 0) {
      this.call(`${c.view().polling ? 'stop' : 'start'}-polling ${c.id}`, () => (c.view().polling ? c.stopPolling() : c.startPolling()));
      return;
    }
    const timeoutMs = this.pick([0, 100, 1000, -1, 1e30])!;
    this.track(`poll ${c.id} ${timeoutMs}`, c.poll(timeoutMs), (records) => this.checkRecords(c.id, records));
  }

  /** Offsets grow per partition, and nothing at or above the leader's high watermark is returned. */
  private checkRecords(consumerId: string, records: readonly ConsumerRecord[]): void {
    this.note(`  → ${records.length} record(s)`);
    for (const r of records) {
      const tp = `${r.topic}-${r.partition}`;
      const key = `${consumerId} ${tp}`;
      const last = this.lastOffset.get(key);
      if (last !== undefined && r.offset <= last) this.problems.push(`${consumerId} read ${tp}@${r.offset} after @${last}`);
      this.lastOffset.set(key, r.offset);
      const hw = this.highWatermark(tp);
      if (hw !== null && r.offset >= hw) this.problems.push(`${consumerId} read ${tp}@${r.offset} at or above the high watermark ${hw}`);
    }
  }

  private highWatermark(tp: string): number | null {
    for (const broker of this.lab.brokers) {
      const partition = broker.replicaManager.partitions.get(tp);
      if (partition?.isLeader && partition.log) return partition.log.highWatermark;
    }
    return null;
  }

  private forgetConsumer(id: string): void {
    for (const key of [...this.lastOffset.keys()]) if (key.startsWith(`${id} `)) this.lastOffset.delete(key);
  }

  private forgetTopic(topic: string): void {
    for (const key of [...this.lastOffset.keys()]) if (key.split(' ')[1]!.startsWith(`${topic}-`)) this.lastOffset.delete(key);
  }

  /** Advance like the UI (fractional frames allowed), on a step budget, checking the kernel never spins. */
  private async advance(ms: number): Promise<void> {
    const kernel = this.lab.kernel;
    const before = kernel.steps;
    const target = kernel.nowMs + ms;
    while (kernel.nowMs < Math.floor(target)) {
      kernel.advanceBy(Math.min(50, target - kernel.nowMs));
      if (kernel.steps - before > STEP_BUDGET) throw new Error(`the kernel ran ${STEP_BUDGET} steps advancing ${ms} ms from t=${target - ms}`);
      await flush();
    }
    if (kernel.spinsDetected > 0) throw new Error(`the kernel stopped a spinning task: ${kernel.log.slice(0).find((e) => e.kind === 'kernel')?.text}`);
    // Kafka's invariants hold whatever the faults (unclean election is off): the checker must find none.
    const violations = this.lab.checker.violations;
    if (violations.length > 0) throw new Error(`invariant ${violations[0]!.invariant} broken: ${violations[0]!.text}`);
    this.note(`advanced ${ms} ms`);
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 4; i++) await Promise.resolve();
}

async function runSeed(seed: number): Promise<string[]> {
  const run = new FuzzRun(seed);
  try {
    await run.run();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`engine-actions fuzz failed for seed ${seed} (replay: FUZZ_SEED=${seed} npx vitest run src/engine/clients/engineActions.fuzz.test.ts): ${message}\n${run.trace.slice(-15).join('\n')}`);
  }
  return run.trace;
}

beforeAll(async () => {
  await initCodecs(); // every codec loads once, as the app does at boot
});

describe('engine actions fuzz', () => {
  const seeds = ONLY_SEED !== null ? [ONLY_SEED] : Array.from({ length: RUNS }, (_, i) => i + 1);
  it(`keeps its invariants over ${seeds.length} seeded action sequences, twice each for determinism`, async () => {
    for (const seed of seeds) {
      const first = await runSeed(seed);
      if (process.env['FUZZ_PRINT'] !== undefined) console.log(first.join('\n'));
      const second = await runSeed(seed);
      expect(second.length, `seed ${seed}: trace length differs between two runs`).toBe(first.length);
      const diff = first.findIndex((line, i) => line !== second[i]);
      expect(diff, `seed ${seed}: traces differ at line ${diff}: "${first[diff]}" vs "${second[diff]}"`).toBe(-1);
    }
  }, 600_000);
});
