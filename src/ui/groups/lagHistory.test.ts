import { describe, expect, it } from 'vitest';
import type { GroupSnapshotView } from '../../engine/snapshot';
import { LagHistory, SAMPLE_MS, WINDOW_MS } from './lagHistory';

const group = (lags: Record<string, number>): GroupSnapshotView => ({
  groupId: 'g1', coordinator: 0, state: 'Stable', generation: 1, protocol: 'range', leaderClientId: null, committed: [],
  members: Object.entries(lags).map(([id, lag]) => ({ memberId: `${id}-m`, clientId: id, consumerId: id, groupInstanceId: null, partitions: [], lag })),
});

describe('lag history', () => {
  it('samples every SAMPLE_MS of simulated time and keeps the last WINDOW_MS', () => {
    const h = new LagHistory();
    expect(h.sample(group({ c1: 3 }), 0)).toBe(true);
    expect(h.sample(group({ c1: 4 }), SAMPLE_MS - 1)).toBe(false);
    expect(h.sample(group({ c1: 5, c2: 1 }), SAMPLE_MS)).toBe(true);
    expect(h.samples.map((s) => s.lags)).toEqual([{ c1: 3 }, { c1: 5, c2: 1 }]);
    expect(h.members()).toEqual(['c1', 'c2']);
    h.sample(group({ c2: 0 }), WINDOW_MS + SAMPLE_MS + 1);
    expect(h.samples.map((s) => s.timeMs)).toEqual([WINDOW_MS + SAMPLE_MS + 1]);
    // A clock that went back (a new run) starts the history again.
    h.sample(group({ c3: 2 }), 10);
    expect(h.samples).toEqual([{ timeMs: 10, lags: { c3: 2 } }]);
  });
});
