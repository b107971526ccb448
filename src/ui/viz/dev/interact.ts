/**
 * Checks the preview in Chromium: tiles are buttons that select by click and keyboard, the
 * summary follows, particles move between frames, and frame rate under load.
 *   npx vite --port 5174 --strictPort &   npx tsx src/ui/viz/dev/interact.ts
 */
import { chromium, type Page } from '@playwright/test';

const base = process.env.PREVIEW_URL ?? 'http://localhost:5174/src/ui/viz/dev/preview.html';

/** Frames per second over `ms` (a string script: tsx would inject helpers into a function). */
async function fps(page: Page, ms: number): Promise<{ fps: number; worstMs: number }> {
  return page.evaluate(`new Promise((resolve) => {
    let frames = 0, worst = 0, last = performance.now();
    const start = last;
    const tick = (t) => {
      frames++; worst = Math.max(worst, t - last); last = t;
      if (t - start < ${ms}) requestAnimationFrame(tick);
      else resolve({ fps: Math.round((frames * 1000) / (t - start)), worstMs: Math.round(worst) });
    };
    requestAnimationFrame(tick);
  })`);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (e) => console.log('pageerror', String(e)));
  page.on('requestfailed', (r) => console.log('requestfailed', r.url()));
  page.on('response', (r) => r.status() >= 400 && console.log('http', r.status(), r.url()));
  await page.goto(`${base}?warm=5000&select=none`);
  await page.waitForSelector('body[data-ready="1"]');
  const summary = page.locator('.kl-logstrip-summary');

  console.log('hint:', await page.getByText('Select a partition in the cluster view').count());
  await page.getByRole('button', { name: /^orders-1, leader/ }).click();
  console.log('after click:', await summary.textContent());

  const tile = page.getByRole('button', { name: /^orders-5, follower on broker 0/ });
  await tile.focus();
  await page.keyboard.press('Enter');
  console.log('after Enter:', await summary.textContent());
  await page.getByRole('button', { name: /^orders-2, leader/ }).focus();
  await page.keyboard.press('Space');
  console.log('after Space:', await summary.textContent());
  console.log('pressed:', await page.locator('[aria-pressed="true"]').count());

  const pos = () => page.locator('.kl-particle').first().getAttribute('transform');
  const p1 = await pos();
  await page.waitForTimeout(200);
  console.log('particle moved:', p1, '→', await pos());
  console.log('svg fps (normal):', await fps(page, 2000), 'particles', await page.locator('.kl-particle').count());

  for (const load of [240, 400, 2000]) {
    await page.goto(`${base}?warm=3000&load=${load}`);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForTimeout(500);
    const canvas = await page.locator('.kl-particles-canvas').count();
    console.log(`load ${load}: canvas=${canvas} svgParticles=${await page.locator('.kl-particle').count()}`, await fps(page, 2000));
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
