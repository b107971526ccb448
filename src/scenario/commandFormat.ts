/**
 * LabCommand → scenario line: what the app's "Export scenario", the share link and the saved
 * session write. Kept apart from the parser (commandLines.ts) so the first screen, which saves
 * the session ~4×/s, does not load the scenario grammar. See docs/SCENARIOS.md.
 */
import type { LabCommand, LoggedCommand, SeekTarget } from '../engine/lab/commands';
import type { TopicPartition } from '../engine/lab/types';

// ---- command → line ---------------------------------------------------------------------

/** One scenario line for `command` (no `at` prefix). */
export function commandToLine(c: LabCommand): string {
  return [c.type, ...commandWords(c)].join(' ');
}

/** `at 1234.5ms send …`: the exact simulated instant (a double printed so it reads back exactly). */
export function timedLine(entry: LoggedCommand): string {
  return `at ${formatAtMs(entry.atMs)} ${commandToLine(entry.command)}`;
}

export function formatAtMs(ms: number): string {
  return `${String(ms)}ms`;
}

function commandWords(c: LabCommand): string[] {
  switch (c.type) {
    case 'create-topic':
      if (c.replicaAssignment) return [c.topic, ...replicasWords(c.replicaAssignment), ...options(c.configs)];
      return [c.topic, ...opt('partitions', c.partitions), ...opt('rf', c.replicationFactor), ...options(c.configs)];
    case 'delete-topic':
    case 'describe-configs':
      return [c.topic];
    case 'add-partitions':
      return [c.topic, `count=${c.count}`];
    case 'alter-config':
      return [c.topic, ...options(c.set), ...c.remove.map((k) => `-${k}`)];
    case 'producer':
    case 'consumer':
      return [c.id, ...options(c.config)];
    case 'reconfigure-producer':
    case 'reconfigure-consumer':
      return [c.id, ...options(c.set), ...c.remove.map((k) => `-${k}`)];
    case 'send':
      return [c.producer, c.topic, ...(c.key !== null ? [option('key', c.key)] : []), ...(c.value !== null ? [option('value', c.value)] : []), ...opt('partition', c.partition)];
    case 'stream':
      return [c.producer, c.topic, `rate=${c.recordsPerSecond}`, ...(c.keys && c.keys.length > 0 ? [keysOption(c.keys)] : [])];
    case 'stop-stream':
      return [c.producer];
    case 'assign':
      return [c.consumer, tpSpec(c.partitions)];
    case 'seek':
      return [c.consumer, tpSpec(c.partitions), ...seekWords(c.to)];
    case 'poll':
      return [c.consumer, `timeout=${c.timeoutMs}`];
    case 'start-polling':
    case 'stop-polling':
    case 'close':
    case 'crash-consumer':
      return [c.consumer];
    case 'subscribe':
      return [c.consumer, c.topics.length === 0 ? '""' : c.topics.join(',')];
    case 'commit':
      return [c.consumer, c.mode];
    case 'slow-consumer':
      return [c.consumer, `per-record=${c.perRecordMs}ms`];
    case 'sink':
      return [c.group, `remedy=${c.remedy}`];
    case 'cut-link':
    case 'heal-link':
      return [c.a, c.b];
    case 'crash-broker':
    case 'power-off-broker':
    case 'stop-broker':
    case 'start-broker':
    case 'pause-broker':
    case 'resume-broker':
      return [String(c.broker)];
    case 'slow-broker':
      return [String(c.broker), `delay=${c.delayMs}ms`];
    case 'drop-messages':
      return [c.a, c.b, `rate=${c.rate}`];
    case 'elect-leaders':
      return [tpSpec(c.partitions), ...(c.electionType === 'unclean' ? ['type=unclean'] : [])];
    case 'isolate':
    case 'rejoin':
      return [`broker-${c.broker}`];
  }
}

/** `replicas=0,1,2` with `partitions=N` when every partition has the same replicas, else one list per partition. */
function replicasWords(assignment: readonly (readonly number[])[]): string[] {
  const first = assignment[0]?.join(',') ?? '';
  if (assignment.every((r) => r.join(',') === first)) return [`partitions=${assignment.length}`, `replicas=${first}`];
  return [`replicas=${assignment.map((r) => r.join(',')).join('/')}`];
}

function opt(key: string, value: number | undefined): string[] {
  return value === undefined ? [] : [`${key}=${value}`];
}

function options(map: Record<string, string>): string[] {
  return Object.entries(map).map(([k, v]) => option(k, v));
}

/** Characters a plain or quoted word can carry as they are. */
const PLAIN = /^[^\s"#]+$/;
const QUOTABLE = /^[^"\r\n\u2028\u2029]*$/;

/**
 * `key=value`, quoted when it has spaces or `#`; a value with a double quote, a line break, a
 * `%` or a lone surrogate is written `key%=…` with %uXXXX escapes (read back exactly).
 */
export function option(key: string, value: string): string {
  if (PLAIN.test(value) && !hasLoneSurrogate(value)) return `${key}=${value}`;
  if (QUOTABLE.test(value) && !hasLoneSurrogate(value)) return `"${key}=${value}"`;
  return `${key}%=${escapeValue(value)}`;
}

function keysOption(keys: string[]): string {
  if (keys.every((k) => PLAIN.test(k) && !k.includes(',') && k !== '' && !hasLoneSurrogate(k))) return `keys=${keys.join(',')}`;
  return `keys%=${keys.map((k) => escapeValue(k, true)).join(',')}`;
}

function escapeValue(value: string, escapeComma = false): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const safe = /[A-Za-z0-9\-._~!$&'()*+;:@/?=]/.test(ch) || (ch === ',' && !escapeComma);
    out += safe ? ch : `%u${value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

export function unescapeValue(value: string): string {
  return value.replace(/%u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function hasLoneSurrogate(value: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

function tpSpec(partitions: readonly TopicPartition[]): string {
  return partitions.length === 0 ? '""' : partitions.map((tp) => `${tp.topic}-${tp.partition}`).join(',');
}

function seekWords(to: SeekTarget): string[] {
  if (to === 'beginning' || to === 'end') return [to];
  return 'offset' in to ? [String(to.offset)] : [`time=${to.timestampMs}`];
}
