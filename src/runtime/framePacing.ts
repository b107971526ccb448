/**
 * Frame pacing: how much simulated time one animation frame advances. Pure math, tested
 * without a browser.
 */

/** Speed presets offered in the UI, in simulated ms per wall ms. */
export const SPEED_PRESETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100] as const;
export const SPEED_MIN = 0.1;
export const SPEED_MAX = 100;

/**
 * A frame's wall delta is capped so a tab that was in the background (rAF paused) or a
 * long GC pause does not make the simulation jump ahead by seconds at once.
 */
export const WALL_DELTA_CAP_MS = 100;

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
}

/** Simulated ms to advance for a frame that arrived `wallDeltaMs` after the previous one. */
export function simulatedAdvanceMs(wallDeltaMs: number, speed: number, capMs = WALL_DELTA_CAP_MS): number {
  if (!(wallDeltaMs > 0)) return 0;
  return Math.min(wallDeltaMs, capMs) * clampSpeed(speed);
}

/** "t = 12.345 s" */
export function formatClock(simNowMs: number): string {
  const ms = Math.max(0, Math.floor(simNowMs));
  return `t = ${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} s`;
}

/** "12.345s", the compact form used in event log lines. */
export function formatSeconds(simNowMs: number): string {
  const ms = Math.max(0, Math.floor(simNowMs));
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}s`;
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
