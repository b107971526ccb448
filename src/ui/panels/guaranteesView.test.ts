import { describe, expect, it } from 'vitest';
import type { LedgerIssueView, ViolationView } from '../../engine/snapshot';
import { createUiStore } from '../uiStore';
import { groupIssues, groupViolations, nowText, offsetsText, quote, timeSpan } from './guaranteesView';

const issue = (offset: number, over: Partial<LedgerIssueView> = {}): LedgerIssueView => ({
  client: 'producer-1',
  tp: 'risky-0',
  offset,
  key: 'a',
  value: `v${offset}`,
  nowValue: null,
  atMs: 1000 + offset,
  causeSeq: 41,
  cause: 'controller: UNCLEAN election',
  ...over,
});

describe('the Guarantees tab groups findings into incidents', () => {
  it('one group per partition, client and cause, newest first, offsets ascending', () => {
    const groups = groupIssues([issue(3), issue(1), issue(2), issue(9, { tp: 'risky-1', atMs: 5000, causeSeq: 80 }), issue(4, { client: 'producer-2' })]);
    expect(groups.map((g) => [g.tp, g.client, g.offsets, g.causeSeq])).toEqual([
      ['risky-1', 'producer-1', [9], 80],
      ['risky-0', 'producer-2', [4], 41],
      ['risky-0', 'producer-1', [1, 2, 3], 41],
    ]);
    expect(groups[2]!.first.offset).toBe(1);
    expect(timeSpan(groups[2]!.fromMs, groups[2]!.toMs)).toBe('t=1.001s–1.003s');
  });

  it('says offsets, values and what is there now in plain words', () => {
    expect(offsetsText([7])).toBe('offset 7');
    expect(offsetsText([3, 4, 5])).toBe('offsets 3–5 (3 records)');
    expect(offsetsText([3, 9])).toBe('2 records (offsets 3–9)');
    expect(quote(null)).toBe('null');
    expect(quote('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(nowText(issue(5))).toBe('the log now ends before offset 5');
    expect(nowText(issue(5, { nowValue: 'other' }))).toBe('offset 5 now holds "other"');
  });

  it('groups broken invariants by rule and partition, keeping the newest', () => {
    const v = (invariant: string, atMs: number, seq: number): ViolationView => ({ invariant, tp: 'risky-0', text: `${invariant} at ${atMs}`, atMs, seq });
    const groups = groupViolations([v('StrongIsr', 10, 1), v('StrongIsr', 30, 3), v('LeaderInIsr', 20, 2)]);
    expect(groups.map((g) => [g.invariant, g.count, g.latest.seq])).toEqual([
      ['StrongIsr', 2, 3],
      ['LeaderInIsr', 1, 2],
    ]);
  });

  it('a jump to an event brings the event log to the front, each request counted', () => {
    const store = createUiStore();
    store.getState().setBottomTab('guarantees');
    store.getState().jumpToEvent(41);
    expect(store.getState()).toMatchObject({ bottomTab: 'events', eventJump: { seq: 41, n: 1 } });
    store.getState().jumpToEvent(41);
    expect(store.getState().eventJump).toEqual({ seq: 41, n: 2 });
  });
});
