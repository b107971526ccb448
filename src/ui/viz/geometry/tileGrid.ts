/** Partition-replica tiles inside a broker card: a wrapping grid with an overflow slot. */
import { clamp, type Rect } from './rect';

export interface TileGridSpec {
  readonly tileW: number;
  readonly tileH: number;
  readonly gapPx: number;
  /** Label font size; 13 px minimum (projector legibility), larger when tiles are roomy. */
  readonly fontPx: number;
}

export interface TileGrid extends TileGridSpec {
  readonly area: Rect;
  readonly cols: number;
  /** Rows the area can hold. */
  readonly maxRows: number;
  /** Rows actually used by `count` tiles (capped by maxRows). */
  readonly rows: number;
  readonly count: number;
  /** Tiles drawn; when count > capacity the last slot becomes a "+N more" slot. */
  readonly shown: number;
  readonly hidden: number;
}

export const TILE_GAP_PX = 8;
export const TILE_H_MIN_PX = 24;
export const TILE_H_MAX_PX = 36;
/** When a card is shorter than one row of minimum tiles, tiles shrink to this rather than spill out. */
export const TILE_H_FLOOR_PX = 18;

/** Tiles may narrow to this (label ellipsized, full name in the tile's accessible name) before any hide behind "+N more". */
export const TILE_W_FLOOR_PX = 60;

/**
 * The tile width to plan with: `minTileW`, or narrower (down to TILE_W_FLOOR_PX) when only
 * narrower tiles let every tile show, since a cut label beats a hidden partition.
 */
export function squeezedTileWidth(area: { readonly width: number; readonly height: number }, count: number, minTileW: number): number {
  const rowsFit = Math.max(1, Math.floor((area.height + 5) / (TILE_H_MIN_PX + 5)));
  if (columnsFor(area.width, minTileW, TILE_GAP_PX) * rowsFit >= count) return minTileW;
  const want = Math.min(count, Math.ceil(count / rowsFit));
  const w = Math.floor((area.width - (want - 1) * TILE_GAP_PX) / want);
  return Math.max(TILE_W_FLOOR_PX, Math.min(minTileW, w));
}

export function columnsFor(widthPx: number, tileW: number, gapPx: number): number {
  return Math.max(1, Math.floor((widthPx + gapPx) / (tileW + gapPx)));
}

export function rowsNeeded(count: number, cols: number): number {
  return Math.ceil(count / Math.max(1, cols));
}

/**
 * One tile size for every broker card: as few rows as the width allows, columns balanced
 * across those rows (6 tiles in 2 rows → 3 + 3, not 5 + 1), tiles stretched to use the
 * width (up to 1.5× their minimum) and as tall as the height allows.
 */
export function fitTileSpec(
  area: { readonly width: number; readonly height: number },
  maxCount: number,
  minTileW: number,
): TileGridSpec & { readonly cols: number; readonly rows: number; readonly fits: boolean } {
  const labelW = minTileW;
  minTileW = squeezedTileWidth(area, maxCount, minTileW);
  const gap = TILE_GAP_PX;
  const maxCols = columnsFor(area.width, minTileW, gap);
  const rows = Math.max(1, rowsNeeded(maxCount, maxCols));
  // Balance only when the rows fit; otherwise use every column to show as many as possible.
  const rowsFit = Math.max(1, Math.floor((area.height + 5) / (TILE_H_MIN_PX + 5)));
  const cols = rows > rowsFit ? maxCols : Math.max(1, Math.min(maxCols, Math.ceil(maxCount / rows)));
  const wanted = clamp((area.width - (cols - 1) * gap) / cols, minTileW, Math.min(minTileW * 1.5, 180));
  // Never wider than the area (one column in a narrow card), down to the floor.
  const tileW = Math.floor(Math.min(wanted, Math.max(area.width, TILE_W_FLOOR_PX)));
  const rawH = (area.height - (rows - 1) * gap) / rows;
  let tileH = Math.floor(clamp(rawH, TILE_H_MIN_PX, TILE_H_MAX_PX));
  // Never taller than the card's tile area: a tile row must not straddle the card's edge.
  if (tileH > area.height) tileH = Math.max(TILE_H_FLOOR_PX, Math.floor(area.height));
  const gapPx = rawH < TILE_H_MIN_PX ? 5 : gap;
  // 15 px labels only in tiles tall enough and wide enough for the label at that size.
  const fontPx = tileH >= 34 && tileW >= (labelW * 15) / 13 ? 15 : 13;
  return { tileW, tileH, gapPx, fontPx, cols, rows, fits: rawH >= TILE_H_MIN_PX };
}

/** Height `rows` rows of tiles need at the minimum tile height. */
export function minGridHeight(rows: number): number {
  return rows <= 0 ? 0 : rows * TILE_H_MIN_PX + (rows - 1) * 5;
}

export function tileGrid(area: Rect, count: number, spec: TileGridSpec, cols?: number): TileGrid {
  const c = cols ?? columnsFor(area.width, spec.tileW, spec.gapPx);
  const maxRows = Math.max(1, Math.floor((area.height + spec.gapPx + 0.5) / (spec.tileH + spec.gapPx)));
  const capacity = c * maxRows;
  const overflow = count > capacity;
  const shown = overflow ? capacity - 1 : count;
  const slots = overflow ? capacity : count;
  return {
    ...spec,
    area,
    cols: c,
    maxRows,
    rows: Math.min(maxRows, rowsNeeded(slots, c)),
    count,
    shown,
    hidden: count - shown,
  };
}

/** The rect of slot i (row-major). */
export function tileRect(grid: TileGrid, i: number): Rect {
  const col = i % grid.cols;
  const row = Math.floor(i / grid.cols);
  return {
    x: grid.area.x + col * (grid.tileW + grid.gapPx),
    y: grid.area.y + row * (grid.tileH + grid.gapPx),
    width: grid.tileW,
    height: grid.tileH,
  };
}
