import type { LabSnapshot } from '../engine/snapshot';

interface Versioned {
  readonly version: number;
  snapshot(): LabSnapshot;
}

/** A publish (snapshot + React's render of it) cheaper than this never delays the next one. */
export const PUBLISH_FREE_COST_MS = 4;
/** After a costly publish, wait this many times its cost before the next (rendering ≤ 1/3 of the time). */
export const PUBLISH_COST_FACTOR = 2;
/** The views still refresh at least this often while the engine changes state. */
export const PUBLISH_MAX_INTERVAL_MS = 250;

/**
 * Publishes the engine's snapshot only when its version moved, so an idle or paused lab
 * costs one integer comparison per frame and React renders nothing. In the frame loop it
 * also paces itself: when publishing and rendering a snapshot is costly, frames in between
 * publish nothing (animations still move every frame through onFrame), so a page whose views
 * are slow to render keeps answering instead of rendering back to back.
 */
export class SnapshotPublisher {
  private lastVersion = Number.NaN;
  private nextDueMs = Number.NEGATIVE_INFINITY;
  /** Cost of the last paced publish, measured after React rendered it (see publishIfDue). */
  lastCostMs = 0;

  constructor(
    private readonly publish: (snapshot: LabSnapshot) => void,
    private readonly wallNowMs: () => number = () => 0,
  ) {}

  /** Returns whether a snapshot was published. */
  publishIfChanged(lab: Versioned): boolean {
    const version = lab.version;
    if (version === this.lastVersion) return false;
    this.lastVersion = version;
    this.publish(lab.snapshot());
    return true;
  }

  /**
   * The frame loop's publish: like publishIfChanged, unless the previous publish was costly
   * or came less than `minIntervalMs` ago, and its pause has not passed yet. The cost is read
   * in a microtask queued after the publish, which runs after the render React scheduled (as
   * a microtask) during it.
   */
  publishIfDue(lab: Versioned, minIntervalMs = 0): boolean {
    if (lab.version === this.lastVersion) return false;
    const startMs = this.wallNowMs();
    if (startMs < this.nextDueMs) return false;
    this.publishIfChanged(lab);
    queueMicrotask(() => {
      const cost = this.wallNowMs() - startMs;
      this.lastCostMs = cost;
      const pause = cost < PUBLISH_FREE_COST_MS ? 0 : Math.min(PUBLISH_MAX_INTERVAL_MS, cost * (1 + PUBLISH_COST_FACTOR));
      this.nextDueMs = startMs + Math.max(pause, minIntervalMs);
    });
    return true;
  }

  /** Whether the pause after the last paced publish has passed (publishIfDue may publish once the version moves). */
  isTimeDue(): boolean {
    return this.wallNowMs() >= this.nextDueMs;
  }

  /** Publish even if nothing changed (e.g. the clock moved while paused and a test wants it). */
  publishNow(lab: Versioned): void {
    this.lastVersion = lab.version;
    this.publish(lab.snapshot());
  }
}
