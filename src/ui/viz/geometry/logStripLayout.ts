/**
 * Geometry of the partition log strip. The strip is a window onto the log: every offset has a
 * fixed x (`xa`, relative to an anchor offset), and the window scrolls by translating one group,
 * so cells can never overlap or leave gaps however many arrive per frame. Only the offsets in the
 * window (plus a small margin) get cells; segments, batches and ticks are clipped to it.
 * Pure: the component only draws this.
 */
import type { BatchView, ReplicaView, SegmentView } from '../../../engine/snapshot';
import { formatBytes, fitFileName, formatSimMs } from './format';
import { fitText, keyColour, keyName, type KeyColour } from './logStripLayoutKeys';
import { laneCount, mergeCoinciding, placeMarkers, type MarkerKind, type MarkerSpec, type PlacedMarker } from './logStripLayoutMarkers';
import { layoutReplicaBlock, replicaBlockHeight, type ReplicaBlockGeom } from './logStripReplicas';

export type { MarkerKind } from './logStripLayoutMarkers';
export type MarkerGeom = PlacedMarker;

/** What the strip needs to know of a record to draw its cell (a subset of the lab's RecordDetail). */
export interface RecordKeyInfo {
  readonly offset: number;
  readonly key: string | null;
  readonly keyHash: number;
  /** The record's batch: outlines old batches that snapshots no longer list. */
  readonly batch?: Pick<BatchView, 'baseOffset' | 'lastOffset' | 'compression' | 'sizeBytes' | 'position' | 'partitionLeaderEpoch'>;
}

export interface LogStripInput {
  readonly widthPx: number;
  readonly log: {
    readonly logStartOffset: number;
    readonly logEndOffset: number;
    readonly highWatermark: number;
    readonly segments: readonly SegmentView[];
  };
  /** Consumers' positions, and consumer groups' committed offsets (with their own label). */
  readonly consumers: readonly { readonly id: string; readonly position: number; readonly label?: string }[];
  /** First offset to show; null follows the tail (the newest offsets and the LEO slot). */
  readonly viewStart?: number | null;
  /** Keys of (at least) the rendered offsets, when the lab can read them. */
  readonly records?: readonly RecordKeyInfo[];
  /** Every assigned replica's own view: drawn as rows under the strip (none: no rows). */
  readonly replicas?: readonly ReplicaView[];
}

export const STRIP_PAD_X_PX = 16;
/** Cells narrower than this cannot show a short key ("user-1"), so the strip scrolls instead. */
export const CELL_MIN_W_PX = 58;
export const CELL_MAX_W_PX = 96;
/** Offsets drawn beyond each edge of the window, so a slide brings in cells that already exist. */
export const WINDOW_MARGIN_CELLS = 2;
/** The scroll group's origin moves in steps of this many offsets (keeps SVG coordinates small). */
export const ANCHOR_STEP = 1024;
/** Approximate advance of a 13 px proportional digit / 12 px monospace character. */
export const CHAR_W_PX = 7.6;
export const MONO_CHAR_W_PX = 7.3;
/** A character of a cell's key (13 px monospace). */
export const KEY_CHAR_W_PX = 7.9;
const LANE_H_PX = 19;
const LABEL_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

export interface CellGeom {
  readonly offset: number;
  /** x in scroll-group coordinates. */
  readonly x: number;
  readonly committed: boolean;
  /** Index into `batches`, or -1 when the batch is not among the snapshot's recent ones. */
  readonly batch: number;
  readonly showOffset: boolean;
  /** undefined: the key is not known (no record reader); null: a keyless record. */
  readonly key: string | null | undefined;
  /** The key text that fits on the cell. */
  readonly keyLabel: string;
  readonly colour: KeyColour | null;
  /** "offset 5, key user-1, committed" */
  readonly name: string;
}

export interface SegmentGeom {
  readonly fileName: string;
  readonly label: string;
  readonly isActive: boolean;
  readonly baseOffset: number;
  readonly x: number;
  readonly width: number;
  /** Where the label starts, from the segment's left edge: inside the part in view. */
  readonly labelX: number;
  readonly title: string;
}

export interface BatchGeom {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly x: number;
  readonly width: number;
  readonly compression: string;
  /** The leader epoch stamped on the batch (partitionLeaderEpoch): its outline's colour. */
  readonly epoch: number;
  /** Badge text, or null when there is no room or the batch is uncompressed. */
  readonly badge: string | null;
  readonly title: string;
}

export interface TickGeom {
  readonly key: string;
  readonly offset: number;
  readonly x: number;
  readonly title: string;
}

export interface KeyLegendEntry {
  readonly key: string | null;
  readonly label: string;
  readonly name: string;
  readonly colour: KeyColour | null;
  readonly records: number;
}

export interface LogStripViewport {
  /** First offset fully in view. */
  readonly start: number;
  /** Offset slots in view (the LEO slot counts). */
  readonly capacity: number;
  readonly cellW: number;
  /** True when the log does not fit and the strip scrolls. */
  readonly windowed: boolean;
  /** Largest `start` (the window then ends with the LEO slot). */
  readonly maxStart: number;
  /** Following the tail: new records keep coming into view. */
  readonly following: boolean;
}

export interface LogStripLayout {
  readonly width: number;
  readonly height: number;
  readonly view: LogStripViewport;
  readonly cellW: number;
  /** Origin of the scroll group: x in group coordinates is `xa(o)`, on screen `xa(o) + scrollX`. */
  readonly anchor: number;
  readonly scrollX: number;
  readonly xa: (offset: number) => number;
  /** On-screen x of an offset's left edge. */
  readonly x: (offset: number) => number;
  /** Offsets with a cell: [from, to). */
  readonly rendered: { readonly from: number; readonly to: number };
  readonly cells: readonly CellGeom[];
  /** The empty slot the next append goes to (offset = LEO), or null when out of view. */
  readonly ghost: { readonly offset: number; readonly x: number } | null;
  readonly segments: readonly SegmentGeom[];
  readonly batches: readonly BatchGeom[];
  /** Log start / HW / LEO markers in view (group coordinates). */
  readonly markers: readonly MarkerGeom[];
  readonly consumerMarkers: readonly MarkerGeom[];
  /** Consumers whose position is outside the window: shown as edge chips. */
  readonly offscreenConsumers: readonly { readonly id: string; readonly position: number; readonly side: 'left' | 'right' }[];
  readonly indexTicks: readonly TickGeom[];
  readonly timeTicks: readonly TickGeom[];
  readonly keys: readonly KeyLegendEntry[];
  /** Leader epochs coloured in view (batches and replica bars), ascending. */
  readonly epochs: readonly number[];
  /** One row per replica under the strip, or null when the input had no replicas. */
  readonly replicaBlock: ReplicaBlockGeom | null;
  readonly rows: {
    readonly labelsY: number;
    readonly topLanes: number;
    readonly segmentsY: number;
    readonly segmentsH: number;
    readonly badgesY: number;
    readonly cellsY: number;
    readonly cellsH: number;
    readonly indexY: number;
    readonly timeIndexY: number;
    readonly consumersY: number;
    readonly laneH: number;
  };
}

/** Smallest "nice" step so offset labels of `digits` digits fit under cells `cellW` wide. */
export function labelStep(digits: number, cellW: number): number {
  const need = digits * CHAR_W_PX + 4;
  return LABEL_STEPS.find((s) => s * cellW >= need) ?? LABEL_STEPS[LABEL_STEPS.length - 1]!;
}

/** The offsets in view: all of them when they fit, else `capacity` slots from `requested` (null: the tail). */
export function logViewport(logStart: number, leo: number, innerW: number, requested: number | null = null): LogStripViewport {
  const slots = leo - logStart + 1; // + the empty slot at LEO
  if (slots * CELL_MIN_W_PX <= innerW) {
    return { start: logStart, capacity: slots, cellW: Math.min(CELL_MAX_W_PX, innerW / slots), windowed: false, maxStart: logStart, following: true };
  }
  const capacity = Math.max(1, Math.floor(innerW / CELL_MIN_W_PX));
  const maxStart = leo + 1 - capacity;
  const start = requested === null ? maxStart : Math.max(logStart, Math.min(maxStart, Math.round(requested)));
  return { start, capacity, cellW: innerW / capacity, windowed: true, maxStart, following: start === maxStart };
}

export function computeLogStripLayout(input: LogStripInput): LogStripLayout {
  const width = Math.max(240, input.widthPx);
  const { logStartOffset: logStart, logEndOffset: leo, highWatermark: hw } = input.log;
  const x0 = STRIP_PAD_X_PX;
  const view = logViewport(logStart, leo, width - 2 * x0, input.viewStart ?? null);
  const { cellW, start } = view;
  const anchor = Math.floor(start / ANCHOR_STEP) * ANCHOR_STEP;
  const xa = (o: number): number => x0 + (o - anchor) * cellW;
  const scrollX = -(start - anchor) * cellW;
  const x = (o: number): number => xa(o) + scrollX;
  const cx = (o: number): number => xa(o) + cellW / 2;
  const end = start + view.capacity; // first offset slot past the window
  const from = Math.max(logStart, start - WINDOW_MARGIN_CELLS);
  const to = Math.min(leo, end + WINDOW_MARGIN_CELLS);
  const inView = (o: number): boolean => o >= start && o < end;

  const segs = visibleSegments(input.log.segments, from, to);
  const segments = layoutSegments(segs, { logStart, leo, from, to, viewFrom: start, viewTo: end }, xa);
  const batches = layoutBatches(batchesIn(segs, input.records), from, to, xa);
  const keyed = new Map((input.records ?? []).map((r) => [r.offset, r]));
  const cells = layoutCells({ from, to, leo, hw, cellW, batches, xa, records: input.records ? keyed : null });

  const short = (s: MarkerSpec): string => (s.kind === 'logStart' ? 'log start' : s.kind === 'hw' ? 'HW' : 'LEO');
  const specs = mergeCoinciding(
    [
      { kind: 'leo' as const, id: 'leo', offset: leo, label: `LEO ${leo}` },
      { kind: 'hw' as const, id: 'hw', offset: hw, label: `HW ${hw}` },
      { kind: 'logStart' as const, id: 'logStart', offset: logStart, label: `log start ${logStart}` },
    ].filter((s) => inView(s.offset)),
    short,
  );
  // Place in screen space (clamped to the strip), then shift into group coordinates.
  const toGroup = (m: PlacedMarker): PlacedMarker => ({ ...m, x: m.x - scrollX, labelLeft: m.labelLeft - scrollX });
  const screenCx = (o: number): number => cx(o) + scrollX;
  const markers = placeMarkers(specs, screenCx, x0, width - x0, CHAR_W_PX).map(toGroup);
  const consumers = [...input.consumers].sort((a, b) => b.position - a.position || a.id.localeCompare(b.id));
  const consumerSpecs = consumers
    .filter((c) => inView(Math.max(logStart, Math.min(leo, c.position))))
    .map((c) => ({ kind: 'consumer' as const, id: c.id, offset: Math.max(logStart, Math.min(leo, c.position)), label: c.label ?? `${c.id} position ${c.position}` }));
  const consumerMarkers = placeMarkers(consumerSpecs, screenCx, x0, width - x0, CHAR_W_PX).map(toGroup);
  const offscreenConsumers = consumers
    .filter((c) => !inView(Math.max(logStart, Math.min(leo, c.position))))
    .map((c) => ({ id: c.id, position: c.position, side: (c.position < start ? 'left' : 'right') as 'left' | 'right' }));

  const replicaCount = input.replicas?.length ?? 0;
  const rows = stripRows(laneCount(markers), batches.some((b) => b.badge !== null), replicaBlockHeight(replicaCount));
  // Right under the cells: each follower's bar lines up with the leader's cells it copies.
  const replicaBlock = input.replicas ? layoutReplicaBlock({ replicas: input.replicas, top: rows.cellsY + rows.cellsH, from, to: end + WINDOW_MARGIN_CELLS, leaderHw: hw, leaderLeo: leo, xa }) : null;
  const consumerLanes = laneCount(consumerMarkers) + (offscreenConsumers.length > 0 ? 1 : 0);
  const height = rows.consumersY + consumerLanes * LANE_H_PX + 3;
  const { indexTicks, timeTicks } = layoutTicks(segs, from, to, cx);
  return {
    width,
    height,
    view,
    cellW,
    anchor,
    scrollX,
    xa,
    x,
    rendered: { from, to },
    cells,
    ghost: leo >= from && leo <= end + WINDOW_MARGIN_CELLS ? { offset: leo, x: xa(leo) } : null,
    segments,
    batches,
    markers,
    consumerMarkers,
    offscreenConsumers,
    indexTicks,
    timeTicks,
    keys: keyLegend(cells.filter((c) => inView(c.offset))),
    epochs: epochsInView(batches, replicaBlock, start, end),
    replicaBlock,
    rows,
  };
}

/** Vertical rows of the strip; `replicasH` is the replica rows' height between the cells and the index ticks. */
function stripRows(markerLanes: number, badges: boolean, replicasH = 0): LogStripLayout['rows'] {
  const topLanes = Math.max(1, markerLanes);
  const labelsY = 2;
  const segmentsY = labelsY + topLanes * LANE_H_PX + 5;
  const segmentsH = 22;
  const badgesY = segmentsY + segmentsH + 4;
  // The compression badge row takes height only while a visible batch has a badge.
  const cellsY = badges ? badgesY + 20 : segmentsY + segmentsH + 6;
  const cellsH = 40;
  const indexY = cellsY + cellsH + replicasH + 3;
  const timeIndexY = indexY + 11;
  const consumersY = timeIndexY + 13;
  return { labelsY, topLanes, segmentsY, segmentsH, badgesY, cellsY, cellsH, indexY, timeIndexY, consumersY, laneH: LANE_H_PX };
}

/** Segments overlapping [from, to] (segments are sorted by base offset; binary search the first). */
function visibleSegments(all: readonly SegmentView[], from: number, to: number): SegmentView[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.isActive || all[mid]!.nextOffset > from) hi = mid;
    else lo = mid + 1;
  }
  const out: SegmentView[] = [];
  for (let i = lo; i < all.length && all[i]!.baseOffset <= to; i++) out.push(all[i]!);
  return out;
}

function layoutSegments(
  segments: readonly SegmentView[],
  r: { logStart: number; leo: number; from: number; to: number; viewFrom: number; viewTo: number },
  xa: (o: number) => number,
): SegmentGeom[] {
  const out: SegmentGeom[] = [];
  for (const s of segments) {
    const segEnd = s.isActive ? r.leo + 1 : s.nextOffset;
    const first = Math.max(s.baseOffset, r.logStart, r.from);
    const last = Math.min(segEnd, r.to + 1);
    if (last <= first) continue;
    const left = xa(first);
    const w = xa(last) - left;
    // The label goes in the part of the segment that is in view, not under the window's edge.
    const shownLeft = xa(Math.max(first, r.viewFrom));
    const shownRight = xa(Math.min(last, r.viewTo));
    const size = formatBytes(s.sizeBytes);
    const room = shownRight - shownLeft - 14;
    const candidates = [`${s.fileName} · ${size}${s.isActive ? ' · active' : ''}`, `${s.fileName} · ${size}`, s.fileName];
    const label = candidates.find((c) => c.length * MONO_CHAR_W_PX <= room) ?? fitFileName(s.fileName, room, MONO_CHAR_W_PX);
    out.push({
      fileName: s.fileName,
      label,
      isActive: s.isActive,
      baseOffset: s.baseOffset,
      x: left,
      width: w,
      labelX: shownLeft - left + 8,
      title: `${s.fileName}: offsets ${s.baseOffset}–${s.nextOffset - 1}, ${size}${s.isActive ? ', active segment' : ''}`,
    });
  }
  return out;
}

type BatchInfo = NonNullable<RecordKeyInfo['batch']>;

/** The snapshot's recent batches of these segments, plus older ones known from the records read. */
function batchesIn(segments: readonly SegmentView[], records: readonly RecordKeyInfo[] | undefined): BatchInfo[] {
  const byBase = new Map<number, BatchInfo>();
  for (const s of segments) for (const b of s.batches) byBase.set(b.baseOffset, b);
  for (const r of records ?? []) if (r.batch && !byBase.has(r.batch.baseOffset)) byBase.set(r.batch.baseOffset, r.batch);
  return [...byBase.values()];
}

function layoutBatches(all: readonly BatchInfo[], from: number, to: number, xa: (o: number) => number): BatchGeom[] {
  const out: BatchGeom[] = [];
  for (const b of all) {
    if (b.lastOffset < from || b.baseOffset >= to) continue;
    const left = xa(Math.max(b.baseOffset, from));
    const w = xa(Math.min(b.lastOffset + 1, to)) - left;
    const badgeW = b.compression.length * CHAR_W_PX + 10;
    const count = b.lastOffset - b.baseOffset + 1;
    out.push({
      baseOffset: b.baseOffset,
      lastOffset: b.lastOffset,
      x: left,
      width: w,
      compression: b.compression,
      epoch: b.partitionLeaderEpoch,
      badge: b.compression !== 'none' && badgeW <= w ? b.compression : null,
      title: `batch ${b.baseOffset}–${b.lastOffset}: ${count} record${count === 1 ? '' : 's'}, ${formatBytes(b.sizeBytes)}, ${b.compression === 'none' ? 'uncompressed' : b.compression}, position ${b.position}, leader epoch ${b.partitionLeaderEpoch}`,
    });
  }
  return out.sort((a, b) => a.baseOffset - b.baseOffset);
}

function layoutCells(p: {
  from: number;
  to: number;
  leo: number;
  hw: number;
  cellW: number;
  batches: readonly BatchGeom[];
  xa: (o: number) => number;
  records: ReadonlyMap<number, RecordKeyInfo> | null;
}): CellGeom[] {
  const step = labelStep(String(Math.max(0, p.leo)).length, p.cellW);
  const cells: CellGeom[] = [];
  let bi = 0;
  for (let o = p.from; o < p.to; o++) {
    while (bi < p.batches.length && p.batches[bi]!.lastOffset < o) bi++;
    const b = p.batches[bi];
    const r = p.records?.get(o);
    const key = p.records ? (r ? r.key : undefined) : undefined;
    const committed = o < p.hw;
    const label = key === undefined ? '' : key === null ? '∅' : fitText(key, p.cellW - 8, KEY_CHAR_W_PX);
    cells.push({
      offset: o,
      x: p.xa(o),
      committed,
      batch: b && b.baseOffset <= o && o <= b.lastOffset ? bi : -1,
      showOffset: o % step === 0,
      key,
      keyLabel: label,
      colour: r && r.key !== null ? keyColour(r.keyHash) : null,
      name: `offset ${o}${key === undefined ? '' : `, key ${keyName(key)}`}, ${committed ? 'committed' : 'not yet committed (above the high watermark)'}`,
    });
  }
  return cells;
}

function layoutTicks(segments: readonly SegmentView[], from: number, to: number, cx: (o: number) => number): { indexTicks: TickGeom[]; timeTicks: TickGeom[] } {
  const indexTicks: TickGeom[] = [];
  const timeTicks: TickGeom[] = [];
  const within = (o: number): boolean => o >= from && o < to;
  for (const s of segments) {
    for (const e of s.indexEntries) {
      if (within(e.offset)) indexTicks.push({ key: `i${s.baseOffset}-${e.offset}`, offset: e.offset, x: cx(e.offset), title: `index: offset ${e.offset} → position ${e.position}` });
    }
    for (const e of s.timeIndexEntries) {
      if (within(e.offset)) timeTicks.push({ key: `t${s.baseOffset}-${e.offset}-${e.timestampMs}`, offset: e.offset, x: cx(e.offset), title: `time index: ${formatSimMs(e.timestampMs)} → offset ${e.offset}` });
    }
  }
  return { indexTicks, timeTicks };
}

/** Epochs of the batches in the window and of the replica bars, ascending. */
function epochsInView(batches: readonly BatchGeom[], replicas: ReplicaBlockGeom | null, start: number, end: number): number[] {
  const seen = new Set<number>(replicas?.epochs ?? []);
  for (const b of batches) if (b.lastOffset >= start && b.baseOffset < end) seen.add(b.epoch);
  return [...seen].sort((a, b) => a - b);
}

/** Distinct keys in view, in order of first appearance (keyless records as one entry). */
function keyLegend(cells: readonly CellGeom[]): KeyLegendEntry[] {
  const byKey = new Map<string | null, { entry: KeyLegendEntry; records: number }>();
  for (const c of cells) {
    if (c.key === undefined) continue;
    const seen = byKey.get(c.key);
    if (seen) seen.records++;
    else byKey.set(c.key, { entry: { key: c.key, label: c.key === null ? 'no key' : fitText(c.key, 150, MONO_CHAR_W_PX) || '…', name: keyName(c.key), colour: c.colour, records: 0 }, records: 1 });
  }
  return [...byKey.values()].map(({ entry, records }) => ({ ...entry, records }));
}

/** Where the strip stood at its last change, for deciding how to move to the next layout. */
export interface StripMotionState {
  readonly start: number;
  readonly anchor: number;
  readonly cellW: number;
  readonly leo: number;
  readonly atMs: number;
  readonly snap: boolean;
}

/** The strip's CSS slide takes this long (viz.css). */
export const SLIDE_MS = 320;
/** At most this many offsets per change may slide; more (fast production, jumps) snap. */
export const SLIDE_MAX_CELLS = 2;

/**
 * Slide only while records arrive slowly: a step of at most SLIDE_MAX_CELLS and the previous
 * slide finished. Otherwise everything snaps to its offset's place at once, so at 10× or 100×
 * no cell is ever caught mid-transition overlapping another or leaving a gap.
 */
export function nextMotion(prev: StripMotionState, layout: Pick<LogStripLayout, 'view' | 'anchor' | 'cellW' | 'ghost'>, nowMs: number, leo: number): StripMotionState {
  const start = layout.view.start;
  const moved = prev.start !== start || prev.anchor !== layout.anchor || prev.cellW !== layout.cellW || prev.leo !== leo;
  if (!moved) return prev;
  const small = prev.anchor === layout.anchor && Math.abs(prev.start - start) <= SLIDE_MAX_CELLS && Math.abs(prev.leo - leo) <= SLIDE_MAX_CELLS;
  return { start, anchor: layout.anchor, cellW: layout.cellW, leo, atMs: nowMs, snap: !(small && nowMs - prev.atMs >= SLIDE_MS) };
}

/** "orders-3: log start 0, HW 52, LEO 52, 2 segments, consumer-1 at 40" for screen readers and tests. */
export function logSummary(
  tp: string,
  log: { readonly logStartOffset: number; readonly highWatermark: number; readonly logEndOffset: number; readonly segments: readonly unknown[] },
  consumers: readonly { readonly id: string; readonly position: number }[],
): string {
  const n = log.segments.length;
  const parts = [
    `log start ${log.logStartOffset}`,
    `HW ${log.highWatermark}`,
    `LEO ${log.logEndOffset}`,
    `${n} segment${n === 1 ? '' : 's'}`,
    ...consumers.map((c) => `${c.id} at ${c.position}`),
  ];
  return `${tp}: ${parts.join(', ')}`;
}
