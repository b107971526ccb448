/**
 * Every user action on the lab as data: a typed LabCommand applied through one entry
 * (`applyCommand`, exposed as `KafkaLab.apply`). Panels, the scenario runner, the test API
 * and lessons all issue commands, and each applied command is recorded with the simulated
 * instant it was issued at, so a session can be exported, shared and replayed exactly.
 *
 * A command starts its work synchronously (every engine effect begins at the instant it is
 * applied) and its promise reports the result later. A command that throws before doing
 * anything (bad arguments, unknown client) is not recorded: it changed nothing.
 */
import type { ConfigInput, TopicConfigEntry } from '../config';
import type { LabConsumer } from '../clients/LabConsumer';
import type { LabProducer } from '../clients/LabProducer';
import type { ConsumerRecord, LabAdmin, RecordMetadata, TopicPartition } from './types';
import { tpName } from '../protocol/topicPartition';
import { isSinkRemedy, SINK_REMEDIES, type SinkRemedy } from '../groups/sink/types';

export type SeekTarget = 'beginning' | 'end' | { offset: number } | { timestampMs: number };

export type LabCommand =
  | { type: 'create-topic'; topic: string; partitions?: number; replicationFactor?: number; replicaAssignment?: number[][]; configs: Record<string, string> }
  | { type: 'delete-topic'; topic: string }
  | { type: 'add-partitions'; topic: string; count: number }
  | { type: 'alter-config'; topic: string; set: Record<string, string>; remove: string[] }
  | { type: 'describe-configs'; topic: string }
  | { type: 'producer'; id: string; config: Record<string, string> }
  | { type: 'reconfigure-producer'; id: string; set: Record<string, string>; remove: string[] }
  | { type: 'send'; producer: string; topic: string; key: string | null; value: string | null; partition?: number }
  | { type: 'stream'; producer: string; topic: string; recordsPerSecond: number; keys: string[] | null }
  | { type: 'stop-stream'; producer: string }
  | { type: 'consumer'; id: string; config: Record<string, string> }
  | { type: 'reconfigure-consumer'; id: string; set: Record<string, string>; remove: string[] }
  | { type: 'assign'; consumer: string; partitions: TopicPartition[] }
  | { type: 'seek'; consumer: string; partitions: TopicPartition[]; to: SeekTarget }
  | { type: 'poll'; consumer: string; timeoutMs: number }
  | { type: 'start-polling'; consumer: string }
  /** subscribe(): join the consumer's group (its group.id) for these topics. */
  | { type: 'subscribe'; consumer: string; topics: string[] }
  /** commitSync / commitAsync of everything the consumer has consumed. */
  | { type: 'commit'; consumer: string; mode: 'sync' | 'async' }
  /** close(): commit (auto-commit), LeaveGroup, disconnect. */
  | { type: 'close'; consumer: string }
  /** The consumer's process dies: no commit, no LeaveGroup. */
  | { type: 'crash-consumer'; consumer: string }
  /** The application spends this long on each polled record before polling again (0: instant). */
  | { type: 'slow-consumer'; consumer: string; perRecordMs: number }
  | { type: 'stop-polling'; consumer: string }
  /** The remedy a group's sink (the application's table, a lab model) uses against records delivered twice. */
  | { type: 'sink'; group: string; remedy: SinkRemedy }
  | { type: 'cut-link'; a: string; b: string }
  | { type: 'heal-link'; a: string; b: string }
  /** Lose this fraction (0–1) of the messages on the link between a and b, both ways (0 ends it). */
  | { type: 'drop-messages'; a: string; b: string; rate: number }
  /** A process crash (nothing flushed), a clean shutdown, or a restart of broker `broker`. */
  | { type: 'crash-broker' | 'power-off-broker' | 'stop-broker' | 'start-broker'; broker: number }
  /** Cut a broker off from every node, ZooKeeper included, and reconnect it. */
  | { type: 'isolate' | 'rejoin'; broker: number }
  /** A long stop-the-world pause (GC) of a broker, and its end. */
  | { type: 'pause-broker' | 'resume-broker'; broker: number }
  /** kafka-leader-election: a preferred (or unclean) election for these partitions, run by the controller. */
  | { type: 'elect-leaders'; electionType: 'preferred' | 'unclean'; partitions: TopicPartition[] }
  /** A slow follower: each fetch of broker `broker` waits `delayMs` more (0 ends it). */
  | { type: 'slow-broker'; broker: number; delayMs: number };

export type LabCommandType = LabCommand['type'];

/** For a seek to a time: the offset found per partition (null: nothing that late, so the end). */
export interface SeekResult {
  tp: TopicPartition;
  offset: number | null;
}

/** One partition's outcome of an elect-leaders command. */
export interface ElectionResultEntry {
  tp: string;
  outcome: 'elected' | 'ELECTION_NOT_NEEDED' | 'PREFERRED_LEADER_NOT_AVAILABLE' | 'ELIGIBLE_LEADERS_NOT_AVAILABLE' | 'UNKNOWN_TOPIC_OR_PARTITION';
}

interface ResultByType {
  'elect-leaders': ElectionResultEntry[];
  send: RecordMetadata;
  poll: ConsumerRecord[];
  'describe-configs': TopicConfigEntry[];
  seek: SeekResult[];
}

export type CommandResult<C extends LabCommand> = C['type'] extends keyof ResultByType ? ResultByType[C['type']] : void;

export interface LoggedCommand {
  /** Simulated time the command was applied at. */
  readonly atMs: number;
  readonly command: LabCommand;
}

/** Which BrokerLifecycle method each broker command calls. */
const BROKER_FAULTS = {
  'crash-broker': 'crash',
  'power-off-broker': 'powerOff',
  isolate: 'isolate',
  rejoin: 'rejoin',
  'stop-broker': 'stop',
  'start-broker': 'start',
  'pause-broker': 'pause',
  'resume-broker': 'resume',
} as const;

/** The ZooKeeper ensemble's name as a link end (cut-link broker-1 zookeeper). */
export const ZOOKEEPER_NODE = 'zookeeper';

/** What commands act on: KafkaLab satisfies it (a narrow interface, so no import cycle). */
export interface CommandTarget {
  readonly kernel: { readonly nowMs: number };
  readonly admin: LabAdmin;
  readonly network: { setLinkCut(a: string, b: string, cut: boolean): void; configureLink(a: string, b: string, options: { dropRate: number }): void };
  readonly lifecycle: {
    crash(id: number): void; powerOff(id: number): void; stop(id: number): void; start(id: number): unknown; isolate(id: number): void; rejoin(id: number): void;
    pause(id: number): void; resume(id: number): void; slow(id: number, delayMs: number): void; setZkLinkCut(nodeId: string, cut: boolean): void;
  };
  /** Run an election on the current controller (throws when there is none). */
  electLeaders(type: 'preferred' | 'unclean', partitions: readonly TopicPartition[]): ElectionResultEntry[];
  createProducer(config: ConfigInput, id?: string): LabProducer;
  createConsumer(config: ConfigInput, id?: string): LabConsumer;
  producer(id: string): LabProducer | undefined;
  consumer(id: string): LabConsumer | undefined;
  /** The sink of a consumer group (made on first use). */
  sink(groupId: string): { setRemedy(remedy: SinkRemedy): void };
  touch(): void;
}

/** The commands applied so far, in order, with their simulated times. */
export class CommandLog {
  private readonly list: LoggedCommand[] = [];

  get entries(): readonly LoggedCommand[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  record(atMs: number, command: LabCommand): void {
    this.list.push({ atMs, command: structuredCopy(command) });
  }

  /** Commands of an earlier page of the same lab (restored after a reload). */
  restore(history: readonly LoggedCommand[]): void {
    this.list.splice(0, this.list.length, ...history.map((e) => ({ atMs: e.atMs, command: structuredCopy(e.command) })));
  }
}

/**
 * Apply `command` to `target` and record it in `log` (when given). Throws synchronously
 * nothing: a command that cannot start returns a rejected promise and is not recorded.
 */
export function applyCommand<C extends LabCommand>(target: CommandTarget, command: C, log?: CommandLog): Promise<CommandResult<C>> {
  let pending: Promise<unknown>;
  const atMs = target.kernel.nowMs;
  try {
    pending = issue(target, command);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  log?.record(atMs, command);
  target.touch();
  return pending as Promise<CommandResult<C>>;
}

const done = Promise.resolve();

function issue(target: CommandTarget, c: LabCommand): Promise<unknown> {
  switch (c.type) {
    case 'create-topic':
      return target.admin.createTopic({
        name: c.topic,
        ...(c.partitions !== undefined ? { partitions: c.partitions } : {}),
        ...(c.replicationFactor !== undefined ? { replicationFactor: c.replicationFactor } : {}),
        ...(c.replicaAssignment ? { replicaAssignment: c.replicaAssignment.map((r) => [...r]) } : {}),
        configs: { ...c.configs },
      });
    case 'delete-topic':
      return target.admin.deleteTopic(c.topic);
    case 'add-partitions':
      return target.admin.createPartitions(c.topic, c.count);
    case 'alter-config':
      return target.admin.alterTopicConfigs(c.topic, { ...c.set }, [...c.remove]);
    case 'describe-configs':
      return target.admin.describeTopicConfigs(c.topic);
    case 'crash-broker':
    case 'power-off-broker':
    case 'isolate':
    case 'rejoin':
    case 'stop-broker':
    case 'start-broker':
    case 'pause-broker':
    case 'resume-broker':
      target.lifecycle[BROKER_FAULTS[c.type]](c.broker);
      return done;
    case 'slow-broker':
      target.lifecycle.slow(c.broker, c.delayMs);
      return done;
    case 'elect-leaders':
      return Promise.resolve(target.electLeaders(c.electionType, c.partitions));
    case 'drop-messages':
      if (!(c.rate >= 0 && c.rate <= 1)) throw new RangeError(`A drop rate is between 0 and 1, got ${c.rate}.`);
      if (c.a === c.b) throw new RangeError(`A link joins two different nodes, not ${c.a} and itself.`);
      target.network.configureLink(c.a, c.b, { dropRate: c.rate });
      return done;
    case 'cut-link':
    case 'heal-link':
      if (c.a === ZOOKEEPER_NODE || c.b === ZOOKEEPER_NODE) target.lifecycle.setZkLinkCut(c.a === ZOOKEEPER_NODE ? c.b : c.a, c.type === 'cut-link');
      else target.network.setLinkCut(c.a, c.b, c.type === 'cut-link');
      return done;
    default:
      return issueClientCommand(target, c);
  }
}

function issueClientCommand(target: CommandTarget, c: LabCommand): Promise<unknown> {
  switch (c.type) {
    case 'producer':
      target.createProducer({ ...c.config }, c.id);
      return done;
    case 'consumer':
      target.createConsumer({ ...c.config }, c.id);
      return done;
    case 'reconfigure-producer':
      producerOf(target, c.id).reconfigure(configChanges(c.set, c.remove));
      return done;
    case 'reconfigure-consumer':
      consumerOf(target, c.id).reconfigure(configChanges(c.set, c.remove));
      return done;
    case 'send':
      return producerOf(target, c.producer).send({ topic: c.topic, key: c.key, value: c.value, ...(c.partition !== undefined ? { partition: c.partition } : {}) });
    case 'stream':
      producerOf(target, c.producer).startStream({ topic: c.topic, recordsPerSecond: c.recordsPerSecond, keys: c.keys === null ? null : [...c.keys] });
      return done;
    case 'stop-stream':
      producerOf(target, c.producer).stopStream();
      return done;
    default:
      return issueConsumerCommand(target, c);
  }
}

function issueConsumerCommand(target: CommandTarget, c: LabCommand): Promise<unknown> {
  switch (c.type) {
    case 'assign':
      consumerOf(target, c.consumer).assign(c.partitions);
      return done;
    case 'seek':
      return seek(consumerOf(target, c.consumer), c.partitions, c.to);
    case 'poll':
      return consumerOf(target, c.consumer).poll(c.timeoutMs);
    case 'start-polling':
      consumerOf(target, c.consumer).startPolling();
      return done;
    case 'stop-polling':
      consumerOf(target, c.consumer).stopPolling();
      return done;
    case 'subscribe':
      consumerOf(target, c.consumer).subscribe(c.topics);
      return done;
    case 'commit':
      return consumerOf(target, c.consumer).commit(c.mode);
    case 'close':
      consumerOf(target, c.consumer).close();
      return done;
    case 'crash-consumer':
      consumerOf(target, c.consumer).crash();
      return done;
    case 'slow-consumer':
      consumerOf(target, c.consumer).setProcessingTime(c.perRecordMs);
      return done;
    case 'sink':
      if (!isSinkRemedy(c.remedy)) throw new RangeError(`A sink's remedy is one of ${SINK_REMEDIES.join(', ')}, got ${JSON.stringify(c.remedy)}.`);
      if (typeof c.group !== 'string' || c.group === '') throw new RangeError('Name the consumer group whose sink to change.');
      target.sink(c.group).setRemedy(c.remedy);
      return done;
    default:
      throw new Error(`Unknown lab command ${JSON.stringify((c as { type?: unknown }).type)}.`);
  }
}

function seek(consumer: LabConsumer, partitions: TopicPartition[], to: SeekTarget): Promise<SeekResult[]> {
  if (to === 'beginning') consumer.seekToBeginning(partitions);
  else if (to === 'end') consumer.seekToEnd(partitions);
  else if ('timestampMs' in to) return consumer.seekToTimestamp(partitions, to.timestampMs);
  else {
    // Check every partition first so a bad one changes nothing (seek() checks one at a time).
    const assigned = new Set(consumer.assignment().map((tp) => tpName(tp.topic, tp.partition)));
    const missing = partitions.find((tp) => !assigned.has(tpName(tp.topic, tp.partition)));
    if (missing) consumer.seek(missing, to.offset); // throws Kafka's IllegalStateException
    for (const tp of partitions) consumer.seek(tp, to.offset);
  }
  const offset = typeof to === 'object' && 'offset' in to ? to.offset : null;
  return Promise.resolve(partitions.map((tp) => ({ tp, offset })));
}

function configChanges(set: Record<string, string>, remove: readonly string[]): ConfigInput {
  const changes: ConfigInput = { ...set };
  for (const key of remove) changes[key] = null;
  return changes;
}

function producerOf(target: CommandTarget, id: string): LabProducer {
  const producer = target.producer(id);
  if (!producer) throw new Error(`There is no producer named ${id}.`);
  return producer;
}

function consumerOf(target: CommandTarget, id: string): LabConsumer {
  const consumer = target.consumer(id);
  if (!consumer) throw new Error(`There is no consumer named ${id}.`);
  return consumer;
}

/** Commands are plain data; keep the log's copy independent of the caller's objects. */
function structuredCopy(command: LabCommand): LabCommand {
  return JSON.parse(JSON.stringify(command)) as LabCommand;
}
