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

export const BASE_URL = 'http://localhost:5173';

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
    command: 'npx vite --port 5173 --strictPort --mode test',
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
