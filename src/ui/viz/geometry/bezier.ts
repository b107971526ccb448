/**
 * Cubic Bézier links: one shape for every link in the cluster view, evaluated
 * allocation-free each frame (the caller passes the output point).
 */
export interface Point {
  x: number;
  y: number;
}

/** p0 → p3 with control points c1, c2, stored flat so evaluation touches no objects. */
export interface Cubic {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly x3: number;
  readonly y3: number;
}

export function cubic(p0: Point, c1: Point, c2: Point, p3: Point): Cubic {
  return { x0: p0.x, y0: p0.y, x1: c1.x, y1: c1.y, x2: c2.x, y2: c2.y, x3: p3.x, y3: p3.y };
}

/** A straight segment as a cubic (controls at thirds), so straight and curved links share one path. */
export function lineCubic(p0: Point, p3: Point): Cubic {
  const dx = (p3.x - p0.x) / 3;
  const dy = (p3.y - p0.y) / 3;
  return cubic(p0, { x: p0.x + dx, y: p0.y + dy }, { x: p3.x - dx, y: p3.y - dy }, p3);
}

/** An S-curve that leaves p0 and enters p3 horizontally (client ↔ broker fans). */
export function sCurve(p0: Point, p3: Point, tension = 0.5): Cubic {
  const dx = (p3.x - p0.x) * tension;
  return cubic(p0, { x: p0.x + dx, y: p0.y }, { x: p3.x - dx, y: p3.y }, p3);
}

/**
 * A side arc that leaves p0 and returns to p3 bulging `bulge` px to the right (bulge > 0)
 * or left. With both controls at the same x, a cubic's furthest x is 3/4 of the offset.
 */
export function sideArc(p0: Point, p3: Point, bulge: number): Cubic {
  const cx = Math.max(p0.x, p3.x) + (bulge * 4) / 3;
  return cubic(p0, { x: cx, y: p0.y }, { x: cx, y: p3.y }, p3);
}

/** Writes the point at parameter t ∈ [0, 1] into `out` (no allocation). */
export function cubicPointInto(c: Cubic, t: number, out: Point): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  out.x = a * c.x0 + b * c.x1 + d * c.x2 + e * c.x3;
  out.y = a * c.y0 + b * c.y1 + d * c.y2 + e * c.y3;
  return out;
}

export function cubicPoint(c: Cubic, t: number): Point {
  return cubicPointInto(c, t, { x: 0, y: 0 });
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** SVG path data for the curve. */
export function cubicPath(c: Cubic): string {
  return `M${r1(c.x0)},${r1(c.y0)} C${r1(c.x1)},${r1(c.y1)} ${r1(c.x2)},${r1(c.y2)} ${r1(c.x3)},${r1(c.y3)}`;
}
