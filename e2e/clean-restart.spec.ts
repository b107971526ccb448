import { expect, test } from './fixtures';

test('reloading while records flow is a clean full-cluster restart that keeps every acked record', async ({ lab, page }) => {
  await lab.open();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(5_000);
  const before = await lab.snapshot();
  const acked = before.producers.reduce((n, p) => n + p.acked, 0);
  expect(acked).toBeGreaterThan(0);
  const hw = (snap: typeof before) => snap.topics.find((t) => t.name === 'orders')!.partitions.map((p) => p.log?.highWatermark ?? 0);

  // No explicit flush: whatever the last periodic save missed must survive the reload.
  await lab.reload();
  await lab.pause();
  const after = await lab.snapshot();
  expect(hw(after)).toEqual(hw(before));
  const texts = after.events.map((e) => e.text);
  expect(texts.some((t) => t.includes('.kafka_cleanshutdown') && t.includes('skipped'))).toBe(true);
  expect(texts.some((t) => t.startsWith('no clean-shutdown marker'))).toBe(false);
  // Nothing needed repair, and the notice says recovery was skipped rather than run.
  expect(texts.some((t) => /missing|rebuilt|corrupt/.test(t))).toBe(false);
  await expect(page.getByTestId('recovery-notice')).toContainText('skipped log recovery');
  // The restart settles at once instead of running on to the next periodic task.
  expect(after.nowMs - before.nowMs).toBeLessThan(1000);
});
