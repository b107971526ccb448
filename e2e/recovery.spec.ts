import { expect, test } from './fixtures';

test('a corrupt stored batch is truncated by log recovery after a crash, and the UI says so', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(20_000);
  await page.getByRole('button', { name: 'Stop producing' }).click();
  await lab.pause();
  await lab.advance(2_000);
  await lab.flush();

  // A batch in the middle of a partition's log, with more batches after it.
  const snap = await lab.snapshot();
  let target: { broker: number; dir: string; offset: number } | null = null;
  for (const p of snap.topics.find((t) => t.name === 'orders')!.partitions) {
    const log = p.log;
    if (!log) continue;
    const batches = log.segments.flatMap((s) => s.batches);
    const victim = batches[Math.floor(batches.length / 2)];
    if (victim && batches.length >= 3 && victim.lastOffset + 1 < log.logEndOffset) {
      target = { broker: log.broker, dir: p.tp, offset: victim.baseOffset };
      break;
    }
  }
  expect(target, 'a partition with several batches').not.toBeNull();
  const { broker, dir, offset } = target!;

  await lab.corruptStoredBatch({ broker, dir, offset });
  await lab.reload();
  await lab.pause();

  const after = await lab.snapshot();
  const partition = after.topics.flatMap((t) => t.partitions).find((p) => p.tp === dir)!;
  expect(partition.log!.logEndOffset).toBe(offset);

  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(dir);
  await page.getByRole('tab', { name: 'Event log' }).click();
  await expect(page.getByTestId('event-log')).toContainText(dir);
  await lab.screenshot('06-recovery-notice');
});
