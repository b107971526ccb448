import { expect, test, type LabPage } from './fixtures';

/** Creates a one-partition topic with default segments (the demo topic's 1 KiB segments are too small for big records). */
async function createTopic(lab: LabPage, name: string): Promise<void> {
  await lab.page.evaluate((t) => void window.__kafkaLab!.lab.admin.createTopic({ name: t, partitions: 1 }), name);
  await lab.advance(3_000);
}

test('the partition log shows each record key on its cell and, on focus, its value, timestamp, headers and batch', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await createTopic(lab, 'keyed');
  await page.evaluate(() => {
    const p = window.__kafkaLab!.lab.createProducer({ 'linger.ms': '0' }, 'e2e-producer');
    void p.send({ topic: 'keyed', key: 'user-1', value: 'first value', headers: { trace: 't-1', source: 'e2e' } });
    void p.send({ topic: 'keyed', key: null, value: 'no key here' });
    void p.send({ topic: 'keyed', key: 'user-2', value: 'second' });
    void p.send({ topic: 'keyed', key: 'user-1', value: 'again user-1' });
  });
  await lab.advance(2_000);
  await lab.selectPartition('keyed-0');

  const strip = page.getByRole('region', { name: 'Log of partition keyed-0' });
  const records = strip.getByRole('listbox', { name: /Records of keyed-0/ });
  const first = records.getByRole('option', { name: 'offset 0, key user-1, committed' });
  await expect(first).toBeVisible();
  await expect(first).toContainText('user-1');
  await expect(records.getByRole('option', { name: 'offset 1, key no key, committed' })).toBeVisible();
  // Same key, same colour; a different key, a different colour.
  const fill = (o: number) => records.locator(`[data-offset="${o}"] .kl-cell-box`).evaluate((el) => getComputedStyle(el).fill);
  expect(await fill(0)).toBe(await fill(3));
  expect(await fill(0)).not.toBe(await fill(2));
  await expect(strip.getByRole('list', { name: /Keys in view/ })).toContainText('user-1');
  await expect(strip.getByRole('list', { name: /Keys in view/ })).toContainText('no key');

  // Keyboard focus shows the record's details as the cell's description.
  await first.focus();
  const details = page.getByRole('tooltip');
  await expect(details).toBeVisible();
  await expect(details).toContainText('offset 0 · committed');
  await expect(details).toContainText('first value');
  await expect(details).toContainText(/Timestamp\s*\d+\.\d{3} s \(\d+ ms\) · CreateTime/);
  await expect(details).toContainText('trace = t-1');
  await expect(details).toContainText('source = e2e');
  await expect(details).toContainText(/Batch\s*offsets 0–\d \(\d records?\) · uncompressed · \d+ B at position 0 of 00000000000000000000\.log/);
  await expect(details).toContainText(/Producer\s*id \d+, epoch 0, sequence 0/);
  await expect(first).toHaveAttribute('aria-describedby', (await details.getAttribute('id'))!);

  // Arrow keys move along the log (roving tabindex); Escape hides the details.
  await page.keyboard.press('ArrowRight');
  const second = records.getByRole('option', { name: /^offset 1,/ });
  await expect(second).toBeFocused();
  await expect(details).toContainText('no key');
  await expect(details).toContainText('no key here');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await lab.screenshot('log-strip-keys');
});

test('a long log is windowed: only the offsets in view are drawn, jumps reach log start / HW / LEO, and cells never overlap at 100×', async ({ lab, page }) => {
  test.setTimeout(150_000);
  await lab.open();
  await lab.pause();
  await createTopic(lab, 'fast');
  await page.evaluate(() => {
    const p = window.__kafkaLab!.lab.createProducer({}, 'fast-producer');
    p.startStream({ topic: 'fast', recordsPerSecond: 100, keys: ['a', 'b', 'order-42'] });
  });
  await lab.advance(25_000);
  await lab.selectPartition('fast-0');
  const strip = page.getByRole('region', { name: 'Log of partition fast-0' });
  const leo = await page.evaluate(() => window.__kafkaLab!.snapshot().topics.find((t) => t.name === 'fast')!.partitions[0]!.log!.logEndOffset);
  expect(leo).toBeGreaterThan(2_000);
  const cellCount = await strip.locator('.kl-cell[data-offset]').count();
  expect(cellCount).toBeGreaterThan(5);
  expect(cellCount).toBeLessThan(40);
  expect(await strip.locator('svg *').count()).toBeLessThan(600);
  await expect(strip.getByRole('option', { name: new RegExp(`^offset ${leo - 1}, key `) })).toBeVisible();

  await strip.getByRole('button', { name: '⇤ log start 0' }).click();
  await expect(strip.getByRole('option', { name: /^offset 0, key / })).toBeVisible();
  await expect(strip.getByRole('option', { name: new RegExp(`^offset ${leo - 1},`) })).toHaveCount(0);
  await expect(strip.locator('.kl-marker--logStart')).toHaveCount(2);
  await strip.getByRole('button', { name: /^LEO \d+ ⇥$/ }).click();
  await expect(strip.getByRole('button', { name: /^LEO \d+ ⇥$/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(strip.locator('.kl-marker--leo')).not.toHaveCount(0);

  // Run at 10× and 100× and measure every frame: neighbouring cells are exactly one cell apart.
  for (const speed of [10, 100]) {
    await page.evaluate((s) => {
      window.__kafkaLab!.setSpeed(s);
      window.__kafkaLab!.play();
    }, speed);
    const problems = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const out: string[] = [];
          let frames = 0;
          const until = performance.now() + 10_000;
          const check = (): void => {
            const cells = [...document.querySelectorAll('.kl-logstrip .kl-cell[data-offset] .kl-cell-box')].map((el) => ({
              offset: Number(el.parentElement!.getAttribute('data-offset')),
              box: el.getBoundingClientRect(),
            }));
            cells.sort((a, b) => a.offset - b.offset);
            for (let i = 1; i < cells.length; i++) {
              const a = cells[i - 1]!;
              const b = cells[i]!;
              const pitch = b.box.left - a.box.left;
              if (b.offset !== a.offset + 1) out.push(`frame ${frames}: offsets ${a.offset} then ${b.offset}`);
              else if (Math.abs(pitch - (a.box.width + 2)) > 1) out.push(`frame ${frames}: ${a.offset}→${b.offset} pitch ${pitch.toFixed(1)} for width ${a.box.width.toFixed(1)}`);
            }
            if (++frames < 40 && performance.now() < until) requestAnimationFrame(check);
            else resolve(frames < 3 ? [...out, `only ${frames} frames`] : out);
          };
          requestAnimationFrame(check);
        }),
    );
    expect(problems.slice(0, 5), `at ${speed}×`).toEqual([]);
  }
  await lab.pause();
});
