/**
 * Geometry of the partition log strip: which offsets get a cell, where each offset sits
 * (a d3 polylinear scale that condenses old offsets into a narrow zone on the left), where
 * segments, batches, markers and index ticks go. Pure: the component only draws this.
 */
import { scaleLinear } from 'd3-scale';
import type { SegmentView } from '../../../engine/snapshot';
import { formatBytes, fitFileName, formatSimMs } from './format';
import { assignLanes, laneCount } from './labelLanes';

export interface LogStripInput {
  readonly widthPx: number;
  readonly log: {
    readonly logStartOffset: number;
    readonly logEndOffset: number;
    readonly highWatermark: number;
    readonly segments: readonly SegmentView[];
  };
  readonly consumers: readonly { readonly id: string; readonly position: number }[];
}

export const STRIP_PAD_X_PX = 16;
export const CELL_MIN_W_PX = 30;
export const CELL_MAX_W_PX = 56;
export const CONDENSED_W_PX = 136;
/** Approximate advance of a 13 px digit / monospace character, for fitting text. */
export const CHAR_W_PX = 7.6;
export const MONO_CHAR_W_PX = 7.9;
const LANE_H_PX = 20;
const LABEL_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

export interface CellGeom {
  readonly offset: number;
  readonly x: number;
  readonly width: number;
  readonly committed: boolean;
  /** Index into `batches`, or -1 when the batch is not among the snapshot's recent ones. */
  readonly batch: number;
  readonly showLabel: boolean;
}

export interface SegmentGeom {
  readonly fileName: string;
  readonly label: string;
  readonly sizeBytes: number;
  readonly isActive: boolean;
  readonly baseOffset: number;
  readonly x: number;
  readonly width: number;
  readonly title: string;
}

export interface BatchGeom {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly x: number;
  readonly width: number;
  readonly compression: string;
  /** Badge text, or null when there is no room or the batch is uncompressed. */
  readonly badge: string | null;
  readonly parity: 0 | 1;
  readonly title: string;
}

export type MarkerKind = 'logStart' | 'hw' | 'leo' | 'consumer';

export interface MarkerGeom {
  readonly kind: MarkerKind;
  readonly id: string;
  readonly offset: number;
  /** The centre of the offset's cell: markers point at the offset they name. */
  readonly x: number;
  readonly label: string;
  readonly labelLeft: number;
  readonly labelWidth: number;
  readonly lane: number;
}

export interface TickGeom {
  readonly key: string;
  readonly offset: number;
  readonly x: number;
  readonly title: string;
}

export interface LogStripLayout {
  readonly width: number;
  readonly height: number;
  readonly x: (offset: number) => number;
  readonly cellW: number;
  /** First offset with its own cell. */
  readonly windowStart: number;
  readonly condensed: { readonly x: number; readonly width: number; readonly from: number; readonly to: number; readonly segments: number } | null;
  readonly cells: readonly CellGeom[];
  /** The empty slot the next append goes to (offset = LEO). */
  readonly ghost: { readonly offset: number; readonly x: number; readonly width: number };
  readonly segments: readonly SegmentGeom[];
  readonly batches: readonly BatchGeom[];
  readonly markers: readonly MarkerGeom[];
  readonly consumerMarkers: readonly MarkerGeom[];
  readonly indexTicks: readonly TickGeom[];
  readonly timeTicks: readonly TickGeom[];
  readonly rows: {
    readonly labelsY: number;
    /** Lanes of marker labels above the segments (lane 0 is the lowest). */
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

/** The offset window: all offsets if they fit at the minimum cell width, else the most recent. */
export function offsetWindow(
  logStart: number,
  leo: number,
  innerW: number,
): { windowStart: number; cellW: number; condensed: boolean } {
  const slots = leo - logStart + 1; // + the empty slot at LEO
  if (slots * CELL_MIN_W_PX <= innerW) {
    return { windowStart: logStart, cellW: Math.min(CELL_MAX_W_PX, innerW / slots), condensed: false };
  }
  const detailW = innerW - CONDENSED_W_PX;
  const fit = Math.max(1, Math.floor(detailW / CELL_MIN_W_PX));
  return { windowStart: leo + 1 - fit, cellW: detailW / fit, condensed: true };
}

export function computeLogStripLayout(input: LogStripInput): LogStripLayout {
  const width = Math.max(240, input.widthPx);
  const { logStartOffset: logStart, logEndOffset: leo, highWatermark: hw } = input.log;
  const x0 = STRIP_PAD_X_PX;
  const innerW = width - 2 * STRIP_PAD_X_PX;
  const win = offsetWindow(logStart, leo, innerW);
  const { windowStart, cellW } = win;
  const detailX0 = win.condensed ? x0 + CONDENSED_W_PX : x0;
  const scale = win.condensed
    ? scaleLinear().domain([logStart, windowStart, leo + 1]).range([x0, detailX0, detailX0 + (leo + 1 - windowStart) * cellW])
    : scaleLinear().domain([logStart, leo + 1]).range([x0, x0 + (leo + 1 - logStart) * cellW]);
  scale.clamp(true);
  const x = (o: number): number => scale(o);
  const cx = (o: number): number => (scale(o) + scale(o + 1)) / 2;

  const sortedSegments = [...input.log.segments].sort((a, b) => a.baseOffset - b.baseOffset);
  const segments = layoutSegments(sortedSegments, logStart, leo, x);
  const batches = layoutBatches(sortedSegments, windowStart, leo, x);
  const cells = layoutCells(windowStart, leo, hw, cellW, batches, x);

  const markerSpecs: { kind: MarkerKind; id: string; offset: number; label: string }[] = [
    { kind: 'leo', id: 'leo', offset: leo, label: `LEO ${leo}` },
    { kind: 'hw', id: 'hw', offset: hw, label: `HW ${hw}` },
    { kind: 'logStart', id: 'logStart', offset: logStart, label: `log start ${logStart}` },
  ];
  const markers = placeMarkers(markerSpecs, cx, width);
  const consumerSpecs = [...input.consumers]
    .sort((a, b) => b.position - a.position || a.id.localeCompare(b.id))
    .map((c) => {
      const offset = Math.max(logStart, Math.min(leo, c.position));
      return { kind: 'consumer' as const, id: c.id, offset, label: `${c.id} position ${c.position}` };
    });
  const consumerMarkers = placeMarkers(consumerSpecs, cx, width);

  const topLanes = Math.max(2, laneCount(markers));
  const labelsY = 4;
  const segmentsY = labelsY + topLanes * LANE_H_PX + 6;
  const segmentsH = 26;
  const badgesY = segmentsY + segmentsH + 6;
  // The compression badge row takes height only while a visible batch has a badge.
  const cellsY = batches.some((b) => b.badge !== null) ? badgesY + 20 : segmentsY + segmentsH + 8;
  const cellsH = 36;
  const indexY = cellsY + cellsH + 4;
  const timeIndexY = indexY + 12;
  const consumersY = timeIndexY + 18;
  const height = consumersY + laneCount(consumerMarkers) * LANE_H_PX + 8;

  const inWindow = (o: number): boolean => o >= windowStart && o < leo;
  const indexTicks: TickGeom[] = [];
  const timeTicks: TickGeom[] = [];
  for (const s of sortedSegments) {
    for (const e of s.indexEntries) {
      if (!inWindow(e.offset)) continue;
      indexTicks.push({
        key: `i${s.baseOffset}-${e.offset}`,
        offset: e.offset,
        x: cx(e.offset),
        title: `index: offset ${e.offset} → position ${e.position}`,
      });
    }
    for (const e of s.timeIndexEntries) {
      if (!inWindow(e.offset)) continue;
      timeTicks.push({
        key: `t${s.baseOffset}-${e.offset}-${e.timestampMs}`,
        offset: e.offset,
        x: cx(e.offset),
        title: `time index: ${formatSimMs(e.timestampMs)} → offset ${e.offset}`,
      });
    }
  }

  const olderSegments = sortedSegments.filter((s) => (s.isActive ? leo + 1 : s.nextOffset) <= windowStart).length;
  return {
    width,
    height,
    x,
    cellW,
    windowStart,
    condensed: win.condensed
      ? { x: x0, width: CONDENSED_W_PX, from: logStart, to: windowStart - 1, segments: olderSegments }
      : null,
    cells,
    ghost: { offset: leo, x: x(leo), width: cellW },
    segments,
    batches,
    markers,
    consumerMarkers,
    indexTicks,
    timeTicks,
    rows: { labelsY, topLanes, segmentsY, segmentsH, badgesY, cellsY, cellsH, indexY, timeIndexY, consumersY, laneH: LANE_H_PX },
  };
}

function layoutSegments(
  segments: readonly SegmentView[],
  logStart: number,
  leo: number,
  x: (o: number) => number,
): SegmentGeom[] {
  const out: SegmentGeom[] = [];
  for (const s of segments) {
    const start = Math.max(s.baseOffset, logStart);
    const end = s.isActive ? leo + 1 : s.nextOffset;
    if (end <= start) continue;
    const left = x(start);
    const w = x(end) - left;
    const size = formatBytes(s.sizeBytes);
    const room = w - 14;
    const candidates = [`${s.fileName} · ${size}${s.isActive ? ' · active' : ''}`, `${s.fileName} · ${size}`, s.fileName];
    const label =
      candidates.find((c) => c.length * MONO_CHAR_W_PX <= room) ?? fitFileName(s.fileName, room, MONO_CHAR_W_PX);
    out.push({
      fileName: s.fileName,
      label,
      sizeBytes: s.sizeBytes,
      isActive: s.isActive,
      baseOffset: s.baseOffset,
      x: left,
      width: w,
      title: `${s.fileName}: offsets ${s.baseOffset}–${s.nextOffset - 1}, ${size}${s.isActive ? ', active segment' : ''}`,
    });
  }
  return out;
}

function layoutBatches(
  segments: readonly SegmentView[],
  windowStart: number,
  leo: number,
  x: (o: number) => number,
): BatchGeom[] {
  const all = segments.flatMap((s) => s.batches).sort((a, b) => a.baseOffset - b.baseOffset);
  const out: BatchGeom[] = [];
  all.forEach((b, i) => {
    if (b.lastOffset < windowStart || b.baseOffset >= leo) return;
    const left = x(Math.max(b.baseOffset, windowStart));
    const w = x(Math.min(b.lastOffset, leo - 1) + 1) - left;
    const compressed = b.compression !== 'none';
    const badgeW = b.compression.length * CHAR_W_PX + 10;
    const count = b.lastOffset - b.baseOffset + 1;
    out.push({
      baseOffset: b.baseOffset,
      lastOffset: b.lastOffset,
      x: left,
      width: w,
      compression: b.compression,
      badge: compressed && badgeW <= w ? b.compression : null,
      parity: (i % 2) as 0 | 1,
      title: `batch ${b.baseOffset}–${b.lastOffset}: ${count} record${count === 1 ? '' : 's'}, ${formatBytes(b.sizeBytes)}, ${b.compression === 'none' ? 'uncompressed' : b.compression}, position ${b.position}, leader epoch ${b.partitionLeaderEpoch}`,
    });
  });
  return out;
}

function layoutCells(
  windowStart: number,
  leo: number,
  hw: number,
  cellW: number,
  batches: readonly BatchGeom[],
  x: (o: number) => number,
): CellGeom[] {
  const step = labelStep(String(Math.max(0, leo)).length, cellW);
  const cells: CellGeom[] = [];
  let bi = 0;
  for (let o = windowStart; o < leo; o++) {
    while (bi < batches.length && batches[bi]!.lastOffset < o) bi++;
    const b = batches[bi];
    const batch = b && b.baseOffset <= o && o <= b.lastOffset ? bi : -1;
    cells.push({ offset: o, x: x(o), width: cellW, committed: o < hw, batch, showLabel: o % step === 0 });
  }
  return cells;
}

function placeMarkers(
  specs: readonly { kind: MarkerKind; id: string; offset: number; label: string }[],
  cx: (o: number) => number,
  width: number,
): MarkerGeom[] {
  const withW = specs.map((s) => ({ ...s, x: cx(s.offset), labelWidth: Math.round(s.label.length * CHAR_W_PX + 12) }));
  const placed = assignLanes(
    withW.map((s) => ({ x: s.x, widthPx: s.labelWidth })),
    2,
    width - 2,
  );
  return withW.map((s, i) => ({ ...s, labelLeft: placed[i]!.left, lane: placed[i]!.lane }));
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
