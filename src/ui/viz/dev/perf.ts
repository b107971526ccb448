/** Frame-rate probe of preview variants (see interact.ts). */
import { chromium } from '@playwright/test';

const base = process.env.PREVIEW_URL ?? 'http://localhost:5174/src/ui/viz/dev/preview.html';
const FPS = `new Promise((resolve) => {
  let frames = 0, worst = 0, last = performance.now();
  const start = last;
  const tick = (t) => {
    frames++; worst = Math.max(worst, t - last); last = t;
    if (t - start < 2000) requestAnimationFrame(tick);
    else resolve({ fps: Math.round((frames * 1000) / (t - start)), worstMs: Math.round(worst) });
  };
  requestAnimationFrame(tick);
})`;

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  for (const q of process.argv.slice(2)) {
    await page.goto(`${base}?${q}`);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForTimeout(500);
    const perfJs = await page.evaluate(`(() => { const s = performance.now(); let n = 0; return new Promise(r => { const f = () => { if (++n < 60) requestAnimationFrame(f); else r(performance.now() - s) }; requestAnimationFrame(f); }); })()`);
    console.log(q.padEnd(40), JSON.stringify(await page.evaluate(FPS)), 'ms/60frames', Math.round(perfJs as number));
  }
  await browser.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
