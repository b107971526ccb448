import type { KafkaVersion, TopicConfigEntry } from '../engine/config';
import type { ElectionResultEntry, LabCommand } from '../engine/lab/commands';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { settleInSimulation } from '../engine/lab/settle';
import type { ConsumerRecord, RecordMetadata, TopicPartition } from '../engine/lab/types';
import { formatEvent, formatTime } from '../engine/kernel';
import { KafkaError } from '../engine/protocol';
import { formatAtMs, isCommandWord, lineToCommand, splitAtLine } from './commandLines';
import { parseDurationMs, parseIntStrict, parseScenario, ScenarioError, type ScenarioCommand } from './parse';
import { AWAIT_DEFAULT_TIMEOUT_MS, COMMAND_TIMEOUT_MS } from './grammar';
import { describeGroupLines } from './groupExpectations';
import { checkExpectation } from './expectations';
import { describeLog, describeOffsetsForTimes } from './describe';

const INSTANT = new Set<LabCommand['type']>(['producer', 'consumer', 'reconfigure-producer', 'reconfigure-consumer', 'stream', 'stop-stream', 'assign', 'start-polling', 'stop-polling', 'subscribe', 'close', 'crash-consumer', 'slow-consumer', 'sink', 'cut-link', 'heal-link', 'crash-broker', 'power-off-broker', 'stop-broker', 'start-broker', 'isolate', 'rejoin', 'pause-broker', 'resume-broker', 'slow-broker', 'drop-messages', 'elect-leaders']);
/**
 * One `at` line may move the clock at most this far (a typo must not run for minutes). More
 * than an `advance` line's hour: an exported session left running at 100× covers hours.
 */
const MAX_AT_JUMP_MS = 24 * 3_600_000;

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
 * Runs a scenario headlessly: each line becomes a LabCommand applied through `lab.apply`
 * (the same entry the app uses), the runner advances simulated time until the command's
 * result is in, and the trace interleaves the engine's event log with command results.
 * `at <time> <command>` lines (an app export) issue the command at exactly that instant.
 * Same scenario + same seed = the same trace.
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
      ...(first ? brokerConfigOptions(first) : {}),
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
  let started = false;
  for (const command of commands) {
    const timed = command.name === 'at';
    // Untimed scenarios first let the controller bring the cluster up; timed ones (an app
    // export) say themselves when each command happened, from the lab's first instant.
    if (!started && !timed) await runner.settle(Promise.resolve(), 1000);
    started = true;
    try {
      if (command.error !== undefined) throw new Error(command.error);
      if (timed) await runner.runAt(command);
      else {
        runner.out(`> ${command.text}`);
        await runner.run(command);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runner.fail(command, message);
    }
  }
  if (!started) await runner.settle(Promise.resolve(), 1000);
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
  ) {}

  out(line: string): void {
    this.lines.push(line);
    this.options.onLine?.(line);
  }

  fail(command: ScenarioCommand, message: string): void {
    const text = message.startsWith('line ') ? message : `line ${command.line}: ${message}`;
    this.failures.push(text);
    this.out(`  ✗ ${text}`);
  }

  /** Print every event since the last flush: the kernel keeps the whole run, so none is skipped. */
  flushEvents(): void {
    const log = this.lab.kernel.log;
    if (this.options.events !== false) {
      for (const event of log.slice(Math.max(this.printedEvents, log.firstRetainedSeq), log.count)) this.out(`  ${formatEvent(event)}`);
    }
    this.printedEvents = log.count;
  }

  /** Advance simulated time until `promise` settles (and `minMs` passed), then print the events. */
  async settle<T>(promise: Promise<T>, minMs = 0): Promise<T> {
    try {
      return await settleInSimulation(this.lab.kernel, promise, { maxMs: COMMAND_TIMEOUT_MS, minMs });
    } finally {
      this.flushEvents();
    }
  }

  /**
   * `at <time> <command>`: run every event up to exactly that instant, then issue the command
   * without waiting for its result (as the app did), so a replayed export keeps its timing.
   */
  async runAt(line: ScenarioCommand): Promise<void> {
    const at = splitAtLine(line)!;
    const kernel = this.lab.kernel;
    if (at.atMs < kernel.nowMs) throw new ScenarioError(line.line, `${formatAtMs(at.atMs)} is in the past: the lab is already at ${formatAtMs(kernel.nowMs)}`);
    if (at.atMs - kernel.nowMs > MAX_AT_JUMP_MS) throw new ScenarioError(line.line, 'an at line may move the clock by at most 24 h');
    kernel.advanceTo(at.atMs);
    this.flushEvents();
    this.out(`> ${line.text}`);
    if (at.command === null) return;
    const c = at.command;
    if (!isCommandWord(c.name)) throw new ScenarioError(c.line, `"${c.name}" cannot be timed: at takes lab commands (see docs/SCENARIOS.md)`);
    await this.issue(lineToCommand(c, (spec, n) => this.topicPartitions(spec, n)));
  }

  /**
   * Apply without waiting for the result. A command that was not recorded was refused
   * before it did anything: report that now. A later failure shows in the event log.
   */
  private async issue(command: LabCommand): Promise<void> {
    const before = this.lab.commandLog.length;
    const pending = this.lab.apply(command);
    if (this.lab.commandLog.length === before) await pending;
    else pending.catch(() => {});
  }

  async run(c: ScenarioCommand): Promise<void> {
    if (c.name === 'send' && c.options['expect'] !== undefined) return this.sendExpectingError(c, c.options['expect']);
    if (c.name === 'send-async') return this.issue(lineToCommand({ ...c, name: 'send' }, (spec, n) => this.topicPartitions(spec, n)));
    if (c.name === 'commit') return this.commit(c);
    if (isCommandWord(c.name)) {
      const command = lineToCommand(c, (spec, n) => this.topicPartitions(spec, n));
      // Commands done at once print their events with the next command's (the trace format
      // predates the command log); the others run the clock until their result is in.
      const instant = INSTANT.has(command.type) || (command.type === 'seek' && !(typeof command.to === 'object' && 'timestampMs' in command.to));
      const result = instant ? await this.lab.apply(command) : await this.settle(this.lab.apply(command));
      for (const line of resultLines(command, c, result)) this.out(line);
      return;
    }
    switch (c.name) {
      case 'offsets-for-times': {
        const timestampMs = parseIntStrict(c.options['time'], 'time', c.line);
        const tps = this.topicPartitions(arg(c, 1, 'partitions'), c.line);
        const name = arg(c, 0, 'consumer name');
        const consumer = this.lab.consumer(name);
        if (!consumer) throw new ScenarioError(c.line, `there is no consumer ${name}`);
        const found = await this.settle(consumer.offsetsForTimes(tps.map((tp) => ({ tp, timestampMs }))));
        for (const line of describeOffsetsForTimes(tps, timestampMs, found)) this.out(`  ${line}`);
        return;
      }
      case 'advance':
        await this.settle(Promise.resolve(), parseDurationMs(arg(c, 0, 'duration'), c.line));
        return;
      case 'log':
        for (const line of describeLog(this.lab, arg(c, 0, 'topic-partition'))) this.out(`  ${line}`);
        return;
      case 'expect':
      case 'expect-replica':
      case 'expect-acked':
      case 'expect-consumed':
      case 'expect-invariants':
      case 'expect-group':
      case 'expect-committed':
      case 'expect-sink':
        return this.expect(c);
      case 'describe-group':
        for (const line of describeGroupLines(this.lab, arg(c, 0, 'group'))) this.out(`  ${line}`);
        return;
      case 'await':
        return this.awaitExpectation(c);
      default:
        throw new ScenarioError(c.line, `unknown command "${c.name}" (see docs/SCENARIOS.md)`);
    }
  }

  private expect(c: ScenarioCommand): void {
    const check = checkExpectation(this.lab, c);
    if (check.holds) this.out(`  ✓ ${check.said}`);
    else this.fail(c, check.mismatch);
  }

  /**
   * `await <expect line> [timeout=30s]`: run the engine until the expectation holds, checking
   * after every event that changed the lab, and fail once the timeout passes.
   */
  private awaitExpectation(c: ScenarioCommand): void {
    const { timeout, ...options } = c.options;
    const inner: ScenarioCommand = { ...c, name: c.args[0]!, args: c.args.slice(1), options };
    const timeoutMs = timeout === undefined ? AWAIT_DEFAULT_TIMEOUT_MS : parseDurationMs(timeout, c.line);
    const kernel = this.lab.kernel;
    const startMs = kernel.nowMs;
    let checkedVersion = Number.NaN;
    let check = checkExpectation(this.lab, inner);
    kernel.runUntil(() => {
      if (this.lab.version !== checkedVersion) {
        checkedVersion = this.lab.version;
        check = checkExpectation(this.lab, inner);
      }
      return check.holds;
    }, timeoutMs);
    this.flushEvents();
    if (check.holds) this.out(`  ✓ ${check.said} after ${formatTime(kernel.nowMs - startMs).trim()}`);
    else this.fail(c, `${check.mismatch} after waiting ${formatTime(timeoutMs).trim()}`);
  }

  /** `commit c1 [sync|async]`: a refused commit is part of the story (a zombie's CommitFailedException), not a failed scenario. */
  private async commit(c: ScenarioCommand): Promise<void> {
    const command = lineToCommand(c, (spec, n) => this.topicPartitions(spec, n));
    try {
      await this.settle(this.lab.apply(command));
      this.out(command.type === 'commit' && command.mode === 'async' ? '  ✓ commitAsync sent' : '  ✓ committed');
    } catch (error) {
      this.out(`  ✗ commit failed: ${errorNameOf(error)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `send … expect=NOT_ENOUGH_REPLICAS`: the send must fail with that error. */
  private async sendExpectingError(c: ScenarioCommand, expected: string): Promise<void> {
    const { expect: _expect, ...options } = c.options;
    const command = lineToCommand({ ...c, options }, (spec, n) => this.topicPartitions(spec, n));
    try {
      const md = (await this.settle(this.lab.apply(command))) as unknown as RecordMetadata;
      this.fail(c, `expected the send to fail with ${expected}, but it was written to ${md.topic}-${md.partition} @ offset ${md.offset}`);
    } catch (error) {
      const name = errorNameOf(error);
      if (name === expected) this.out(`  ✓ failed with ${name}`);
      else this.fail(c, `expected the send to fail with ${expected}, but it failed with ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** "orders-0,orders-3" or "orders" (every partition of the topic). */
  private topicPartitions(spec: string, line: number): TopicPartition[] {
    if (spec === '') return [];
    return spec.split(',').flatMap((part) => {
      const topic = this.lab.snapshot().topics.find((t) => t.name === part);
      if (topic) return topic.partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
      const i = part.lastIndexOf('-');
      const partition = Number(part.slice(i + 1));
      if (i <= 0 || !Number.isInteger(partition)) throw new ScenarioError(line, `"${part}" is neither a topic nor a topic-partition like orders-3`);
      return [{ topic: part.slice(0, i), partition }];
    });
  }
}

/** What an untimed command's result adds to the trace (the runner waited for it). */
function resultLines(command: LabCommand, c: ScenarioCommand, result: unknown): string[] {
  switch (command.type) {
    case 'create-topic':
      return [`  ✓ created topic ${command.topic}`];
    case 'delete-topic':
      return [`  ✓ deleted topic ${command.topic}`];
    case 'add-partitions':
      return [`  ✓ ${command.topic} now has ${command.count} partitions`];
    case 'alter-config':
      return [`  ✓ altered configs of ${command.topic}`];
    case 'describe-configs':
      return (result as TopicConfigEntry[]).filter((e) => e.source === 'DYNAMIC_TOPIC_CONFIG').map((e) => `  ✓ ${command.topic} ${e.name}=${e.value}`);
    case 'producer':
    case 'consumer':
      return [`  ✓ ${command.type} ${command.id}`];
    case 'reconfigure-producer':
    case 'reconfigure-consumer':
      return [`  ✓ reconfigured ${command.id}`];
    case 'send': {
      const md = result as RecordMetadata;
      return [`  ✓ ${md.topic}-${md.partition} @ offset ${md.offset}`];
    }
    case 'stream':
      return ['  ✓ streaming'];
    case 'stop-stream':
      return ['  ✓ stream stopped'];
    case 'assign':
      return [`  ✓ assigned ${c.args[1] ?? ''}`];
    case 'seek':
      return [`  ✓ seek ${c.args[1] ?? ''} to ${c.args[2] ?? `time ${c.options['time'] ?? ''}`}`];
    case 'poll': {
      const records = result as ConsumerRecord[];
      return [`  ✓ ${records.length} record(s)`, ...records.map((r) => `    ${formatRecord(r)}`)];
    }
    case 'start-polling':
    case 'stop-polling':
      return [`  ✓ ${command.type} ${command.consumer}`];
    case 'cut-link':
    case 'heal-link':
      return [`  ✓ link ${command.a} ↔ ${command.b} ${command.type === 'cut-link' ? 'cut' : 'healed'}`];
    case 'crash-broker':
      return [`  ✓ broker ${command.broker} crashed`];
    case 'power-off-broker':
      return [`  ✓ broker ${command.broker} lost power`];
    case 'stop-broker':
      return [`  ✓ broker ${command.broker} shut down`];
    case 'start-broker':
      return [`  ✓ broker ${command.broker} started`];
    case 'isolate':
      return [`  ✓ broker-${command.broker} isolated`];
    case 'rejoin':
      return [`  ✓ broker-${command.broker} rejoined`];
    case 'pause-broker':
      return [`  ✓ broker ${command.broker} paused`];
    case 'resume-broker':
      return [`  ✓ broker ${command.broker} resumed`];
    case 'slow-broker':
      return [`  ✓ broker ${command.broker} fetches ${command.delayMs} ms slower`];
    case 'drop-messages':
      return [`  ✓ link ${command.a} ↔ ${command.b} loses ${Math.round(command.rate * 100)}% of its messages`];
    case 'elect-leaders':
      return (result as ElectionResultEntry[]).map((r) => `  ✓ ${r.tp}: ${r.outcome === 'elected' ? `${command.electionType} election done` : r.outcome}`);
    case 'subscribe':
      return [`  ✓ ${command.consumer} subscribed to ${command.topics.join(', ') || 'nothing'}`];
    case 'commit':
      return ['  ✓ committed'];
    case 'close':
      return [`  ✓ ${command.consumer} closed`];
    case 'crash-consumer':
      return [`  ✓ ${command.consumer} crashed`];
    case 'slow-consumer':
      return [`  ✓ ${command.consumer} spends ${command.perRecordMs} ms per record`];
    case 'sink':
      return [`  ✓ group ${command.group}'s sink: remedy=${command.remedy}`];
  }
}

/** `lab log.retention.check.interval.ms=30000`: dotted options are broker configs (every broker). */
function brokerConfigOptions(c: ScenarioCommand): { brokerConfig?: Record<string, string> } {
  const entries = Object.entries(c.options).filter(([key]) => key.includes('.'));
  return entries.length > 0 ? { brokerConfig: Object.fromEntries(entries) } : {};
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

/** A failed send's error name: the broker's (KafkaError) or the client exception's class name. */
function errorNameOf(error: unknown): string {
  if (error instanceof KafkaError) return error.errorName;
  return error instanceof Error ? error.name : 'Error';
}

function formatRecord(r: ConsumerRecord): string {
  return `${r.topic}-${r.partition}@${r.offset} key=${r.key ?? 'null'} value=${r.value ?? 'null'} ts=${r.timestampMs}`;
}
