/**
 * Each group's lag over simulated time, sampled from the snapshots the UI receives: one sample
 * per member (its unread records: HW − position) every SAMPLE_MS of simulated time, the last
 * WINDOW_MS kept. Kept per run (a reset starts a new event log, and so new histories).
 */
import type { EventLogReader, GroupSnapshotView } from '../../engine/snapshot';

export const SAMPLE_MS = 250;
export const WINDOW_MS = 60_000;

export interface LagSample {
  readonly timeMs: number;
  /** consumer id → unread records. */
  readonly lags: Readonly<Record<string, number>>;
}

export class LagHistory {
  readonly samples: LagSample[] = [];

  /** Add a sample if SAMPLE_MS passed since the last one; true when one was added. */
  sample(group: GroupSnapshotView, nowMs: number): boolean {
    const last = this.samples[this.samples.length - 1];
    if (last && nowMs - last.timeMs < SAMPLE_MS && nowMs >= last.timeMs) return false;
    // Time went back (a different run reusing this object): start again.
    if (last && nowMs < last.timeMs) this.samples.length = 0;
    const lags: Record<string, number> = {};
    for (const m of group.members) lags[m.consumerId ?? m.clientId] = m.lag;
    this.samples.push({ timeMs: nowMs, lags });
    const from = nowMs - WINDOW_MS;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.timeMs < from) drop++;
    if (drop > 0) this.samples.splice(0, drop);
    return true;
  }

  /** Every member that appears in the window, in first-seen order. */
  members(): string[] {
    const seen = new Set<string>();
    for (const s of this.samples) for (const id of Object.keys(s.lags)) seen.add(id);
    return [...seen];
  }
}

const histories = new WeakMap<object, Map<string, LagHistory>>();

export function lagHistoryFor(log: EventLogReader, groupId: string): LagHistory {
  let byGroup = histories.get(log);
  if (!byGroup) {
    byGroup = new Map();
    histories.set(log, byGroup);
  }
  let h = byGroup.get(groupId);
  if (!h) {
    h = new LagHistory();
    byGroup.set(groupId, h);
  }
  return h;
}
