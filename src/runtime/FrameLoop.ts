import { EngineBudget, FramePacer, publishIntervalMs } from './framePacing';
import { runBudgeted } from './runBudgeted';
import type { SnapshotPublisher } from './SnapshotPublisher';
import type { LabPort, Scheduler } from './ports';

export type FrameListener = (simNowMs: number) => void;

/** What the frame loop needs from the runtime: the lab, the play state, and a place to report. */
export interface FrameLoopDeps {
  scheduler: Scheduler;
  publisher: Pick<SnapshotPublisher, 'publishIfDue' | 'isTimeDue'>;
  lab(): Pick<LabPort, 'kernel' | 'version' | 'snapshot'> | null;
  controls(): { playing: boolean; speed: number };
  /** The speed the lab reached while it falls behind, null once it keeps up (status.realSpeed). */
  reportRealSpeed(realSpeed: number | null): void;
  /** Runs engine code; an engine exception pauses the lab (undefined then). */
  guard<T>(run: () => T): T | undefined;
}

/**
 * The one requestAnimationFrame loop: maps wall time to simulated time within the engine's
 * per-frame budget, publishes (paced when rendering is costly) and drives the animations that
 * write through refs. Time not reached is owed to the next frame; when the lab runs slower
 * than its speed, the speed it reaches is reported.
 */
export class FrameLoop {
  private readonly frameListeners = new Set<FrameListener>();
  private readonly beforeFrameListeners = new Set<() => void>();
  /**
   * The engine's wall-clock share of a frame, adapted to the frames the page gets, learned
   * apart for frames that publish (React, layout and paint of every view follow the engine)
   * and frames that only move the animations. One budget for both let the costly publish
   * frames, a third of all at 10×, pull the engine's share down in every frame.
   */
  private readonly budgets = { plain: new EngineBudget(), publish: new EngineBudget(0) };
  private lastFrame: keyof FrameLoop['budgets'] = 'plain';
  private readonly pacer = new FramePacer();
  private handle: number | null = null;
  private lastWallMs: number | null = null;

  constructor(private readonly deps: FrameLoopDeps) {}

  start(): void {
    if (this.handle !== null) return;
    this.lastWallMs = null;
    const frame = (wallNowMs: number): void => {
      this.handle = this.deps.scheduler.requestFrame(frame);
      this.tick(wallNowMs);
    };
    this.handle = this.deps.scheduler.requestFrame(frame);
  }

  stop(): void {
    if (this.handle !== null) this.deps.scheduler.cancelFrame(this.handle);
    this.handle = null;
  }

  /** Play: owe time from the next frame on, not for the paused stretch. */
  resumeFromNow(): void {
    this.lastWallMs = null;
    this.pacer.reset();
  }

  /** Pause or a new speed: owe nothing, and forget the real speed reached so far. */
  resetPacing(): void {
    this.pacer.reset();
    this.pacer.clearReported();
  }

  tick(wallNowMs: number): void {
    const lab = this.deps.lab();
    if (!lab) return;
    // First, while the layout from the last paint is still clean: a write here (a scroll
    // position) costs no forced layout, as it would after this frame's renders.
    for (const listener of this.beforeFrameListeners) listener();
    const wallDeltaMs = this.lastWallMs === null ? 0 : wallNowMs - this.lastWallMs;
    this.lastWallMs = wallNowMs;
    const { playing, speed } = this.deps.controls();
    const minIntervalMs = playing ? publishIntervalMs(speed) : 0;
    // From 5× only some frames publish; which ones is known before the engine runs.
    const publishes = minIntervalMs === 0 || this.deps.publisher.isTimeDue();
    const frame = minIntervalMs > 0 && publishes ? 'publish' : 'plain';
    if (playing) {
      this.budgets[this.lastFrame].observe(wallDeltaMs);
      this.advance(lab, wallDeltaMs, speed, this.budgets[frame].ms);
    }
    this.lastFrame = frame;
    if (publishes) this.deps.publisher.publishIfDue(lab, minIntervalMs);
    this.notify(lab.kernel.nowMs);
  }

  private advance(lab: Pick<LabPort, 'kernel'>, wallDeltaMs: number, speed: number, budgetMs: number): void {
    const plannedMs = this.pacer.plan(wallDeltaMs, speed);
    const startMs = lab.kernel.nowMs;
    const wallNow = () => this.deps.scheduler.wallNowMs();
    const reachedAll = plannedMs > 0 ? this.deps.guard(() => runBudgeted(lab.kernel, startMs + plannedMs, budgetMs, wallNow)) : true;
    // A target reached in full owes nothing (the kernel carries the fraction of a ms itself).
    const reachedMs = reachedAll === true ? plannedMs : lab.kernel.nowMs - startMs;
    const realSpeed = this.pacer.report(plannedMs, reachedMs, wallDeltaMs, speed);
    if (realSpeed !== undefined && this.deps.controls().playing) this.deps.reportRealSpeed(realSpeed);
  }

  notify(simNowMs: number): void {
    for (const listener of this.frameListeners) listener(simNowMs);
  }

  /** DOM writes that want a clean layout (the event log's scroll position) run first in each frame. */
  beforeFrame(listener: () => void): () => void {
    this.beforeFrameListeners.add(listener);
    return () => this.beforeFrameListeners.delete(listener);
  }

  /** Animation components write positions through refs here, without React renders. */
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    const lab = this.deps.lab();
    if (lab) listener(lab.kernel.nowMs);
    return () => this.frameListeners.delete(listener);
  }
}
