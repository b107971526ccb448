import { expect, test } from './fixtures';

test('a full disk is reported while it lasts, the lab keeps running, and what it acked is saved once there is room', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await expect(page.getByText('saved in browser')).toBeVisible();
  await page.evaluate(() => window.__kafkaLab!.injectStorageFailure('quota'));
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(2_000);
  await lab.flush();
  await expect(page.getByText('Storage is full.')).toBeVisible();
  await expect(page.getByText('storage full', { exact: true })).toBeVisible();
  // The disk stays full: the periodic retries keep failing, and the engine keeps going.
  await lab.advance(1_000);
  await lab.flush();
  expect(await lab.nowMs()).toBeGreaterThan(3_000);
  await expect(page.getByText('Storage is full.')).toBeVisible();

  // Room again: the retried flush writes what was held back, and the notice goes.
  await page.evaluate(() => window.__kafkaLab!.injectStorageFailure(null));
  await lab.flush();
  await expect(page.getByText('saved in browser')).toBeVisible();
  await expect(page.getByText('Storage is full.')).toBeHidden();
  const before = await lab.snapshot();
  const acked = before.producers.reduce((n, p) => n + p.acked, 0);
  expect(acked).toBeGreaterThan(0);
  const hw = (snap: typeof before) => snap.topics.find((t) => t.name === 'orders')!.partitions.map((p) => p.log?.highWatermark ?? 0);

  // A crash now (no clean shutdown) keeps every record acked while the disk was full.
  await lab.crash();
  await lab.reload();
  await lab.pause();
  const after = await lab.snapshot();
  const hwBefore = hw(before);
  hw(after).forEach((h, i) => expect(h).toBeGreaterThanOrEqual(hwBefore[i]!));
});

test('without IndexedDB the lab runs in memory and says so', async ({ lab, page }) => {
  await lab.open('/?storage=memory');
  await expect(page.getByText('Running in memory only.')).toBeVisible();
  await expect(page.getByText('in memory · not saved')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Running in memory only.')).toBeHidden();
});
