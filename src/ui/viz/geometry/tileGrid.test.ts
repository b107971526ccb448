import { describe, expect, it } from 'vitest';
import { fitTileSpec, tileGrid, tileRect } from './tileGrid';

const area = { x: 100, y: 50, width: 560, height: 86 };

describe('fitTileSpec', () => {
  it('balances wrapped rows: 6 tiles that fit 5 per row become 3 + 3', () => {
    const spec = fitTileSpec(area, 6, 97);
    expect(spec.cols).toBe(3);
    expect(spec.rows).toBe(2);
    expect(spec.fits).toBe(true);
  });

  it('stretches tiles to use the width, up to 1.5× their minimum', () => {
    const spec = fitTileSpec(area, 6, 97);
    expect(spec.tileW).toBe(145);
    expect(fitTileSpec({ width: 2000, height: 86 }, 2, 100).tileW).toBe(150);
  });

  it('grows the font only when tiles are tall enough; never below 13 px', () => {
    expect(fitTileSpec(area, 6, 97)).toMatchObject({ tileH: 36, fontPx: 15 });
    const tight = fitTileSpec({ width: 560, height: 60 }, 30, 97);
    expect(tight.tileH).toBe(24);
    expect(tight.fontPx).toBe(13);
    expect(tight.fits).toBe(false);
  });
});

describe('tileGrid', () => {
  const spec = { tileW: 100, tileH: 30, gapPx: 8, fontPx: 13 };

  it('places tiles row-major from the area origin', () => {
    const g = tileGrid(area, 7, spec, 3);
    expect(tileRect(g, 0)).toEqual({ x: 100, y: 50, width: 100, height: 30 });
    expect(tileRect(g, 4)).toEqual({ x: 208, y: 88, width: 100, height: 30 });
    expect(g.rows).toBe(2);
  });

  it('turns the last slot into "+N more" when tiles overflow', () => {
    const g = tileGrid(area, 20, spec, 3); // 3 cols × 2 rows = 6 slots
    expect(g.maxRows).toBe(2);
    expect(g.shown).toBe(5);
    expect(g.hidden).toBe(15);
  });

  it('shows every tile when they fit', () => {
    const g = tileGrid(area, 6, spec, 3);
    expect(g.shown).toBe(6);
    expect(g.hidden).toBe(0);
  });
});

describe('squeezed tiles', () => {
  it('narrows tiles (not below the floor) so every partition shows instead of "+N more"', () => {
    // One row of room, 170 px wide, two tiles of minimum 97 px: both show at 81 px.
    const spec = fitTileSpec({ width: 170, height: 30 }, 2, 97);
    expect(spec.cols).toBe(2);
    expect(spec.tileW).toBe(81);
    const grid = tileGrid({ x: 0, y: 0, width: 170, height: 30 }, 2, spec, spec.cols);
    expect(grid.hidden).toBe(0);
    // Far too many for the width: the floor holds and the rest go behind "+N more".
    const many = fitTileSpec({ width: 170, height: 30 }, 12, 97);
    expect(many.tileW).toBeGreaterThanOrEqual(60);
    expect(tileGrid({ x: 0, y: 0, width: 170, height: 30 }, 12, many, many.cols).hidden).toBeGreaterThan(0);
  });
});

