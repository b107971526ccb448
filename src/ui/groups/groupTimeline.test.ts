import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../engine/kernel';
import { GroupTimeline, groupEventOf, shortenMemberIds } from './groupTimeline';

const event = (seq: number, kind: string, text: string): LabEvent => ({ seq, timeMs: seq * 100, kind, actor: 'coordinator 1', text }) as LabEvent;

describe('group timeline', () => {
  it('keeps each group coordinator event once, newest first, without commits, with short member ids', () => {
    const events = [
      event(0, 'group', 'group g1: c1-e9348ad3-8a5a-4724-9338-fac8b6cf63a9 joined; preparing a rebalance'),
      event(1, 'fetch', 'group g1: not a group event'),
      event(2, 'group', 'group g1: committed orders-0=5 for c1-e9348ad3-8a5a-4724-9338-fac8b6cf63a9'),
      event(3, 'group', 'group my-group: Stable at generation 1: every member has its assignment'),
      event(4, 'group', 'discovered group coordinator broker 1 for group g1'),
      event(5, 'group', 'group g1: Stable at generation 1: every member has its assignment'),
    ];
    const log = { count: events.length, firstRetainedSeq: 0, get: (seq: number) => events[seq] };
    const timeline = new GroupTimeline();
    timeline.update(log, 4);
    timeline.update(log, 6);
    timeline.update(log, 6);
    expect(timeline.latest('g1', 5)).toEqual([
      { seq: 5, timeMs: 500, text: 'Stable at generation 1: every member has its assignment' },
      { seq: 0, timeMs: 0, text: 'c1 joined; preparing a rebalance' },
    ]);
    expect(timeline.latest('my-group', 5)).toHaveLength(1);
    expect(groupEventOf(events[2]!)).toBeNull();
    expect(shortenMemberIds('leader consumer-2-5dff71c3-de2e-4a9a-a96d-bf600db45b75;')).toBe('leader consumer-2;');
  });
});
