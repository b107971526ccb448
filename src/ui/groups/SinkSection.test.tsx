/** The sink section rendered to HTML in node, from a real three-member group that duplicated records. */
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../../engine/lab/KafkaLab';
import { initCodecs } from '../../engine/record';
import { CLASSROOM_BROKER_CONFIG, demoTopicCommand } from '../../runtime/labActions';
import { useLabStore } from '../../runtime/store';
import { RuntimeContext } from '../RuntimeContext';
import type { AppRuntime } from '../../runtime/appTypes';
import { SinkSection } from './SinkSection';

beforeAll(async () => {
  await initCodecs();
});

const initial = useLabStore.getInitialState();
const pristine = { snapshot: initial.snapshot };
afterEach(() => {
  Object.assign(initial, pristine);
});

const decode = (html: string): string => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/<!-- -->/g, '');
const render = (lab: KafkaLab): string => {
  Object.assign(initial, { snapshot: lab.snapshot() });
  return decode(renderToString(<RuntimeContext.Provider value={{} as AppRuntime}><SinkSection groupId="g1" /></RuntimeContext.Provider>));
};

const MEMBER = { 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false', 'session.timeout.ms': '10000' };

/** Three members read 24 records; consumer-1 and consumer-2 commit, consumer-3 crashes before committing. */
async function crashedGroup(): Promise<KafkaLab> {
  const lab = KafkaLab.create({ seed: 7, brokerConfig: CLASSROOM_BROKER_CONFIG });
  void lab.apply(demoTopicCommand());
  lab.kernel.advanceBy(2_000);
  const producer = lab.createProducer({ 'linger.ms': 0 });
  for (let i = 0; i < 24; i++) void producer.send({ topic: 'orders', key: `acct-${i % 4}`, value: `order ${i}`, partition: i % 6 });
  lab.kernel.advanceBy(2_000);
  for (const id of ['consumer-1', 'consumer-2', 'consumer-3']) {
    void lab.apply({ type: 'consumer', id, config: MEMBER });
    void lab.apply({ type: 'subscribe', consumer: id, topics: ['orders'] });
    void lab.apply({ type: 'start-polling', consumer: id });
  }
  lab.kernel.advanceBy(10_000);
  for (const id of ['consumer-1', 'consumer-2']) void lab.apply({ type: 'commit', consumer: id, mode: 'sync' });
  lab.kernel.advanceBy(1_000);
  void lab.apply({ type: 'crash-consumer', consumer: 'consumer-3' });
  lab.kernel.advanceBy(20_000);
  return lab;
}

describe('the sink section', () => {
  it('names the section, offers the remedies with a sentence for the chosen one, and says when nothing was written', () => {
    const lab = KafkaLab.create({ seed: 7, brokerConfig: CLASSROOM_BROKER_CONFIG });
    const html = render(lab);
    expect(html).toMatch(/<h4 id="[^"]+" class="group-sink-title">Sink \(the application's table\)<\/h4>/);
    expect(html).toMatch(/<label for="[^"]+" class="inline-label">Remedy against duplicates<\/label>/);
    for (const label of ['none', 'dedupe by id', 'unique constraint', 'version check']) expect(html).toContain(`>${label}</option>`);
    expect(html).toContain('Every processed record becomes a row, so a record processed twice is stored twice.');
    expect(html).toContain('No rows yet');
    expect(html).not.toContain('Only duplicated records');
  });

  it('shows the duplicates a crash before commit left, marked in words on each duplicated row', async () => {
    const lab = await crashedGroup();
    const sink = lab.sink('g1').view();
    expect(sink.duplicates).toBeGreaterThan(0);
    const html = render(lab);
    expect(html).toMatch(new RegExp(`data-counter="rows"><dt>rows</dt><dd>${sink.rows}</dd>`));
    expect(html).toMatch(new RegExp(`data-counter="records received twice"><dt>records received twice</dt><dd>${sink.redelivered}</dd>`));
    expect(html).toMatch(new RegExp(`class="is-alarm" title="[^"]+" data-counter="duplicates held"><dt>duplicates held</dt><dd>${sink.duplicates}</dd>`));
    expect(html).toContain(`aria-label="Latest rows of g1's sink"`);
    const duplicated = lab.snapshot().sinks[0]!.latestRows.filter((r) => r.copies > 1);
    expect(duplicated.length).toBeGreaterThan(0);
    for (const r of duplicated) expect(html).toContain(`<tr class="is-duplicate" data-sink-row="${r.id}" title="value: ${r.value}"><th scope="row" class="mono">${r.id}<span class="group-sink-dup">duplicate ×2</span>`);
    expect(html).toContain(`<span>Only duplicated records (latest ${Math.min(12, sink.duplicates)})</span>`);
    // The second copies are the survivors' writes of what consumer-3 processed but never committed.
    expect(duplicated.every((r) => r.writtenBy !== 'consumer-3')).toBe(true);
  });

  it('shows the remedy chosen and what it kept out', async () => {
    const lab = await crashedGroup();
    await lab.apply({ type: 'sink', group: 'g1', remedy: 'dedupe-id' });
    const html = render(lab);
    expect(html).toMatch(/<option value="dedupe-id" selected="">dedupe by id<\/option>/);
    expect(html).toContain("Before writing, the application looks the record's id up among the ids it stored");
    expect(html).toMatch(/data-counter="writes kept out by the remedy"><dt>writes kept out by the remedy<\/dt><dd>0<\/dd>/);
  });
});
