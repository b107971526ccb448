import { expect, recordCount, test } from './fixtures';

test('first minute: one click starts a stream, records are seen travelling and landing, a segment rolls', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await lab.screenshot('01-first-screen');

  // Classroom pacing is on screen and true: slow motion 0.25×, the clock is simulated time.
  await expect(page.getByLabel('Speed')).toHaveValue('0.25');
  const clock = page.getByTestId('sim-clock');
  const t0 = await lab.nowMs();
  await expect(clock).toHaveText(`t = ${Math.floor(t0 / 1000)}.${String(Math.floor(t0) % 1000).padStart(3, '0')} s`);

  await expect(page.getByText('Press ▶ Start producing to send records to the orders topic')).toBeVisible();
  await page.getByRole('button', { name: 'Start producing' }).click();
  await lab.pause();

  // A Produce request is on its way from the producer to a partition leader…
  await page.evaluate(() =>
    window.__kafkaLab!.runUntil(
      (l) => [...l.network.inFlight()].some((e) => e.apiKey === 'Produce' && e.direction === 'request'),
      10_000,
    ),
  );
  const flight = await page.evaluate(() => {
    const l = window.__kafkaLab!.lab;
    const e = [...l.network.inFlight()].find((m) => m.apiKey === 'Produce' && m.direction === 'request')!;
    const body = e.body as { topicData: { topic: string; partitionData: { partition: number; records: Uint8Array }[] }[] };
    const topic = body.topicData[0]!.topic;
    const partition = body.topicData[0]!.partitionData[0]!.partition;
    // The batch's record count (v2 header, bytes 57–60): with acks=all waiting for the ISR, the producer may batch several.
    const batch = body.topicData[0]!.partitionData[0]!.records;
    const records = new DataView(batch.buffer, batch.byteOffset, batch.byteLength).getInt32(57);
    const view = l.snapshot().topics.find((t) => t.name === topic)!.partitions[partition]!;
    return { id: e.id, send: e.sendTimeMs, arrive: e.arriveTimeMs, now: l.kernel.nowMs, tp: `${topic}-${partition}`, leader: view.leader, leo: view.log!.logEndOffset, records };
  });
  // Each hop takes long enough to watch: ≥ 80 ms of simulated time, ≥ 320 ms of wall time at 0.25×.
  expect(flight.arrive - flight.send).toBeGreaterThanOrEqual(80);
  await lab.selectPartition(flight.tp);
  await lab.advance((flight.send + flight.arrive) / 2 - flight.now);

  // …drawn as a dot halfway between the producer and the leader's broker card.
  const dot = page.locator(`[data-msg-id="${flight.id}"]`);
  await expect(dot).toHaveAttribute('opacity', '1');
  const dotBox = (await dot.boundingBox())!;
  const producerBox = (await page.locator('.kl-client--producer rect').first().boundingBox())!;
  const cardBox = (await page.locator('.kl-broker-card').nth(flight.leader).boundingBox())!;
  const dotX = dotBox.x + dotBox.width / 2;
  expect(dotX).toBeGreaterThan(producerBox.x + producerBox.width);
  expect(dotX).toBeLessThan(cardBox.x);
  await lab.screenshot('01b-record-in-flight');

  // At its arrival time it lands: the leader's tile pulses and the log strip shows the next offset.
  await lab.advance(flight.arrive - (flight.send + flight.arrive) / 2 + 1);
  const tile = page.locator(`.kl-tile[data-tp="${flight.tp}"][data-broker="${flight.leader}"]`);
  await expect(tile.locator('.kl-tile-pulse')).toHaveCount(1);
  const strip = page.getByRole('region', { name: `Log of partition ${flight.tp}` });
  await expect(strip).toContainText(`LEO ${flight.leo + flight.records}`);
  await expect(strip.getByRole('option', { name: new RegExp(`^offset ${flight.leo},`) })).toHaveCount(1);
  await lab.screenshot('01c-record-landed');

  await lab.advance(10_000);
  const snap = await lab.snapshot();
  const produced = recordCount(snap, 'orders');
  expect(produced).toBeGreaterThanOrEqual(40);
  expect(snap.producers[0]?.stream?.topic).toBe('orders');

  // Every partition's log grows at increasing offsets; the consumer read them in order.
  const consumer = snap.consumers[0]!;
  expect(consumer.recordsConsumed).toBeGreaterThan(0);
  const lastOffset = new Map<string, number>();
  for (const r of consumer.recentRecords) {
    const prev = lastOffset.get(r.tp) ?? -1;
    expect(r.offset).toBeGreaterThan(prev);
    lastOffset.set(r.tp, r.offset);
  }

  // The UI shows it: the consumer's records table fills.
  await lab.tab('Consumer');
  const rows = page.getByTestId('consumer-records').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  // The log strip of a partition shows its offsets.
  const tp = snap.topics.find((t) => t.name === 'orders')!.partitions.find((p) => (p.log?.logEndOffset ?? 0) > 0)!;
  await lab.selectPartition(tp.tp);
  await expect(page.getByRole('region', { name: `Log of partition ${tp.tp}` })).toContainText(`LEO ${tp.log!.logEndOffset}`);
  await lab.screenshot('02-streaming-consumer');

  // orders is created with segment.ms=10000: within a minute a segment rolls.
  await lab.advance(50_000);
  const later = await lab.snapshot();
  const rolled = later.topics.find((t) => t.name === 'orders')!.partitions.find((p) => (p.log?.segments.length ?? 0) > 1);
  expect(rolled, 'some orders partition has more than one segment').toBeDefined();
  await lab.selectPartition(rolled!.tp);
  const rolledStrip = page.getByRole('region', { name: `Log of partition ${rolled!.tp}` });
  const segments = rolled!.log!.segments.length;
  await expect(rolledStrip).toContainText(`LEO ${rolled!.log!.logEndOffset}`);
  await expect(rolledStrip).toContainText(`${segments} segments`);
  await lab.screenshot('03-segment-rolled');
});
