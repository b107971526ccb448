/**
 * The coordinator's story of each group (its 'group' events: joins, the rebalance delay, a new
 * generation, the leader's assignment, Stable, members leaving or timing out), found
 * incrementally in the kernel's whole-run event log: each event is looked at once.
 */
import type { LabEvent } from '../../engine/kernel';
import type { EventLogReader } from '../../engine/snapshot';

export interface TimelineEntry {
  readonly seq: number;
  readonly timeMs: number;
  readonly text: string;
}

/** Entries kept per group (the event log has all of them). */
const KEEP = 40;
/** Member ids are "<client id>-<UUID>": the client id alone reads better. */
const MEMBER_ID = /([A-Za-z0-9._-]+?)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function shortenMemberIds(text: string): string {
  return text.replace(MEMBER_ID, '$1');
}

/** "group g1: Stable at generation 1: …" → ["g1", "Stable at generation 1: …"]; commits are left out (the table shows them). */
export function groupEventOf(e: Pick<LabEvent, 'kind' | 'text'>): [string, string] | null {
  if (e.kind !== 'group' || !e.text.startsWith('group ')) return null;
  const colon = e.text.indexOf(': ');
  if (colon < 0) return null;
  const rest = e.text.slice(colon + 2);
  if (rest.startsWith('committed ')) return null;
  return [e.text.slice(6, colon), shortenMemberIds(rest)];
}

export class GroupTimeline {
  private scannedTo = 0;
  private readonly byGroup = new Map<string, TimelineEntry[]>();

  update(log: Pick<EventLogReader, 'count' | 'firstRetainedSeq' | 'get'>, uptoCount: number): void {
    for (let seq = Math.max(this.scannedTo, log.firstRetainedSeq); seq < uptoCount; seq++) {
      const e = log.get(seq);
      const found = e ? groupEventOf(e) : null;
      if (!e || !found) continue;
      const list = this.byGroup.get(found[0]) ?? [];
      list.push({ seq, timeMs: e.timeMs, text: found[1] });
      if (list.length > KEEP) list.splice(0, list.length - KEEP);
      this.byGroup.set(found[0], list);
    }
    this.scannedTo = Math.max(this.scannedTo, uptoCount);
  }

  /** The group's latest `n` entries, newest first. */
  latest(groupId: string, n: number): TimelineEntry[] {
    return (this.byGroup.get(groupId) ?? []).slice(-n).reverse();
  }
}

const timelines = new WeakMap<object, GroupTimeline>();

/** One timeline per run (a reset makes a new event log, and so a new timeline). */
export function timelineFor(log: EventLogReader): GroupTimeline {
  let t = timelines.get(log);
  if (!t) {
    t = new GroupTimeline();
    timelines.set(log, t);
  }
  return t;
}
