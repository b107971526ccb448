/**
 * What a reload must bring back beside the logs: the command log so far (so an export after a
 * reload still covers the whole session) and the clients (configs, assignments, positions,
 * running streams and poll loops). Kafka's clients are not durable, so a reload is a restart
 * of the cluster with its applications started again where they were; the runtime restores
 * them through commands and says so.
 */
import { applyCommand, type LabCommand, type LoggedCommand } from '../engine/lab/commands';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { TopicPartition } from '../engine/lab/types';
import { isCommandWord, lineToCommand, splitAtLine, timedLine } from '../scenario/commandLines';
import { explicitTps } from '../scenario/exportScenario';
import { parseScenario } from '../scenario/parse';

export interface ProducerState {
  id: string;
  config: Record<string, string>;
  stream: { topic: string; recordsPerSecond: number; keys: string[] | null } | null;
}

export interface ConsumerState {
  id: string;
  config: Record<string, string>;
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
      const positions = c.view().assignment.flatMap((a) => {
        const i = a.tp.lastIndexOf('-');
        return a.position === null ? [] : [{ topic: a.tp.slice(0, i), partition: Number(a.tp.slice(i + 1)), offset: a.position }];
      });
      return { id: c.id, config: configs.get(c.id) ?? {}, assignment: c.assignment(), positions, polling: pollLoopRunning(lab.commandLog.entries, c.id) };
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

/**
 * After a reload: put the earlier command log back and start the clients again as they were.
 * The restoring commands are not logged (the log already holds what built that state).
 * Returns one plain sentence per client for the restart notice.
 */
export function restoreSession(lab: KafkaLab, session: SessionMeta): string[] {
  lab.commandLog.restore(parseTimedLines(session.commands));
  const said: string[] = [];
  const run = (command: LabCommand): void => void applyCommand(lab, command).catch(() => {});
  for (const p of session.producers) {
    if (lab.producer(p.id)) continue;
    run({ type: 'producer', id: p.id, config: p.config });
    if (p.stream) run({ type: 'stream', producer: p.id, ...p.stream });
    said.push(`${p.id} started again${configWords(p.config)}${p.stream ? `, streaming ${p.stream.recordsPerSecond} records/s to ${p.stream.topic}` : ''}.`);
  }
  for (const c of session.consumers) {
    if (lab.consumer(c.id)) continue;
    run({ type: 'consumer', id: c.id, config: c.config });
    if (c.assignment.length > 0) run({ type: 'assign', consumer: c.id, partitions: c.assignment });
    for (const p of c.positions) run({ type: 'seek', consumer: c.id, partitions: [{ topic: p.topic, partition: p.partition }], to: { offset: p.offset } });
    if (c.polling) run({ type: 'start-polling', consumer: c.id });
    const where = c.positions.length > 0 ? ` at ${c.positions.map((p) => `${p.topic}-${p.partition}@${p.offset}`).join(', ')}` : '';
    said.push(`${c.id} started again${configWords(c.config)} with ${c.assignment.length} assigned partition${c.assignment.length === 1 ? '' : 's'}${where}${c.polling ? ', polling' : ''}.`);
  }
  return said;
}

function configWords(config: Record<string, string>): string {
  const entries = Object.entries(config);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/** Timed lines written by captureSession → log entries (lines that do not parse are dropped). */
export function parseTimedLines(text: string): LoggedCommand[] {
  const out: LoggedCommand[] = [];
  let lines;
  try {
    lines = parseScenario(text);
  } catch {
    return out;
  }
  for (const line of lines) {
    try {
      const at = splitAtLine(line);
      if (at?.command && isCommandWord(at.command.name)) out.push({ atMs: at.atMs, command: lineToCommand(at.command, explicitTps) });
    } catch {
      // A line this version cannot read: skip it rather than lose the whole session.
    }
  }
  return out;
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
    Array.isArray(c.assignment) && c.assignment.every(isTp) &&
    Array.isArray(c.positions) && c.positions.every((p) => isTp(p) && Number.isSafeInteger(p.offset))
  );
}
