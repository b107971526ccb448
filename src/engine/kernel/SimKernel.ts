import { EventLog, type LabEventKind } from './EventLog';
import { EventQueue, type ScheduledTask } from './EventQueue';
import { Random } from './Random';

export type TaskId = number;

/**
 * The simulation kernel: a simulated clock in milliseconds, an event queue ordered by
 * (time, sequence) and one seeded random source. Nothing in the engine reads the wall
 * clock; time moves only when the caller steps or advances the kernel.
 */
export class SimKernel {
  private clockMs: number;
  private readonly queue = new EventQueue();
  private readonly byId = new Map<TaskId, ScheduledTask>();
  private nextSeq = 0;
  private nextId = 1;
  /** Cancelled tasks still in the heap (request timeouts mostly: almost every one is cancelled). */
  private cancelledInQueue = 0;
  private stepsRun = 0;
  readonly random: Random;
  readonly log: EventLog;

  constructor(options: { seed: number; startTimeMs?: number; eventCapacity?: number }) {
    this.random = new Random(options.seed);
    this.clockMs = options.startTimeMs ?? 0;
    this.log = new EventLog(options.eventCapacity);
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

  /** Run `run` after `delayMs` of simulated time (0 = later at the same instant). */
  schedule(delayMs: number, label: string, run: () => void): TaskId {
    return this.scheduleAt(this.clockMs + Math.max(0, delayMs), label, run);
  }

  scheduleAt(timeMs: number, label: string, run: () => void): TaskId {
    if (!Number.isFinite(timeMs)) throw new RangeError(`cannot schedule "${label}" at ${timeMs}`);
    const task: ScheduledTask = {
      id: this.nextId++,
      timeMs: Math.max(timeMs, this.clockMs),
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
    task.run();
    return true;
  }

  /** Run every event due within the next `ms`, then leave the clock exactly `ms` later. */
  advanceBy(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`advanceBy needs a non-negative duration, got ${ms}`);
    return this.advanceTo(this.clockMs + ms);
  }

  /** Run every event due at or before `timeMs`, then set the clock to `timeMs`. */
  advanceTo(timeMs: number): number {
    let ran = 0;
    for (;;) {
      const next = this.nextEventTimeMs();
      if (next === undefined || next > timeMs) break;
      this.step();
      ran++;
    }
    if (timeMs > this.clockMs) this.clockMs = timeMs;
    return ran;
  }

  /**
   * Step until `condition` holds or `maxMs` of simulated time passes.
   * Returns whether the condition held.
   */
  runUntil(condition: () => boolean, maxMs: number): boolean {
    const deadline = this.clockMs + maxMs;
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

  /** Report a state change in plain words (see EventLog). */
  emit(kind: LabEventKind, actor: string, text: string, tp?: string): void {
    this.log.emit(this.clockMs, kind, actor, text, tp);
  }

  private dropCancelled(): void {
    for (let top = this.queue.peek(); top && top.cancelled; top = this.queue.peek()) {
      this.queue.pop();
      this.cancelledInQueue--;
    }
  }
}
