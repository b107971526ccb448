import { describe, expect, it } from 'vitest';
import { cubicPath, cubicPoint, cubicPointInto, lineCubic, sCurve, sideArc } from './bezier';

describe('cubic links', () => {
  it('starts and ends at its endpoints', () => {
    const c = sCurve({ x: 10, y: 20 }, { x: 210, y: 120 });
    expect(cubicPoint(c, 0)).toEqual({ x: 10, y: 20 });
    expect(cubicPoint(c, 1)).toEqual({ x: 210, y: 120 });
  });

  it('an S-curve passes through the midpoint and leaves horizontally', () => {
    const c = sCurve({ x: 0, y: 0 }, { x: 200, y: 100 });
    expect(cubicPoint(c, 0.5)).toEqual({ x: 100, y: 50 });
    expect(c.y1).toBe(0);
    expect(c.y2).toBe(100);
  });

  it('a line cubic moves uniformly', () => {
    const c = lineCubic({ x: 0, y: 0 }, { x: 90, y: 30 });
    const p = cubicPoint(c, 1 / 3);
    expect(p.x).toBeCloseTo(30, 9);
    expect(p.y).toBeCloseTo(10, 9);
  });

  it('a side arc bulges exactly `bulge` px beyond its endpoints', () => {
    const c = sideArc({ x: 100, y: 0 }, { x: 100, y: 200 }, 30);
    const mid = cubicPoint(c, 0.5);
    expect(mid.x).toBeCloseTo(130, 9);
    expect(mid.y).toBeCloseTo(100, 9);
  });

  it('writes into the given point (no allocation per frame)', () => {
    const out = { x: -1, y: -1 };
    const c = lineCubic({ x: 0, y: 0 }, { x: 10, y: 0 });
    expect(cubicPointInto(c, 0.5, out)).toBe(out);
    expect(out.x).toBeCloseTo(5, 9);
  });

  it('renders SVG path data rounded to 0.1 px', () => {
    expect(cubicPath(lineCubic({ x: 0, y: 0 }, { x: 10, y: 0 }))).toBe('M0,0 C3.3,0 6.7,0 10,0');
  });
});
