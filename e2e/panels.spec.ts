/**
 * Every panel as a new user drives it: labelled controls, errors next to the field they are
 * about, and a refused change that changes nothing.
 */
import { expect, recordCount, test } from './fixtures';

test('producer settings: a bad value is refused next to its field, good values apply and stay', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await lab.tab('Producer');
  const settings = page.getByRole('group', { name: 'Settings' });
  const producerConfig = async () => (await lab.snapshot()).producers[0]!.config;
  expect(await producerConfig()).toMatchObject({ 'batch.size': '16384', 'linger.ms': '0' });
  await expect(settings.getByLabel('acks')).toHaveValue('-1');
  await expect(settings.getByLabel('acks').locator('option:checked')).toHaveText('-1 (= all)');

  // A bad value: the error sits under the field, the field is marked invalid, nothing changes.
  await settings.getByLabel('batch.size').fill('-5');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByRole('alert')).toContainText('batch.size');
  await expect(settings.getByLabel('batch.size')).toHaveAttribute('aria-invalid', 'true');
  expect((await producerConfig())['batch.size']).toBe('16384');
  await settings.getByRole('button', { name: 'Revert' }).click();
  await expect(settings.getByLabel('batch.size')).toHaveValue('16384');

  // acks=1 without an explicit enable.idempotence: Kafka 3.x quietly turns idempotence off.
  await settings.getByLabel('acks').selectOption('1');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied acks=1')).toBeVisible();
  expect(await producerConfig()).toMatchObject({ acks: '1', 'enable.idempotence': 'false' });
  // Asking for idempotence now conflicts with acks=1: refused, next to acks, and nothing changes.
  await settings.getByLabel('enable.idempotence').selectOption('true');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByRole('alert')).toContainText('Must set acks to all');
  await expect(settings.getByLabel('acks')).toHaveAttribute('aria-invalid', 'true');
  expect(await producerConfig()).toMatchObject({ acks: '1', 'enable.idempotence': 'false' });
  await settings.getByRole('button', { name: 'Revert' }).click();
  await settings.getByLabel('acks').selectOption('all');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied acks=all')).toBeVisible();

  // Good values apply; a later change keeps the earlier one (reconfigure gets both).
  await settings.getByLabel('linger.ms').fill('20');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied linger.ms=20')).toBeVisible();
  await settings.getByLabel('compression.type').selectOption('lz4');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied compression.type=lz4')).toBeVisible();
  expect(await producerConfig()).toMatchObject({ 'linger.ms': '20', 'compression.type': 'lz4' });

  // The settings survive switching sidebar tabs, and the panel's help says what a field does.
  await lab.tab('Topics');
  await lab.tab('Producer');
  await settings.getByLabel('max.in.flight.requests.per.connection').fill('3');
  await expect(settings.getByText(/max\.in\.flight\.requests\.per\.connection: /)).toBeVisible();
  await settings.getByRole('button', { name: 'Apply' }).click();
  expect(await producerConfig()).toMatchObject({
    'linger.ms': '20',
    'compression.type': 'lz4',
    'max.in.flight.requests.per.connection': '3',
  });

  // A record sent with these settings lands (lz4 batch).
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Key').fill('k');
  await send.getByRole('button', { name: 'Send' }).click();
  await expect(send.getByText('Paused: the record waits in the producer until time runs')).toBeVisible();
  await lab.advance(2_000);
  await expect(page.getByTestId('send-results')).toContainText(/key=k → orders-\d @ offset 0/);
});

test('topics: create with segment and retention configs, a replication factor above the broker count refused, more partitions, overrides with sources', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.pause();
  await lab.tab('Topics');
  const topicList = page.getByTestId('topic-list');
  await expect(page.getByText('Pick a topic to add partitions, change its configs or delete it.')).toBeVisible();

  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('replicated');
  // Replication works now; a factor above the broker count is still refused (3 brokers).
  await create.getByLabel('Replication factor').fill('4');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(create.getByRole('alert')).toContainText('INVALID_REPLICATION_FACTOR');
  await expect(create.getByRole('alert')).toContainText('larger than available brokers: 3');
  await expect(topicList).not.toContainText('replicated');

  await create.getByLabel('Name').fill('events');
  await create.getByLabel('Partitions').fill('2');
  await create.getByLabel('Replication factor').fill('1');
  await create.getByLabel('segment.bytes').fill('2048');
  await create.getByLabel('retention.ms').fill('600000');
  await create.getByLabel('retention.bytes').fill('100000');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic events with 2 partitions.')).toBeVisible();
  const row = topicList.locator('tr', { hasText: 'events' });
  await expect(row).toContainText('segment.bytes=2048');
  await expect(row).toContainText('retention.ms=600000');

  // The new topic's details open: every config with its source.
  const details = page.getByRole('region', { name: 'Topic events' });
  const configs = details.getByTestId('topic-configs');
  await expect(configs.locator('tr', { hasText: 'segment.bytes' }).first()).toContainText('topic');
  await expect(configs.locator('tr', { hasText: 'segment.bytes' }).first()).toContainText('2048');
  await expect(configs.locator('tr', { hasText: 'cleanup.policy' })).toContainText('default');

  await details.getByLabel('Partitions').fill('3');
  await details.getByRole('button', { name: 'Increase partitions' }).click();
  await expect(details.getByText('events now has 3 partitions.')).toBeVisible();
  await lab.advance(1_000);
  expect((await lab.snapshot()).topics.find((t) => t.name === 'events')!.partitions).toHaveLength(3);
  // Kafka never shrinks a topic.
  await details.getByLabel('Partitions').fill('2');
  await details.getByRole('button', { name: 'Increase partitions' }).click();
  await expect(details.getByRole('alert')).toContainText('INVALID_PARTITIONS');

  // Edit a config: "Edit" fills the override form; a bad value is refused and changes nothing.
  const override = details.getByRole('form', { name: 'Override a config of events' });
  await configs.getByRole('button', { name: 'Edit retention.bytes' }).click();
  await expect(override.getByLabel('Config')).toHaveValue('retention.bytes');
  await override.getByLabel('Value').fill('not-a-number');
  await override.getByRole('button', { name: 'Set override' }).click();
  await expect(details.getByRole('alert')).toBeVisible();
  await expect(row).toContainText('retention.bytes=100000');
  await override.getByLabel('Value').fill('50000');
  await override.getByRole('button', { name: 'Set override' }).click();
  await expect(details.getByText('Set retention.bytes=50000 on events.')).toBeVisible();
  await expect(row).toContainText('retention.bytes=50000');
  await configs.getByRole('button', { name: 'Remove override retention.ms' }).click();
  await expect(row).not.toContainText('retention.ms=');

  // Delete asks first; Cancel keeps the topic.
  await details.getByRole('button', { name: 'Delete topic…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete topic events?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(topicList).toContainText('events');
});

test('consumer, event log and time controls: seek by offset, end and time, poll once, filters, step and speed', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(6_000);
  await page.getByRole('button', { name: 'Stop producing' }).click();
  await lab.pause();
  await lab.advance(1_000);
  const snap = await lab.snapshot();
  expect(recordCount(snap, 'orders')).toBeGreaterThan(10);
  const fullest = snap.topics[0]!.partitions.reduce((a, b) => ((b.log?.logEndOffset ?? 0) > (a.log?.logEndOffset ?? 0) ? b : a));
  const leo = fullest.log!.logEndOffset;
  const position = async () =>
    (await lab.snapshot()).consumers[0]!.assignment.find((a) => a.tp === fullest.tp)!.position;

  await lab.tab('Consumer');
  const polling = page.getByRole('region', { name: 'Polling' });
  await expect(polling.getByText('polling continuously')).toBeVisible();
  await polling.getByRole('button', { name: 'Stop polling' }).click();
  await expect(polling.getByRole('button', { name: 'Start polling' })).toBeVisible();

  const seek = page.getByRole('region', { name: 'Seek', exact: true });
  await seek.getByLabel('Partition').selectOption(fullest.tp);
  await seek.getByLabel('Offset').fill('1');
  await seek.getByRole('button', { name: 'Seek to offset' }).click();
  await expect(seek.getByText(`Seeked ${fullest.tp} to offset 1.`)).toBeVisible();
  expect(await position()).toBe(1);

  // Seeking to the end is lazy, as in Kafka: the next poll looks the offset up.
  await seek.getByRole('button', { name: 'Seek to end' }).click();
  await expect(seek.getByText('looks the offset up (ListOffsets) at its next poll')).toBeVisible();
  await polling.getByRole('button', { name: 'Poll once' }).click();
  await lab.advance(1_500);
  await expect(page.getByTestId('poll-state')).toHaveText('poll() returned 0 records');
  expect(await position()).toBe(leo);

  // Seek to a time: the first record at or after it (offsetsForTimes).
  const records = (await lab.snapshot()).consumers[0]!.recentRecords.filter((r) => r.tp === fullest.tp);
  const target = records[Math.floor(records.length / 2)]!;
  await seek.getByLabel('Timestamp (ms)').fill(String(target.timestampMs));
  await seek.getByRole('button', { name: 'Seek to time' }).click();
  await lab.advance(500);
  await expect(seek.getByText(`${fullest.tp}→${target.offset}`)).toBeVisible();
  expect(await position()).toBe(target.offset);

  // Poll once returns what is there from that position.
  await polling.getByRole('button', { name: 'Poll once' }).click();
  await lab.advance(1_500);
  await expect(page.getByTestId('poll-state')).toHaveText(/poll\(\) returned [1-9]\d* records?/);
  expect(await position()).toBeGreaterThan(target.offset);

  // Event log filters (a tab under the cluster at 720p).
  await page.getByRole('tab', { name: 'Event log' }).click();
  const eventLog = page.getByRole('region', { name: 'Event log' });
  await eventLog.getByLabel('Kind').selectOption('consumer');
  const lines = page.getByTestId('event-log').locator('li');
  await expect(lines.first()).toBeVisible();
  expect(await lines.evaluateAll((ls) => ls.every((l) => l.classList.contains('ev-consumer')))).toBe(true);
  await eventLog.getByLabel('Kind').selectOption('all');
  await eventLog.getByLabel('Partition').selectOption(fullest.tp);
  await expect(lines.first()).toContainText(fullest.tp);

  // Time controls: Step runs one event, Speed shows and sets the true speed, Play/Pause toggle.
  const before = (await lab.snapshot()).events.length;
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await polling.getByRole('button', { name: 'Start polling' }).click();
  await lab.pause();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
  expect((await lab.snapshot()).events.length).toBeGreaterThan(before);
  await page.getByLabel('Speed').selectOption('2');
  await expect(page.getByLabel('Speed')).toHaveValue('2');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await lab.screenshot('09-panels-consumer');
});

test('reset lab: asks first, then starts a fresh cluster with the chosen seed', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(3_000);
  expect(recordCount(await lab.snapshot(), 'orders')).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Reset lab…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the lab?' });
  await dialog.getByLabel('Seed for the new lab').fill('7');
  await expect(dialog.getByLabel('Kafka version')).toHaveValue('3.9');
  await dialog.getByLabel('Kafka version').selectOption('2.4');
  await dialog.getByRole('button', { name: 'Delete and restart' }).click();
  await page.waitForURL(/seed=7/);
  await lab.waitReady();
  await expect(page.getByTestId('seed')).toHaveText('Kafka 2.4 · seed 7');
  expect(recordCount(await lab.snapshot(), 'orders')).toBe(0);
  // Kafka 2.4's producer defaults: acks=1 and no idempotence (both changed in 3.0).
  const producer = (await lab.snapshot()).producers[0]!;
  expect(producer.config['acks']).toBe('1');
  expect(producer.config['enable.idempotence']).toBe('false');
});

test('the lab names its size limits and refuses beyond them; a hand-made __consumer_offsets is internal and can be deleted again (as Kafka brokers allow)', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await lab.tab('Topics');
  const topicList = page.getByTestId('topic-list');
  const create = page.getByRole('form', { name: 'Create a topic' });
  // The lab's size limits are named in the form, and a larger topic is refused saying why.
  await expect(create.getByTestId('lab-limits')).toHaveText('The lab shows up to 1,000 partitions per topic, 2,000 in the cluster and 1,000 topics.');
  await create.getByLabel('Name').fill('huge');
  await create.getByLabel('Partitions').fill('1001');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(create.getByRole('alert')).toContainText('INVALID_PARTITIONS');
  await expect(create.getByRole('alert')).toContainText('1,000');
  await expect(topicList).not.toContainText('huge');

  await create.getByLabel('Name').fill('__consumer_offsets');
  await create.getByLabel('Partitions').fill('2');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Created topic __consumer_offsets with 2 partitions.')).toBeVisible();
  const row = topicList.locator('tr', { hasText: '__consumer_offsets' });
  await expect(row).toContainText('internal');

  const details = page.getByRole('region', { name: 'Topic __consumer_offsets' });
  await details.getByRole('button', { name: 'Delete topic…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete topic __consumer_offsets?' });
  await expect(dialog).toContainText("one of Kafka's internal topics");
  await dialog.getByRole('button', { name: 'Delete __consumer_offsets' }).click();
  await expect(topicList).not.toContainText('__consumer_offsets');
  await lab.advance(2_000);
  expect((await lab.snapshot()).topics.map((t) => t.name)).not.toContain('__consumer_offsets');
});
