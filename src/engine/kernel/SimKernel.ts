import { EventLog, lazy, type EventLogLimits, type EventText, type LabEventKind } from './EventLog';
import { EventQueue, type ScheduledTask } from './EventQueue';
import { Random } from './Random';
import { SpinDetector } from './SpinDetector';

export type TaskId = number;

const FRACTION_EPSILON_MS = 1e-6;

/** What the last `step()` ran: the task's label, its time, and the events it emitted [first, end). */
export interface StepRecord {
  readonly label: string;
  readonly timeMs: number;
  readonly firstEventSeq: number;
  readonly endEventSeq: number;
}

/**
 * The simulation kernel: a simulated clock in milliseconds, an event queue ordered by
 * (time, sequence) and one seeded random source. Nothing in the engine reads the wall
 * clock; time moves only when the caller steps or advances the kernel.
 *
 * The clock counts whole milliseconds, like Kafka's Time.milliseconds(): every task runs at
 * an integer time (a fractional request is rounded up), so `now - created >= timeout` holds
 * exactly when a task scheduled for `created + timeout` runs, and every Kafka timestamp taken
 * from the clock is a whole ms. advanceBy() still takes fractional frame advances; it carries
 * the part below 1 ms to the next call.
 */
export class SimKernel {
  /** Always a whole number of ms. */
  private clockMs: number;
  /** advanceBy's carried remainder, in [0, 1). */
  private fractionMs = 0;
  private readonly queue = new EventQueue();
  private readonly byId = new Map<TaskId, ScheduledTask>();
  private nextSeq = 0;
  private nextId = 1;
  /** Cancelled tasks still in the heap (request timeouts mostly: almost every one is cancelled). */
  private cancelledInQueue = 0;
  private stepsRun = 0;
  private readonly spins = new SpinDetector();
  private spinsStopped = 0;
  private lastLabel: string | null = null;
  private lastTimeMs = 0;
  private lastFirstSeq = 0;
  private lastEndSeq = 0;
  readonly random: Random;
  readonly log: EventLog;

  constructor(options: { seed: number; startTimeMs?: number; eventLimits?: EventLogLimits }) {
    this.random = new Random(options.seed);
    this.clockMs = Math.floor(options.startTimeMs ?? 0);
    this.log = new EventLog(options.eventLimits);
  }

  get nowMs(): number {
    return this.clockMs;
  }

  get seed(): number {
    return this.random.seed;
  }

  /** Number of events executed so far. */
  get steps(): number {
    return this.stepsRun;
  }

  get pending(): number {
    return this.byId.size;
  }

  /** What the last step() ran (null before the first), so a view can show what a Step executed. */
  get lastStep(): StepRecord | null {
    if (this.lastLabel === null) return null;
    return { label: this.lastLabel, timeMs: this.lastTimeMs, firstEventSeq: this.lastFirstSeq, endEventSeq: this.lastEndSeq };
  }

  /** Tasks the kernel stopped because they rescheduled themselves at one instant without progress. */
  get spinsDetected(): number {
    return this.spinsStopped;
  }

  /** Run `run` after `delayMs` of simulated time (0 = later at the same instant). */
  schedule(delayMs: number, label: string, run: () => void): TaskId {
    return this.scheduleAt(this.clockMs + Math.max(0, delayMs), label, run);
  }

  /**
   * Run `run` at `timeMs`, rounded up to a whole ms (and never in the past). A time beyond
   * 2^53 − 1 ms (a Long.MAX_VALUE timeout, a huge poll timeout) means never: it is kept at
   * that last exactly countable ms instead of losing precision.
   */
  scheduleAt(timeMs: number, label: string, run: () => void): TaskId {
    if (Number.isNaN(timeMs)) throw new RangeError(`cannot schedule "${label}" at ${timeMs} ms`);
    const task: ScheduledTask = {
      id: this.nextId++,
      timeMs: Math.max(Math.min(Math.ceil(timeMs), Number.MAX_SAFE_INTEGER), this.clockMs),
      seq: this.nextSeq++,
      label,
      run,
      cancelled: false,
    };
    this.queue.push(task);
    this.byId.set(task.id, task);
    return task.id;
  }

  cancel(id: TaskId | undefined): void {
    if (id === undefined) return;
    const task = this.byId.get(id);
    if (task) {
      task.cancelled = true;
      this.byId.delete(id);
      // Left alone, cancelled timeouts pile up until their time comes (request.timeout.ms later).
      if (++this.cancelledInQueue > 1024 && this.cancelledInQueue * 2 > this.queue.size) {
        this.queue.removeCancelled();
        this.cancelledInQueue = 0;
      }
    }
  }

  /** Time of the next pending event, if any. */
  nextEventTimeMs(): number | undefined {
    this.dropCancelled();
    return this.queue.peek()?.timeMs;
  }

  /** Run exactly one event (moving the clock to its time). Returns false when idle. */
  step(): boolean {
    this.dropCancelled();
    const task = this.queue.pop();
    if (!task) return false;
    this.byId.delete(task.id);
    this.clockMs = task.timeMs;
    this.stepsRun++;
    const firstSeq = this.log.count;
    if (this.spins.isSpinning(task.timeMs, task.label, firstSeq)) this.stopSpinningTask(task);
    else task.run();
    this.lastLabel = task.label;
    this.lastTimeMs = task.timeMs;
    this.lastFirstSeq = firstSeq;
    this.lastEndSeq = this.log.count;
    return true;
  }

  /**
   * Run every event due within the next `ms`, then leave the clock `ms` later. Fractions of a
   * ms (from a frame loop) accumulate: the clock moves by whole ms and carries the rest.
   */
  advanceBy(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advanceBy needs a finite non-negative duration, got ${ms}`);
    const total = this.fractionMs + ms;
    // A nanosecond of slack: ten frames of 0.7 ms sum to 6.9999… in floating point, and should be 7 ms.
    const wholeMs = Math.floor(total + FRACTION_EPSILON_MS);
    this.fractionMs = Math.max(0, total - wholeMs);
    return this.advanceTo(this.clockMs + wholeMs);
  }

  /** Run every event due at or before `timeMs`, then set the clock to `timeMs` (rounded down to a whole ms). */
  advanceTo(timeMs: number): number {
    const targetMs = Math.floor(timeMs);
    let ran = 0;
    for (;;) {
      const next = this.nextEventTimeMs();
      if (next === undefined || next > targetMs) break;
      this.step();
      ran++;
    }
    if (targetMs > this.clockMs) this.clockMs = targetMs;
    return ran;
  }

  /**
   * Step until `condition` holds or `maxMs` of simulated time passes.
   * Returns whether the condition held.
   */
  runUntil(condition: () => boolean, maxMs: number): boolean {
    const deadline = this.clockMs + Math.floor(maxMs);
    while (!condition()) {
      const next = this.nextEventTimeMs();
      if (next === undefined || next > deadline) {
        this.clockMs = Math.max(this.clockMs, deadline);
        return condition();
      }
      this.step();
    }
    return true;
  }

  /** Report a state change in plain words (see EventLog; pass `lazy\`...\`` on hot paths). */
  emit(kind: LabEventKind, actor: string, text: EventText, tp?: string): void {
    this.log.emit(this.clockMs, kind, actor, text, tp);
  }

  /** A task that keeps rescheduling itself at one instant would freeze the lab: report it and drop it. */
  private stopSpinningTask(task: ScheduledTask): void {
    this.spinsStopped++;
    const runs = this.spins.runsOf(task.label);
    this.emit('kernel', 'kernel', lazy`engine error: task "${task.label}" ran ${runs} times at t=${task.timeMs} ms without any progress, so the kernel stopped it instead of freezing the lab (this is a bug in the lab; please report it)`);
  }

  private dropCancelled(): void {
    for (let top = this.queue.peek(); top && top.cancelled; top = this.queue.peek()) {
      this.queue.pop();
      this.cancelledInQueue--;
    }
  }
}
