/**
 * Browser frame benchmark: the production app (built with `--mode test` so `window.__kafkaLab`
 * exists) served by `vite preview`, driven in headless Chromium at 1280×720. Each case sets up
 * a workload through the test API, lets it warm up, then records for MEASURE_MS of wall time:
 * frame times (requestAnimationFrame deltas), long tasks, the real speed simulated time
 * reached and the JS heap. The reload case fills a topic with ~200k records in ~12.6k small
 * segments and times a reload until the page is responsive.
 *
 *   npm run bench -- frames            (all cases)
 *   npx tsx bench/frames.ts 6p-100x    (cases whose name contains an argument)
 *   BENCH_FRAMES_PROFILE=/tmp/prof npx tsx bench/frames.ts 60p   (and a CPU profile of each)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { findChromium } from '../scripts/browser.mjs';
import { FRAME_PROBE, RELOAD_PROBE, setupScript, type FrameProbeResult, type Workload } from './framesPage';

export const PREVIEW_PORT = Number(process.env['KAFKA_LAB_BENCH_PORT'] ?? 4218);
const MEASURE_MS = Number(process.env['BENCH_FRAMES_MS'] ?? 20_000);
/** A directory: write a CPU profile of each case's measurement there (the build is then not minified). */
const PROFILE_DIR = process.env['BENCH_FRAMES_PROFILE'];
/** A directory: write a Chrome trace of each case's measurement there (style, layout, paint, GC per frame). */
const TRACE_DIR = process.env['BENCH_FRAMES_TRACE'];
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'];
const WARMUP_MS = 3_000;
const RELOAD_RECORDS = Number(process.env['BENCH_RELOAD_RECORDS'] ?? 200_000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info',
];

export interface FrameCase {
  name: string;
  label: string;
  workload: Workload;
}

export const FRAME_CASES: readonly FrameCase[] = [
  { name: '6p-1000-100x', label: '6 partitions × RF 3 (the ready topic), 1,000 rec/s, 100×', workload: { brokers: 3, partitions: 6, recordsPerSecond: 1000, speed: 100 } },
  { name: '60p-1000-10x', label: '60 partitions, 1,000 rec/s, 10×', workload: { brokers: 3, partitions: 60, recordsPerSecond: 1000, speed: 10 } },
  { name: '60p-1000-100x', label: '60 partitions, 1,000 rec/s, 100×', workload: { brokers: 3, partitions: 60, recordsPerSecond: 1000, speed: 100 } },
  { name: '5b60p-2000-10x', label: '5 brokers × 60 partitions, 2,000 rec/s, 10×', workload: { brokers: 5, partitions: 60, recordsPerSecond: 2000, speed: 10 } },
  { name: '5b30p-rf3-2000-10x', label: '5 brokers × 30 partitions × RF 3, 2,000 rec/s, 10×', workload: { brokers: 5, partitions: 30, recordsPerSecond: 2000, speed: 10, replicationFactor: 3 } },
  { name: '5b30p-rf3-groups-2000-10x', label: '5 brokers × 30 partitions × RF 3, 3 groups × 6 members, 2,000 rec/s, 10×', workload: { brokers: 5, partitions: 30, recordsPerSecond: 2000, speed: 10, replicationFactor: 3, groups: { count: 3, members: 6 } } },
];

export interface FrameCaseResult extends FrameProbeResult {
  name: string;
  label: string;
}

export interface ReloadResult {
  records: number;
  segments: number;
  /** Navigation start → `__kafkaLab.ready` resolved. */
  readyMs: number;
  /** Navigation start → the first of 10 consecutive frames each under 50 ms after ready. */
  responsiveMs: number;
}

export interface FramesBenchResult {
  cases: FrameCaseResult[];
  reload: ReloadResult | null;
  machine: string;
}

export async function runFramesBench(filters: readonly string[] = []): Promise<FramesBenchResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'kafka-lab-frames-'));
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  try {
    await build({ root: ROOT, mode: 'test', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, minify: PROFILE_DIR === undefined } });
    server = await preview({ root: ROOT, mode: 'test', logLevel: 'warn', build: { outDir }, preview: { port: PREVIEW_PORT, strictPort: true, open: false } });
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found: run `npm run ensure-browser` first.');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const url = `http://localhost:${PREVIEW_PORT}/`;
    const wanted = (name: string) => filters.length === 0 || filters.some((f) => name.includes(f));
    const cases: FrameCaseResult[] = [];
    for (const c of FRAME_CASES) {
      if (!wanted(c.name)) continue;
      const result = await runCase(browser, url, c);
      cases.push(result);
      console.log(formatCase(result));
    }
    const reload = wanted('reload') ? await runReload(browser, url) : null;
    if (reload) console.log(formatReload(reload));
    return { cases, reload, machine: machineLine() };
  } finally {
    await browser?.close();
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

async function freshPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction('window.__kafkaLab !== undefined');
  await page.evaluate('window.__kafkaLab.ready');
  return page;
}

async function runCase(browser: Browser, url: string, c: FrameCase): Promise<FrameCaseResult> {
  let page = await freshPage(browser, url);
  if (c.workload.brokers !== 3) page = await restartWithBrokers(page, c.workload.brokers);
  await page.evaluate(setupScript(c.workload));
  await page.waitForTimeout(WARMUP_MS);
  const profiler = PROFILE_DIR === undefined ? null : await startProfile(page);
  if (TRACE_DIR !== undefined) await browser.startTracing(page, { path: join(TRACE_DIR, `${c.name}.trace.json`), categories: TRACE_CATEGORIES });
  const probe = (await page.evaluate(FRAME_PROBE(MEASURE_MS, c.workload.speed))) as FrameProbeResult;
  if (profiler) await profiler.stop(join(PROFILE_DIR!, `${c.name}.cpuprofile`));
  if (TRACE_DIR !== undefined) await browser.stopTracing();
  await page.context().close();
  return { name: c.name, label: c.label, ...probe };
}

/**
 * The app starts with 3 brokers; a lab restarted from storage keeps the broker count in its
 * meta. Until Reset offers a broker count, set it there and reload (the lab restarts with the
 * stored topics and the extra, empty brokers).
 */
async function restartWithBrokers(page: Page, brokers: number): Promise<Page> {
  await page.evaluate(`(async () => {
    const api = window.__kafkaLab;
    api.pause();
    if (api.runtime.setBrokerCountForBench) api.runtime.setBrokerCountForBench(${brokers});
    else api.runtime.brokerCount = ${brokers};
    await api.flush();
  })()`);
  await page.reload();
  await page.waitForFunction('window.__kafkaLab !== undefined');
  await page.evaluate('window.__kafkaLab.ready');
  const count = (await page.evaluate('window.__kafkaLab.lab.brokers.length')) as number;
  if (count !== brokers) throw new Error(`expected ${brokers} brokers after the restart, got ${count}`);
  return page;
}

async function runReload(browser: Browser, url: string): Promise<ReloadResult> {
  const page = await freshPage(browser, url);
  // 1 KiB segments of ~16 records at a rate small segments accept (larger batches would not fit).
  const filled = (await page.evaluate(`(async () => {
    const api = window.__kafkaLab;
    api.pause();
    const lab = api.lab;
    const topic = 'reload';
    await api.runtime.command(() => lab.admin.createTopic({ name: topic, partitions: 6, replicationFactor: 1, configs: { 'segment.bytes': '1024' } }));
    await api.runUntil((l) => l.allPartitionsServing() && l.network.inFlightCount === 0, 30000);
    const producer = lab.producers()[0];
    producer.startStream({ topic, recordsPerSecond: 400, keys: Array.from({ length: 1000 }, (_, i) => 'key-' + i) });
    const total = () => api.snapshot().topics.find((t) => t.name === topic).partitions.reduce((n, p) => n + (p.log ? p.log.logEndOffset : 0), 0);
    while (total() < ${RELOAD_RECORDS}) { await api.advance(20000); await api.flush(); }
    producer.stopStream();
    await api.advance(1000);
    await api.flush();
    const parts = api.snapshot().topics.find((t) => t.name === topic).partitions;
    return { records: total(), segments: parts.reduce((n, p) => n + (p.log ? p.log.segments.length : 0), 0) };
  })()`)) as { records: number; segments: number };
  await page.evaluate(`sessionStorage.setItem('kafka-lab-bench-reload', '1')`);
  await page.addInitScript(RELOAD_PROBE);
  const profiler = PROFILE_DIR === undefined ? null : await startProfile(page);
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction('window.__benchReload && window.__benchReload.done', undefined, { timeout: 300_000, polling: 200 });
  if (profiler) await profiler.stop(join(PROFILE_DIR!, 'reload.cpuprofile'));
  const timing = (await page.evaluate('window.__benchReload')) as { readyMs: number; responsiveMs: number };
  await page.context().close();
  return { ...filled, readyMs: timing.readyMs, responsiveMs: timing.responsiveMs };
}

/** CPU profile through the DevTools protocol; `stop` writes it and prints the top functions by self time. */
async function startProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      console.log(`    profile ${file}`);
      for (const line of topSelfTime(profile as CpuProfile, 15)) console.log(`      ${line}`);
    },
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function topSelfTime(profile: CpuProfile, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const cf = byId.get(id)!.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop() ?? ''}:${cf.lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
}

function machineLine(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${load}, ${new Date().toISOString()}`;
}

export function formatCase(r: FrameCaseResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `  ${r.label}`,
    `    frames ${r.frames} (${r.fps.toFixed(1)} fps)  p50 ${ms(r.p50Ms)}  p95 ${ms(r.p95Ms)}  p99 ${ms(r.p99Ms)}  max ${ms(r.maxMs)}`,
    `    long tasks ${r.longTasks} (max ${ms(r.longTaskMaxMs)})  real speed ${r.realSpeed.toFixed(1)}× of ${r.speed}×  heap ${r.heapMB.toFixed(0)} MB`,
    `    records acked ${r.acked.toLocaleString('en')}, failed ${r.failed.toLocaleString('en')}, segments ${r.segments.toLocaleString('en')}${r.shownSpeed ? `, shown "${r.shownSpeed}"` : ''}`,
  ].join('\n');
}

export function formatReload(r: ReloadResult): string {
  return `  reload with ${r.records.toLocaleString('en')} records in ${r.segments.toLocaleString('en')} segments: ready after ${(r.readyMs / 1000).toFixed(2)} s, responsive after ${(r.responsiveMs / 1000).toFixed(2)} s`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log('Browser frames (production build, headless Chromium, 1280×720)');
  runFramesBench(process.argv.slice(2))
    .then((r) => console.log(`  machine: ${r.machine}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
