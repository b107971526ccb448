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

interface Placed {
  key: string;
  partition: number;
  offset: number;
}

/** Offsets follow send order within each partition. */
function expectedPlacement(): Placed[] {
  const next = new Map<number, number>();
  return EXPECTED.map(([key, partition]) => {
    const offset = next.get(partition) ?? 0;
    next.set(partition, offset + 1);
    return { key, partition, offset };
  });
}

test('orders with 6 partitions: keyed records land on Java Kafka partitions, survive a reload, and read back in partition order', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.pause();
  const placed = expectedPlacement();

  // The lab starts with a ready "orders" topic: delete it through the Topics panel (with its confirmation)…
  await lab.tab('Topics');
  const topicList = page.getByTestId('topic-list');
  await topicList.getByRole('button', { name: 'orders', exact: true }).click();
  await page.getByRole('button', { name: 'Delete topic…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete topic orders?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete orders' }).click();
  await expect(page.getByText('Deleted topic orders.')).toBeVisible();
  await expect(topicList).not.toContainText('orders');
  // Let the controller finish the deletion (StopReplica, znodes removed) before re-creating the name.
  await lab.advance(2_000);

  // …and create "orders" with 6 partitions through the UI.
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('orders');
  await create.getByLabel('Partitions').fill('6');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic orders with 6 partitions.')).toBeVisible();
  await expect(topicList.locator('tr', { hasText: 'orders' })).toContainText('6');

  // Produce keyed records through the Producer panel.
  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Topic').selectOption('orders');
  for (const [key] of EXPECTED) {
    await send.getByLabel('Key').fill(key);
    await send.getByLabel('Value').fill(`value-${key}`);
    await send.getByRole('button', { name: 'Send' }).click();
  }
  await lab.advance(3_000);

  // Each key is on its Java-Kafka partition, at the next offset of that partition.
  const results = page.getByTestId('send-results');
  for (const { key, partition, offset } of placed) {
    await expect(results).toContainText(`key=${key} → orders-${partition} @ offset ${offset}`);
  }
  await lab.screenshot('04-keyed-sends');

  const leo = (snap: Awaited<ReturnType<typeof lab.snapshot>>) =>
    snap.topics.find((t) => t.name === 'orders')!.partitions.map((p) => p.log?.logEndOffset ?? 0);
  expect(leo(await lab.snapshot())).toEqual([1, 0, 3, 0, 2, 0]);

  // Flush, reload: a full-cluster restart from IndexedDB. The same records at the same offsets.
  await lab.flush();
  await lab.reload();
  await lab.pause();
  expect(leo(await lab.snapshot())).toEqual([1, 0, 3, 0, 2, 0]);
  await lab.tab('Topics');
  await expect(topicList.locator('tr', { hasText: 'orders' })).toContainText('6');

  // Consume from the beginning through the Consumer panel.
  await lab.tab('Consumer');
  await page.getByRole('button', { name: 'Assign all of orders' }).click();
  const seek = page.getByRole('region', { name: 'Seek', exact: true });
  await seek.getByLabel('Partition').selectOption('all');
  await seek.getByRole('button', { name: 'Seek to beginning' }).click();
  await expect(seek.getByText('Seeked every assigned partition to the beginning.')).toBeVisible();
  await page.getByRole('button', { name: 'Start polling' }).click();
  await lab.pause();
  await lab.advance(3_000);

  // Every record is read back once, at the offset it was written to; within a partition in offset order.
  const consumed = (await lab.snapshot()).consumers[0]!.recentRecords.filter((r) => r.tp.startsWith('orders-'));
  expect(consumed).toHaveLength(EXPECTED.length);
  for (const r of consumed) {
    const want = placed.find((p) => p.key === r.key);
    expect(want, `record with key ${r.key}`).toBeDefined();
    expect(r.tp).toBe(`orders-${want!.partition}`);
    expect(r.offset).toBe(want!.offset);
    expect(r.value).toBe(`value-${r.key}`);
  }
  const offsetsByTp = new Map<string, number[]>();
  for (const r of consumed) offsetsByTp.set(r.tp, [...(offsetsByTp.get(r.tp) ?? []), r.offset]);
  for (const offsets of offsetsByTp.values()) expect(offsets).toEqual([...offsets].sort((x, y) => x - y));

  // The records table in partition order: p0's records, then p1's, …; offsets ascending within each.
  const records = page.getByRole('region', { name: 'Recent records' });
  await records.getByLabel('Order').selectOption('partition');
  const rows = page.getByTestId('consumer-records').locator('tbody tr');
  await expect(rows).toHaveCount(EXPECTED.length);
  const inPartitionOrder = [...placed].sort((x, y) => x.partition - y.partition || x.offset - y.offset);
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim() ?? '')),
  );
  expect(cells).toEqual(inPartitionOrder.map((p) => [`orders-${p.partition}`, String(p.offset), p.key]));
  await lab.screenshot('05-after-reload-consumed');
});
