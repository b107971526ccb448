/**
 * LabCommand ↔ scenario line. The runner turns lines into commands; the app's "Export
 * scenario" turns its command log into lines (`at <time> <command>`), so a session replays
 * with `npm run lab` to the same trace. See docs/SCENARIOS.md.
 */
import type { LabCommand, LabCommandType, SeekTarget } from '../engine/lab/commands';
import type { TopicPartition } from '../engine/lab/types';
import { parseDurationMs, parseIntStrict, ScenarioError, type ScenarioCommand } from './parse';
import { isSinkRemedy, SINK_REMEDIES } from '../engine/groups/sink/types';

/** Scenario words that are lab commands (the rest, like advance/expect/log, drive the runner). */
export const COMMAND_WORDS: readonly LabCommandType[] = [
  'create-topic', 'delete-topic', 'add-partitions', 'alter-config', 'describe-configs',
  'producer', 'reconfigure-producer', 'send', 'stream', 'stop-stream',
  'consumer', 'reconfigure-consumer', 'assign', 'seek', 'poll', 'start-polling', 'stop-polling',
  'subscribe', 'commit', 'close', 'crash-consumer', 'slow-consumer', 'sink',
  'cut-link', 'heal-link', 'crash-broker', 'power-off-broker', 'stop-broker', 'start-broker', 'isolate', 'rejoin',
  'pause-broker', 'resume-broker', 'slow-broker', 'drop-messages', 'elect-leaders',
];

export function isCommandWord(name: string): name is LabCommandType {
  return (COMMAND_WORDS as readonly string[]).includes(name);
}

export { commandToLine, timedLine, formatAtMs, option, unescapeValue } from './commandFormat';
import { unescapeValue } from './commandFormat';

/** The assignment `replicas=` stands for; `partitions=` and `rf=` beside it must agree with it. */
function replicaAssignment(replicas: string, partitions: number | undefined, rf: number | undefined, line: number): number[][] {
  const lists = replicas.split('/').map((list) => list.split(',').map(Number));
  const assignment = lists.length === 1 && partitions !== undefined ? Array.from({ length: partitions }, () => [...lists[0]!]) : lists;
  if (partitions !== undefined && assignment.length !== partitions) throw new ScenarioError(line, `replicas= lists ${assignment.length} partition(s) but partitions=${partitions}`);
  if (rf !== undefined && assignment.some((r) => r.length !== rf)) throw new ScenarioError(line, `replicas= gives ${assignment[0]!.length} replica(s) per partition but rf=${rf}`);
  return assignment;
}

// ---- line → command ---------------------------------------------------------------------

/** Resolves a partition spec ("orders-0,orders-3", or a topic for all its partitions). */
export type TpResolver = (spec: string, line: number) => TopicPartition[];

/** A scenario line's options with `key%=` escapes decoded. */
export function decodedOptions(c: ScenarioCommand): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.options)) {
    if (key.endsWith('%')) out[key.slice(0, -1)] = unescapeValue(value);
    else out[key] = value;
  }
  return out;
}

/** The LabCommand a scenario line stands for (its name must be a COMMAND_WORDS entry). */
export function lineToCommand(c: ScenarioCommand, resolve: TpResolver): LabCommand {
  const o = decodedOptions(c);
  const a = (i: number, what: string): string => arg(c, i, what);
  switch (c.name) {
    case 'create-topic': {
      const { partitions, rf, replicas, ...configs } = o;
      const count = partitions !== undefined ? parseIntStrict(partitions, 'partitions', c.line) : undefined;
      const factor = rf !== undefined ? parseIntStrict(rf, 'rf', c.line) : undefined;
      if (replicas !== undefined) return { type: 'create-topic', topic: a(0, 'topic'), replicaAssignment: replicaAssignment(replicas, count, factor, c.line), configs };
      return { type: 'create-topic', topic: a(0, 'topic'), ...(count !== undefined ? { partitions: count } : {}), ...(factor !== undefined ? { replicationFactor: factor } : {}), configs };
    }
    case 'delete-topic':
    case 'describe-configs':
      return { type: c.name, topic: a(0, 'topic') };
    case 'add-partitions':
      return { type: 'add-partitions', topic: a(0, 'topic'), count: parseIntStrict(o['count'], 'count', c.line) };
    case 'alter-config':
      return { type: 'alter-config', topic: a(0, 'topic'), set: o, remove: removals(c) };
    case 'producer':
    case 'consumer':
      return { type: c.name, id: a(0, `${c.name} name`), config: o };
    case 'reconfigure-producer':
    case 'reconfigure-consumer':
      return { type: c.name, id: a(0, 'client name'), set: o, remove: removals(c) };
    default:
      return clientLineToCommand(c, o, resolve);
  }
}

function clientLineToCommand(c: ScenarioCommand, o: Record<string, string>, resolve: TpResolver): LabCommand {
  const a = (i: number, what: string): string => arg(c, i, what);
  switch (c.name) {
    case 'send':
      return { type: 'send', producer: a(0, 'producer name'), topic: a(1, 'topic'), key: o['key'] ?? null, value: o['value'] ?? null, ...(o['partition'] !== undefined ? { partition: parseIntStrict(o['partition'], 'partition', c.line) } : {}) };
    case 'stream': {
      const rawKeys = c.options['keys%'] !== undefined ? c.options['keys%'].split(',').map(unescapeValue) : o['keys'] !== undefined ? o['keys'].split(',') : null;
      return { type: 'stream', producer: a(0, 'producer name'), topic: a(1, 'topic'), recordsPerSecond: Number(o['rate'] ?? '5'), keys: rawKeys };
    }
    case 'stop-stream':
      return { type: 'stop-stream', producer: a(0, 'producer name') };
    case 'assign':
      return { type: 'assign', consumer: a(0, 'consumer name'), partitions: resolve(a(1, 'partitions'), c.line) };
    case 'seek':
      return { type: 'seek', consumer: a(0, 'consumer name'), partitions: resolve(a(1, 'topic-partition'), c.line), to: seekTarget(c, o) };
    case 'poll':
      return { type: 'poll', consumer: a(0, 'consumer name'), timeoutMs: o['timeout'] !== undefined ? parseDurationMs(o['timeout'], c.line) : 1000 };
    case 'start-polling':
    case 'stop-polling':
      return { type: c.name, consumer: a(0, 'consumer name') };
    case 'cut-link':
    case 'heal-link':
      return { type: c.name, a: a(0, 'node'), b: a(1, 'node') };
    case 'crash-broker':
    case 'power-off-broker':
    case 'stop-broker':
    case 'start-broker':
    case 'pause-broker':
    case 'resume-broker':
      return { type: c.name, broker: parseIntStrict(a(0, 'broker id'), 'broker id', c.line) };
    case 'slow-broker':
      return { type: 'slow-broker', broker: parseIntStrict(a(0, 'broker id'), 'broker id', c.line), delayMs: parseDurationMs(o['delay'] ?? '', c.line) };
    case 'drop-messages':
      return { type: 'drop-messages', a: a(0, 'node'), b: a(1, 'node'), rate: Number(o['rate']) };
    case 'elect-leaders':
      return { type: 'elect-leaders', electionType: o['type'] === 'unclean' ? 'unclean' : 'preferred', partitions: resolve(a(0, 'topic or partitions'), c.line) };
    case 'subscribe':
      return { type: 'subscribe', consumer: a(0, 'consumer'), topics: a(1, 'topics') === '' ? [] : a(1, 'topics').split(',') };
    case 'commit': {
      const mode = c.args[1] ?? 'sync';
      if (mode !== 'sync' && mode !== 'async') throw new ScenarioError(c.line, `commit is sync or async, not "${mode}"`);
      return { type: 'commit', consumer: a(0, 'consumer'), mode };
    }
    case 'close':
    case 'crash-consumer':
      return { type: c.name, consumer: a(0, 'consumer') };
    case 'slow-consumer':
      return { type: 'slow-consumer', consumer: a(0, 'consumer'), perRecordMs: parseDurationMs(o['per-record'] ?? '', c.line) };
    case 'sink': {
      const remedy = o['remedy'];
      if (!isSinkRemedy(remedy)) throw new ScenarioError(c.line, `sink's remedy is ${SINK_REMEDIES.join(', ')}, not "${remedy ?? ''}"`);
      return { type: 'sink', group: a(0, 'group'), remedy };
    }
    case 'isolate':
    case 'rejoin': {
      const node = /^broker-(\d)$/.exec(a(0, 'broker node'));
      if (!node) throw new ScenarioError(c.line, `${c.name} takes a broker node like broker-1, not "${a(0, 'broker node')}"`);
      return { type: c.name, broker: Number(node[1]) };
    }
    default:
      throw new ScenarioError(c.line, `unknown command "${c.name}" (see docs/SCENARIOS.md)`);
  }
}

function seekTarget(c: ScenarioCommand, o: Record<string, string>): SeekTarget {
  if (o['time'] !== undefined) return { timestampMs: parseIntStrict(o['time'], 'time', c.line) };
  const where = arg(c, 2, 'beginning | end | offset (or time=<ms>)');
  if (where === 'beginning' || where === 'end') return where;
  return { offset: parseIntStrict(where, 'offset', c.line) };
}

/** `-retention.ms` words: configs to remove. */
function removals(c: ScenarioCommand): string[] {
  return c.args.slice(1).filter((w) => w.startsWith('-')).map((w) => w.slice(1));
}

function arg(c: ScenarioCommand, index: number, what: string): string {
  const value = c.args[index];
  if (value === undefined) throw new ScenarioError(c.line, `${c.name} needs a ${what}`);
  return value;
}

// ---- `at` lines ---------------------------------------------------------------------------

/**
 * `at 1234.5ms send p1 orders` → the time and the command line without the prefix; `at 2s`
 * alone (no command) only moves the clock. Null for a line without `at`.
 */
export function splitAtLine(c: ScenarioCommand): { atMs: number; command: ScenarioCommand | null } | null {
  if (c.name !== 'at') return null;
  const time = c.args[0];
  if (time === undefined) throw new ScenarioError(c.line, 'at needs a time, like "at 1.5s send p1 orders"');
  const atMs = parseAtMs(time, c.line);
  const name = c.args[1];
  if (name === undefined) {
    if (Object.keys(c.options).length > 0) throw new ScenarioError(c.line, `"at ${time}" has options but no command`);
    return { atMs, command: null };
  }
  const text = c.text.replace(/^at\s+\S+\s+/, '');
  return { atMs, command: { line: c.line, name, args: c.args.slice(2), options: c.options, text } };
}

/** An exact instant: "1234.5678ms" reads back as the very same double; "2s" and "1m" too. */
export function parseAtMs(value: string, line: number): number {
  const ms = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)ms$/i.exec(value);
  const n = ms ? Number(ms[1]) : parseDurationMs(value, line);
  if (!Number.isFinite(n) || n < 0) throw new ScenarioError(line, `"${value}" is not a time (try 1500ms or 1.5s)`);
  return n;
}
