/** The components rendered to HTML in node (no DOM): accessible names, summary, hint. */
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useLabStore } from '../../runtime/store';
import { ClusterView } from './ClusterView';
import { PartitionLogStrip } from './PartitionLogStrip';
import { SyntheticLab } from './dev/syntheticLab';
import { createRafFrameClock } from './frameClock';
import type { RecordDetail } from '../../engine/lab/LogRecordReader';

function fakeRecord(offset: number, key: string | null): RecordDetail {
  return {
    offset,
    timestampMs: offset * 10,
    key,
    keySizeBytes: key === null ? -1 : key.length,
    keyHash: key === null ? 0 : key.charCodeAt(key.length - 1),
    value: `v${offset}`,
    valueSizeBytes: 2,
    headers: [],
    batch: { baseOffset: offset, lastOffset: offset, recordCount: 1, compression: 'none', timestampType: 'CreateTime', maxTimestampMs: offset * 10, partitionLeaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, isTransactional: false, isControl: false, position: 0, sizeBytes: 80, segment: '00000000000000000000.log' },
  };
}

/**
 * Server rendering reads zustand's *initial* state (useSyncExternalStore's server snapshot),
 * so tests write the state under test there, and put it back afterwards.
 */
const initial = useLabStore.getInitialState();
const pristine = { snapshot: initial.snapshot, selectedTp: initial.selectedTp };

function publish(lab: SyntheticLab, selectedTp: string | null = null): void {
  Object.assign(initial, { snapshot: lab.snapshot(), selectedTp });
}

afterEach(() => {
  Object.assign(initial, pristine);
});

const decode = (html: string): string =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/<!-- -->/g, '');

describe('ClusterView', () => {
  it('renders broker cards with host:port and a controller badge', () => {
    publish(new SyntheticLab());
    const html = decode(renderToString(<ClusterView />));
    for (const id of [0, 1, 2]) {
      expect(html).toContain(`Broker ${id}`);
      expect(html).toContain(`localhost:${9092 + id}`);
    }
    expect(html).toContain('★ controller');
    expect(html).toMatch(/role="img" aria-label="Kafka cluster: 3 brokers, controller broker 0/);
  });

  it('renders each replica as a button named after its partition', () => {
    const lab = new SyntheticLab();
    publish(lab);
    const html = decode(renderToString(<ClusterView />));
    const buttons = html.match(/<button[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(18);
    const p3 = lab.snapshot().topics[0]!.partitions[3]!;
    const leo = p3.log!.logEndOffset;
    const hw = p3.log!.highWatermark;
    expect(html).toContain(`aria-label="orders-3, leader on broker 0, LEO ${leo}, HW ${hw}"`);
    expect(html).toContain(`aria-label="orders-3, follower on broker 1 (in sync), leader on broker 0, LEO ${leo}, HW ${hw}"`);
    expect(html).toMatch(/aria-label="orders-4, follower on broker 0 \(out of sync\)/);
  });

  it('marks the selected partition pressed and a dead broker offline', () => {
    publish(new SyntheticLab({ deadBroker: 2 }), 'orders-1');
    const html = decode(renderToString(<ClusterView />));
    expect(html.match(/aria-pressed="true"/g)).toHaveLength(3);
    expect(html).toContain('kl-broker--dead');
    expect(html).toContain('Partitions on broker 2 (offline)');
  });

  it('renders in-flight messages as SVG particles, hidden until the frame loop places them', () => {
    const lab = new SyntheticLab();
    lab.advanceTo(3000);
    publish(lab);
    const n = lab.snapshot().inFlight.length;
    expect(n).toBeGreaterThan(0);
    const html = renderToString(<ClusterView />);
    expect(html.match(/class="kl-particle /g)).toHaveLength(n);
    expect(html).not.toContain('kl-particles-canvas');
  });

  it('switches to one canvas for hundreds of messages', () => {
    const lab = new SyntheticLab({ load: 400 });
    lab.advanceTo(100);
    publish(lab);
    const html = renderToString(<ClusterView />);
    expect(html).toContain('kl-particles-canvas');
    expect(html).not.toContain('class="kl-particle ');
  });
});

describe('PartitionLogStrip', () => {
  it('asks for a selection when nothing is selected', () => {
    publish(new SyntheticLab());
    expect(renderToString(<PartitionLogStrip tp={null} />)).toContain('Select a partition in the cluster view to see its log');
  });

  it('summarises the log for screen readers', () => {
    const lab = new SyntheticLab();
    publish(lab);
    const snap = lab.snapshot();
    const log = snap.topics[0]!.partitions[3]!.log!;
    const pos = snap.consumers[0]!.assignment.find((a) => a.tp === 'orders-3')!.position;
    const html = decode(renderToString(<PartitionLogStrip tp="orders-3" />));
    expect(html).toContain(
      `class="kl-sr-only">orders-3: log start 0, HW ${log.highWatermark}, LEO ${log.logEndOffset}, 3 segments, consumer-1 at ${pos}</p>`,
    );
    // Replicas and ISR are lists of broker ids, not counts.
    expect(html).toContain('replicas [0, 1, 2] · ISR [0, 1, 2] · 3 segments');
    expect(html).toContain(`HW ${log.highWatermark}`);
    expect(html).toContain(`LEO ${log.logEndOffset}`);
    expect(html).toContain('log start 0');
    expect(html).toContain(`consumer-1 position ${pos}`);
    expect(html).toContain('00000000000000000037.log');
    expect(html).toMatch(/index: offset \d+ → position \d+/);
    expect(html).toContain('lz4');
  });

  it('puts each record key on a focusable cell when the lab can read records', () => {
    const lab = new SyntheticLab();
    publish(lab);
    const log = lab.snapshot().topics[0]!.partitions[3]!.log!;
    const reads: [number, number][] = [];
    const readRecords = (tp: string, from: number, count: number): RecordDetail[] => {
      reads.push([from, count]);
      const out: RecordDetail[] = [];
      for (let o = from; o < Math.min(log.logEndOffset, from + count); o++) out.push(fakeRecord(o, o % 3 === 0 ? null : `user-${o % 3}`));
      return out;
    };
    const html = decode(renderToString(<PartitionLogStrip tp="orders-3" readRecords={readRecords} />));
    const last = log.logEndOffset - 1;
    // Only the window is read: a few offsets, not the whole log.
    expect(reads).toHaveLength(1);
    expect(reads[0]![1]).toBeLessThan(40);
    expect(html).toMatch(new RegExp(`role="option"[^>]*aria-label="offset ${last}, key (user-\\d|no key), (committed|not yet committed[^"]*)"[^>]*tabindex="0"`));
    expect(html).toContain('role="listbox"');
    expect(html).toContain('aria-label="Keys in view (colour per key)"');
    expect(html).toMatch(/class="kl-cell-key"[^>]*>user-[12]</);
    expect(html).toContain('>∅<');
  });

  it('cuts a 249-character topic name with its full text as the title and the region name', () => {
    const lab = new SyntheticLab();
    publish(lab);
    const name = 'x'.repeat(249);
    const snap = lab.snapshot();
    const p = snap.topics[0]!.partitions[3]!;
    const partition = { ...p, topic: name, tp: `${name}-3` };
    Object.assign(initial, { snapshot: { ...snap, topics: [{ ...snap.topics[0]!, name, partitions: [partition] }] } });
    const html = decode(renderToString(<PartitionLogStrip tp={`${name}-3`} />));
    expect(html).toContain(`aria-label="Log of partition ${name}-3"`);
    expect(html).toContain(`class="kl-logstrip-title" title="${name}-3"`);
  });

  it('says so when the partition does not exist', () => {
    publish(new SyntheticLab());
    expect(decode(renderToString(<PartitionLogStrip tp="nope-0" />))).toContain('nope-0 is not in the cluster');
  });
});

describe('createRafFrameClock', () => {
  it('does nothing without requestAnimationFrame and unsubscribes cleanly', () => {
    const subscribe = createRafFrameClock(() => 5);
    const seen: number[] = [];
    const off = subscribe((t) => seen.push(t));
    off();
    expect(seen).toEqual([]);
  });

  it('calls listeners each frame with the sim time, and sleeps when nobody listens', () => {
    const queue: FrameRequestCallback[] = [];
    const g = globalThis as Record<string, unknown>;
    g.requestAnimationFrame = (cb: FrameRequestCallback) => queue.push(cb);
    g.cancelAnimationFrame = () => void queue.splice(0);
    try {
      let now = 100;
      const subscribe = createRafFrameClock(() => now);
      const seen: number[] = [];
      const off = subscribe((t) => seen.push(t));
      queue.shift()!(0);
      now = 116;
      queue.shift()!(16);
      expect(seen).toEqual([100, 116]);
      off();
      expect(queue).toHaveLength(0);
    } finally {
      delete g.requestAnimationFrame;
      delete g.cancelAnimationFrame;
    }
  });
});
