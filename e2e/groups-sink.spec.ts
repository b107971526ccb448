/**
 * Duplicate consumption made visible: three members write what they process into the group's
 * sink; a member crashes after processing records it had not committed, and once its session
 * times out the next owner processes them again — the sink shows the duplicates. With "dedupe by
 * id" chosen, the same failure adds no duplicate. Simulated time moves through the test API.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, type LabPage } from './fixtures';

/** session.timeout.ms's default in 3.9 (45 s), plus time for the rebalance and the re-reads. */
const PAST_SESSION_TIMEOUT_MS = 45_000 + 15_000;

function groupsView(page: Page): Locator {
  return page.getByRole('region', { name: 'Consumer group g1' });
}

function sinkView(page: Page): Locator {
  return groupsView(page).getByRole('region', { name: "Sink (the application's table)" });
}

async function counter(page: Page, label: string): Promise<number> {
  return Number(await sinkView(page).getByLabel('Sink counters').locator(`[data-counter="${label}"] dd`).innerText());
}

async function litState(page: Page): Promise<string> {
  return (await groupsView(page).getByRole('list', { name: 'Group state machine' }).locator('[aria-current="step"] .group-sm-name').innerText()).trim();
}

/** True while `member` has read (and so written to the sink) past the group's committed offset on one of its partitions. */
function readPastCommit(page: Page, member: string): Promise<boolean> {
  return page.evaluate((id) => {
    const group = window.__kafkaLab!.snapshot().groups.find((g) => g.groupId === 'g1');
    const m = group?.members.find((x) => x.clientId === id || x.consumerId === id);
    return !!m && m.partitions.some((p) => p.position !== null && p.position > (p.committed ?? 0));
  }, member);
}

/** Advance until `member` holds processed records it has not committed (auto-commit runs every 5 s), then crash it. */
async function crashBeforeCommit(lab: LabPage, page: Page, member: string): Promise<void> {
  for (let i = 0; i < 20 && !(await readPastCommit(page, member)); i++) await lab.advance(250);
  expect(await readPastCommit(page, member)).toBe(true);
  await groupsView(page).getByRole('button', { name: `Crash ${member}` }).click();
  await expect(groupsView(page).locator(`tr[data-member="${member}"]`)).toContainText('crashed');
  await lab.pause();
  await lab.advance(PAST_SESSION_TIMEOUT_MS);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);
  await expect(groupsView(page).locator(`tr[data-member="${member}"]`)).toHaveCount(0);
}

test('a crash before commit leaves duplicates in the sink; with dedupe by id the same failure leaves none', async ({ lab, page }) => {
  test.setTimeout(150_000);
  await lab.open();
  await lab.pause();
  await page.evaluate(() => window.__kafkaLab!.apply({ type: 'stream', producer: 'producer-1', topic: 'orders', recordsPerSecond: 20, keys: ['a', 'b', 'c', 'd', 'e', 'f'] }));
  await lab.advance(2_000);

  await page.getByRole('tab', { name: /^Groups/ }).click();
  await page.getByLabel('group.id').fill('g1');
  for (const id of ['consumer-2', 'consumer-3', 'consumer-4']) {
    await page.getByRole('button', { name: '+ Add member' }).click();
    await expect(groupsView(page).locator(`tr[data-member="${id}"]`)).toBeVisible();
    await lab.pause();
  }
  await lab.advance(10_000);
  await expect.poll(() => litState(page)).toMatch(/^Stable/);

  const sink = sinkView(page);
  await expect(sink.getByLabel('Remedy against duplicates')).toHaveValue('none');
  await expect(sink.getByText('Every processed record becomes a row')).toBeVisible();
  await expect(sink.getByRole('table', { name: "Latest rows of g1's sink" })).toBeVisible();
  expect(await counter(page, 'rows')).toBeGreaterThan(0);
  expect(await counter(page, 'duplicates held')).toBe(0);

  await crashBeforeCommit(lab, page, 'consumer-3');
  const duplicates = await counter(page, 'duplicates held');
  expect(duplicates).toBeGreaterThan(0);
  expect(await counter(page, 'records received twice')).toBeGreaterThanOrEqual(duplicates);
  // The stream goes on, so newer rows push the duplicates down: the filter keeps them in view,
  // each marked in words, not only in colour.
  await sink.getByRole('checkbox', { name: /^Only duplicated records/ }).check();
  const duplicatedRows = sink.getByRole('table', { name: "Duplicated rows of g1's sink" }).locator('tbody tr');
  await expect(duplicatedRows.first()).toContainText('duplicate ×2');
  expect(await duplicatedRows.count()).toBe(Math.min(12, duplicates));
  // The sink narrates its writes while the Groups tab shows it: the event log says why.
  const narrated = await page.evaluate(() => {
    const log = window.__kafkaLab!.lab.kernel.log;
    return log.slice(log.firstRetainedSeq, log.count).some((e) => e.text.includes("group g1's sink") && e.text.includes('the table now holds them twice'));
  });
  expect(narrated).toBe(true);

  await sink.getByLabel('Remedy against duplicates').selectOption({ label: 'dedupe by id' });
  await expect(sink.getByLabel('Remedy against duplicates')).toHaveValue('dedupe-id');
  await expect(sink.getByText("Before writing, the application looks the record's id up")).toBeVisible();
  const receivedTwice = await counter(page, 'records received twice');

  await crashBeforeCommit(lab, page, 'consumer-4');
  expect(await counter(page, 'records received twice')).toBeGreaterThan(receivedTwice);
  expect(await counter(page, 'writes kept out by the remedy')).toBeGreaterThan(0);
  expect(await counter(page, 'duplicates held')).toBe(duplicates);
});
