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

/**
 * Wall-clock ms the engine may run per animation frame. A 60 Hz frame has 16.7 ms; the rest
 * is left for publishing the snapshot, React and painting, so the page stays at ≥ 50 fps
 * however much work the requested speed asks for.
 */
export const ENGINE_BUDGET_MS = 8;
/**
 * When frames are slow anyway (views slow to render), the engine may use this share of the
 * frame interval instead, up to ENGINE_BUDGET_MAX_MS: a fixed 8 ms per 300 ms frame would
 * starve the simulation, while 24 ms more keeps a frame under the 50 ms long-task line.
 */
export const ENGINE_SHARE = 0.5;
export const ENGINE_BUDGET_MAX_MS = 24;

/** The engine's budget for a frame that came `wallDeltaMs` after the previous one. */
export function engineBudgetMs(wallDeltaMs: number): number {
  if (!(wallDeltaMs > 0)) return ENGINE_BUDGET_MS;
  return Math.min(ENGINE_BUDGET_MAX_MS, Math.max(ENGINE_BUDGET_MS, wallDeltaMs * ENGINE_SHARE));
}
/** Engine events run between two reads of the wall clock (reading it costs far less than an event). */
export const EVENTS_PER_CLOCK_CHECK = 8;
/** The real speed is measured over windows of this much wall time, and at least this many frames (slow frames vary a lot). */
export const REAL_SPEED_WINDOW_MS = 1000;
export const REAL_SPEED_WINDOW_FRAMES = 3;
/** Below this fraction of the requested speed the lab says it is running slower. */
export const BEHIND_RATIO = 0.9;
/** A gap between frames this long means the tab was hidden, not that the lab was slow. */
const BACKGROUND_GAP_MS = 1000;

/**
 * Paces simulated time against the wall clock when the engine cannot run everything a frame
 * asks for within its budget. Simulated time not reached is owed to the next frame, up to one
 * capped frame's worth (so a slow stretch never becomes a burst later): what is dropped beyond
 * that is the speed the lab could not reach. The speed reached is measured over short windows
 * of wall time and reported when it falls below the requested speed.
 */
export class FramePacer {
  private owedMs = 0;
  private windowWallMs = 0;
  private windowSimMs = 0;
  private windowFrames = 0;
  private reported: number | null = null;

  /** Simulated ms this frame should run: its share of wall time × speed, plus what is owed. */
  plan(wallDeltaMs: number, speed: number): number {
    this.owedMs = Math.min(this.owedMs, WALL_DELTA_CAP_MS * clampSpeed(speed));
    return simulatedAdvanceMs(wallDeltaMs, speed) + this.owedMs;
  }

  /**
   * After the frame ran `reachedMs` of the `plannedMs` it asked for. Returns the real speed
   * to show when it changed (null = keeping up), or undefined when nothing changed.
   */
  report(plannedMs: number, reachedMs: number, wallDeltaMs: number, speed: number): number | null | undefined {
    this.owedMs = Math.max(0, plannedMs - reachedMs);
    // Real wall time, slow frames included (what a viewer sees); not a tab's time in the background.
    if (wallDeltaMs > 0 && wallDeltaMs < BACKGROUND_GAP_MS) {
      this.windowWallMs += wallDeltaMs;
      this.windowSimMs += reachedMs;
      this.windowFrames++;
    }
    if (this.windowWallMs < REAL_SPEED_WINDOW_MS || this.windowFrames < REAL_SPEED_WINDOW_FRAMES) return undefined;
    const real = this.windowSimMs / this.windowWallMs;
    const behind = real < clampSpeed(speed) * BEHIND_RATIO;
    this.windowWallMs = 0;
    this.windowSimMs = 0;
    this.windowFrames = 0;
    const next = behind ? roundSpeed(real) : null;
    if (next === this.reported) return undefined;
    this.reported = next;
    return next;
  }

  /** Play, pause or a new speed: nothing is owed, and the next window starts fresh. */
  reset(): void {
    this.owedMs = 0;
    this.windowWallMs = 0;
    this.windowSimMs = 0;
    this.windowFrames = 0;
  }

  /** Forget the reported speed (the caller cleared it from the display). */
  clearReported(): void {
    this.reported = null;
  }

  get owed(): number {
    return this.owedMs;
  }
}

/** Two significant figures, so the display does not flicker with every window: 23×, 4.7×, 0.38×. */
export function roundSpeed(speed: number): number {
  if (!(speed > 0)) return 0;
  const digits = Math.max(0, 1 - Math.floor(Math.log10(speed)));
  const factor = 10 ** digits;
  return Math.round(speed * factor) / factor;
}

/** "running at 23× of 100×" */
export function formatRealSpeed(realSpeed: number, speed: number): string {
  return `running at ${formatSpeed(roundSpeed(realSpeed))} of ${formatSpeed(speed)}`;
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
