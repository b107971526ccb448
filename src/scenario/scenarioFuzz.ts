/**
 * Random scenario files for the scenario-lines fuzz test: mostly plausible commands (so the
 * engine does real work), mixed with broken lines — odd quoting, huge numbers, unknown
 * commands and options, unicode — and random mutations of good lines. A seed gives the same
 * file every time. Valid `advance` lines stay short so one file runs in well under a second.
 */
import { runScenario } from './ScenarioRunner';

/** mulberry32: a tiny seeded generator, so the files do not depend on the engine's Random. */
export class FuzzRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TOPICS = ['orders', 'payments', 't', '輪詢', 'a.b_c-1', '__consumer_offsets'];
const PRODUCERS = ['p1', 'p2'];
const CONSUMERS = ['c1', 'c2'];
const KEYS = ['a', 'b', 'order-42', 'user-1', '輪詢', '🙂', 'x\u{d800}y', '""', 'key with space'];
const WEIRD_NUMBERS = ['-1', '0', '1e3', '99999999999999999999', '9007199254740993', '2147483648', '1.5', 'NaN', 'Infinity', '0x10', '', '٣'];
const TOPIC_CONFIGS = ['segment.bytes=1024', 'segment.bytes=14', 'retention.ms=2000', 'retention.bytes=2048', 'segment.ms=1000', 'cleanup.policy=compact',
  'compression.type=zstd', 'max.message.bytes=100', 'message.timestamp.type=LogAppendTime', 'retention.hours=1', 'bogus.config=1', 'segment.bytes=abc'];
const PRODUCER_CONFIGS = ['acks=0', 'acks=1', 'acks=all', 'acks=2', 'linger.ms=5', 'linger.ms=0', 'batch.size=0', 'batch.size=200', 'compression.type=gzip',
  'compression.type=lz4', 'compression.type=snappy', 'compression.type=zstd', 'enable.idempotence=false', 'retries=0', 'delivery.timeout.ms=3000',
  'request.timeout.ms=1000', 'max.request.size=100', 'partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner', 'constructor=1', 'toString=x'];
const CONSUMER_CONFIGS = ['auto.offset.reset=earliest', 'auto.offset.reset=latest', 'max.poll.records=3', 'fetch.min.bytes=1000', 'group.id=g',
  'allow.auto.create.topics=false', 'hasOwnProperty=1', 'isolation.level=read_committed'];
const GARBAGE = ['fly away', '=', '==', '"', '""', '" "', 'send', '\t\t', 'advance', 'lab', 'expect', '#"', '"#', '\u{feff}advance 1s', 'ADVANCE 1s', 'advance -5s', 'advance 1e3', 'advance 99999999999h', 'advance 1h', 'advance 0.5ms'];

function durationText(r: FuzzRandom): string {
  if (r.chance(0.1)) return r.pick(['100000000000', '1e9', '2h', '-1s', 'soon', '1.5ms', '', '61m', '3600001']);
  return r.pick([`${r.int(0, 3000)}ms`, `${r.int(0, 5)}s`, `${r.int(0, 1500)}`]);
}

function tp(r: FuzzRandom): string {
  return `${r.pick(TOPICS)}-${r.chance(0.9) ? r.int(0, 6) : r.pick(WEIRD_NUMBERS)}`;
}

function some(r: FuzzRandom, items: readonly string[], max: number): string {
  return Array.from({ length: r.int(0, max) }, () => r.pick(items)).join(' ');
}

function quoted(r: FuzzRandom, value: string): string {
  return value.includes(' ') || value.includes('"') || r.chance(0.2) ? `"${value.replaceAll('"', '')}"` : value;
}

/** One plausible command; its arguments are sometimes a little wrong. */
function commandLine(r: FuzzRandom): string {
  const p = r.pick(PRODUCERS);
  const c = r.pick(CONSUMERS);
  const topic = r.pick(TOPICS);
  const lines: Array<() => string> = [
    () => `create-topic ${topic} partitions=${r.chance(0.9) ? r.int(1, 8) : r.pick(WEIRD_NUMBERS)} ${some(r, TOPIC_CONFIGS, 2)}`,
    () => `producer ${p} ${some(r, PRODUCER_CONFIGS, 3)}`,
    () => `consumer ${c} ${some(r, CONSUMER_CONFIGS, 2)}`,
    () => `send ${p} ${topic} ${r.chance(0.7) ? `key=${quoted(r, r.pick(KEYS))}` : ''} value=${quoted(r, `v ${r.int(0, 99)}`)}${r.chance(0.1) ? ` partition=${r.pick(['0', '3', '-1', '99'])}` : ''}`,
    () => `send-async ${p} ${topic} key=${quoted(r, r.pick(KEYS))} value=x`,
    () => `stream ${p} ${topic} rate=${r.chance(0.9) ? r.int(1, 200) : r.pick(WEIRD_NUMBERS)}${r.chance(0.5) ? ` keys=${r.pick(KEYS)},${r.pick(KEYS)}` : ''}`,
    () => `stop-stream ${p}`,
    () => `assign ${c} ${r.chance(0.5) ? topic : `${tp(r)},${tp(r)}`}`,
    () => `seek ${c} ${tp(r)} ${r.pick(['beginning', 'end', '0', '3', '-1', '100000000000000000000', '9007199254740992'])}`,
    () => `poll ${c} timeout=${durationText(r)}`,
    () => `advance ${durationText(r)}`,
    () => `log ${tp(r)}`,
    () => `expect ${tp(r)} ${r.pick(['leo', 'hw', 'start', 'segments', 'constructor', '__proto__', 'valueOf'])}=${r.int(0, 5)}`,
    () => `${r.pick(['cut-link', 'heal-link'])} ${r.pick([...PRODUCERS, ...CONSUMERS])} broker-${r.int(0, 3)}`,
    () => `${r.pick(['crash-broker', 'power-off-broker', 'stop-broker', 'start-broker', 'start-broker'])} ${r.chance(0.9) ? r.int(0, 3) : r.pick(WEIRD_NUMBERS)}`,
    () => `${r.pick(['isolate', 'rejoin'])} ${r.chance(0.9) ? `broker-${r.int(0, 3)}` : r.pick(['broker-x', 'p1', 'broker-10'])}`,
    () => `${r.pick(['pause-broker', 'resume-broker'])} ${r.chance(0.9) ? r.int(0, 3) : r.pick(WEIRD_NUMBERS)}`,
    () => `slow-broker ${r.int(0, 3)} delay=${durationText(r)}`,
    () => `${r.pick(['cut-link', 'heal-link'])} broker-${r.int(0, 3)} ${r.pick(['zookeeper', `broker-${r.int(0, 3)}`])}`,
    () => `drop-messages broker-${r.int(0, 3)} ${r.pick(['zookeeper', `broker-${r.int(0, 3)}`, ...PRODUCERS])} rate=${r.pick(['0', '0.1', '0.5', '1', '2', 'x'])}`,
    () => `${r.chance(0.5) ? 'await ' : ''}${r.pick([`expect-acked ${r.pick(PRODUCERS)} lost=${r.int(0, 2)}`, `expect-consumed ${r.pick(CONSUMERS)} truncated=${r.int(0, 2)}`, `expect-invariants violations=${r.pick(['0', '1', '-1'])}`])}${r.chance(0.5) ? ` timeout=${durationText(r)}` : ''}`,
    () => `${r.chance(0.5) ? 'await ' : ''}${r.pick([`expect ${tp(r)} leader=${r.pick(['0', '1', 'none', 'x'])}`, `expect controller=${r.int(0, 3)}`, `expect-replica ${tp(r)} broker=${r.int(0, 3)} leo=${r.int(0, 5)}`])} ${r.chance(0.5) ? `timeout=${durationText(r)}` : ''}`,
    () => `delete-topic ${topic}`,
    () => `add-partitions ${topic} count=${r.chance(0.8) ? r.int(1, 10) : r.pick(WEIRD_NUMBERS)}`,
    () => `alter-config ${topic} ${some(r, TOPIC_CONFIGS, 2)} ${r.chance(0.3) ? '-segment.bytes' : ''}`,
    ...groupLines(r, c, topic),
  ];
  return r.pick(lines)();
}

const GROUPS = ['g', 'g2', ''];
const GROUP_STATES = ['Stable', 'Empty', 'PreparingRebalance', 'Rebalancing'];

/** Consumer-group lines: subscribe, commits, crashes, slow members, and their expectations. */
function groupLines(r: FuzzRandom, c: string, topic: string): Array<() => string> {
  const g = r.pick(GROUPS);
  return [
    () => `consumer ${c} group.id=${r.pick(GROUPS)} ${some(r, ['session.timeout.ms=6000', 'heartbeat.interval.ms=1000', 'max.poll.interval.ms=2000', 'partition.assignment.strategy=cooperative-sticky', 'partition.assignment.strategy=roundrobin', 'group.instance.id=i1', 'enable.auto.commit=false', 'session.timeout.ms=1'], 2)}`,
    () => `subscribe ${c} ${r.chance(0.8) ? topic : `${topic},${r.pick(TOPICS)}`}`,
    () => `commit ${c} ${r.pick(['sync', 'async', '', 'later'])}`,
    () => `${r.pick(['close', 'crash-consumer'])} ${c}`,
    () => `slow-consumer ${c} per-record=${durationText(r)}`,
    () => `${r.chance(0.5) ? 'await ' : ''}expect-group ${g} ${r.chance(0.7) ? `state=${r.pick(GROUP_STATES)}` : `generation=${r.pick(['0', '1', 'x'])}`} ${r.chance(0.3) ? `members=${c}` : ''}${r.chance(0.3) ? ' timeout=2s' : ''}`,
    () => `expect-committed ${g} ${tp(r)}=${r.pick(['0', '5', 'none', '-1'])}`,
    () => `describe-group ${g}`,
    () => `sink ${g} remedy=${r.pick(['none', 'dedupe-id', 'unique-constraint', 'version-check', 'magic'])}`,
    () => `expect-sink ${g} records=${r.int(0, 5)}`,
  ];
}

/** Break a good line: drop or add a quote, cut it short, repeat an option, splice in junk. */
function mutate(r: FuzzRandom, line: string): string {
  const at = r.int(0, line.length);
  switch (r.int(0, 5)) {
    case 0: return `${line.slice(0, at)}"${line.slice(at)}`;
    case 1: return line.slice(0, at);
    case 2: return `${line} ${line.split(' ').at(-1) ?? ''}`;
    case 3: return `${line.slice(0, at)}${r.pick(['=', '#', '\t', '\u{0}', '\u{202e}', '\u{dc00}', ' x=', '"" '])}${line.slice(at)}`;
    case 4: return `${line} ${r.pick(['extra', 'a=b', '-x', 'key=', '=v'])}`;
    default: return line.replaceAll(' ', r.pick(['  ', '\t', ' \u{3000}']));
  }
}

function labLine(r: FuzzRandom): string {
  const options = [`seed=${r.int(0, 1000)}`, `version=${r.pick(['2.4', '3.9', '3.9', '9.9'])}`, `brokers=${r.pick(['1', '3', '3', '0', '10'])}`];
  if (r.chance(0.3)) options.push(r.pick(['latency=80 jitter=20', 'latency=-1', 'colour=red']));
  return `lab ${options.filter(() => r.chance(0.8)).join(' ')}`;
}

export function generateScenario(seed: number): string {
  const r = new FuzzRandom(seed);
  const lines: string[] = [];
  if (r.chance(0.6)) lines.push(labLine(r));
  // A working start most of the time, so later lines reach the engine with real state.
  if (r.chance(0.8)) lines.push(`create-topic orders partitions=${r.int(1, 6)}`, `producer p1 ${some(r, PRODUCER_CONFIGS, 2)}`, 'consumer c1 auto.offset.reset=earliest');
  const count = r.int(3, 18);
  for (let i = 0; i < count; i++) {
    const roll = r.next();
    if (roll < 0.65) lines.push(commandLine(r));
    else if (roll < 0.85) lines.push(mutate(r, commandLine(r)));
    else if (roll < 0.95) lines.push(r.pick(GARBAGE));
    else lines.push(r.pick(['', '# a comment', `  # ${r.pick(KEYS)}`, '\r']));
  }
  return lines.join(r.chance(0.1) ? '\r\n' : '\n');
}

export interface FuzzOutcome {
  seed: number;
  threw: string | null;
  failures: string[];
  lines: string[];
  wallMs: number;
}

/** Runs one generated file; never lets an exception out, so the caller can check that none came. */
export async function runFuzzCase(seed: number): Promise<FuzzOutcome> {
  const started = performance.now();
  const source = generateScenario(seed);
  try {
    const result = await runScenario(source, { seed });
    return { seed, threw: null, failures: result.failures, lines: result.lines, wallMs: performance.now() - started };
  } catch (error) {
    const threw = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { seed, threw, failures: [], lines: [], wallMs: performance.now() - started };
  }
}

/** The worker imports this module on its own, so it initialises its own codecs. */
export async function prepareFuzz(): Promise<void> {
  const { initCodecs } = await import('../engine/record');
  await initCodecs();
}
