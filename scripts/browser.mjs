/**
 * Which Chromium the e2e tests and benchmarks drive. Shared by playwright.config.ts,
 * bench/ and scripts/ensure-browser.mjs so they always agree.
 *
 * Order: $KAFKA_LAB_CHROMIUM, Playwright's own downloaded Chromium, then a system Chromium.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Playwright's own browser, if it has been downloaded. */
export function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of the Chromium to launch, or undefined when none is present. */
export function findChromium() {
  const fromEnv = process.env.KAFKA_LAB_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return playwrightChromium() ?? SYSTEM_CHROMIUMS.find((p) => existsSync(p));
}
