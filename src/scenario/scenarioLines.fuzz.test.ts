/**
 * Scenario-lines fuzz: seeded random scenario files (valid and broken lines, odd quoting, huge
 * numbers, unknown options, unicode) through runScenario. Invariants: it never throws, never
 * hangs, every failure starts with "line N:" naming a line of the file, and the same seed gives
 * the same trace twice.
 *
 * FUZZ_RUNS=1000 (`npm run fuzz`) for a long run; FUZZ_SEED=<n> runs that one seed (reproduce a
 * failure); FUZZ_SEED_BASE=<n> starts somewhere else. The cases run in a worker thread so that a
 * simulation stuck in a loop that never yields can still be stopped and its seed reported.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { generateScenario, type FuzzOutcome } from './scenarioFuzz';

const RUNS = wholeEnv('FUZZ_RUNS', 30);
const BASE = wholeEnv('FUZZ_SEED_BASE', 1);
const ONLY = process.env['FUZZ_SEED'] === undefined ? undefined : wholeEnv('FUZZ_SEED', 0);
const SEEDS = ONLY !== undefined ? [ONLY] : Array.from({ length: RUNS }, (_, i) => BASE + i);
/** A bad FUZZ_RUNS must not turn into zero runs that pass. */
function wholeEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** A case (run twice) that sends nothing for this long is stuck. Generous: 8 helpers share 2 cores. */
const HANG_MS = 60_000;

interface CaseReport {
  outcome: FuzzOutcome;
  sameTwice: boolean;
  hung?: boolean;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { tsImport } = await import('tsx/esm/api');
  const fuzz = await tsImport(workerData.module, workerData.module);
  await fuzz.prepareFuzz();
  for (const seed of workerData.seeds) {
    parentPort.postMessage({ type: 'start', seed });
    const first = await fuzz.runFuzzCase(seed);
    const second = await fuzz.runFuzzCase(seed);
    const sameTwice = JSON.stringify([first.lines, first.failures, first.threw]) === JSON.stringify([second.lines, second.failures, second.threw]);
    parentPort.postMessage({ type: 'case', report: { outcome: { ...first, lines: [] }, sameTwice } });
  }
  parentPort.postMessage({ type: 'end' });
})().catch((error) => parentPort.postMessage({ type: 'crash', message: String(error && error.stack || error) }));
`;

/** Runs every seed; a seed that hangs is reported as hung and the rest go on in a fresh worker. */
async function runCases(seeds: readonly number[]): Promise<CaseReport[]> {
  const reports: CaseReport[] = [];
  let remaining = [...seeds];
  while (remaining.length > 0) {
    const { done, hungSeed } = await runInWorker(remaining);
    reports.push(...done);
    remaining = remaining.slice(done.length);
    if (hungSeed === null) break;
    reports.push({ outcome: { seed: hungSeed, threw: null, failures: [], lines: [], wallMs: HANG_MS }, sameTwice: true, hung: true });
    remaining = remaining.slice(1);
  }
  return reports;
}

function runInWorker(seeds: readonly number[]): Promise<{ done: CaseReport[]; hungSeed: number | null }> {
  return new Promise((resolve, reject) => {
    const module = new URL('./scenarioFuzz.ts', import.meta.url).href;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, seeds } });
    const done: CaseReport[] = [];
    let current: number | null = null;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (hungSeed: number | null): void => {
      clearTimeout(watchdog);
      void worker.terminate();
      resolve({ done, hungSeed });
    };
    const arm = (): void => {
      clearTimeout(watchdog);
      // A simulation spinning in one synchronous loop never answers: stop the worker, blame the seed.
      watchdog = setTimeout(() => (current === null ? reject(new Error('the fuzz worker did not start')) : finish(current)), HANG_MS);
    };
    worker.on('message', (message: { type: string; seed?: number; report?: CaseReport; message?: string }) => {
      arm();
      if (message.type === 'start') current = message.seed ?? null;
      else if (message.type === 'case') done.push(message.report!);
      else if (message.type === 'crash') reject(new Error(`the fuzz worker crashed: ${message.message}`));
      else finish(null);
    });
    worker.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
    arm();
  });
}

/** Everything wrong with one case, as sentences; empty when it held every invariant. */
function violations(report: CaseReport): string[] {
  const { outcome, sameTwice } = report;
  const problems: string[] = [];
  if (report.hung) return [`hung: no result after ${HANG_MS / 1000} s (the runner bounds every command in simulated time, so something ran without letting time pass)`];
  if (outcome.threw !== null) problems.push(`runScenario threw: ${outcome.threw}`);
  if (!sameTwice) problems.push('the same seed printed a different trace the second time');
  const lineCount = generateScenario(outcome.seed).split(/\r?\n|\r/).length;
  for (const failure of outcome.failures) {
    const match = /^line (\d+): \S/.exec(failure);
    if (!match) problems.push(`failure without "line N:": ${JSON.stringify(failure)}`);
    else if (Number(match[1]) < 1 || Number(match[1]) > lineCount) problems.push(`failure names line ${match[1]} of a ${lineCount}-line file`);
    if (failure.includes('\n')) problems.push(`failure is more than one line: ${JSON.stringify(failure)}`);
    if (/\[native code\]|at .*\.ts:\d+/.test(failure)) problems.push(`failure leaks internals: ${JSON.stringify(failure)}`);
  }
  return problems;
}

describe('scenario lines fuzz', () => {
  it('generates the same file for the same seed', () => {
    expect(generateScenario(7)).toBe(generateScenario(7));
    expect(generateScenario(7)).not.toBe(generateScenario(8));
  });

  it('notices a failure without its line number, a bad line number and a changed trace', () => {
    const outcome: FuzzOutcome = { seed: 1, threw: null, failures: ['oops', 'line 999: far away'], lines: [], wallMs: 0 };
    const lineCount = generateScenario(1).split(/\r?\n|\r/).length;
    expect(violations({ outcome, sameTwice: false })).toEqual([
      'the same seed printed a different trace the second time',
      'failure without "line N:": "oops"',
      `failure names line 999 of a ${lineCount}-line file`,
    ]);
    expect(violations({ outcome: { ...outcome, failures: ['line 1: fine'] }, sameTwice: true })).toEqual([]);
  });

  it(`runs ${SEEDS.length} random scenario file(s) without a throw, a hang, an unnumbered failure or a changed trace`, async () => {
    const reports = await runCases(SEEDS);
    expect(reports.map((r) => r.outcome.seed)).toEqual(SEEDS);
    const bad = reports.flatMap((report) => {
      const problems = violations(report);
      if (problems.length === 0) return [];
      const seed = report.outcome.seed;
      return [`seed ${seed} (reproduce with FUZZ_SEED=${seed}):\n  ${problems.join('\n  ')}\n--- scenario ---\n${generateScenario(seed)}\n---`];
    });
    if (bad.length > 0) console.error(bad.join('\n\n'));
    expect(bad).toEqual([]);
  }, SEEDS.length * HANG_MS + 30_000);
});
