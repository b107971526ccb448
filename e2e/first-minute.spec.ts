import { expect, recordCount, test } from './fixtures';

test('first minute: one click starts a stream, records land at increasing offsets, a segment rolls', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await lab.screenshot('01-first-screen');

  await expect(page.getByText('Press ▶ Start producing to send records to the orders topic')).toBeVisible();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(10_000);

  const snap = await lab.snapshot();
  const produced = recordCount(snap, 'orders');
  expect(produced).toBeGreaterThanOrEqual(40);
  expect(snap.producers[0]?.stream?.topic).toBe('orders');

  // Every partition's log grows at increasing offsets; the consumer read them in order.
  const consumer = snap.consumers[0]!;
  expect(consumer.recordsConsumed).toBeGreaterThan(0);
  const lastOffset = new Map<string, number>();
  for (const r of consumer.recentRecords) {
    const prev = lastOffset.get(r.tp) ?? -1;
    expect(r.offset).toBeGreaterThan(prev);
    lastOffset.set(r.tp, r.offset);
  }

  // The UI shows it: the consumer's records table fills.
  await lab.tab('Consumer');
  const rows = page.getByTestId('consumer-records').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  // The log strip of a partition shows its offsets.
  const tp = snap.topics.find((t) => t.name === 'orders')!.partitions.find((p) => (p.log?.logEndOffset ?? 0) > 0)!;
  await lab.selectPartition(tp.tp);
  await expect(page.getByRole('region', { name: `Log of partition ${tp.tp}` })).toContainText(`LEO ${tp.log!.logEndOffset}`);
  await lab.screenshot('02-streaming-consumer');

  // orders is created with segment.bytes=1024: within a minute a segment rolls.
  await lab.advance(50_000);
  const later = await lab.snapshot();
  const rolled = later.topics.find((t) => t.name === 'orders')!.partitions.find((p) => (p.log?.segments.length ?? 0) > 1);
  expect(rolled, 'some orders partition has more than one segment').toBeDefined();
  await lab.selectPartition(rolled!.tp);
  const strip = page.getByRole('region', { name: `Log of partition ${rolled!.tp}` });
  const segments = rolled!.log!.segments.length;
  await expect(strip).toContainText(`LEO ${rolled!.log!.logEndOffset}`);
  await expect(strip).toContainText(`${segments} segments`);
  await lab.screenshot('03-segment-rolled');
});
