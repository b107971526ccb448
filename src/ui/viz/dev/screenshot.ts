/**
 * Screenshots of the preview at 1280×720 with Debian's Chromium:
 *   npx vite --port 5174 --strictPort &   npx tsx src/ui/viz/dev/screenshot.ts [outDir]
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.PREVIEW_URL ?? 'http://localhost:5174/src/ui/viz/dev/preview.html';
const outDir = process.argv[2] ?? '.tmp/viz-shots';
const shots: { name: string; query: string; width?: number; height?: number }[] = [
  { name: 'default', query: 'warm=6000&freeze=1' },
  { name: 'moving', query: 'warm=6000' },
  { name: 'dead-broker', query: 'warm=6000&freeze=1&dead=2&select=orders-4' },
  { name: 'none-selected', query: 'warm=6000&freeze=1&select=none' },
  { name: 'canvas-load', query: 'warm=6000&freeze=1&load=400' },
  { name: 'many-partitions', query: 'warm=6000&freeze=1&partitions=24&select=orders-17' },
  { name: 'five-brokers', query: 'warm=6000&freeze=1&brokers=5&partitions=10&select=orders-7' },
  { name: 'narrow', query: 'warm=6000&freeze=1', width: 900, height: 720 },
];

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    for (const s of shots) {
      const page = await browser.newPage({ viewport: { width: s.width ?? 1280, height: s.height ?? 720 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${base}?${s.query}`);
      await page.waitForSelector('body[data-ready="1"]');
      await page.waitForTimeout(900);
      const file = join(outDir, `${s.name}.png`);
      await page.screenshot({ path: file });
      const tiles = await page.getByRole('button', { name: /orders-3/ }).count();
      console.log(`${file}  tiles(orders-3)=${tiles}${errors.length ? `  ERRORS: ${errors.join(' | ')}` : ''}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
