/**
 * `npm run soak -- --schedules N --seed S [--unsafe | --mode M]`: run N fault schedules (seeds
 * S, S+1, …) and report what the guarantees checker found. The last line is always
 * `N schedules, V invariant violations, L lost acknowledged records`. Exit code 1 when a safe run
 * finds a violation or a lost record (an unsafe run reports and exits 0), 2 for a usage error.
 *
 * `npm run soak -- --replay S [--mode M] [--events] [--lab FILE]` runs one schedule again and
 * prints it fault by fault, with the engine's event log (--events) or as a `.lab` file.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatEvent } from '../engine/kernel';
import { initCodecs } from '../engine/record';
import { describeResult, formatSchedule, isFailure, runSchedule, type SimOptions } from './harness';
import { isSimMode, SIM_MODES, UNSAFE_MODES, type SimMode } from './modes';

const USAGE = 'usage: npm run soak -- --schedules N --seed S [--unsafe | --mode safe|acks1|unclean|hw-truncation] [--fault-seconds F] [--rate R] [--check-ms C] [--version 3.9|2.4] [--early-restart]\n       npm run soak -- --replay S [--mode M] [--events] [--lab out.lab]';
/** Failures printed in full (the rest are counted). */
const SHOWN = 5;

export interface SoakIo {
  out(line: string): void;
  err(line: string): void;
  /** Wall-clock milliseconds, for the progress lines only (the simulation never reads it). */
  wallMs(): number;
  /** CPU milliseconds this process used (steadier than wall time on a shared machine). */
  cpuMs(): number;
  writeFile(path: string, text: string): void;
}

interface SoakArgs {
  schedules: number;
  seed: number;
  /** Modes run in turn: schedule i uses modes[i % modes.length]. */
  modes: SimMode[];
  unsafe: boolean;
  replay: number | null;
  events: boolean;
  labFile: string | null;
  options: Partial<SimOptions>;
}

export async function runSoak(argv: readonly string[], io: SoakIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(args);
    io.err(USAGE);
    return 2;
  }
  await initCodecs();
  if (args.replay !== null) return replay(args, args.replay, io);
  const started = io.wallMs();
  const startedCpu = io.cpuMs();
  let violations = 0;
  let lost = 0;
  let failing = 0;
  let unsettled = 0;
  let truncated = 0;
  let unconsumed = 0;
  const byMode = new Map<SimMode, { runs: number; lost: number; violations: number; failing: number }>();
  const every = Math.max(1, Math.round(args.schedules / 10));
  io.out(`soak: ${args.schedules} schedules from seed ${args.seed}, mode${args.modes.length > 1 ? 's' : ''} ${args.modes.join(', ')}`);
  const wall: number[] = [];
  const totals = { simulatedMs: 0, steps: 0, faults: 0, acked: 0 };
  for (let i = 0; i < args.schedules; i++) {
    const seed = args.seed + i;
    const mode = args.modes[i % args.modes.length]!;
    const before = io.wallMs();
    const result = runSchedule({ ...args.options, seed, mode });
    wall.push(io.wallMs() - before);
    totals.simulatedMs += result.simulatedMs;
    totals.steps += result.steps;
    totals.faults += result.faults.length;
    totals.acked += result.acked;
    violations += result.violations.length;
    lost += result.lostAcked;
    truncated += result.truncatedConsumed;
    unconsumed += result.unconsumedAcked;
    if (result.unsettled) unsettled++;
    const stats = byMode.get(mode) ?? { runs: 0, lost: 0, violations: 0, failing: 0 };
    stats.runs++;
    stats.lost += result.lostAcked;
    stats.violations += result.violations.length;
    if (isFailure(result)) {
      stats.failing++;
      failing++;
      if (failing <= SHOWN) for (const line of [...describeResult(result), `  replay: npm run soak -- --replay ${seed} --mode ${mode}${replayFlags(argv)}`]) io.out(line);
    }
    byMode.set(mode, stats);
    if ((i + 1) % every === 0 || i + 1 === args.schedules) {
      const ms = (io.wallMs() - started) / (i + 1);
      const cpu = (io.cpuMs() - startedCpu) / (i + 1);
      io.out(`  ${i + 1}/${args.schedules} schedules: ${failing} failing, ${violations} invariant violations, ${lost} lost acknowledged, ${truncated} truncated consumed, ${unconsumed} acked never consumed, ${unsettled} not settled; ${ms.toFixed(1)} ms wall (${cpu.toFixed(1)} ms CPU) per schedule`);
    }
  }
  if (args.modes.length > 1) {
    for (const [mode, s] of byMode) io.out(`  ${mode}: ${s.failing} of ${s.runs} schedules failed (${s.lost} lost acknowledged, ${s.violations} invariant violations)`);
  }
  if (failing > SHOWN) io.out(`  (${failing - SHOWN} more failing schedules not shown)`);
  const sorted = [...wall].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const n = args.schedules;
  io.out(`  per schedule: ${at(0.5).toFixed(1)} ms wall median, ${at(0.95).toFixed(1)} ms p95, ${((io.cpuMs() - startedCpu) / n).toFixed(1)} ms CPU mean; ${(totals.simulatedMs / n / 1000).toFixed(1)} s simulated, ${Math.round(totals.steps / n)} engine events, ${(totals.faults / n).toFixed(1)} faults, ${Math.round(totals.acked / n)} acknowledged records`);
  io.out(`${args.schedules} schedules, ${violations} invariant violations, ${lost} lost acknowledged records`);
  return !args.unsafe && (violations > 0 || lost > 0) ? 1 : 0;
}

/** The schedule-shaping flags a replay needs to rebuild the same schedule. */
function replayFlags(argv: readonly string[]): string {
  const keep: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!;
    if (name === '--early-restart') keep.push(arg);
    else if (['--fault-seconds', '--rate', '--version', '--check-ms'].includes(name)) keep.push(arg.includes('=') ? arg : `${arg} ${argv[++i] ?? ''}`);
  }
  return keep.length > 0 ? ` ${keep.join(' ')}` : '';
}

function replay(args: SoakArgs, seed: number, io: SoakIo): number {
  const mode = args.modes[0]!;
  const result = runSchedule({ ...args.options, seed, mode });
  io.out(`replay of seed ${seed}, mode ${mode}: ${result.faults.length} faults`);
  for (const line of formatSchedule(result.faults)) io.out(line);
  if (args.events) {
    const log = result.lab.kernel.log;
    for (const event of log.slice(log.firstRetainedSeq, log.count)) io.out(formatEvent(event));
  }
  for (const line of describeResult(result)) io.out(line);
  if (args.labFile !== null) {
    io.writeFile(args.labFile, result.scenario);
    io.out(`wrote ${args.labFile}: npm run lab -- ${args.labFile} replays it`);
  }
  io.out(`1 schedules, ${result.violations.length} invariant violations, ${result.lostAcked} lost acknowledged records`);
  return mode === 'safe' && isFailure(result) ? 1 : 0;
}

function parseArgs(argv: readonly string[]): SoakArgs | string {
  const args: SoakArgs = { schedules: 100, seed: 1, modes: ['safe'], unsafe: false, replay: null, events: false, labFile: null, options: {} };
  let mode: SimMode | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    const whole = (what: string, min: number, max: number): number | string => {
      const text = value();
      if (text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) return `${name} needs a whole number from ${min} to ${max} (${what})`;
      return Number(text);
    };
    let n: number | string;
    switch (name) {
      case '--schedules':
        if (typeof (n = whole('how many schedules', 1, 10_000_000)) === 'string') return n;
        args.schedules = n;
        break;
      case '--seed':
        if (typeof (n = whole('the first seed', 0, 0xffffffff)) === 'string') return n;
        args.seed = n;
        break;
      case '--replay':
        if (typeof (n = whole('the seed to run again', 0, 0xffffffff)) === 'string') return n;
        args.replay = n;
        break;
      case '--fault-seconds':
        if (typeof (n = whole('simulated seconds of faults per schedule', 1, 3600)) === 'string') return n;
        args.options.faultPhaseMs = n * 1000;
        break;
      case '--check-ms':
        if (typeof (n = whole('simulated ms between two looks of the checker', 1, 60_000)) === 'string') return n;
        args.options.checkEveryMs = n;
        break;
      case '--rate':
        if (typeof (n = whole('records per second', 1, 1000)) === 'string') return n;
        args.options.recordsPerSecond = n;
        break;
      case '--unsafe':
        args.unsafe = true;
        break;
      case '--version': {
        const text = value();
        if (text !== '3.9' && text !== '2.4') return '--version is 3.9 or 2.4 (the Kafka version profile)';
        args.options.kafkaVersion = text;
        break;
      }
      case '--early-restart':
        // Start crashed and powered-off brokers before their ZooKeeper session expired (Kafka cannot; the lab can).
        args.options.planner = { ...args.options.planner, earlyRestart: true };
        break;
      case '--mode': {
        const text = value() ?? '';
        if (!isSimMode(text)) return `--mode is one of ${SIM_MODES.join(', ')}`;
        mode = text;
        break;
      }
      case '--events':
        args.events = true;
        break;
      case '--lab': {
        const file = value();
        if (!file) return '--lab needs a file name';
        args.labFile = file;
        break;
      }
      default:
        return `unknown option ${arg}`;
    }
  }
  if (mode !== null) {
    args.modes = [mode];
    if (mode !== 'safe') args.unsafe = true;
  } else if (args.unsafe) args.modes = [...UNSAFE_MODES];
  if (args.seed + args.schedules - 1 > 0xffffffff) return 'the seeds run past 4294967295: use a smaller --seed or fewer --schedules';
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSoak(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    wallMs: () => performance.now(),
    cpuMs: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    writeFile: (path, text) => writeFileSync(path, text),
  }).then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    console.error(`soak stopped with an internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
