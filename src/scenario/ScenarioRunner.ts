import type { KafkaVersion } from '../engine/config';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { settleInSimulation } from '../engine/lab/settle';
import type { ConsumerRecord, TopicPartition } from '../engine/lab/types';
import { formatEvent } from '../engine/kernel';
import { parseDurationMs, parseIntStrict, parseScenario, ScenarioError, type ScenarioCommand } from './parse';
import { describeLog, describeOffsetsForTimes } from './describe';

/** How long one command may take in simulated time before the runner gives up on it. */
const COMMAND_TIMEOUT_MS = 120000;

export interface ScenarioOptions {
  /** Overrides the scenario's own `lab seed=…`. */
  seed?: number;
  /** Print the engine's event log between commands (default true). */
  events?: boolean;
  onLine?: (line: string) => void;
}

export interface ScenarioResult {
  /** Null when the scenario's `lab` line could not build a cluster. */
  lab: KafkaLab | null;
  lines: string[];
  /** Failed `expect` lines and command errors, with line numbers. */
  failures: string[];
}

/**
 * Runs a scenario headlessly: each command drives the lab, the runner advances simulated
 * time until the command's result is in, and the trace interleaves the engine's event log
 * with command results. Same scenario + same seed = the same trace.
 */
export async function runScenario(source: string, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const commands = parseScenario(source);
  const first = commands[0]?.name === 'lab' ? commands.shift() : undefined;
  let lab: KafkaLab;
  try {
    if (first?.error !== undefined) throw new Error(first.error);
    lab = KafkaLab.create({
      seed: options.seed ?? (first?.options['seed'] ? parseIntStrict(first.options['seed'], 'seed', first.line) : 1),
      kafkaVersion: (first?.options['version'] as KafkaVersion | undefined) ?? '3.9',
      brokerCount: first?.options['brokers'] ? parseIntStrict(first.options['brokers'], 'brokers', first.line) : 3,
      ...(first ? linkOptions(first) : {}),
    });
  } catch (error) {
    // A bad `lab` line: report it like any failed command, with its line number.
    const message = error instanceof Error ? error.message : String(error);
    const failure = message.startsWith('line ') ? message : `line ${first?.line ?? 1}: ${message}`;
    options.onLine?.(`  ✗ ${failure}`);
    return { lab: null, lines: [`  ✗ ${failure}`], failures: [failure] };
  }
  const runner = new Runner(lab, options);
  runner.out(`# Kafka Lab scenario — seed ${lab.seed}, Kafka ${lab.kafkaVersion}, ${lab.brokers.length} brokers`);
  await runner.settle(Promise.resolve(), 1000); // let the controller bring the cluster up
  for (const command of commands) {
    runner.out(`> ${command.text}`);
    try {
      if (command.error !== undefined) throw new Error(command.error);
      await runner.run(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runner.fail(command, message);
    }
  }
  runner.flushEvents();
  return { lab, lines: runner.lines, failures: runner.failures };
}

class Runner {
  readonly lines: string[] = [];
  readonly failures: string[] = [];
  private printedEvents = 0;

  constructor(
    private readonly lab: KafkaLab,
    private readonly options: ScenarioOptions,
  ) {
    this.printedEvents = 0;
  }

  out(line: string): void {
    this.lines.push(line);
    this.options.onLine?.(line);
  }

  fail(command: ScenarioCommand, message: string): void {
    const text = message.startsWith('line ') ? message : `line ${command.line}: ${message}`;
    this.failures.push(text);
    this.out(`  ✗ ${text}`);
  }

  flushEvents(): void {
    const log = this.lab.kernel.log;
    const recent = log.recent();
    const firstSeq = recent[0]?.seq ?? 0;
    for (const event of recent) {
      if (event.seq < this.printedEvents) continue;
      if (this.options.events !== false) this.out(`  ${formatEvent(event)}`);
    }
    this.printedEvents = Math.max(this.printedEvents, firstSeq, log.count);
  }

  /** Advance simulated time until `promise` settles; engine flows never wait on microtasks. */
  /** Advance simulated time until `promise` settles (and `minMs` passed), then print the events. */
  async settle<T>(promise: Promise<T>, minMs = 0): Promise<T> {
    try {
      return await settleInSimulation(this.lab.kernel, promise, { maxMs: COMMAND_TIMEOUT_MS, minMs });
    } finally {
      this.flushEvents();
    }
  }

  async run(c: ScenarioCommand): Promise<void> {
    const lab = this.lab;
    switch (c.name) {
      case 'create-topic': {
        const { partitions, rf, ...configs } = c.options;
        await this.settle(lab.admin.createTopic({ name: arg(c, 0, 'topic'), ...(partitions ? { partitions: parseIntStrict(partitions, 'partitions', c.line) } : {}), ...(rf ? { replicationFactor: parseIntStrict(rf, 'rf', c.line) } : {}), configs }));
        return this.out(`  ✓ created topic ${arg(c, 0, 'topic')}`);
      }
      case 'delete-topic':
        await this.settle(lab.admin.deleteTopic(arg(c, 0, 'topic')));
        return this.out(`  ✓ deleted topic ${arg(c, 0, 'topic')}`);
      case 'add-partitions':
        await this.settle(lab.admin.createPartitions(arg(c, 0, 'topic'), parseIntStrict(c.options['count'], 'count', c.line)));
        return this.out(`  ✓ ${arg(c, 0, 'topic')} now has ${c.options['count']} partitions`);
      case 'alter-config': {
        const remove = c.args.slice(1).filter((a) => a.startsWith('-')).map((a) => a.slice(1));
        await this.settle(lab.admin.alterTopicConfigs(arg(c, 0, 'topic'), c.options, remove));
        return this.out(`  ✓ altered configs of ${arg(c, 0, 'topic')}`);
      }
      case 'producer':
        lab.createProducer(c.options, arg(c, 0, 'producer name'));
        return this.out(`  ✓ producer ${arg(c, 0, 'producer name')}`);
      case 'consumer':
        lab.createConsumer(c.options, arg(c, 0, 'consumer name'));
        return this.out(`  ✓ consumer ${arg(c, 0, 'consumer name')}`);
      case 'send':
        return this.send(c, true);
      case 'send-async':
        return this.send(c, false);
      case 'stream': {
        const keys = c.options['keys'] ? c.options['keys'].split(',') : null;
        this.producer(c).startStream({ topic: arg(c, 1, 'topic'), recordsPerSecond: Number(c.options['rate'] ?? '5'), keys });
        return this.out(`  ✓ streaming`);
      }
      case 'stop-stream':
        this.producer(c).stopStream();
        return this.out('  ✓ stream stopped');
      case 'assign':
        this.consumer(c).assign(this.topicPartitions(c, arg(c, 1, 'partitions')));
        return this.out(`  ✓ assigned ${arg(c, 1, 'partitions')}`);
      case 'seek':
        return this.seek(c);
      case 'offsets-for-times': {
        const timestampMs = parseIntStrict(c.options['time'], 'time', c.line);
        const tps = this.topicPartitions(c, arg(c, 1, 'partitions'));
        const found = await this.settle(this.consumer(c).offsetsForTimes(tps.map((tp) => ({ tp, timestampMs }))));
        for (const line of describeOffsetsForTimes(tps, timestampMs, found)) this.out(`  ${line}`);
        return;
      }
      case 'poll':
        return this.poll(c);
      case 'advance':
        await this.settle(Promise.resolve(), parseDurationMs(arg(c, 0, 'duration'), c.line));
        return;
      case 'log':
        for (const line of describeLog(lab, arg(c, 0, 'topic-partition'))) this.out(`  ${line}`);
        return;
      case 'expect':
        return this.expect(c);
      case 'cut-link':
      case 'heal-link':
        lab.network.setLinkCut(arg(c, 0, 'node'), arg(c, 1, 'node'), c.name === 'cut-link');
        return this.out(`  ✓ link ${arg(c, 0, 'node')} ↔ ${arg(c, 1, 'node')} ${c.name === 'cut-link' ? 'cut' : 'healed'}`);
      default:
        throw new ScenarioError(c.line, `unknown command "${c.name}" (see docs/SCENARIOS.md)`);
    }
  }

  private async send(c: ScenarioCommand, wait: boolean): Promise<void> {
    const record = {
      topic: arg(c, 1, 'topic'),
      key: c.options['key'] ?? null,
      value: c.options['value'] ?? null,
      ...(c.options['partition'] !== undefined ? { partition: parseIntStrict(c.options['partition'], 'partition', c.line) } : {}),
    };
    const pending = this.producer(c).send(record);
    if (!wait) {
      pending.catch(() => {});
      return;
    }
    const md = await this.settle(pending);
    this.out(`  ✓ ${md.topic}-${md.partition} @ offset ${md.offset}`);
  }

  private seek(c: ScenarioCommand): void {
    const consumer = this.consumer(c);
    const [tp] = this.topicPartitions(c, arg(c, 1, 'topic-partition'));
    const where = arg(c, 2, 'beginning | end | offset');
    if (where === 'beginning') consumer.seekToBeginning([tp!]);
    else if (where === 'end') consumer.seekToEnd([tp!]);
    else consumer.seek(tp!, parseIntStrict(where, 'offset', c.line));
    this.out(`  ✓ seek ${arg(c, 1, 'topic-partition')} to ${where}`);
  }

  private async poll(c: ScenarioCommand): Promise<void> {
    const timeoutMs = c.options['timeout'] ? parseDurationMs(c.options['timeout'], c.line) : 1000;
    const records = await this.settle(this.consumer(c).poll(timeoutMs));
    this.out(`  ✓ ${records.length} record(s)`);
    for (const r of records) this.out(`    ${formatRecord(r)}`);
  }

  private expect(c: ScenarioCommand): void {
    const tp = arg(c, 0, 'topic-partition');
    const view = this.lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp);
    if (!view) throw new ScenarioError(c.line, `there is no partition ${tp}`);
    if (!view.log) throw new ScenarioError(c.line, `${tp} has no leader log yet (the leader may not have received LeaderAndIsr: try "advance 100ms" first)`);
    const actual: Record<string, number> = { leo: view.log.logEndOffset, hw: view.log.highWatermark, start: view.log.logStartOffset, segments: view.log.segments.length };
    for (const [key, expected] of Object.entries(c.options)) {
      if (!(key in actual)) throw new ScenarioError(c.line, `expect knows leo, hw, start and segments, not "${key}"`);
      if (String(actual[key]) !== expected) {
        this.fail(c, `expected ${tp} ${key}=${expected} but it is ${actual[key]}`);
        return;
      }
    }
    this.out(`  ✓ ${tp} ${Object.entries(c.options).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }

  private producer(c: ScenarioCommand) {
    const name = arg(c, 0, 'producer name');
    const producer = this.lab.producer(name);
    if (!producer) throw new ScenarioError(c.line, `no producer named ${name}`);
    return producer;
  }

  private consumer(c: ScenarioCommand) {
    const name = arg(c, 0, 'consumer name');
    const consumer = this.lab.consumer(name);
    if (!consumer) throw new ScenarioError(c.line, `no consumer named ${name}`);
    return consumer;
  }

  /** "orders-0,orders-3" or "orders" (every partition of the topic). */
  private topicPartitions(c: ScenarioCommand, spec: string): TopicPartition[] {
    return spec.split(',').flatMap((part) => {
      const topic = this.lab.snapshot().topics.find((t) => t.name === part);
      if (topic) return topic.partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
      const i = part.lastIndexOf('-');
      const partition = Number(part.slice(i + 1));
      if (i <= 0 || !Number.isInteger(partition)) throw new ScenarioError(c.line, `"${part}" is neither a topic nor a topic-partition like orders-3`);
      return [{ topic: part.slice(0, i), partition }];
    });
  }
}

/** `lab latency=80 jitter=20`: network link defaults in ms (the browser lab uses 80 ± 20). */
function linkOptions(c: ScenarioCommand): { link?: { latencyMs?: number; jitterMs?: number } } {
  const link: { latencyMs?: number; jitterMs?: number } = {};
  if (c.options['latency'] !== undefined) link.latencyMs = parseIntStrict(c.options['latency'], 'latency', c.line);
  if (c.options['jitter'] !== undefined) link.jitterMs = parseIntStrict(c.options['jitter'], 'jitter', c.line);
  return Object.keys(link).length > 0 ? { link } : {};
}

function arg(c: ScenarioCommand, index: number, what: string): string {
  const value = c.args[index];
  if (value === undefined) throw new ScenarioError(c.line, `${c.name} needs a ${what}`);
  return value;
}

function formatRecord(r: ConsumerRecord): string {
  return `${r.topic}-${r.partition}@${r.offset} key=${r.key ?? 'null'} value=${r.value ?? 'null'} ts=${r.timestampMs}`;
}
