/**
 * IdbLogStore against raw batched IndexedDB puts, in headless Chromium with a fresh on-disk
 * profile per run (Playwright's default context keeps IndexedDB in memory, and a reused
 * profile builds up LevelDB compaction debt that would slow whichever run comes second).
 *
 *   npx tsx bench/idb.ts
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../scripts/browser.mjs';
import { build } from 'vite';
import type { BenchRun } from './idb-page/main';

export interface IdbBenchResult {
  storeRecordsPerSec: number;
  rawRecordsPerSec: number;
  /** store / raw; the target is ≥ 0.5. */
  ratio: number;
  storeMBPerSec: number;
  rawMBPerSec: number;
  totalMB: number;
  /** Every run's duration, to judge the noise. */
  storeRunsMs: number[];
  rawRunsMs: number[];
}

export interface IdbBenchOptions {
  /** 4096 batches of 16 KiB = 64 MiB per run. */
  totalBatches?: number;
  /** Runs of each kind; the median counts. */
  rounds?: number;
  executablePath?: string;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function runIdbBench(options: IdbBenchOptions = {}): Promise<IdbBenchResult> {
  const totalBatches = options.totalBatches ?? 4096;
  const rounds = options.rounds ?? 3;
  const workDir = await mkdtemp(join(tmpdir(), 'kafka-lab-idb-bench-'));
  const server = await servePage(workDir);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await selfCheckInBrowser(url, join(workDir, 'profile-self-check'), options.executablePath);
    const store: BenchRun[] = [];
    const raw: BenchRun[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first so neither always runs on a warmer machine.
      const order = round % 2 === 0 ? (['raw', 'store'] as const) : (['store', 'raw'] as const);
      for (const kind of order) {
        const run = await runInFreshProfile(url, kind, totalBatches, join(workDir, `profile-${round}-${kind}`), options.executablePath);
        (kind === 'store' ? store : raw).push(run);
      }
    }
    const s = median(store);
    const r = median(raw);
    return {
      storeRecordsPerSec: Math.round(s.records / (s.durationMs / 1000)),
      rawRecordsPerSec: Math.round(r.records / (r.durationMs / 1000)),
      ratio: r.durationMs / s.durationMs,
      storeMBPerSec: s.bytes / 1e6 / (s.durationMs / 1000),
      rawMBPerSec: r.bytes / 1e6 / (r.durationMs / 1000),
      totalMB: s.bytes / 1e6,
      storeRunsMs: store.map((run) => Math.round(run.durationMs)),
      rawRunsMs: raw.map((run) => Math.round(run.durationMs)),
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Refuses to time a store that does not store correctly in this browser. */
async function selfCheckInBrowser(url: string, profileDir: string, executablePath?: string): Promise<void> {
  const problems = await inFreshProfile(url, profileDir, executablePath, (page) =>
    page.evaluate(() => Promise.all([1, 2, 3].map((seed) => window.idbBench.selfCheck(seed)))),
  );
  const failed = problems.filter((p) => p !== null);
  if (failed.length > 0) throw new Error(`IdbLogStore self-check failed in Chromium: ${failed.join('; ')}`);
}

function runInFreshProfile(url: string, kind: 'store' | 'raw', totalBatches: number, profileDir: string, executablePath?: string): Promise<BenchRun> {
  return inFreshProfile(url, profileDir, executablePath, (page) =>
    page.evaluate(([k, n]) => (k === 'store' ? window.idbBench.runStore(n) : window.idbBench.runRaw(n)), [kind, totalBatches] as const),
  );
}

async function inFreshProfile<T>(url: string, profileDir: string, executablePath = findChromium(), task: (page: Page) => Promise<T>): Promise<T> {
  const context = await chromium.launchPersistentContext(profileDir, { headless: true, executablePath, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => 'idbBench' in window);
    return await task(page);
  } finally {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

/** Bundles bench/idb-page (IdbLogStore included) and serves it from 127.0.0.1 on a free port. */
async function servePage(workDir: string): Promise<Server> {
  const outDir = join(workDir, 'page');
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./idb-page/', import.meta.url)),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
  });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const path = request.url === '/' ? '/index.html' : (request.url ?? '/');
    readFile(join(outDir, path.replace(/\.\.+/g, '')))
      .then((body) => response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body))
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function median(runs: BenchRun[]): BenchRun {
  return [...runs].sort((a, b) => a.durationMs - b.durationMs)[Math.floor(runs.length / 2)]!;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runIdbBench();
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`IndexedDB, ${result.totalMB.toFixed(0)} MB of 100-byte records in 16 KiB batches, 3 brokers × 12 partitions`);
  console.log(`  IdbLogStore: ${f(result.storeRecordsPerSec)} records/s (${result.storeMBPerSec.toFixed(0)} MB/s)`);
  console.log(`  raw idb:     ${f(result.rawRecordsPerSec)} records/s (${result.rawMBPerSec.toFixed(0)} MB/s)`);
  console.log(`  ratio:       ${(result.ratio * 100).toFixed(0)}% of raw (target ≥ 50%)`);
  console.log(`  runs (ms):   store ${result.storeRunsMs.join(', ')}; raw ${result.rawRunsMs.join(', ')}`);
}
