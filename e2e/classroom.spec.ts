/**
 * Classroom readability (issue 5 §2): presenter mode, keyboard shortcuts and their help,
 * 1024×768, Step saying what ran, the event log over the whole run, zstd in the app.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Rendered font size of `el` in screen px: its CSS font size times any scale transform above it. */
async function renderedFontPx(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).getClientRects().length > 0)
      .map((el) => {
        const size = parseFloat(getComputedStyle(el).fontSize);
        // Any ancestor transform shows as the ratio of the drawn box to the layout box.
        let scale = 1;
        for (let a: Element | null = el; a; a = a.parentElement) {
          const t = getComputedStyle(a).transform;
          if (t && t !== 'none') scale *= new DOMMatrixReadOnly(t).a;
        }
        return size * scale;
      }),
  );
}

test('presenter mode: cluster, partition log and event log fill a 1080p screen in ≥ 24 px text, panels tucked away', async ({
  lab,
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(3_000);

  await page.getByRole('button', { name: 'Presenter' }).click();
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  // The side panels are tucked away; the three views are on screen.
  await expect(page.getByRole('complementary', { name: 'Clients, topics and brokers' })).toBeHidden();
  const clusterBox = (await page.getByRole('region', { name: 'Cluster view' }).boundingBox())!;
  const logBox = (await page.locator('.log-strip-region').boundingBox())!;
  const eventsBox = (await page.getByRole('region', { name: 'Event log' }).boundingBox())!;
  for (const box of [clusterBox, logBox, eventsBox]) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1920 + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(1080 + 1);
  }
  // Together they use the screen below the header and the start bar (≥ 85% of it).
  const covered = clusterBox.width * clusterBox.height + logBox.width * logBox.height + eventsBox.width * eventsBox.height;
  expect(covered / (1920 * 1080)).toBeGreaterThan(0.85);

  // Body text of all three views is at least 24 px on screen.
  const texts = {
    'broker names': '.kl-broker-name',
    'client names': '.kl-client-name',
    'partition tiles': '.kl-tile-label',
    'log cells': '.kl-cell text',
    'log markers': '.kl-marker text',
    'log title': '.kl-logstrip-title',
    'event lines': '.ev-text',
  };
  for (const [what, selector] of Object.entries(texts)) {
    const sizes = await renderedFontPx(page, selector);
    expect(sizes.length, `${what} shown`).toBeGreaterThan(0);
    expect(Math.min(...sizes), `${what} font px`).toBeGreaterThanOrEqual(24);
  }
  await page.screenshot({ path: 'test-results/screens/20-presenter-1080p.png' });

  // The panels come back over the event log on demand, and when presenter mode ends.
  await page.getByRole('button', { name: 'Panels' }).click();
  await expect(page.getByRole('complementary', { name: 'Clients, topics and brokers' })).toBeVisible();
  await page.getByRole('button', { name: 'Presenter' }).click();
  await expect(page.getByRole('complementary', { name: 'Clients, topics and brokers' })).toBeVisible();
  await expect(page.locator('.app--presenter')).toHaveCount(0);
});

test('shortcuts: Space/K play-pause, . steps, +/− change speed, P presenter, ? lists them; not while typing', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  const playing = () => page.evaluate(() => window.__kafkaLab!.runtime.lab !== null && document.querySelector('[aria-label="Pause"]') !== null);

  await page.locator('body').click({ position: { x: 600, y: 300 } });
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByTestId('step-report')).toBeVisible();

  await expect(page.getByLabel('Speed')).toHaveValue('0.25');
  await page.keyboard.press('+');
  await expect(page.getByLabel('Speed')).toHaveValue('0.5');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByLabel('Speed')).toHaveValue('0.1');

  await page.keyboard.press('p');
  await expect(page.locator('.app--presenter')).toHaveCount(1);
  await page.keyboard.press('P');
  await expect(page.locator('.app--presenter')).toHaveCount(0);

  // The help overlay lists every shortcut; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const text of ['Play / pause', 'Step', 'Faster', 'Slower', 'Presenter mode']) await expect(help).toContainText(text);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Typing in a field never triggers them.
  const key = page.getByRole('form', { name: 'Send a record' }).getByLabel('Key');
  await key.fill('');
  await key.pressSequentially('kp.+ ?');
  await expect(key).toHaveValue('kp.+ ?');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByLabel('Speed')).toHaveValue('0.1');
  await expect(page.locator('.app--presenter')).toHaveCount(0);
  await expect(help).toBeHidden();
  expect(await playing()).toBe(false);
});

test('1024×768: Reset is reachable, no header control off-screen, the controller badge clear of the broker name', async ({
  lab,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await lab.open();
  await lab.pause();
  const header = page.getByRole('banner');
  for (const name of ['Play', 'Step', 'Presenter', 'Keyboard shortcuts', 'Reset lab…']) {
    const box = (await header.getByRole('button', { name, exact: true }).boundingBox())!;
    expect(box.x + box.width, `${name} inside the window`).toBeLessThanOrEqual(1024);
  }
  // The broker name and the controller mark do not overlap.
  const controller = page.locator('.kl-broker--controller');
  const name = (await controller.locator('.kl-broker-name').boundingBox())!;
  const mark = (await controller.locator('.kl-badge--controller').boundingBox())!;
  const host = (await controller.locator('.kl-broker-host').count()) > 0 ? await controller.locator('.kl-broker-host').boundingBox() : null;
  const apart = (a: typeof name, b: typeof name) =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  expect(apart(name, mark)).toBe(true);
  if (host) expect(apart(host, mark)).toBe(true);
  await page.screenshot({ path: 'test-results/screens/21-1024x768.png' });

  // The selected partition's ring and the keyboard focus ring have different colours.
  const tile = page.locator('.kl-tile').first();
  await tile.click();
  await expect(tile).toHaveClass(/kl-tile--selected/);
  await tile.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const rings = await tile.evaluate((el) => ({ shadow: getComputedStyle(el).boxShadow, outline: getComputedStyle(el).outlineColor, focused: el.matches(':focus-visible') }));
  expect(rings.focused).toBe(true);
  expect(rings.shadow).not.toContain(rings.outline);

  await page.getByRole('button', { name: 'Reset lab…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the lab?' });
  await expect(dialog.getByRole('button', { name: 'Delete and restart' })).toBeInViewport();
  // A bad seed says why instead of only disabling the button.
  await dialog.getByLabel('Seed for the new lab').fill('12ab');
  await expect(dialog.getByRole('alert')).toContainText('digits only');
  await expect(dialog.getByRole('button', { name: 'Delete and restart' })).toBeDisabled();
  await dialog.getByLabel('Seed for the new lab').fill('99999999999');
  await expect(dialog.getByRole('alert')).toContainText('too large');
  // Five brokers: the page reloads with them (and the link says so).
  await dialog.getByLabel('Seed for the new lab').fill('11');
  await dialog.getByLabel('Brokers').selectOption('5');
  await dialog.getByRole('button', { name: 'Delete and restart' }).click();
  await page.waitForURL(/brokers=5/);
  await lab.waitReady();
  expect((await lab.snapshot()).brokers).toHaveLength(5);
  await expect(page.locator('.kl-broker-card')).toHaveCount(5);
  await page.screenshot({ path: 'test-results/screens/22-five-brokers-1024x768.png' });
});

test('a link with ?brokers= starts that many brokers; a bad value is named and ignored', async ({ lab, page }) => {
  await lab.open('/?brokers=1');
  expect((await lab.snapshot()).brokers).toHaveLength(1);
  await page.evaluate(() => window.__kafkaLab!.crash());
  await page.evaluate(() => indexedDB.deleteDatabase('kafka-lab'));
  await lab.open('/?brokers=12');
  await expect(page.getByTestId('link-warnings')).toContainText('Ignored brokers=12 from the link: a lab has 1 to 9 brokers.');
  expect((await lab.snapshot()).brokers).toHaveLength(3);
});

test('Step shows the task it ran and its events, highlighted in the event log and the cluster', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  await lab.advance(1_000);
  await page.getByRole('tab', { name: 'Event log' }).click();

  // Step until a step emitted events (some tasks, like a timer with nothing to do, emit none).
  let report = null as null | { label: string; first: number; end: number };
  for (let i = 0; i < 40 && !report; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    const last = await page.evaluate(() => window.__kafkaLab!.lab.kernel.lastStep);
    if (last && last.endEventSeq > last.firstEventSeq) report = { label: last.label, first: last.firstEventSeq, end: last.endEventSeq };
  }
  expect(report, 'a step that emitted events').not.toBeNull();
  const card = page.getByTestId('step-report');
  await expect(card).toContainText('Step ran');
  await expect(card).toContainText(report!.label);
  const firstText = await page.evaluate((seq) => window.__kafkaLab!.lab.kernel.log.get(seq)!.text, report!.first);
  await expect(card).toContainText(firstText.slice(0, 30));
  // Its events are highlighted in the event log…
  const stepped = page.locator('.ev--step');
  await expect(stepped).toHaveCount(report!.end - report!.first);
  await expect(stepped.first()).toHaveAttribute('data-seq', String(report!.first));
  // …and whatever took part is outlined in the cluster view.
  expect(await page.locator('.kl-node--step, .kl-tile--step').count()).toBeGreaterThan(0);
  await lab.screenshot('23-step-report');
  // Running again clears it.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(card).toBeHidden();
  await expect(page.locator('.ev--step')).toHaveCount(0);
});

test('event log: the whole run is kept, filters reach the start-up events, only visible rows exist, long text is cut', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.pause();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();
  // Two minutes of a 5 rec/s stream: thousands of events (the old log kept the last 500).
  await lab.advance(120_000);
  const count = await page.evaluate(() => window.__kafkaLab!.lab.kernel.log.count);
  expect(count).toBeGreaterThan(2000);
  const firstController = await page.evaluate(() => {
    const log = window.__kafkaLab!.lab.kernel.log;
    for (let s = log.firstRetainedSeq; s < log.count; s++) if (log.get(s)!.kind === 'controller') return { seq: s, text: log.get(s)!.text };
    return null;
  });
  expect(firstController, 'a controller event at start-up').not.toBeNull();

  await page.getByRole('tab', { name: 'Event log' }).click();
  const lines = page.getByTestId('event-log').locator('li');
  await expect(page.getByTestId('event-count')).toHaveText(`${count} events`);
  // Virtual list: a few dozen rows in the DOM, not thousands.
  expect(await lines.count()).toBeLessThan(80);

  // Filter by kind: the first start-up controller event is reachable by scrolling to the top.
  const eventLog = page.getByRole('region', { name: 'Event log' });
  await eventLog.getByLabel('Kind').selectOption('controller');
  await page.getByTestId('event-log').evaluate((el) => (el.scrollTop = 0));
  await expect(page.locator(`.ev[data-seq="${firstController!.seq}"]`)).toContainText(firstController!.text.slice(0, 40));
  expect(await lines.evaluateAll((ls) => ls.every((l) => l.classList.contains('ev-controller')))).toBe(true);
  // Scrolled up, new events do not pull the view down; "Jump to newest" does.
  await lab.advance(2_000);
  await expect(page.locator(`.ev[data-seq="${firstController!.seq}"]`)).toBeVisible();
  await eventLog.getByLabel('Kind').selectOption('all');
  await page.getByTestId('event-log').evaluate((el) => (el.scrollTop = 0));
  await expect(eventLog.getByRole('button', { name: 'Jump to newest' })).toBeVisible();
  await eventLog.getByRole('button', { name: 'Jump to newest' }).click();
  const newest = await page.evaluate(() => window.__kafkaLab!.lab.kernel.log.count - 1);
  await expect(page.locator(`.ev[data-seq="${newest}"]`)).toBeVisible();

  // A 249-character topic name (Kafka's longest): its event lines stay one row inside the log, the full text kept.
  const longName = 't'.repeat(249);
  await page.evaluate(async (name) => {
    const api = window.__kafkaLab!;
    await api.runtime.command(() => api.lab.admin.createTopic({ name, partitions: 1, replicationFactor: 1 }));
  }, longName);
  await lab.advance(1_000);
  const named = await page.evaluate((name) => {
    const log = window.__kafkaLab!.lab.kernel.log;
    for (let seq = log.count - 1; seq >= log.firstRetainedSeq; seq--) if (log.get(seq)!.text.includes(name)) return { seq, kind: log.get(seq)!.kind };
    return null;
  }, longName);
  expect(named, 'an event naming the long topic').not.toBeNull();
  // Its kind's newest lines (a new filter starts at the newest line).
  await eventLog.getByLabel('Kind').selectOption(named!.kind);
  const logBox = (await page.getByTestId('event-log').boundingBox())!;
  const longLine = page.locator(`.ev[data-seq="${named!.seq}"] .ev-text`);
  await expect(longLine).toBeVisible();
  const lineBox = (await longLine.boundingBox())!;
  expect(lineBox.x + lineBox.width).toBeLessThanOrEqual(logBox.x + logBox.width + 1);
  expect(lineBox.height).toBeLessThan(40);
  expect(await longLine.textContent()).toContain(longName);
});

test('zstd: a record sent with compression.type=zstd lands (the codec is initialised at boot)', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  const settings = page.getByRole('group', { name: 'Settings' });
  await settings.getByLabel('compression.type').selectOption('zstd');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Applied compression.type=zstd')).toBeVisible();
  const send = page.getByRole('form', { name: 'Send a record' });
  await send.getByLabel('Key').fill('z');
  await send.getByRole('button', { name: 'Send' }).click();
  await lab.advance(2_000);
  await expect(page.getByTestId('send-results')).toContainText(/key=z → orders-\d @ offset 0/);
  await expect(page.getByTestId('send-results')).not.toContainText('zstd codec not initialised');
  // The stored batch is really zstd (codec id 4 in the batch attributes).
  const codecs = await page.evaluate(() =>
    window.__kafkaLab!.snapshot().topics.find((t) => t.name === 'orders')!.partitions.flatMap((p) => p.log?.segments.flatMap((s) => s.batches.map((b) => b.compression)) ?? []),
  );
  expect(codecs).toContain('zstd');
});
