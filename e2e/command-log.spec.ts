import { runScenario } from '../src/scenario/ScenarioRunner';
import { formatEvent } from '../src/engine/kernel';
import type { LabSnapshot } from '../src/engine/snapshot';
import { expect, test } from './fixtures';

/** LEO and HW per partition, and every record's key and value, of each user topic. */
function stateOf(snapshot: LabSnapshot) {
  return snapshot.topics
    .filter((t) => !t.isInternal)
    .map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => ({ tp: p.tp, leo: p.log?.logEndOffset, hw: p.log?.highWatermark })) }));
}

test('a UI-driven session exports as a .lab file that runScenario replays to the same state and trace; the share link opens it', async ({ lab, page }) => {
  test.setTimeout(180_000);
  await lab.open('/?seed=7');
  await lab.pause();

  // Topics: create "payments" with 3 partitions.
  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('payments');
  await create.getByLabel('Partitions').fill('3');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic payments with 3 partitions.')).toBeVisible();
  await lab.advance(1_000);

  // Producer: keyed records, some of them while time runs between sends (arbitrary instants).
  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Topic').selectOption('payments');
  for (const key of ['alice', 'bob', 'alice', 'carol']) {
    await send.getByLabel('Key').fill(key);
    await send.getByLabel('Value').fill(`paid by ${key}`);
    await send.getByRole('button', { name: 'Send' }).click();
    await lab.advance(137.25);
  }
  await lab.advance(2_000);
  await expect(page.getByTestId('send-results')).toContainText(/key=carol → payments-\d @ offset \d/);

  // Consumer: assign payments, seek to the beginning, poll once.
  await lab.tab('Consumer');
  await page.getByRole('button', { name: 'Assign all of payments' }).click();
  await page.getByRole('region', { name: 'Seek', exact: true }).getByRole('button', { name: 'Seek to beginning' }).click();
  await page.getByRole('button', { name: 'Poll once' }).click();
  await lab.advance(1_500);
  await expect(page.getByTestId('poll-state')).toHaveText(/poll\(\) returned [1-9]\d* records?/);

  const text = await page.evaluate(() => window.__kafkaLab!.exportScenario());
  expect(text).toMatch(/^lab seed=7 version=3\.9 brokers=3 latency=80 jitter=20 log\.retention\.check\.interval\.ms=30000 offsets\.topic\.segment\.bytes=16384$/m);
  expect(text).toMatch(/^at 0ms create-topic orders /m);
  expect(text).toMatch(/^at [\d.]+ms send producer-1 payments key=alice "value=paid by alice"$/m);
  const browserState = stateOf(await lab.snapshot());
  const browserTrace = await page.evaluate(() => window.__kafkaLab!.trace());
  const browserConsumed = (await lab.snapshot()).consumers[0]!.recentRecords;
  expect(browserState.find((t) => t.topic === 'payments')!.partitions.reduce((n, p) => n + (p.leo ?? 0), 0)).toBe(4);

  // Node side: the exported text alone rebuilds the same lab, event for event.
  const replay = await runScenario(text, { events: false });
  expect(replay.failures).toEqual([]);
  const replayed = replay.lab!;
  expect(replayed.kernel.nowMs).toBe(await lab.nowMs());
  expect(stateOf(replayed.snapshot())).toEqual(browserState);
  expect(replayed.snapshot().consumers[0]!.recentRecords).toEqual(browserConsumed);
  expect(replayed.kernel.log.recent().map(formatEvent)).toEqual(browserTrace);

  // The share link opens the same situation in a fresh browser profile.
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#lab=');
  // Opened in memory (no stored lab here), so the link's lab is built at once.
  const url = new URL(link);
  url.searchParams.set('storage', 'memory');
  await page.goto(url.toString());
  await lab.waitReady();
  await lab.pause();
  await expect(page.getByTestId('share-notice')).toContainText('Opened a shared lab');
  expect(stateOf(await lab.snapshot())).toEqual(browserState);
  // (the opened lab then runs on: it starts playing before the test pauses it)
  expect(await lab.nowMs()).toBeGreaterThanOrEqual(replayed.kernel.nowMs);
  expect(page.url()).not.toContain('#lab=');
});

test('a bad share link is refused in one sentence and changes nothing', async ({ lab, page }) => {
  await lab.open('/?seed=9');
  await lab.pause();
  const before = stateOf(await lab.snapshot());
  await lab.flush();
  await page.goto('/#lab=not-a-session!!');
  await lab.waitReady();
  await lab.pause();
  await expect(page.getByTestId('share-notice')).toContainText('This share link cannot be opened');
  await expect(page.getByTestId('share-notice')).toContainText('Nothing was changed.');
  expect(stateOf(await lab.snapshot())).toEqual(before);
  await expect(page.getByTestId('seed')).toContainText('seed 9');
});

test('a share link in a browser that holds a lab offers to replace it, and opens it only when asked', async ({ lab, page }) => {
  test.setTimeout(120_000);
  // The teacher's session: seed 11, a topic "lesson" with 2 partitions.
  await lab.open('/?storage=memory&seed=11');
  await lab.pause();
  await page.evaluate(() => window.__kafkaLab!.apply({ type: 'create-topic', topic: 'lesson', partitions: 2, replicationFactor: 1, configs: {} }));
  await lab.advance(1_000);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();

  // A student's browser already holds its own lab (stored, seed 5).
  await lab.open('/?seed=5');
  await lab.pause();
  await lab.flush();
  await page.goto(link);
  await lab.waitReady();
  await lab.pause();
  const notice = page.getByTestId('share-notice');
  await expect(notice).toContainText('This link holds a shared lab (seed 11, Kafka 3.9, 3 brokers,');
  await expect(page.getByTestId('seed')).toContainText('seed 5');
  expect((await lab.snapshot()).topics.map((t) => t.name)).not.toContain('lesson');

  // Opening it reloads the page: wait for the new page, not the old one's lab (a race).
  await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Open the shared lab' }).click()]);
  await lab.waitReady();
  await lab.pause();
  await expect(page.getByTestId('seed')).toContainText('seed 11');
  await expect(page.getByTestId('share-notice')).toContainText('Opened a shared lab');
  expect((await lab.snapshot()).topics.find((t) => t.name === 'lesson')?.partitions).toHaveLength(2);
});
