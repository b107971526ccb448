import type { LabSnapshot } from '../engine/snapshot';

interface Versioned {
  readonly version: number;
  snapshot(): LabSnapshot;
}

/**
 * Publishes the engine's snapshot only when its version moved, so an idle or paused lab
 * costs one integer comparison per frame and React renders nothing.
 */
export class SnapshotPublisher {
  private lastVersion = Number.NaN;

  constructor(private readonly publish: (snapshot: LabSnapshot) => void) {}

  /** Returns whether a snapshot was published. */
  publishIfChanged(lab: Versioned): boolean {
    const version = lab.version;
    if (version === this.lastVersion) return false;
    this.lastVersion = version;
    this.publish(lab.snapshot());
    return true;
  }

  /** Publish even if nothing changed (e.g. the clock moved while paused and a test wants it). */
  publishNow(lab: Versioned): void {
    this.lastVersion = lab.version;
    this.publish(lab.snapshot());
  }
}
