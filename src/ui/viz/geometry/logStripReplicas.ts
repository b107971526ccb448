/**
 * Geometry of the replica rows under the partition log strip: one row per assigned replica
 * (assignment order), each a bar on the strip's own offset scale, so a follower's LEO lines up
 * with the leader's cells, and its words ("broker 2 · follower · in ISR · LEO 13 · HW 8") on
 * the bar. The bar covers the replica's log [log start, LEO), tinted by leader epoch from the
 * replica's own epoch cache, fuller below its HW and pale above it. One line per replica: the
 * strip already fills a 720p panel, and presenter mode enlarges every pixel of it.
 * Pure: the component draws it.
 */
import type { ReplicaView } from '../../../engine/snapshot';

export type ReplicaTone = 'leader' | 'isr' | 'out' | 'offline';

export interface ReplicaBarPart {
  readonly key: string;
  readonly epoch: number;
  /** Scroll-group coordinates, like the cells. */
  readonly x: number;
  readonly width: number;
  /** Below this replica's own HW. */
  readonly committed: boolean;
}

export interface ReplicaRowGeom {
  readonly broker: number;
  readonly role: ReplicaView['role'];
  readonly inIsr: boolean;
  readonly tone: ReplicaTone;
  /** Top of the row in SVG coordinates. */
  readonly y: number;
  /** "broker 2 · follower · in ISR" */
  readonly label: string;
  /** "LEO 13 · HW 8", or why there is no log. */
  readonly offsets: string;
  /**
   * When the leader last saw it caught up, if a lag is worth showing: a follower out of the
   * ISR, or one in it whose log ends before the leader's (null otherwise: the leader, an
   * offline broker, a follower with every record).
   */
  readonly lastCaughtUpTimeMs: number | null;
  readonly parts: readonly ReplicaBarPart[];
  /** The replica's HW and LEO as boundaries between cells (group x), null when out of view. */
  readonly hwX: number | null;
  readonly leoX: number | null;
  /** Accessible name without the lag (the component adds it: it changes with the clock). */
  readonly name: string;
}

export interface ReplicaBlockGeom {
  /** Top of the first row. */
  readonly y: number;
  readonly height: number;
  readonly rows: readonly ReplicaRowGeom[];
  /** The leader's HW through the whole block: HW = the smallest LEO in the ISR. */
  readonly hwGuideX: number | null;
  /** Epochs that colour the bars in view. */
  readonly epochs: readonly number[];
}

export const REPLICA_ROW_H_PX = 21;
/** Text baseline and bar box inside a row (13 px text sits on the 16 px bar). */
export const REPLICA_TEXT_BASELINE_PX = 14.5;
export const REPLICA_BAR_Y_PX = 2;
export const REPLICA_BAR_H_PX = 17;
const BLOCK_GAP_PX = 3;
/** Space between the LEO mark and a label placed after it. */
const LABEL_AFTER_LEO_PX = 10;

/** The block's height for `count` replicas, gap above included (0: no block). */
export function replicaBlockHeight(count: number): number {
  return count > 0 ? BLOCK_GAP_PX + count * REPLICA_ROW_H_PX : 0;
}

export interface ReplicaBlockInput {
  readonly replicas: readonly ReplicaView[];
  readonly top: number;
  /** Offsets drawn: [from, to) (the window plus its margin). */
  readonly from: number;
  readonly to: number;
  readonly leaderHw: number;
  readonly leaderLeo: number;
  readonly xa: (offset: number) => number;
}

export function layoutReplicaBlock(input: ReplicaBlockInput): ReplicaBlockGeom {
  const y = input.top + BLOCK_GAP_PX;
  const epochs = new Set<number>();
  const rows = input.replicas.map((r, i) => {
    const row = layoutRow(r, y + i * REPLICA_ROW_H_PX, input);
    for (const p of row.parts) epochs.add(p.epoch);
    return row;
  });
  const within = (o: number): boolean => o >= input.from && o <= input.to;
  return {
    y,
    height: replicaBlockHeight(rows.length),
    rows,
    hwGuideX: rows.length > 1 && within(input.leaderHw) ? input.xa(input.leaderHw) : null,
    epochs: [...epochs].sort((a, b) => a - b),
  };
}

function layoutRow(r: ReplicaView, y: number, input: ReplicaBlockInput): ReplicaRowGeom {
  const hasLog = r.logEndOffset >= 0;
  const tone: ReplicaTone = r.role === 'offline' ? 'offline' : r.role === 'leader' ? 'leader' : r.inIsr ? 'isr' : 'out';
  const isr = r.inIsr ? 'in ISR' : 'out of ISR';
  const label = `broker ${r.broker} · ${r.role} · ${r.role === 'offline' && r.inIsr ? 'still in ISR' : isr}`;
  const offsets = hasLog ? `LEO ${r.logEndOffset} · HW ${r.highWatermark}` : r.role === 'offline' ? 'no log (broker down)' : 'no log yet';
  const within = (o: number): boolean => hasLog && o >= input.from && o <= input.to;
  const nameParts = [`broker ${r.broker}`, r.role, r.role === 'offline' && r.inIsr ? 'still in ISR' : isr];
  if (hasLog) nameParts.push(`log start ${r.logStartOffset}`, `LEO ${r.logEndOffset}`, `HW ${r.highWatermark}`, `leader epoch ${r.leaderEpoch}`);
  else nameParts.push(offsets);
  return {
    broker: r.broker,
    role: r.role,
    inIsr: r.inIsr,
    tone,
    y,
    label,
    offsets,
    lastCaughtUpTimeMs: tone === 'out' || (tone === 'isr' && r.logEndOffset < input.leaderLeo) ? r.lastCaughtUpTimeMs : null,
    parts: hasLog ? barParts(r, input) : [],
    hwX: within(r.highWatermark) ? input.xa(r.highWatermark) : null,
    leoX: within(r.logEndOffset) ? input.xa(r.logEndOffset) : null,
    name: nameParts.join(', '),
  };
}

/** Epoch runs of the replica's log [log start, LEO), split at its HW and clipped to [from, to). */
export function barParts(r: Pick<ReplicaView, 'logStartOffset' | 'logEndOffset' | 'highWatermark' | 'epochs'>, input: Pick<ReplicaBlockInput, 'from' | 'to' | 'xa'>): ReplicaBarPart[] {
  const runs = epochRuns(r);
  const parts: ReplicaBarPart[] = [];
  const push = (epoch: number, a: number, b: number, committed: boolean): void => {
    const lo = Math.max(a, input.from);
    const hi = Math.min(b, input.to);
    if (hi <= lo) return;
    const x = input.xa(lo);
    parts.push({ key: `${epoch}-${lo}-${committed ? 'c' : 'u'}`, epoch, x, width: input.xa(hi) - x, committed });
  };
  for (const run of runs) {
    push(run.epoch, run.from, Math.min(run.to, r.highWatermark), true);
    push(run.epoch, Math.max(run.from, r.highWatermark), run.to, false);
  }
  return parts;
}

/** [from, to) of each epoch in the log; offsets before the first known epoch are epoch -1. */
function epochRuns(r: Pick<ReplicaView, 'logStartOffset' | 'logEndOffset' | 'epochs'>): { epoch: number; from: number; to: number }[] {
  const start = r.logStartOffset;
  const end = r.logEndOffset;
  const sorted = [...r.epochs].sort((a, b) => a.startOffset - b.startOffset);
  const runs: { epoch: number; from: number; to: number }[] = [];
  const first = sorted[0]?.startOffset ?? end;
  if (first > start) runs.push({ epoch: -1, from: start, to: Math.min(first, end) });
  sorted.forEach((e, i) => {
    const from = Math.max(e.startOffset, start);
    const to = Math.min(sorted[i + 1]?.startOffset ?? end, end);
    if (to > from) runs.push({ epoch: e.epoch, from, to });
  });
  return runs;
}

/** "lagging 8.2 s (since t=12.3s)": how long since the leader last saw it caught up. */
export function lagText(lastCaughtUpTimeMs: number | null, nowMs: number, tone: ReplicaTone, short = false): string | null {
  if (lastCaughtUpTimeMs === null || tone === 'leader') return null;
  const lagMs = Math.max(0, nowMs - lastCaughtUpTimeMs);
  // An in-sync follower is a fetch or two behind all the time; say so only when it is stuck.
  if (tone === 'isr' && lagMs < LAG_SHOWN_FROM_MS) return null;
  const seconds = (lagMs / 1000).toFixed(1);
  return short ? `lagging ${seconds} s` : `lagging ${seconds} s (since t=${(lastCaughtUpTimeMs / 1000).toFixed(1)}s)`;
}

/**
 * Where a row's words start (screen x): at the left edge, unless they would cover the
 * replica's LEO mark there while it has room after it (a short log, a lagging follower):
 * then just after the mark, so the learner always sees where its log ends.
 */
export function replicaLabelX(textW: number, leoScreenX: number | null, minX: number, maxX: number): number {
  const left = minX + 4;
  if (leoScreenX === null || leoScreenX > left + textW + LABEL_AFTER_LEO_PX) return left;
  const after = leoScreenX + LABEL_AFTER_LEO_PX;
  return after + textW <= maxX ? after : left;
}

/** An in-sync follower that has not caught up for this long is called lagging. */
export const LAG_SHOWN_FROM_MS = 2000;
