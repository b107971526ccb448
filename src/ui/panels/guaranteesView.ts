/**
 * The Guarantees tab's words: the checker's findings grouped so a learner reads one line per
 * incident (an unclean election loses many records of one partition at once), not one per record.
 */
import type { LedgerIssueView, ViolationView } from '../../engine/snapshot';
import { formatSeconds } from '../../runtime/framePacing';

export interface IssueGroup {
  readonly key: string;
  readonly tp: string;
  readonly client: string;
  /** Offsets, ascending. */
  readonly offsets: readonly number[];
  readonly first: LedgerIssueView;
  readonly fromMs: number;
  readonly toMs: number;
  readonly cause: string | null;
  readonly causeSeq: number | null;
}

/** Issues of one partition, client and cause together, newest incident first. */
export function groupIssues(issues: readonly LedgerIssueView[]): IssueGroup[] {
  const groups = new Map<string, LedgerIssueView[]>();
  for (const i of issues) {
    const key = `${i.tp}\u0000${i.client}\u0000${i.causeSeq ?? 'none'}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
  }
  const out = [...groups].map(([key, list]): IssueGroup => {
    const sorted = [...list].sort((a, b) => a.offset - b.offset);
    const first = sorted[0]!;
    return {
      key,
      tp: first.tp,
      client: first.client,
      offsets: sorted.map((i) => i.offset),
      first,
      fromMs: Math.min(...list.map((i) => i.atMs)),
      toMs: Math.max(...list.map((i) => i.atMs)),
      cause: first.cause,
      causeSeq: first.causeSeq,
    };
  });
  return out.sort((a, b) => b.toMs - a.toMs || a.key.localeCompare(b.key));
}

/** "offset 12", "offsets 10–24 (15 records)", "7 records (offsets 3–40)". */
export function offsetsText(offsets: readonly number[]): string {
  const n = offsets.length;
  if (n === 1) return `offset ${offsets[0]}`;
  const lo = offsets[0]!;
  const hi = offsets[n - 1]!;
  return hi - lo + 1 === n ? `offsets ${lo}–${hi} (${n} records)` : `${n} records (offsets ${lo}–${hi})`;
}

/** "t=12.3s" or "t=12.3s–15.0s". */
export function timeSpan(fromMs: number, toMs: number): string {
  return fromMs === toMs ? `t=${formatSeconds(fromMs)}` : `t=${formatSeconds(fromMs)}–${formatSeconds(toMs)}`;
}

/** A key or value to quote: cut, and `null` for none. */
export function quote(v: string | null, max = 40): string {
  if (v === null) return 'null';
  return JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
}

/** What the first record of a group is now: another record at its offset, or nothing. */
export function nowText(i: LedgerIssueView): string {
  return i.nowValue === null ? `the log now ends before offset ${i.offset}` : `offset ${i.offset} now holds ${quote(i.nowValue)}`;
}

export interface ViolationGroup {
  readonly key: string;
  readonly invariant: string;
  readonly tp: string;
  readonly count: number;
  /** The newest one: its words, time and event. */
  readonly latest: ViolationView;
}

/** Violations of one invariant on one partition together, newest first. */
export function groupViolations(list: readonly ViolationView[]): ViolationGroup[] {
  const groups = new Map<string, ViolationView[]>();
  for (const v of list) {
    const key = `${v.invariant}\u0000${v.tp}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(v);
  }
  return [...groups]
    .map(([key, vs]) => {
      const latest = vs.reduce((a, b) => (b.atMs >= a.atMs ? b : a));
      return { key, invariant: latest.invariant, tp: latest.tp, count: vs.length, latest };
    })
    .sort((a, b) => b.latest.atMs - a.latest.atMs || a.key.localeCompare(b.key));
}
