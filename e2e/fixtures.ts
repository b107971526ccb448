/**
 * The `lab` fixture: typed helpers over `window.__kafkaLab`, so tests move simulated time
 * instead of sleeping. Every test gets a persistent Chromium profile in a fresh directory
 * (default contexts are incognito, where IndexedDB lives in memory).
 */
import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, CHROMIUM_LAUNCH } from '../playwright.config';
import type { LabSnapshot } from '../src/engine/snapshot';
import type { StoredBatchLocation } from '../src/runtime/testApi';

export const SCREENSHOT_DIR = 'test-results/screens';

export class LabPage {
  constructor(readonly page: Page) {}

  /** Load the app and wait until the lab runs (or the page shows why it cannot). */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await this.page.waitForFunction(() => window.__kafkaLab !== undefined);
    await this.page.evaluate(() => window.__kafkaLab!.ready);
    await expect(this.page.getByRole('heading', { name: 'Kafka Lab' })).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitReady();
  }

  pause(): Promise<void> {
    return this.page.evaluate(() => window.__kafkaLab!.pause());
  }

  play(): Promise<void> {
    return this.page.evaluate(() => window.__kafkaLab!.play());
  }

  /** Advance simulated time by `ms` (while paused) and wait for React to render it. */
  advance(ms: number): Promise<void> {
    return this.page.evaluate((n) => window.__kafkaLab!.advance(n), ms);
  }

  step(): Promise<boolean> {
    return this.page.evaluate(() => window.__kafkaLab!.step());
  }

  snapshot(): Promise<LabSnapshot> {
    return this.page.evaluate(() => window.__kafkaLab!.snapshot());
  }

  nowMs(): Promise<number> {
    return this.page.evaluate(() => window.__kafkaLab!.nowMs());
  }

  flush(): Promise<void> {
    return this.page.evaluate(() => window.__kafkaLab!.flush());
  }

  corruptStoredBatch(at: StoredBatchLocation): Promise<void> {
    return this.page.evaluate((loc) => window.__kafkaLab!.corruptStoredBatch(loc), at);
  }

  /** Stop as if the tab crashed: no clean shutdown, so the next start runs log recovery. */
  crash(): Promise<void> {
    return this.page.evaluate(() => window.__kafkaLab!.crash());
  }

  /** Step simulated time until `topic` holds at least `count` records (max `maxMs`). */
  runUntilRecords(topic: string, count: number, maxMs = 60_000): Promise<boolean> {
    return this.page.evaluate(
      ([t, n, max]) =>
        window.__kafkaLab!.runUntil((lab) => {
          const view = lab.snapshot().topics.find((x) => x.name === t);
          return (view?.partitions.reduce((sum, p) => sum + (p.log?.logEndOffset ?? 0), 0) ?? 0) >= n;
        }, max),
      [topic, count, maxMs] as const,
    );
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  }

  /** Show `tp`'s log in the partition log strip. */
  selectPartition(tp: string): Promise<void> {
    return this.page.evaluate((t) => window.__kafkaLab!.selectPartition(t), tp);
  }

  /** Open a sidebar tab by name. */
  async tab(name: 'Producer' | 'Consumer' | 'Topics' | 'Brokers'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
}

interface Fixtures {
  userDataDir: string;
  lab: LabPage;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-lab-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir }, use) => {
    const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
      ...CHROMIUM_LAUNCH,
      headless: true,
      viewport: { width: 1280, height: 720 },
      baseURL: BASE_URL,
    });
    await use(context);
    await context.close();
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await use(page);
  },
  lab: async ({ page }, use) => {
    await use(new LabPage(page));
  },
});

export { expect };

/** Sum of log end offsets of a topic in a snapshot. */
export function recordCount(snapshot: LabSnapshot, topic: string): number {
  const view = snapshot.topics.find((t) => t.name === topic);
  return view?.partitions.reduce((n, p) => n + (p.log?.logEndOffset ?? 0), 0) ?? 0;
}
