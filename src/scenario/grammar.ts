/**
 * What each scenario command accepts: its words, its option names and the shape of their values.
 * Checked when the file is parsed, so a bad line is reported with one sentence and its line
 * number before anything runs it, and no option name can reach a lookup it was not meant for.
 * Commands that are not listed here pass through untouched: the runner decides about them.
 */

/** The longest simulated time one `advance` line may let pass: a full stream of 1,000 records/s runs an hour in ~20 s. */
export const MAX_ADVANCE_MS = 3_600_000;
/** How long one command may take in simulated time before the runner gives up on it. */
export const COMMAND_TIMEOUT_MS = 120_000;
/** The longest `poll timeout=`: the runner gives every command at most COMMAND_TIMEOUT_MS. */
export const MAX_POLL_TIMEOUT_MS = COMMAND_TIMEOUT_MS;
/** Seeds are 32-bit (the kernel's Random takes `seed >>> 0`): larger values would silently alias smaller ones. */
export const MAX_SEED = 4_294_967_295;

import { SINK_REMEDIES, type SinkRemedy } from '../engine/groups/sink/types';

type ValueCheck = (value: string) => string | null;

interface CommandSpec {
  /** Names of the words that must follow the command, in order. */
  readonly words: readonly string[];
  /** Extra words allowed after them (alter-config's `-key` removals). */
  readonly extraWords?: (word: string) => string | null;
  /** Option names and how their values are checked. */
  readonly options: Readonly<Record<string, ValueCheck>>;
  /** Options not listed are configs handed to the engine (which names unknown ones): 'dotted' = only names with a dot. */
  readonly configs?: 'dotted' | 'any';
  readonly requiredOptions?: readonly string[];
  readonly atLeastOneOption?: boolean;
  readonly example: string;
  /** Checks a command whose forms the fields above cannot say (`expect controller=…`, `await …`), instead of them. */
  readonly check?: (args: readonly string[], options: Readonly<Record<string, string>>) => string | null;
}

const WHOLE = /^-?\d+$/;

export function wholeNumber(min: number, max: number): ValueCheck {
  return (value) => {
    if (!WHOLE.test(value)) return `must be a whole number, got "${value}"`;
    const n = Number(value);
    return n >= min && n <= max ? null : `must be between ${min} and ${max}, got ${value}`;
  };
}

const anyWholeNumber = wholeNumber(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
const nonNegative = wholeNumber(0, Number.MAX_SAFE_INTEGER);
const anything: ValueCheck = () => null;

const positiveRate: ValueCheck = (value) => (/^\d+(\.\d+)?$/.test(value) && Number(value) > 0 ? null : `must be a number of records per second above 0, got "${value}"`);
const dropRate: ValueCheck = (value) => (/^(0(\.\d+)?|1(\.0+)?)$/.test(value) ? null : `must be a fraction from 0 to 1 like 0.2, got "${value}"`);
const keyList: ValueCheck = (value) => (value.length > 0 ? null : 'must list at least one key, e.g. keys=user-1,user-2');

export function durationWithin(maxMs: number, maxText: string): ValueCheck {
  return (value) => {
    const ms = durationMs(value);
    if (ms === null) return `must be a duration like 500ms, 2s or 1m, got "${value}"`;
    if (!Number.isInteger(ms)) return `must be a whole number of milliseconds, got "${value}"`;
    return ms <= maxMs ? null : `must be at most ${maxText}, got "${value}"`;
  };
}

/** "500ms", "2s", "1.5s", "3m", "1h", or a bare number of milliseconds; null when it is none of these. */
export function durationMs(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!match) return null;
  const n = Number(match[1]);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  return n * scale;
}

/** The longest `await`: as long as one `advance` line may wait. */
export const MAX_AWAIT_MS = MAX_ADVANCE_MS;
export const AWAIT_DEFAULT_TIMEOUT_MS = 30_000;

const brokerOrNone: ValueCheck = (value) => (value === 'none' ? null : wholeNumber(-1, Number.MAX_SAFE_INTEGER)(value) === null ? null : `must be a broker id or none, got "${value}"`);
const brokerList: ValueCheck = (value) => (value === '' || /^\d+(,\d+)*$/.test(value) ? null : `must list broker ids like 0,2 (or nothing for an empty ISR), got "${value}"`);
/** A Kafka error name (NOT_ENOUGH_REPLICAS) or a client exception (TimeoutException). */
const errorName: ValueCheck = (value) => (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[A-Z][A-Za-z]*Exception$/.test(value) ? null : `must be an error name like NOT_ENOUGH_REPLICAS or TimeoutException, got "${value}"`);

const PARTITION_EXPECTS: Readonly<Record<string, ValueCheck>> = {
  leader: brokerOrNone,
  isr: brokerList,
  epoch: anyWholeNumber,
  leo: anyWholeNumber,
  hw: anyWholeNumber,
  start: anyWholeNumber,
  segments: anyWholeNumber,
};

/** `expect controller=N` or `expect <topic-partition> leader=… isr=… epoch=… hw=… leo=… start=… segments=…`. */
function checkExpect(args: readonly string[], options: Readonly<Record<string, string>>): string | null {
  const usage = '(e.g. "expect orders-3 leader=1 isr=1,2 hw=12" or "expect controller=0")';
  if (Object.hasOwn(options, 'controller')) {
    if (args.length > 0 || Object.keys(options).length > 1) return `expect controller=… stands alone: no partition and no other option ${usage}`;
    const problem = brokerOrNone(options['controller']!);
    return problem === null ? null : `controller ${problem}`;
  }
  if (args.length !== 1) return args.length === 0 ? `expect needs a topic-partition or controller=… ${usage}` : `expect takes one topic-partition; "${args[1]}" is one too many ${usage}`;
  return checkKnown('expect', options, PARTITION_EXPECTS, usage);
}

function checkExpectReplica(args: readonly string[], options: Readonly<Record<string, string>>): string | null {
  const usage = '(e.g. "expect-replica orders-3 broker=1 leo=12 hw=10")';
  if (args.length !== 1) return args.length === 0 ? `expect-replica needs a topic-partition ${usage}` : `expect-replica takes one topic-partition; "${args[1]}" is one too many ${usage}`;
  if (!Object.hasOwn(options, 'broker')) return `expect-replica needs broker=… ${usage}`;
  const { broker, ...rest } = options;
  const problem = nonNegative(broker!);
  if (problem !== null) return `broker ${problem}`;
  return checkKnown('expect-replica', rest, { leo: anyWholeNumber, hw: anyWholeNumber, epoch: anyWholeNumber }, usage);
}

/** The lines `await` can wait for. */
export const AWAITABLE = ['expect', 'expect-replica', 'expect-acked', 'expect-consumed', 'expect-invariants', 'expect-group', 'expect-committed', 'expect-sink'] as const;

const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];

/** `expect-committed g1 orders-0=5 orders-1=7`: topic-partition=offset pairs. */
function checkExpectCommitted(args: readonly string[], options: Readonly<Record<string, string>>): string | null {
  const usage = '(e.g. "expect-committed g1 orders-0=5 orders-1=7")';
  if (args.length !== 1) return args.length === 0 ? `expect-committed needs a group ${usage}` : `expect-committed takes one group; "${args[1]}" is one too many ${usage}`;
  const entries = Object.entries(options);
  if (entries.length === 0) return `expect-committed needs at least one topic-partition=offset ${usage}`;
  for (const [tp, value] of entries) {
    if (!/^.+-\d+$/.test(tp)) return `"${tp}" is not a topic-partition like orders-0 ${usage}`;
    if (value !== 'none' && nonNegative(value) !== null) return `${tp} must be an offset or none, got "${value}"`;
  }
  return null;
}

/** `await <expect line> [timeout=30s]`: the inner line is checked as its own command. */
function checkAwait(args: readonly string[], options: Readonly<Record<string, string>>): string | null {
  const usage = '(e.g. "await expect orders-0 leader=2 timeout=60s")';
  const [inner, ...innerArgs] = args;
  if (!(AWAITABLE as readonly (string | undefined)[]).includes(inner)) return `await takes an expect line (${AWAITABLE.slice(0, -1).join(', ')} or ${AWAITABLE[AWAITABLE.length - 1]}), not ${inner === undefined ? 'nothing' : `"${inner}"`} ${usage}`;
  const { timeout, ...innerOptions } = options;
  if (timeout !== undefined) {
    const problem = durationWithin(MAX_AWAIT_MS, '1h (3600000 ms)')(timeout);
    if (problem !== null) return `timeout ${problem}`;
  }
  return checkCommand(inner!, innerArgs, innerOptions);
}

function checkKnown(name: string, options: Readonly<Record<string, string>>, known: Readonly<Record<string, ValueCheck>>, usage: string): string | null {
  const entries = Object.entries(options);
  if (entries.length === 0) return `${name} needs at least one of ${Object.keys(known).join(', ')} ${usage}`;
  for (const [key, value] of entries) {
    if (!Object.hasOwn(known, key)) return `${name} has no option "${key}": it knows ${Object.keys(known).join(', ')} ${usage}`;
    const problem = known[key]!(value);
    if (problem !== null) return `${key} ${problem}`;
  }
  return null;
}

/** `replicas=0,1,2` (every partition) or `replicas=0,1/1,2/2,0` (partition by partition). */
const replicaLists: ValueCheck = (value) =>
  /^\d+(,\d+)*(\/\d+(,\d+)*)*$/.test(value) ? null : `must list broker ids like 0,1,2 (every partition) or 0,1/1,2 (one list per partition), got "${value}"`;

const seekTarget = (value: string): string | null =>
  value === 'beginning' || value === 'end' ? null : nonNegative(value) === null ? null : `must be beginning, end or an offset from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"`;

const removal = (word: string): string | null => (/^-[^-\s]/.test(word) ? null : `"${word}" is neither key=value nor -key (a config to remove)`);

export const COMMAND_SPECS: Readonly<Record<string, CommandSpec>> = {
  lab: {
    words: [],
    options: { seed: wholeNumber(0, MAX_SEED), version: anything, brokers: anyWholeNumber, latency: nonNegative, jitter: nonNegative },
    // Dotted options are broker configs for every broker (an app export carries the lab's own).
    configs: 'dotted',
    example: 'lab seed=42 version=3.9 brokers=3',
  },
  'create-topic': {
    words: ['topic'],
    options: { partitions: anyWholeNumber, rf: anyWholeNumber, replicas: replicaLists },
    configs: 'dotted',
    example: 'create-topic orders partitions=6 segment.bytes=1024',
  },
  'delete-topic': { words: ['topic'], options: {}, example: 'delete-topic orders' },
  'add-partitions': { words: ['topic'], options: { count: anyWholeNumber }, requiredOptions: ['count'], example: 'add-partitions orders count=8' },
  'alter-config': { words: ['topic'], extraWords: removal, options: {}, configs: 'dotted', example: 'alter-config orders retention.ms=60000 -segment.bytes' },
  producer: { words: ['producer name'], options: {}, configs: 'any', example: 'producer p1 acks=all linger.ms=5' },
  consumer: { words: ['consumer name'], options: {}, configs: 'any', example: 'consumer c1 auto.offset.reset=earliest' },
  send: {
    words: ['producer', 'topic'],
    options: { key: anything, value: anything, 'key%': anything, 'value%': anything, partition: anyWholeNumber, expect: errorName },
    example: 'send p1 orders key=user-1 value=hello',
  },
  'send-async': { words: ['producer', 'topic'], options: { key: anything, value: anything, 'key%': anything, 'value%': anything, partition: anyWholeNumber }, example: 'send-async p1 orders key=user-1 value=hello' },
  stream: { words: ['producer', 'topic'], options: { rate: positiveRate, keys: keyList, 'keys%': keyList }, example: 'stream p1 orders rate=10 keys=user-1,user-2' },
  'stop-stream': { words: ['producer'], options: {}, example: 'stop-stream p1' },
  assign: { words: ['consumer', 'topic or partitions'], options: {}, example: 'assign c1 orders-0,orders-3' },
  seek: { words: ['consumer', 'topic-partition', 'position'], options: {}, example: 'seek c1 orders-3 beginning' },
  'offsets-for-times': {
    words: ['consumer', 'topic or partitions'],
    options: { time: nonNegative },
    requiredOptions: ['time'],
    example: 'offsets-for-times c1 orders-0 time=1500',
  },
  poll: { words: ['consumer'], options: { timeout: durationWithin(MAX_POLL_TIMEOUT_MS, '2m (120000 ms), the most simulated time the runner gives one command') }, example: 'poll c1 timeout=500ms' },
  advance: { words: ['time'], options: {}, example: 'advance 2s' },
  log: { words: ['topic-partition'], options: {}, example: 'log orders-3' },
  expect: { words: [], options: {}, check: checkExpect, example: 'expect orders-3 leo=12 hw=12' },
  'expect-replica': { words: [], options: {}, check: checkExpectReplica, example: 'expect-replica orders-3 broker=1 leo=12 hw=10' },
  await: { words: [], options: {}, check: checkAwait, example: 'await expect orders-0 leader=2 timeout=60s' },
  'cut-link': { words: ['node', 'node'], options: {}, example: 'cut-link producer-1 broker-0' },
  'heal-link': { words: ['node', 'node'], options: {}, example: 'heal-link producer-1 broker-0' },
  'crash-broker': { words: ['broker id'], options: {}, example: 'crash-broker 1' },
  'power-off-broker': { words: ['broker id'], options: {}, example: 'power-off-broker 1' },
  'stop-broker': { words: ['broker id'], options: {}, example: 'stop-broker 1' },
  isolate: { words: ['broker node'], options: {}, example: 'isolate broker-1' },
  rejoin: { words: ['broker node'], options: {}, example: 'rejoin broker-1' },
  'start-broker': { words: ['broker id'], options: {}, example: 'start-broker 1' },
  'pause-broker': { words: ['broker id'], options: {}, example: 'pause-broker 1' },
  'resume-broker': { words: ['broker id'], options: {}, example: 'resume-broker 1' },
  'slow-broker': { words: ['broker id'], options: { delay: durationWithin(MAX_ADVANCE_MS, '1h (3600000 ms)') }, requiredOptions: ['delay'], example: 'slow-broker 2 delay=500ms' },
  'elect-leaders': { words: ['topic or partitions'], options: { type: (v) => (v === 'preferred' || v === 'unclean' ? null : `must be preferred or unclean, got "${v}"`) }, example: 'elect-leaders orders-3 type=preferred' },
  'drop-messages': { words: ['node', 'node'], options: { rate: dropRate }, requiredOptions: ['rate'], example: 'drop-messages broker-0 broker-1 rate=0.2' },
  'expect-acked': { words: ['producer'], options: { lost: nonNegative }, requiredOptions: ['lost'], example: 'expect-acked p1 lost=0' },
  'expect-consumed': { words: ['consumer'], options: { truncated: nonNegative }, requiredOptions: ['truncated'], example: 'expect-consumed c1 truncated=0' },
  'expect-invariants': { words: [], options: { violations: nonNegative }, requiredOptions: ['violations'], example: 'expect-invariants violations=0' },
  subscribe: { words: ['consumer', 'topics'], options: {}, example: 'subscribe c1 orders,payments' },
  commit: {
    words: ['consumer'],
    extraWords: (w) => (w === 'sync' || w === 'async' ? null : `commit is sync or async, not "${w}"`),
    options: {},
    example: 'commit c1 sync',
  },
  close: { words: ['consumer'], options: {}, example: 'close c1' },
  'crash-consumer': { words: ['consumer'], options: {}, example: 'crash-consumer c1' },
  'slow-consumer': { words: ['consumer'], options: { 'per-record': durationWithin(MAX_ADVANCE_MS, '1h (3600000 ms)') }, requiredOptions: ['per-record'], example: 'slow-consumer c1 per-record=200ms' },
  'expect-group': {
    words: ['group'],
    options: {
      state: (v) => (GROUP_STATES.includes(v) ? null : `must be one of ${GROUP_STATES.join(', ')}, got "${v}"`),
      generation: anyWholeNumber,
      members: anything,
      leader: anything,
      coordinator: nonNegative,
      assignment: anything,
    },
    example: 'expect-group g1 state=Stable generation=1 members=c1,c2',
  },
  'expect-committed': { words: [], options: {}, check: checkExpectCommitted, example: 'expect-committed g1 orders-0=5' },
  'describe-group': { words: ['group'], options: {}, example: 'describe-group g1' },
  sink: {
    words: ['group'],
    options: { remedy: (v) => (SINK_REMEDIES.includes(v as SinkRemedy) ? null : `must be one of ${SINK_REMEDIES.join(', ')}, got "${v}"`) },
    requiredOptions: ['remedy'],
    example: 'sink g1 remedy=dedupe-id',
  },
  'expect-sink': { words: ['group'], options: { records: nonNegative, duplicates: nonNegative }, atLeastOneOption: true, example: 'expect-sink g1 records=120 duplicates=0' },
};

/** Checks the words of some commands beyond their count (today: advance's duration, seek's position). */
const WORD_CHECKS: Readonly<Record<string, ReadonlyArray<ValueCheck | null>>> = {
  advance: [durationWithin(MAX_ADVANCE_MS, '1h (3600000 ms) per line; split a longer wait over several advance lines')],
  seek: [null, null, seekTarget],
  'crash-broker': [wholeNumber(0, 8)],
  'power-off-broker': [wholeNumber(0, 8)],
  'stop-broker': [wholeNumber(0, 8)],
  'start-broker': [wholeNumber(0, 8)],
  'pause-broker': [wholeNumber(0, 8)],
  'resume-broker': [wholeNumber(0, 8)],
  'slow-broker': [wholeNumber(0, 8)],
};

/** The first problem with a command's words and options, as one sentence, or null. */
export function checkCommand(name: string, args: readonly string[], options: Readonly<Record<string, string>>): string | null {
  if (!Object.hasOwn(COMMAND_SPECS, name)) return null;
  const spec = COMMAND_SPECS[name]!;
  if (spec.check) return spec.check(args, options);
  const usage = `(e.g. "${spec.example}")`;
  if (args.length < spec.words.length) {
    return `${name} needs ${spec.words.length === 1 ? 'a' : `${spec.words.length} words:`} ${spec.words.join(', ')} ${usage}`;
  }
  for (const extra of args.slice(spec.words.length)) {
    const problem = spec.extraWords ? spec.extraWords(extra) : `${name} takes ${spec.words.length === 0 ? 'no words' : spec.words.join(', ')} before its options; "${extra}" is one too many ${usage}`;
    if (problem !== null) return problem;
  }
  const wordChecks = WORD_CHECKS[name] ?? [];
  for (let i = 0; i < wordChecks.length; i++) {
    const problem = wordChecks[i]?.(args[i]!);
    if (problem) return `${name}'s ${spec.words[i]} ${problem}`;
  }
  return checkOptions(name, spec, options, usage);
}

function checkOptions(name: string, spec: CommandSpec, options: Readonly<Record<string, string>>, usage: string): string | null {
  // `key%=` options are the exporter's escaped form of `key=`: not worth naming to a person.
  const known = Object.keys(spec.options).filter((k) => !k.endsWith('%'));
  for (const [key, value] of Object.entries(options)) {
    if (Object.hasOwn(spec.options, key)) {
      const problem = spec.options[key]!(value);
      if (problem !== null) return `${key} ${problem}`;
    } else if (!(spec.configs === 'any' || (spec.configs === 'dotted' && key.includes('.')))) {
      const choices = known.length > 0 ? `it knows ${known.join(', ')}${spec.configs === 'dotted' ? ' and configs like segment.bytes' : ''}` : 'it takes no options';
      return `${name} has no option "${key}": ${choices} ${usage}`;
    }
  }
  for (const required of spec.requiredOptions ?? []) {
    if (!Object.hasOwn(options, required)) return `${name} needs ${required}=… ${usage}`;
  }
  if (spec.atLeastOneOption && Object.keys(options).length === 0) return `${name} needs at least one of ${known.join(', ')} ${usage}`;
  return null;
}
