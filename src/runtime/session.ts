/**
 * What a reload must bring back beside the logs: the command log so far (so an export after a
 * reload still covers the whole session) and the clients (configs, assignments, positions,
 * running streams and poll loops). Kafka's clients are not durable, so a reload is a restart
 * of the cluster with its applications started again where they were; the runtime restores
 * them through commands and says so (sessionRestore.ts, loaded only when a saved session is
 * restored: it needs the scenario parser).
 */
import type { LoggedCommand } from '../engine/lab/commands';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { TopicPartition } from '../engine/lab/types';
import { timedLine } from '../scenario/commandFormat';
import { parseTpName } from '../engine/protocol/topicPartition';

export interface ProducerState {
  id: string;
  config: Record<string, string>;
  stream: { topic: string; recordsPerSecond: number; keys: string[] | null } | null;
}

export interface ConsumerState {
  id: string;
  config: Record<string, string>;
  /** subscribe()'s topics: a group member rejoins its group and starts from the group's commits. */
  subscription?: string[];
  /** The application's processing time per record (slow-consumer). */
  processingMs?: number;
  assignment: TopicPartition[];
  positions: { topic: string; partition: number; offset: number }[];
  polling: boolean;
}

/** Stored with the lab's meta (LabMeta.session). Commands are kept as timed scenario lines. */
export interface SessionMeta {
  commands: string;
  producers: ProducerState[];
  consumers: ConsumerState[];
}

/**
 * The command log as timed lines. The runtime stores the session at every save (~4×/s) and
 * the log only grows, so the text is extended by the new entries instead of rebuilt.
 */
const commandTexts = new WeakMap<object, { count: number; last: LoggedCommand | undefined; text: string }>();
function commandsText(log: KafkaLab['commandLog']): string {
  const entries = log.entries;
  const cached = commandTexts.get(log);
  const reusable = cached !== undefined && cached.count <= entries.length && entries[cached.count - 1] === cached.last;
  const from = reusable ? cached.count : 0;
  const added = entries.slice(from).map(timedLine).join('\n');
  const text = reusable && cached.text !== '' ? (added === '' ? cached.text : `${cached.text}\n${added}`) : added;
  commandTexts.set(log, { count: entries.length, last: entries[entries.length - 1], text });
  return text;
}

export function captureSession(lab: KafkaLab): SessionMeta {
  const configs = clientConfigs(lab.commandLog.entries);
  return {
    commands: commandsText(lab.commandLog),
    producers: lab.producers().map((p) => {
      const stream = p.view().stream;
      return { id: p.id, config: configs.get(p.id) ?? {}, stream: stream && { topic: stream.topic, recordsPerSecond: stream.recordsPerSecond, keys: stream.keys ? [...stream.keys] : null } };
    }),
    consumers: lab.consumers().map((c) => {
      const positions = c.view().assignment.flatMap((a) => (a.position === null ? [] : [{ ...parseTpName(a.tp), offset: a.position }]));
      const subscription = c.subscription();
      const group = subscription.length > 0 ? { subscription, assignment: [], positions: [] } : { assignment: c.assignment(), positions };
      return { id: c.id, config: configs.get(c.id) ?? {}, ...group, ...(c.processingTimeMs > 0 ? { processingMs: c.processingTimeMs } : {}), polling: pollLoopRunning(lab.commandLog.entries, c.id) };
    }),
  };
}

/** Whether `consumer`'s poll loop runs: its last start-polling was not followed by stop-polling. */
export function pollLoopRunning(log: readonly LoggedCommand[], consumer: string): boolean {
  let running = false;
  for (const { command: c } of log) {
    if (c.type === 'start-polling' && c.consumer === consumer) running = true;
    if (c.type === 'stop-polling' && c.consumer === consumer) running = false;
  }
  return running;
}

/** The explicit config of each client: its create command with every reconfigure layered on. */
export function clientConfigs(log: readonly LoggedCommand[]): Map<string, Record<string, string>> {
  const configs = new Map<string, Record<string, string>>();
  for (const { command: c } of log) {
    if (c.type === 'producer' || c.type === 'consumer') configs.set(c.id, { ...c.config });
    if (c.type === 'reconfigure-producer' || c.type === 'reconfigure-consumer') {
      const next = { ...(configs.get(c.id) ?? {}), ...c.set };
      for (const key of c.remove) delete next[key];
      configs.set(c.id, next);
    }
  }
  return configs;
}

/** Stored meta → SessionMeta, or undefined when absent or not the shape we wrote. */
export function parseSessionMeta(value: unknown): SessionMeta | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.commands !== 'string' || !Array.isArray(v.producers) || !Array.isArray(v.consumers)) return undefined;
  if (!v.producers.every(isProducerState) || !v.consumers.every(isConsumerState)) return undefined;
  return { commands: v.commands, producers: v.producers, consumers: v.consumers };
}

const isStringMap = (x: unknown): x is Record<string, string> =>
  !!x && typeof x === 'object' && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');
const isTp = (x: unknown): x is TopicPartition =>
  !!x && typeof x === 'object' && typeof (x as TopicPartition).topic === 'string' && Number.isInteger((x as TopicPartition).partition);

function isProducerState(x: unknown): x is ProducerState {
  const p = x as ProducerState;
  if (!p || typeof p.id !== 'string' || !isStringMap(p.config)) return false;
  if (p.stream === null) return true;
  return !!p.stream && typeof p.stream.topic === 'string' && typeof p.stream.recordsPerSecond === 'number' && (p.stream.keys === null || (Array.isArray(p.stream.keys) && p.stream.keys.every((k) => typeof k === 'string')));
}

function isConsumerState(x: unknown): x is ConsumerState {
  const c = x as ConsumerState;
  return (
    !!c && typeof c.id === 'string' && isStringMap(c.config) && typeof c.polling === 'boolean' &&
    (c.subscription === undefined || (Array.isArray(c.subscription) && c.subscription.every((t) => typeof t === 'string'))) &&
    (c.processingMs === undefined || (typeof c.processingMs === 'number' && c.processingMs >= 0)) &&
    Array.isArray(c.assignment) && c.assignment.every(isTp) &&
    Array.isArray(c.positions) && c.positions.every((p) => isTp(p) && Number.isSafeInteger(p.offset))
  );
}
