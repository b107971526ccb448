/**
 * Replication from the learner's side: a leader crash fails over to the ISR without losing an
 * acknowledged record, and an unclean election loses some, as the partition view, the cluster
 * view and the Guarantees tab show it. Simulated time moves through the test API, never by sleeping.
 */
import type { Page } from '@playwright/test';
import type { PartitionView } from '../src/engine/snapshot';
import { expect, test, type LabPage } from './fixtures';

async function partition(lab: LabPage, tp: string): Promise<PartitionView> {
  const snapshot = await lab.snapshot();
  for (const t of snapshot.topics) for (const p of t.partitions) if (p.tp === tp) return p;
  throw new Error(`no partition ${tp}`);
}

async function producer(lab: LabPage) {
  return (await lab.snapshot()).producers[0]!;
}

/** The partition log's row for `broker` (its accessible name starts "broker N, role, ISR…"). */
function replicaRow(page: Page, tp: string, broker: number, words: string) {
  return page.getByRole('list', { name: `Replicas of ${tp}` }).getByRole('listitem', { name: new RegExp(`^broker ${broker}, ${words}`) });
}

test('crash the leader of an orders partition: a new leader from the ISR, acks=all keeps going with nothing lost, and the restarted broker catches up and rejoins the ISR', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(4_000);
  expect(['all', '-1']).toContain((await producer(lab)).config['acks'] ?? 'all');

  // The fullest orders partition, replicated on all three brokers.
  const orders = (await lab.snapshot()).topics.find((t) => t.name === 'orders')!;
  const before = orders.partitions.reduce((a, b) => ((b.log?.logEndOffset ?? 0) > (a.log?.logEndOffset ?? 0) ? b : a));
  const { tp, leader } = before;
  expect(before.isr).toHaveLength(3);
  await lab.selectPartition(tp);
  await expect(replicaRow(page, tp, leader, 'leader, in ISR')).toBeVisible();
  for (const r of before.replicas.filter((r) => r !== leader)) await expect(replicaRow(page, tp, r, 'follower, in ISR')).toBeVisible();

  await lab.tab('Brokers');
  await page.getByRole('button', { name: `Crash broker ${leader}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Broker ${leader} crashed.` })).toBeVisible();
  await lab.advance(20_000); // zookeeper.session.timeout.ms is 18 s in 3.9

  const after = await partition(lab, tp);
  expect(before.isr).toContain(after.leader);
  expect(after.leader).not.toBe(leader);
  expect(after.leaderEpoch).toBeGreaterThan(before.leaderEpoch);
  expect(after.isr).not.toContain(leader);
  expect(after.isr).toHaveLength(2);
  // The partition view and the cluster view show the new leader and the crashed broker.
  await expect(replicaRow(page, tp, after.leader, 'leader, in ISR')).toBeVisible();
  await expect(replicaRow(page, tp, leader, 'offline, out of ISR')).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^${tp}, leader on broker ${after.leader},`) })).toBeVisible();
  await expect(page.getByRole('group', { name: `Partitions on broker ${leader} (offline)` })).toBeAttached();
  await expect(page.getByRole('img', { name: /Kafka cluster: 3 brokers, .*1 offline/ })).toBeAttached();

  // The stream goes on with two in-sync replicas (min.insync.replicas=2): more acknowledgements, no failure.
  const acked = (await producer(lab)).acked;
  await lab.advance(5_000);
  expect((await producer(lab)).acked).toBeGreaterThan(acked);
  expect((await producer(lab)).failed).toBe(0);
  const guarantees = page.getByRole('tab', { name: /^Guarantees/ });
  await expect(guarantees).toHaveAccessibleName('Guarantees (no problem found)');
  await guarantees.click();
  await expect(page.getByText(/No acknowledged record lost · [\d,]+ checked$/)).toBeVisible();
  await expect(page.getByText(/No consumed record truncated · [\d,]+ checked$/)).toBeVisible();
  await expect(page.getByText('No Kafka invariant broken')).toBeVisible();

  // Started again, the broker fetches what it missed and the leader takes it back into the ISR.
  await page.getByRole('button', { name: `Start broker ${leader}` }).click();
  await lab.advance(10_000);
  const healed = await partition(lab, tp);
  expect(healed.isr).toContain(leader);
  const rejoined = healed.replicaStates.find((r) => r.broker === leader)!;
  expect(rejoined).toMatchObject({ role: 'follower', inIsr: true });
  expect(rejoined.logEndOffset).toBeGreaterThanOrEqual(healed.log!.highWatermark);
  await page.getByRole('tab', { name: 'Partition log' }).click();
  await expect(replicaRow(page, tp, leader, 'follower, in ISR')).toBeVisible();
  await expect(guarantees).toHaveAccessibleName('Guarantees (no problem found)');
});

test('an unclean election loses acknowledged records, and the Guarantees tab shows them with a way to their cause', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();

  // A topic on two brokers that accepts writes with one in-sync replica and allows unclean elections.
  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('risky');
  await create.getByLabel('Partitions').fill('1');
  await create.getByLabel('Replication factor').fill('2');
  await create.getByLabel('Other configs').fill('unclean.leader.election.enable=true\nmin.insync.replicas=1');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created topic risky' })).toBeVisible();
  await lab.advance(2_000);
  const start = await partition(lab, 'risky-0');
  const [leader, follower] = [start.leader, start.replicas.find((r) => r !== start.leader)!];
  await lab.selectPartition('risky-0');

  const send = async (value: string): Promise<void> => {
    const form = page.getByRole('form', { name: 'Send a record' });
    await form.getByLabel('Topic').selectOption('risky');
    await form.getByLabel('Value').fill(value);
    await form.getByRole('button', { name: 'Send' }).click();
    await lab.advance(500);
  };
  await lab.tab('Producer');
  await send('kept');
  // The first send also fetches metadata and a producer id: give it time to reach both replicas.
  await lab.advance(3_000);
  expect((await producer(lab)).acked).toBe(1);
  expect((await partition(lab, 'risky-0')).replicaStates.map((r) => r.logEndOffset)).toEqual([1, 1]);
  await expect(replicaRow(page, 'risky-0', follower, 'follower, in ISR, log start 0, LEO 1, HW 1')).toBeVisible();

  // The follower crashes; its leader drops it from the ISR once it has lagged replica.lag.time.max.ms.
  await lab.tab('Brokers');
  await page.getByRole('button', { name: `Crash broker ${follower}` }).click();
  await lab.advance(35_000);
  expect((await partition(lab, 'risky-0')).isr).toEqual([leader]);
  await expect(replicaRow(page, 'risky-0', follower, 'offline, out of ISR')).toBeVisible();

  // Acknowledged by the leader alone (acks=all with an ISR of one).
  await lab.tab('Producer');
  for (const value of ['lost-1', 'lost-2', 'lost-3']) await send(value);
  await lab.advance(1_000);
  expect((await producer(lab)).acked).toBe(4);

  // The leader crashes too; the follower comes back first and is elected although not in the ISR.
  await lab.tab('Brokers');
  await page.getByRole('button', { name: `Crash broker ${leader}` }).click();
  await lab.advance(20_000);
  expect((await partition(lab, 'risky-0')).leader).toBe(-1);
  await expect(page.getByText('risky-0: no log to show — the partition has no leader right now')).toBeVisible();
  await page.getByRole('button', { name: `Start broker ${follower}` }).click();
  await lab.advance(3_000);
  const unclean = await partition(lab, 'risky-0');
  expect(unclean.leader).toBe(follower);
  expect(unclean.log!.logEndOffset).toBe(1);

  const guarantees = page.getByRole('tab', { name: /^Guarantees/ });
  await expect(guarantees).toHaveAccessibleName('Guarantees (3 problems)');
  await guarantees.click();
  const lost = page.getByRole('region', { name: 'Acknowledged records that are no longer in the log' });
  await expect(lost.getByRole('heading')).toHaveText('Acknowledged records that are no longer in the log 3');
  await expect(lost.getByRole('listitem')).toHaveCount(1);
  await expect(lost.getByRole('listitem')).toContainText('risky-0 · offsets 1–3 (3 records) acknowledged to producer-1');
  await expect(lost.getByRole('listitem')).toContainText('value "lost-1" — the log now ends before offset 1');
  await expect(lost.getByRole('listitem')).toContainText('Likely cause: ');
  await expect(lost.getByRole('listitem')).toContainText('UNCLEAN election');
  await expect(page.getByText(/No consumed record truncated · [\d,]+ checked$/)).toBeVisible();

  // "Show cause in event log": the event log comes to the front with the election line in view and focused.
  await lost.getByRole('button', { name: 'Show cause in event log: risky-0 offsets 1–3 (3 records)' }).click();
  await expect(page.getByRole('tab', { name: 'Event log' })).toHaveAttribute('aria-selected', 'true');
  const line = page.locator('.ev--target');
  await expect(line).toBeVisible();
  await expect(line).toBeFocused();
  await expect(line).toContainText('UNCLEAN election');
  await expect(line).toContainText(`broker ${follower}`);
});
