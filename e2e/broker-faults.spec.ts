import { expect, SCREENSHOT_DIR, test } from './fixtures';

test('crash a leader broker from the Brokers tab: when ZooKeeper notices, a follower from the ISR leads with every record; the restarted broker catches up and rejoins the ISR', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  // Two records on orders-1, whose leader is one of the brokers.
  const before = await lab.snapshot();
  const leader = before.topics.find((t) => t.name === 'orders')!.partitions.find((p) => p.partition === 1)!.leader;
  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Partition').fill('1');
  for (const value of ['first', 'second']) {
    await send.getByLabel('Value').fill(value);
    await send.getByRole('button', { name: 'Send' }).click();
    await lab.advance(500);
  }

  await lab.tab('Brokers');
  await page.getByRole('button', { name: `Crash broker ${leader}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Broker ${leader} crashed.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Broker ${leader}.*down`) })).toBeVisible();
  await expect(page.getByRole('group', { name: `Partitions on broker ${leader} (offline)` })).toBeAttached();
  const partition = async () => (await lab.snapshot()).topics.find((t) => t.name === 'orders')!.partitions.find((p) => p.partition === 1)!;
  // ZooKeeper has not noticed yet: the controller still has the dead broker as leader.
  expect((await partition()).leader).toBe(leader);
  await lab.advance(20_000); // zookeeper.session.timeout.ms is 18 s in 3.9
  // The ready topic has replication factor 3: the first live ISR member in assignment order leads now.
  const failedOver = await partition();
  expect(failedOver.leader).not.toBe(leader);
  expect(failedOver.leader).toBeGreaterThanOrEqual(0);
  expect(failedOver.leaderEpoch).toBe(1);
  expect(failedOver.isr).not.toContain(leader);
  expect(failedOver.log).toMatchObject({ logEndOffset: 2, highWatermark: 2 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/broker-crashed.png` });

  await page.getByRole('button', { name: `Start broker ${leader}` }).click();
  await lab.advance(2_000);
  await expect(page.getByRole('row', { name: new RegExp(`Broker ${leader}.*running`) })).toBeVisible();
  // A returning broker does not take its leadership back (only a preferred election would); it follows and rejoins the ISR.
  expect(await partition()).toMatchObject({ leader: failedOver.leader, leaderEpoch: 1 });
  expect([...(await partition()).isr].sort()).toEqual([0, 1, 2]);
  const replica = (await partition()).replicaStates.find((r) => r.broker === leader)!;
  expect(replica).toMatchObject({ role: 'follower', inIsr: true, logEndOffset: 2, highWatermark: 2 });

  // Isolate it: it keeps running; rejoining before the session expires changes nothing.
  await page.getByRole('button', { name: `Isolate broker ${leader}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(`Broker ${leader}.*isolated`) })).toBeVisible();
  await expect(page.getByRole('img', { name: /Kafka cluster: .*, 1 isolated,/ })).toBeVisible();
  await lab.advance(5_000);
  await page.getByRole('button', { name: `Rejoin broker ${leader}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(`Broker ${leader}.*running`) })).toBeVisible();
  expect(await partition()).toMatchObject({ leader: failedOver.leader, leaderEpoch: 1 });
});

test('a broker that is down when the page reloads stays down, and the restart says so', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await lab.tab('Brokers');
  await page.getByRole('button', { name: 'Shut down broker 2' }).click();
  await expect(page.getByRole('row', { name: /Broker 2.*down/ })).toBeVisible();
  await lab.reload();
  await expect(page.getByText(/Broker 2 was down when the lab was saved, so it stays down/).first()).toBeVisible();
  await lab.tab('Brokers');
  await expect(page.getByRole('row', { name: /Broker 2.*down/ })).toBeVisible();
  await page.getByRole('button', { name: 'Start broker 2' }).click();
  await lab.advance(1_000);
  await expect(page.getByRole('row', { name: /Broker 2.*running/ })).toBeVisible();
  const leaders = (await lab.snapshot()).topics.find((t) => t.name === 'orders')!.partitions.map((p) => p.leader);
  expect(leaders).not.toContain(-1);
});
