/** The quick-start hint line (rendered to HTML in node over a real lab's snapshot). */
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaLab } from '../engine/lab/KafkaLab';
import type { AppRuntime } from '../runtime/appTypes';
import { CLASSROOM_BROKER_CONFIG, CLASSROOM_LINK, DEMO_TOPIC, demoTopicCommand, setupClients } from '../runtime/labActions';
import { useLabStore } from '../runtime/store';
import { QuickStart } from './QuickStart';
import { RuntimeContext } from './RuntimeContext';

const runtime = new Proxy({}, { get: () => () => undefined }) as unknown as AppRuntime;
const initial = useLabStore.getInitialState();
const pristine = initial.snapshot;
afterEach(() => Object.assign(initial, { snapshot: pristine }));

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('quick start', () => {
  it('counts the records of the topic the stream writes to, not the ready topic', () => {
    const lab = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void lab.apply(demoTopicCommand());
    void lab.apply({ type: 'create-topic', topic: 'wide', partitions: 3, replicationFactor: 1, configs: {} });
    lab.kernel.advanceBy(2_000);
    setupClients(lab);
    void lab.apply({ type: 'stream', producer: 'producer-1', topic: 'wide', recordsPerSecond: 50, keys: ['a', 'b'] });
    lab.kernel.advanceBy(3_000);
    const snapshot = lab.snapshot();
    const wide = snapshot.topics.find((t) => t.name === 'wide')!.partitions.reduce((n, p) => n + (p.log?.logEndOffset ?? 0), 0);
    expect(wide).toBeGreaterThan(0);
    Object.assign(initial, { snapshot });
    const line = text(renderToString(<RuntimeContext.Provider value={runtime}><QuickStart /></RuntimeContext.Provider>));
    expect(line).toContain(`→ wide · ${wide} records in wide`);
    expect(line).not.toContain(`records in ${DEMO_TOPIC}`);
  });
});
