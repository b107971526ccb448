#!/usr/bin/env node
/**
 * Makes a Chromium available for the e2e tests (run by `npm test` before Playwright):
 * 1. one already present (KAFKA_LAB_CHROMIUM, Playwright's own, or a system Chromium);
 * 2. otherwise Playwright's own download (`playwright install chromium`);
 * 3. otherwise, on Debian/Ubuntu as root, Debian's `chromium` package;
 * 4. otherwise one clear sentence saying what to install, and exit 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './browser.mjs';

const say = (line) => console.log(`[ensure-browser] ${line}`);

function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function tryPlaywrightDownload() {
  say('no Chromium found; trying Playwright\'s own download (playwright install chromium)…');
  return run('npx', ['--no-install', 'playwright', 'install', 'chromium'], 180_000) && findChromium() !== undefined;
}

function tryDebianPackage() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  say('installing Debian\'s chromium package (apt-get install chromium)…');
  return run('apt-get', ['update', '-qq'], 300_000) && run('apt-get', ['install', '-y', '-qq', 'chromium'], 600_000) && findChromium() !== undefined;
}

const present = findChromium();
if (present) {
  say(`using ${present}`);
  process.exit(0);
}
if (process.env.KAFKA_LAB_CHROMIUM) {
  console.error(`[ensure-browser] KAFKA_LAB_CHROMIUM is set to ${process.env.KAFKA_LAB_CHROMIUM}, which does not exist: point it at a Chromium or Chrome executable.`);
  process.exit(1);
}
if (tryPlaywrightDownload() || tryDebianPackage()) {
  say(`using ${findChromium()}`);
  process.exit(0);
}
console.error(
  '[ensure-browser] The e2e tests need Chromium and none could be installed: install it (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`) or set KAFKA_LAB_CHROMIUM to a Chromium or Chrome executable, then run `npm test` again.',
);
process.exit(1);
