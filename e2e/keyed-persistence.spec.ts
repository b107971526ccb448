import { expect, test } from './fixtures';

/** Java Kafka's partitions for these keys with 6 partitions (kafka-vectors.json keyed_partition). */
const EXPECTED: [key: string, partition: number][] = [
  ['a', 4],
  ['b', 2],
  ['c', 4],
  ['key1', 2],
  ['user-1', 2],
  ['order-42', 0],
];

/** Offsets follow send order within each partition. */
function expectedOffsets(): Map<string, { partition: number; offset: number }> {
  const next = new Map<number, number>();
  const out = new Map<string, { partition: number; offset: number }>();
  for (const [key, partition] of EXPECTED) {
    const offset = next.get(partition) ?? 0;
    next.set(partition, offset + 1);
    out.set(key, { partition, offset });
  }
  return out;
}

test('keyed records land on Java Kafka partitions and survive a reload', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();

  // Create "payments" with 6 partitions through the Topics panel.
  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('payments');
  await create.getByLabel('Partitions').fill('6');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic payments with 6 partitions.')).toBeVisible();

  // Produce keyed records through the Producer panel.
  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Topic').selectOption('payments');
  for (const [key] of EXPECTED) {
    await send.getByLabel('Key').fill(key);
    await send.getByLabel('Value').fill(`value-${key}`);
    await send.getByRole('button', { name: 'Send' }).click();
  }
  await lab.advance(3_000);

  const expected = expectedOffsets();
  const results = page.getByTestId('send-results');
  for (const [key, { partition, offset }] of expected) {
    await expect(results).toContainText(`key=${key} → payments-${partition} @ offset ${offset}`);
  }
  await lab.screenshot('04-keyed-sends');

  const before = await lab.snapshot();
  const leo = (snap: typeof before) =>
    snap.topics.find((t) => t.name === 'payments')!.partitions.map((p) => p.log?.logEndOffset ?? 0);
  expect(leo(before)).toEqual([1, 0, 3, 0, 2, 0]);

  // Flush, reload: a full-cluster restart from IndexedDB.
  await lab.flush();
  await lab.reload();
  await lab.pause();
  const after = await lab.snapshot();
  expect(leo(after)).toEqual([1, 0, 3, 0, 2, 0]);

  // The UI lists the topic again, and a consumer reads everything back in partition order.
  await lab.tab('Topics');
  await expect(page.getByTestId('topic-list')).toContainText('payments');
  await lab.tab('Consumer');
  await page.getByRole('button', { name: 'Assign all of payments' }).click();
  await page.getByRole('button', { name: 'Seek to beginning' }).click();
  await page.getByRole('button', { name: 'Start polling' }).click();
  await lab.pause();
  await lab.advance(3_000);

  const consumed = (await lab.snapshot()).consumers[0]!.recentRecords.filter((r) => r.tp.startsWith('payments-'));
  expect(consumed).toHaveLength(EXPECTED.length);
  for (const r of consumed) {
    const want = expected.get(r.key!);
    expect(want, `record with key ${r.key}`).toBeDefined();
    expect(r.tp).toBe(`payments-${want!.partition}`);
    expect(r.offset).toBe(want!.offset);
    expect(r.value).toBe(`value-${r.key}`);
  }
  // Within each partition, records arrive in offset order.
  const byTp = new Map<string, number[]>();
  for (const r of consumed) byTp.set(r.tp, [...(byTp.get(r.tp) ?? []), r.offset]);
  for (const offsets of byTp.values()) expect(offsets).toEqual([...offsets].sort((x, y) => x - y));

  const table = page.getByTestId('consumer-records');
  for (const [key, { partition }] of expected) {
    await expect(table.locator('tr', { hasText: `payments-${partition}` }).filter({ hasText: key }).first()).toBeVisible();
  }
  await lab.screenshot('05-after-reload-consumed');
});
