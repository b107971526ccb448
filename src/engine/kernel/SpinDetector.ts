/** After this many tasks at one instant, the detector starts counting runs per label. */
const WATCH_AFTER_STEPS = 1000;
/** Runs of one label at one instant, with no event emitted in between, that count as a spin. */
export const SPIN_RUNS_WITHOUT_PROGRESS = 10_000;
/** Runs of one label at one instant that count as a spin even if they emit events. */
export const SPIN_RUNS_AT_ONE_INSTANT = 1_000_000;

interface LabelRuns {
  runs: number;
  total: number;
  logCount: number;
}

/**
 * Detects a task rescheduling itself at the same simulated instant without progress (the
 * floating-point deadline hang of issue 5 was one). Cheap in normal runs: it only starts
 * keeping per-label counts once an instant has seen WATCH_AFTER_STEPS tasks.
 */
export class SpinDetector {
  private instantMs = Number.NaN;
  private stepsAtInstant = 0;
  private byLabel: Map<string, LabelRuns> | null = null;

  /** Count one run of `label` at `timeMs`; true when it has run too often there without progress. */
  isSpinning(timeMs: number, label: string, logCount: number): boolean {
    if (timeMs !== this.instantMs) {
      this.instantMs = timeMs;
      this.stepsAtInstant = 0;
      this.byLabel = null;
    }
    if (++this.stepsAtInstant <= WATCH_AFTER_STEPS) return false;
    this.byLabel ??= new Map();
    let entry = this.byLabel.get(label);
    if (entry === undefined) {
      entry = { runs: 0, total: 0, logCount };
      this.byLabel.set(label, entry);
    }
    // Progress resets the count: something was reported since this label last ran.
    if (entry.logCount !== logCount) {
      entry.runs = 0;
      entry.logCount = logCount;
    }
    entry.runs++;
    entry.total++;
    return entry.runs >= SPIN_RUNS_WITHOUT_PROGRESS || entry.total >= SPIN_RUNS_AT_ONE_INSTANT;
  }

  /** How often `label` ran at the current instant (for the report). */
  runsOf(label: string): number {
    return this.byLabel?.get(label)?.total ?? 0;
  }
}
