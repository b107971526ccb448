/** The replica rows rendered to HTML in node: one named list item per replica. */
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useLabStore } from '../../runtime/store';
import { PartitionLogStrip } from './PartitionLogStrip';
import { fitLabel } from './PartitionLogStripReplicas';
import { SyntheticLab } from './dev/syntheticLab';

// Server rendering reads zustand's initial state (see components.test.tsx).
const initial = useLabStore.getInitialState();
const pristine = { snapshot: initial.snapshot, selectedTp: initial.selectedTp };
afterEach(() => {
  Object.assign(initial, pristine);
});

const decode = (html: string): string => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/<!-- -->/g, '');

describe('replica rows in the partition log strip', () => {
  it('lists every replica with its role, ISR membership and offsets', () => {
    const lab = new SyntheticLab({ deadBroker: 2 });
    Object.assign(initial, { snapshot: lab.snapshot(), selectedTp: null });
    const p = lab.snapshot().topics[0]!.partitions[4]!;
    const html = decode(renderToString(<PartitionLogStrip tp={p.tp} />));
    expect(html).toContain(`role="list" aria-label="Replicas of ${p.tp}"`);
    for (const r of p.replicaStates) expect(html).toMatch(new RegExp(`role="listitem" aria-label="broker ${r.broker}, ${r.role}, `));
    expect(html).toContain('offline');
    expect(html).toContain('leader epoch');
  });

  it('says why there is no bar when the partition has no leader', () => {
    const lab = new SyntheticLab();
    const snap = lab.snapshot();
    const p = snap.topics[0]!.partitions[0]!;
    const leaderless = { ...p, leader: -1, log: null, replicaStates: p.replicaStates.map((r) => ({ ...r, role: 'offline' as const, logEndOffset: -1 })) };
    const topics = [{ ...snap.topics[0]!, partitions: [leaderless, ...snap.topics[0]!.partitions.slice(1)] }];
    Object.assign(initial, { snapshot: { ...snap, topics }, selectedTp: null });
    const html = decode(renderToString(<PartitionLogStrip tp={p.tp} />));
    expect(html).toContain('the partition has no leader right now');
    expect(html).toContain(`aria-label="Replicas of ${p.tp}"`);
    expect(html).toContain(`broker ${p.replicas[0]} · offline`);
  });

  it('shortens the words to fit: the lag loses its start time first', () => {
    const row = { label: 'broker 1 · follower · out of ISR', offsets: 'LEO 7 · HW 8', lastCaughtUpTimeMs: 1_000, tone: 'out' as const };
    expect(fitLabel(row, 9_200, 1000)).toBe('broker 1 · follower · out of ISR · lagging 8.2 s (since t=1.0s) · LEO 7 · HW 8');
    expect(fitLabel(row, 9_200, 480)).toBe('broker 1 · follower · out of ISR · lagging 8.2 s · LEO 7 · HW 8');
    expect(fitLabel(row, 9_200, 200)).toMatch(/^broker 1 · follower · o.*…$/);
    expect(fitLabel({ ...row, tone: 'leader', lastCaughtUpTimeMs: null }, null, 1000)).toBe('♛ broker 1 · follower · out of ISR · LEO 7 · HW 8');
  });
});
