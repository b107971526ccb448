/** The Groups tab and the consumer's group card rendered to HTML in node, from a real lab's snapshot. */
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../../engine/lab/KafkaLab';
import { initCodecs } from '../../engine/record';
import { CLASSROOM_BROKER_CONFIG, demoTopicCommand } from '../../runtime/labActions';
import { useLabStore } from '../../runtime/store';
import { RuntimeContext } from '../RuntimeContext';
import type { AppRuntime } from '../../runtime/appTypes';
import { ConsumerGroupCard } from './ConsumerGroupCard';
import GroupsPanel from './GroupsPanel';
import { StartGroup } from './StartGroup';

beforeAll(async () => {
  await initCodecs();
});

// Server rendering reads zustand's initial state: write the snapshot there, put it back after.
const initial = useLabStore.getInitialState();
const pristine = { snapshot: initial.snapshot };
afterEach(() => {
  Object.assign(initial, pristine);
});

const decode = (html: string): string => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/<!-- -->/g, '');
const render = (node: React.ReactNode): string =>
  decode(renderToString(<RuntimeContext.Provider value={{} as AppRuntime}>{node}</RuntimeContext.Provider>));

function groupLab(): KafkaLab {
  const lab = KafkaLab.create({ seed: 7, brokerConfig: CLASSROOM_BROKER_CONFIG });
  void lab.apply(demoTopicCommand());
  lab.kernel.advanceBy(2_000);
  for (const id of ['consumer-1', 'consumer-2', 'consumer-3']) {
    void lab.apply({ type: 'consumer', id, config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest' } });
    void lab.apply({ type: 'subscribe', consumer: id, topics: ['orders'] });
    void lab.apply({ type: 'start-polling', consumer: id });
  }
  lab.kernel.advanceBy(10_000);
  return lab;
}

describe('Groups tab', () => {
  it('offers to start a group when there is none', () => {
    const lab = KafkaLab.create({ seed: 7, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void lab.apply(demoTopicCommand());
    lab.kernel.advanceBy(2_000);
    Object.assign(initial, { snapshot: lab.snapshot() });
    const html = render(<StartGroup />);
    expect(html).toContain('No consumer group yet');
    expect(html).toMatch(/<label for="[^"]+" class="inline-label">group.id<\/label>/);
    expect(html).toContain('+ Add member');
  });

  it('draws the state machine with Stable lit, the members with their partitions and actions, and the commits', () => {
    const lab = groupLab();
    Object.assign(initial, { snapshot: lab.snapshot() });
    const html = render(<GroupsPanel />);
    expect(html).toContain('aria-label="Consumer group g1"');
    expect(html).toMatch(/<li class="group-sm-step is-current" aria-current="step">.*?Stable/);
    expect((html.match(/aria-current="step"/g) ?? []).length).toBe(1);
    expect(html).toContain('<p class="group-sm-words" aria-live="polite"><strong>Stable</strong>');
    for (const id of ['consumer-1', 'consumer-2', 'consumer-3']) {
      expect(html).toContain(`data-member="${id}"`);
      expect(html).toContain(`aria-label="Crash ${id}"`);
      expect(html).toContain(`aria-label="Close ${id}"`);
    }
    for (let p = 0; p < 6; p++) expect(html).toContain(`data-tp="orders-${p}"`);
    expect(html).toContain(`broker ${lab.group('g1')!.coordinator}`);
  });

  it("shows a member's own view of its group in the Consumer tab", () => {
    const lab = groupLab();
    Object.assign(initial, { snapshot: lab.snapshot() });
    const html = render(<ConsumerGroupCard consumerId="consumer-2" />);
    expect(html).toMatch(/Member of <span class="mono">g1<\/span> · generation <span class="mono">1<\/span>/);
    expect(html).toContain('STABLE');
    expect(html).toContain('commitSync');
    expect(html).toContain('Processing time per record');
    expect(html).toContain('+ Add member to g1');
    expect(html).toMatch(/<input type="checkbox" checked=""\/><span class="mono">orders<\/span>/);
  });
});
