/**
 * The production build, as it ships (no test API): the entry chunk loads the engine's chunk and
 * the lab starts. Chunk-level bugs (an import cycle with a top-level await left the page on
 * "Starting Kafka Lab…" for ever) only show here: the other specs run the dev server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { expect, test } from './fixtures';
import { E2E_PORT } from '../playwright.config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = E2E_PORT + 1000;
let server: PreviewServer | null = null;
let outDir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  outDir = mkdtempSync(join(tmpdir(), 'kafka-lab-prod-'));
  await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { port: PORT, strictPort: true, open: false } });
});

test.afterAll(async () => {
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('the production build starts the lab: the engine chunk loads, the cluster runs and records can be produced', async ({ page }) => {
  await page.goto(`http://localhost:${PORT}/`);
  await expect(page.getByRole('heading', { name: 'Kafka Lab' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Starting Kafka Lab…')).toBeHidden();
  expect(await page.evaluate(() => 'window.__kafkaLab' in window && (window as { __kafkaLab?: unknown }).__kafkaLab !== undefined)).toBe(false);
  await page.getByRole('button', { name: 'Start producing' }).click();
  await expect(page.getByRole('button', { name: 'Stop producing' })).toBeVisible();
  await expect(page.getByText(/records in orders/)).toBeVisible({ timeout: 30_000 });
});
