import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/browser.mjs';

/**
 * The Chromium `npm test` made available (scripts/ensure-browser.mjs): Playwright's own where it
 * could be downloaded, else a system Chromium (Debian's on these machines).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: findChromium(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** The e2e server's port: 5173 unless KAFKA_LAB_E2E_PORT says otherwise (parallel checkouts). */
export const E2E_PORT = Number(process.env.KAFKA_LAB_E2E_PORT ?? 5173);
export const BASE_URL = `http://localhost:${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 720 },
    launchOptions: CHROMIUM_LAUNCH,
    trace: 'off',
  },
  webServer: {
    command: `npx vite --port ${E2E_PORT} --strictPort --mode test`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
