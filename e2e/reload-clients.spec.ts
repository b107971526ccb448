import { expect, test } from './fixtures';

test('a reload brings the clients back as they were (config, assignment, positions, stream, poll loop) and says why', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();

  // Producer settings: linger.ms=7 through the settings form.
  await lab.tab('Producer');
  const settings = page.getByRole('group', { name: 'Settings' });
  await settings.getByLabel('linger.ms').fill('7');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied linger.ms=7')).toBeVisible();

  // One click: a stream into orders and the consumer polling it.
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(8_000);
  const before = await lab.snapshot();
  const consumerBefore = before.consumers[0]!;
  expect(consumerBefore.recordsConsumed).toBeGreaterThan(0);
  expect(before.producers[0]!.stream).toMatchObject({ topic: 'orders', recordsPerSecond: 5 });

  await lab.flush();
  await lab.reload();
  await lab.pause();

  const after = await lab.snapshot();
  expect(after.producers[0]!.config['linger.ms']).toBe('7');
  expect(after.producers[0]!.stream).toMatchObject({ topic: 'orders', recordsPerSecond: 5, keys: ['user-1', 'user-2', 'user-3', 'user-4'] });
  const consumer = after.consumers[0]!;
  expect(consumer.config['auto.offset.reset']).toBe('earliest');
  expect(consumer.assignment.map((a) => a.tp)).toEqual(consumerBefore.assignment.map((a) => a.tp));
  for (const a of consumer.assignment) {
    const was = consumerBefore.assignment.find((b) => b.tp === a.tp)!;
    expect(a.position ?? 0).toBeGreaterThanOrEqual(was.position ?? 0);
  }
  const notice = page.getByTestId('client-restore-notice');
  await expect(notice).toContainText('The page reloaded, so the cluster restarted');
  await expect(notice).toContainText('producer-1 started again (linger.ms=7), streaming 5 records/s to orders');
  await expect(notice).toContainText(/consumer-1 started again \(auto\.offset\.reset=earliest\) with 6 assigned partitions at .*polling/);

  // The clients keep working: the stream produces and the poll loop reads on.
  const produced = (s: typeof after) => s.topics.find((t) => t.name === 'orders')!.partitions.reduce((n, p) => n + (p.log?.logEndOffset ?? 0), 0);
  await lab.advance(5_000);
  const later = await lab.snapshot();
  expect(produced(later)).toBeGreaterThan(produced(after));
  expect(later.consumers[0]!.polling).toBe(true);

  // The command log survived the reload: an export still starts with the first run's ready topic.
  const text = await page.evaluate(() => window.__kafkaLab!.exportScenario());
  expect(text).toMatch(/^at 0ms create-topic orders /m);
  expect(text).toMatch(/reconfigure-producer producer-1 linger\.ms=7/);
});
