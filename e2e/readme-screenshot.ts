/**
 * Makes docs/screenshot.png for the README (not a test): the lab mid-stream at 1600×900, a
 * Produce request halfway to its partition leader, that partition's log with a few rolled
 * segments, the event log underneath.
 *
 *   npx tsx e2e/readme-screenshot.ts [out.png]
 *
 * Starts its own Vite server on a free port and a fresh Chromium profile; the lab's seed
 * (42) and simulated time make the picture the same every run, up to a few ms of wall time.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { CHROMIUM_LAUNCH } from '../playwright.config';

const OUT = process.argv[2] ?? 'docs/screenshot.png';
const VIEWPORT = { width: 1600, height: 900 };
/** Simulated time to stream before the picture: enough for a few 1 KiB segments to roll. */
const STREAM_MS = 16_000;

const server = await createServer({ mode: 'test', logLevel: 'error', server: { port: 5199, strictPort: false } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5199/';
const profile = mkdtempSync(join(tmpdir(), 'kafka-lab-shot-'));
const context = await chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH, headless: true, viewport: VIEWPORT });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => window.__kafkaLab !== undefined);
  await page.evaluate(() => window.__kafkaLab!.ready);
  await page.evaluate(() => window.__kafkaLab!.pause());
  await page.getByRole('button', { name: 'Start producing' }).click();
  await page.evaluate(() => window.__kafkaLab!.pause());
  await page.evaluate((ms) => window.__kafkaLab!.advance(ms), STREAM_MS);

  // The fullest partition's log, and the next Produce request to it caught halfway.
  const tp = await page.evaluate(() => {
    const topic = window.__kafkaLab!.snapshot().topics.find((t) => t.name === 'orders')!;
    return topic.partitions.reduce((a, b) => ((b.log?.logEndOffset ?? 0) > (a.log?.logEndOffset ?? 0) ? b : a)).tp;
  });
  await page.evaluate((t) => window.__kafkaLab!.selectPartition(t), tp);
  await page.evaluate(
    (t) =>
      window.__kafkaLab!.runUntil(
        (lab) =>
          [...lab.network.inFlight()].some((e) => {
            if (e.apiKey !== 'Produce' || e.direction !== 'request') return false;
            const body = e.body as { topicData: { topic: string; partitionData: { partition: number }[] }[] };
            return `${body.topicData[0]!.topic}-${body.topicData[0]!.partitionData[0]!.partition}` === t;
          }),
        10_000,
      ),
    tp,
  );
  await page.evaluate(() => {
    const lab = window.__kafkaLab!.lab;
    const e = [...lab.network.inFlight()].find((m) => m.apiKey === 'Produce' && m.direction === 'request')!;
    return window.__kafkaLab!.advance(e.sendTimeMs + (e.arriveTimeMs - e.sendTimeMs) * 0.55 - lab.kernel.nowMs);
  });
  // Let the log strip's CSS transitions (cells sliding, markers gliding) finish.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT} (${VIEWPORT.width}×${VIEWPORT.height}, ${tp})`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
}
