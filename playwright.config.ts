import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.KAFKA_LAB_CHROMIUM ?? '/usr/bin/chromium',
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
