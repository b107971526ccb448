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
 * Wall-clock ms the engine may run per animation frame, at most: half of a 60 Hz frame. The
 * rest is left for publishing the snapshot, React and painting.
 */
export const ENGINE_BUDGET_MS = 8;
/** A gap between frames this long means the tab was hidden, not that the lab was slow. */
const BACKGROUND_GAP_MS = 1000;
/** The engine always gets this much, so a page that renders slowly still moves forward. */
export const ENGINE_BUDGET_MIN_MS = 2;
/** A frame that came this many display intervals after the previous one missed a vsync. */
const MISSED_FRAME_RATIO = 1.5;
/** On a missed frame the budget shrinks by this factor; on a frame on time it grows (see EngineBudget.grow). */
const BUDGET_DECREASE = 0.75;
/** Growth per frame on time: fast well below the budget of the last miss, slowly near it, moderately above it. */
export const ENGINE_BUDGET_STEP_MS = 0.1;
const NEAR_CEILING_STEP_MS = 0.02;
const ABOVE_CEILING_STEP_MS = 0.05;
/** "Near" the last miss's budget: from this fraction of it to CEILING_ABOVE times it. */
const CEILING_BELOW = 0.95;
const CEILING_ABOVE = 1.05;
/** Display intervals shorter than this are not believed (two callbacks in one vsync). */
const MIN_DISPLAY_INTERVAL_MS = 6;

/**
 * The engine's share of each frame, adapted to the frames the page actually gets (additive
 * increase, multiplicative decrease): while frames come on time the budget grows towards
 * half a display interval; when a frame misses its vsync (rendering, GC or the engine took
 * too long) it shrinks. Frames stay smooth first; the simulation gets what is left, and when
 * that is less than the chosen speed needs, the lab shows the speed it reaches (FramePacer).
 * A fixed share of slow frames instead fed on itself: slow frames granted the engine more,
 * which made the next frames slower still.
 */
export class EngineBudget {
  private budget = ENGINE_BUDGET_MS;
  /** The budget when a frame last missed its vsync: probing slowly near it keeps misses rare (as TCP CUBIC does). */
  private ceilingMs = Number.POSITIVE_INFINITY;
  private lastMissed = false;

  /** `minMs`: what the engine always gets (frames that publish may give it nothing). */
  constructor(private readonly minMs: number = ENGINE_BUDGET_MIN_MS) {}
  /**
   * The display's frame interval: 60 Hz, or the shortest interval seen between two frames if
   * shorter (a 120 Hz screen). Never learned upwards: on a page whose every frame is slow,
   * the slow interval would look like the display's.
   */
  private intervalMs = 1000 / 60;

  get ms(): number {
    return this.budget;
  }

  /** The frame this budget was used for ended `wallDeltaMs` after it began (the next frame came then). */
  observe(wallDeltaMs: number): void {
    if (!(wallDeltaMs >= MIN_DISPLAY_INTERVAL_MS) || wallDeltaMs >= BACKGROUND_GAP_MS) return;
    this.intervalMs = Math.min(this.intervalMs, wallDeltaMs);
    const max = Math.min(ENGINE_BUDGET_MS, this.intervalMs / 2);
    const missed = wallDeltaMs > this.intervalMs * MISSED_FRAME_RATIO;
    // The first miss of a run names the ceiling; the ones after it follow from the same cause.
    if (missed && !this.lastMissed) this.ceilingMs = this.budget;
    this.lastMissed = missed;
    const next = missed ? this.budget * BUDGET_DECREASE : this.budget + this.stepMs();
    this.budget = Math.min(max, Math.max(this.minMs, next));
  }

  /**
   * Plain additive increase probed past the budget that missed about once every 13 frames,
   * a p95 frame of two vsyncs. Regaining fast up to just below that budget and then creeping
   * misses about once in 25.
   */
  private stepMs(): number {
    if (this.budget < this.ceilingMs * CEILING_BELOW) return ENGINE_BUDGET_STEP_MS;
    if (this.budget < this.ceilingMs * CEILING_ABOVE) return NEAR_CEILING_STEP_MS;
    return ABOVE_CEILING_STEP_MS;
  }
}

/**
 * While playing at `speed`, the views refresh at most this often (wall ms). From 5× a
 * message's network hop (80 ms simulated) is shorter than a frame, and numbers change faster
 * than anyone reads them, while every publish costs React, style, layout and paint: at 100×
 * refreshing every frame left the engine a fifth of the speed it reaches at 10 Hz. Motion
 * that is drawn through onFrame (particles, the clock) still moves every frame, and a
 * command or a step always publishes at once.
 */
export function publishIntervalMs(speed: number): number {
  if (speed < 5) return 0;
  if (speed < 50) return 50;
  return 100;
}
/** Engine events run between two reads of the wall clock (reading it costs far less than an event). */
export const EVENTS_PER_CLOCK_CHECK = 8;
/** The real speed is measured over windows of this much wall time, and at least this many frames (slow frames vary a lot). */
export const REAL_SPEED_WINDOW_MS = 1000;
export const REAL_SPEED_WINDOW_FRAMES = 3;
/** Below this fraction of the requested speed the lab says it is running slower. */
export const BEHIND_RATIO = 0.9;

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
