/**
 * Where an in-flight message is at simulated time `nowMs`. Positions derive from the
 * message's send/arrive times only, so pause, speed changes and rewind need no extra state.
 */
import { cubicPointInto, type Point } from './bezier';
import type { LinkRef } from './clusterLayout';

/** 0 at send, 1 at arrival, clamped; a zero-latency message is already there. */
export function messageProgress(nowMs: number, sendTimeMs: number, arriveTimeMs: number): number {
  const span = arriveTimeMs - sendTimeMs;
  if (!(span > 0)) return nowMs >= sendTimeMs ? 1 : 0;
  const t = (nowMs - sendTimeMs) / span;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Position along the link in the message's direction of travel, written into `out`. */
export function messagePointInto(ref: LinkRef, progress: number, out: Point): Point {
  return cubicPointInto(ref.link.curve, ref.reversed ? 1 - progress : progress, out);
}

/** Dropped messages fade out as they travel (still visible long enough to notice). */
export function droppedOpacity(progress: number): number {
  return 1 - 0.75 * progress;
}

/** Above this many in-flight messages the particles move to one canvas (see browser-notes.md). */
export const CANVAS_PARTICLES_ABOVE = 300;
/** ...and back to SVG below this, so a count hovering near the limit does not flap. */
export const SVG_PARTICLES_BELOW = 250;

export function shouldDrawOnCanvas(count: number, currentlyCanvas: boolean): boolean {
  return currentlyCanvas ? count >= SVG_PARTICLES_BELOW : count > CANVAS_PARTICLES_ABOVE;
}
