import { expect, test } from './fixtures';

test('retention.bytes deletes the oldest segments below the HW and moves the log start offset', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();

  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('clicks');
  await create.getByLabel('Partitions').fill('1');
  await create.getByLabel('segment.bytes').fill('1024');
  await create.getByLabel('retention.bytes').fill('2048');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic clicks with 1 partitions.').or(page.getByText('Created topic clicks with 1 partition.'))).toBeVisible();

  // A steady stream into the new topic, through the Producer panel.
  await lab.tab('Producer');
  const stream = page.getByRole('form', { name: 'Steady stream' });
  await stream.getByLabel('Topic').selectOption('clicks');
  await stream.getByLabel('Records/s').fill('20');
  await stream.getByRole('button', { name: /Start stream|Restart stream/ }).click();
  await lab.advance(20_000);
  await stream.getByRole('button', { name: 'Stop stream' }).click();
  // The brokers check retention every 30 s in the browser lab.
  await lab.advance(35_000);

  const log = (await lab.snapshot()).topics.find((t) => t.name === 'clicks')!.partitions[0]!.log!;
  expect(log.logStartOffset).toBeGreaterThan(0);
  expect(log.segments[0]!.baseOffset).toBe(log.logStartOffset);
  const total = log.segments.reduce((n, s) => n + s.sizeBytes, 0);
  expect(total).toBeLessThanOrEqual(2048 + 1024);
  const texts = (await lab.snapshot()).events.map((e) => e.text).join('\n');
  expect(texts).toMatch(/clicks-0: .*retention/i);

  await lab.selectPartition('clicks-0');
  await expect(page.getByText(`log start ${log.logStartOffset}`).first()).toBeVisible();
});
