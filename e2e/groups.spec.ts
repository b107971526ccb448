/**
 * A consumer group as a learner drives it: three members added with one click each rebalance
 * into a Stable group that shares the topic's partitions; a crashed member (no LeaveGroup) is
 * noticed only when its session times out, and the survivors take over its partitions; the
 * committed offsets the Groups tab shows survive a reload. Simulated time moves through the
 * test API (no sleeps).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './fixtures';

/** session.timeout.ms's default in 3.9 (45 s): the crashed member's session ends after this. */
const SESSION_TIMEOUT_MS = 45_000;

function groupsView(page: Page): Locator {
  return page.getByRole('region', { name: 'Consumer group g1' });
}

async function openGroupsTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Groups/ }).click();
}

/** The member rows of the Groups tab: consumer id → its partitions as listed. */
async function assignmentTable(page: Page): Promise<Map<string, string[]>> {
  const rows = groupsView(page).getByRole('table', { name: 'Members of g1' }).locator('tbody tr');
  const out = new Map<string, string[]>();
  for (const row of await rows.all()) {
    const member = (await row.getAttribute('data-member')) ?? '';
    const parts = (await row.locator('td').first().innerText()).trim();
    out.set(member, parts === 'none' ? [] : parts.split(/,\s*/).sort());
  }
  return out;
}

/** Committed offsets as the Groups tab shows them: partition → committed ("—" when none). */
async function committedTable(page: Page): Promise<Record<string, string>> {
  const rows = groupsView(page).getByRole('table', { name: 'Committed offsets of g1' }).locator('tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-tp')) ?? ''] = (await row.locator('td').first().innerText()).trim();
  return out;
}

/** Add one member with the Groups tab's button, wait until its row shows, and hold time again. */
async function addMember(lab: LabPage, page: Page, id: string): Promise<void> {
  await page.getByRole('button', { name: '+ Add member' }).click();
  await expect(groupsView(page).locator(`tr[data-member="${id}"]`)).toBeVisible();
  await lab.pause();
}

async function litState(page: Page): Promise<string> {
  return (await groupsView(page).getByRole('list', { name: 'Group state machine' }).locator('[aria-current="step"] .group-sm-name').innerText()).trim();
}

test('three members rebalance into a Stable group; a crashed member is replaced after its session times out; commits survive a reload', async ({ lab, page }) => {
  test.setTimeout(120_000);
  await lab.open();
  await lab.pause();
  // Records to read: the ready producer streams into orders (6 partitions) for a while.
  await page.evaluate(() => window.__kafkaLab!.apply({ type: 'stream', producer: 'producer-1', topic: 'orders', recordsPerSecond: 20, keys: ['a', 'b', 'c', 'd', 'e', 'f'] }));
  await lab.advance(2_000);

  await openGroupsTab(page);
  await expect(page.getByText('No consumer group yet.')).toBeVisible();
  await page.getByLabel('group.id').fill('g1');
  await page.getByRole('button', { name: '+ Add member' }).click();
  await expect(groupsView(page)).toBeVisible();
  await lab.pause();
  await addMember(lab, page, 'consumer-3');
  await addMember(lab, page, 'consumer-4');

  // The initial rebalance (group.initial.rebalance.delay.ms, then JoinGroup → SyncGroup).
  await lab.advance(10_000);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);
  const before = await assignmentTable(page);
  expect([...before.keys()].sort()).toEqual(['consumer-2', 'consumer-3', 'consumer-4']);
  for (const parts of before.values()) expect(parts.length).toBe(2);
  expect([...before.values()].flat().sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
  const generation = Number(await groupsView(page).getByRole('definition').nth(1).innerText());
  expect(generation).toBeGreaterThanOrEqual(1);
  // Each member's partitions carry its colour in the cluster view, and say so to a screen reader.
  const [owned] = before.get('consumer-3')!;
  await expect(page.locator(`.kl-tile[data-tp="${owned}"]`).first()).toHaveAttribute('aria-label', /read by consumer-3 \(group g1\)/);

  // Crash one: no LeaveGroup, so the group still counts it until its session times out.
  await groupsView(page).getByRole('button', { name: 'Crash consumer-3' }).click();
  await expect(groupsView(page).locator('tr[data-member="consumer-3"]')).toContainText('crashed');
  await lab.advance(SESSION_TIMEOUT_MS / 2);
  expect((await assignmentTable(page)).has('consumer-3')).toBe(true);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);

  // Past the session timeout the coordinator drops it and the group rebalances: watch it go round.
  const seen = new Set<string>();
  for (let t = 0; t < SESSION_TIMEOUT_MS; t += 500) {
    await lab.advance(500);
    seen.add((await litState(page)).replace(/ gen \d+$/, ''));
    if (seen.has('Preparing rebalance') && (await litState(page)).startsWith('Stable')) break;
  }
  expect(seen).toContain('Preparing rebalance');
  await lab.advance(5_000);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);
  const after = await assignmentTable(page);
  expect([...after.keys()].sort()).toEqual(['consumer-2', 'consumer-4']);
  expect([...after.values()].flat().sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
  for (const tp of before.get('consumer-3')!) expect([...after.get('consumer-2')!, ...after.get('consumer-4')!]).toContain(tp);
  expect(Number(await groupsView(page).getByRole('definition').nth(1).innerText())).toBe(generation + 1);

  // Stop producing, let the survivors read everything and auto-commit it, then reload.
  await page.evaluate(() => window.__kafkaLab!.apply({ type: 'stop-stream', producer: 'producer-1' }));
  await lab.advance(15_000);
  const committed = await committedTable(page);
  expect(Object.keys(committed).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
  for (const offset of Object.values(committed)) expect(offset).toMatch(/^\d+$/);
  expect(Object.values(committed).some((o) => Number(o) > 0)).toBe(true);
  await lab.flush();
  await lab.reload();
  await lab.pause();
  await openGroupsTab(page);
  await expect(groupsView(page)).toBeVisible();
  await expect.poll(() => committedTable(page)).toEqual(committed);
  // The survivors rejoin (the crashed member stays down) and start from those commits. The
  // coordinator loaded the group with its members of before the restart: it waits for them until
  // their sessions time out, as Kafka's does.
  await lab.advance(SESSION_TIMEOUT_MS + 15_000);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);
  expect([...(await assignmentTable(page)).keys()].sort()).toEqual(['consumer-2', 'consumer-4']);
  expect(await committedTable(page)).toEqual(committed);
});

test('the Consumer tab drives a member: join a group, subscribe, slow it down, commit now, close it', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await page.evaluate(() => window.__kafkaLab!.apply({ type: 'stream', producer: 'producer-1', topic: 'orders', recordsPerSecond: 20, keys: ['a', 'b', 'c', 'd', 'e', 'f'] }));
  await lab.advance(2_000);
  await lab.tab('Consumer');
  const card = page.getByRole('region', { name: 'Consumer group', exact: true });
  await card.getByLabel('group.id').first().fill('g1');
  await card.getByRole('button', { name: 'Join group' }).click();
  await expect(card.getByText('Member of g1')).toBeVisible();
  await card.getByRole('checkbox', { name: 'orders' }).check();
  await card.getByRole('button', { name: 'Subscribe' }).click();
  await expect(card.getByRole('status')).toContainText('subscribe(orders)');
  await lab.pause();
  await page.getByRole('button', { name: 'Start polling' }).click();
  await lab.pause();
  await lab.advance(10_000);
  await expect(card.getByText('STABLE')).toBeVisible();

  await openGroupsTab(page);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);
  expect((await assignmentTable(page)).get('consumer-1')).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);

  await card.getByLabel('Processing time per record').fill('5');
  await card.getByRole('button', { name: 'Set' }).click();
  await expect(groupsView(page).locator('tr[data-member="consumer-1"]')).toContainText('slow: 5 ms per record');

  // commitSync waits for the coordinator's answer, so time runs until it comes.
  await card.getByRole('button', { name: 'commitSync' }).click();
  await expect(card.getByRole('status')).toContainText('the coordinator stored the offsets');
  await lab.pause();
  const committed = await committedTable(page);
  expect(Object.values(committed).some((o) => /^\d+$/.test(o) && Number(o) > 0)).toBe(true);

  // close(): LeaveGroup, so the group empties at once (no session timeout to wait for).
  await card.getByRole('button', { name: 'Close', exact: true }).click();
  await lab.advance(1_000);
  await expect.poll(() => litState(page)).toBe('Empty');
  await expect(card.getByText('Closed: it committed and left the group')).toBeVisible();
});
