import { expect, test } from './fixtures';

test('panel texts say what happened: broker-default partitions, busy partitions, stale notes gone, plurals, poll once vs the loop', async ({ lab, page }) => {
  test.setTimeout(120_000);
  await lab.open('/?storage=memory');
  await lab.pause();

  // -1 partitions is Kafka's "broker default": say so, with the real count.
  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill('neg');
  await create.getByLabel('Partitions').fill('-1');
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(create.getByRole('status')).toHaveText('Created topic neg with 1 partition (partitions -1 means "use the broker default", num.partitions).');

  // Increase partitions shows that it works until the controller answers.
  const details = page.getByRole('region', { name: 'Topic neg' });
  // (Running in slow motion, the request takes a moment of wall time: long enough to see it.)
  await details.getByLabel('Partitions').fill('3');
  await page.evaluate(() => window.__kafkaLab!.setSpeed(0.1));
  await lab.play();
  await details.getByRole('button', { name: 'Increase partitions' }).click();
  await expect(details.getByRole('button', { name: 'Adding partitions…' })).toBeDisabled();
  await expect(details.getByText('neg now has 3 partitions.')).toBeVisible();
  await lab.pause();

  // After the topic is deleted the create form no longer says "Created topic neg…".
  await details.getByRole('button', { name: 'Delete topic…' }).click();
  await page.getByRole('dialog', { name: 'Delete topic neg?' }).getByRole('button', { name: 'Delete neg' }).click();
  await expect(page.getByText('Deleted topic neg.')).toBeVisible();
  await expect(create.getByText(/Created topic neg/)).toHaveCount(0);

  // Poll before any assignment says what to do, not a raw exception.
  await lab.tab('Consumer');
  const polling = page.getByRole('region', { name: 'Polling' });
  await polling.getByRole('button', { name: 'Poll once' }).click();
  await expect(polling.getByTestId('poll-state')).toContainText('Nothing to poll yet: assign partitions first');

  // A negative timeout is refused.
  await page.getByRole('button', { name: 'Assign all of orders' }).click();
  await polling.getByLabel('with timeout').fill('-1');
  await polling.getByRole('button', { name: 'Poll once' }).click();
  await expect(polling.getByTestId('poll-state')).toHaveText('The timeout must be a whole number of ms, 0 or more.');

  // One poll with a huge timeout is one poll: no "polling continuously", no Stop button.
  await polling.getByLabel('with timeout').fill('100000000');
  await polling.getByRole('button', { name: 'Poll once' }).click();
  await lab.advance(200);
  await expect(polling.getByText('polling continuously')).toHaveCount(0);
  await expect(polling.getByRole('button', { name: 'Stop polling' })).toHaveCount(0);
  await expect(polling.getByRole('button', { name: 'Polling once…' })).toBeDisabled();

  // "1 record consumed", singular.
  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Topic').selectOption('orders');
  await send.getByRole('button', { name: 'Send' }).click();
  await lab.advance(3_000);
  await lab.tab('Consumer');
  await expect(polling.getByText('1 record consumed', { exact: true })).toBeVisible();
});

test('the banner follows the stream: restarted at 50/s it says 50 rec/s', async ({ lab, page }) => {
  await lab.open('/?storage=memory');
  await page.getByRole('button', { name: 'Start producing' }).click();
  await expect(page.getByText(/5 rec\/s, keys user-1…4 → orders/)).toBeVisible();
  await lab.tab('Producer');
  const stream = page.getByRole('form', { name: 'Steady stream' });
  await stream.getByLabel('Records/s').fill('50');
  await stream.getByRole('button', { name: 'Restart stream' }).click();
  await expect(page.getByText(/50 rec\/s, keys user-1…4 → orders/)).toBeVisible();
  await expect(page.getByText(/^5 rec\/s/)).toHaveCount(0);
});

test('long legal names stay inside the topic table and the send results, with their full text kept', async ({ lab, page }) => {
  await lab.open('/?storage=memory');
  await lab.pause();
  const topic = `t${'x'.repeat(248)}`; // 249 characters, Kafka's longest legal name
  await lab.tab('Topics');
  const create = page.getByRole('form', { name: 'Create a topic' });
  await create.getByLabel('Name').fill(topic);
  await create.getByLabel('Partitions').fill('1');
  await create.getByRole('button', { name: 'Create topic' }).click();
  const table = page.getByTestId('topic-list');
  const nameButton = table.getByRole('button', { name: topic, exact: true });
  await expect(nameButton).toHaveAttribute('title', topic);
  const tableBox = (await page.getByRole('region', { name: 'Topics', exact: true }).boundingBox())!;
  const nameBox = (await nameButton.boundingBox())!;
  expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);

  await lab.tab('Producer');
  const send = page.getByRole('form', { name: 'Send a record' });
  const key = 'k'.repeat(10_000);
  await send.getByLabel('Key').fill(key);
  await send.getByRole('button', { name: 'Send' }).click();
  await lab.advance(2_000);
  const result = page.getByTestId('send-results').locator('li').first();
  await expect(result.locator('[title]').first()).toHaveAttribute('title', `key=${key}`);
  const formBox = (await send.boundingBox())!;
  const resultBox = (await result.boundingBox())!;
  expect(resultBox.x + resultBox.width).toBeLessThanOrEqual(formBox.x + formBox.width + 1);
  // Nothing spills over the next card: its buttons still take clicks.
  await lab.tab('Producer');
  await page.getByRole('form', { name: 'Steady stream' }).getByRole('button', { name: 'Start stream' }).click();
  await expect(page.getByRole('form', { name: 'Steady stream' }).getByText(/running: 5\/s/)).toBeVisible();
});
