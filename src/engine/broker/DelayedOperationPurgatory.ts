import type { SimKernel, TaskId } from '../kernel';

/**
 * A request that waits for a condition (acks=all waiting for the HW, a fetch waiting for
 * fetch.min.bytes) or for its timeout, as in Kafka's DelayedOperation.
 */
export interface DelayedOperation {
  /** Try to complete now; return true if the operation finished. */
  tryComplete(): boolean;
  /** Called once when the timeout expires first. */
  onExpiration(): void;
  /**
   * Called once if tryComplete or onExpiration threw: the operation is finished and must
   * answer its request with an error (KafkaApis never leaves a request unanswered).
   */
  onFailure(error: unknown): void;
}

interface Watched {
  op: DelayedOperation;
  keys: string[];
  timer: TaskId;
  done: boolean;
}

/**
 * Kafka's DelayedOperationPurgatory: operations watched by keys (topic-partitions) are
 * re-checked when something happens on a key (`checkAndComplete`), and expire on a
 * simulated-time timer.
 */
export class DelayedOperationPurgatory {
  private readonly byKey = new Map<string, Set<Watched>>();

  constructor(
    private readonly kernel: SimKernel,
    private readonly name: string,
  ) {}

  /** Complete at once if possible; otherwise watch `keys` until done or `timeoutMs`. */
  tryCompleteElseWatch(op: DelayedOperation, keys: string[], timeoutMs: number): void {
    const watched: Watched = { op, keys, timer: 0, done: false };
    if (this.attempt(watched, () => op.tryComplete())) return;
    watched.timer = this.kernel.schedule(timeoutMs, `${this.name} expiry`, () => {
      if (watched.done) return;
      this.finish(watched);
      this.attempt(watched, () => {
        op.onExpiration();
        return true;
      });
    });
    for (const key of keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(watched);
    }
  }

  /** Something changed on `key` (an append, a HW move): re-check the operations watching it. */
  checkAndComplete(key: string): number {
    const set = this.byKey.get(key);
    if (!set) return 0;
    let completed = 0;
    for (const watched of [...set]) {
      if (watched.done) continue;
      if (this.attempt(watched, () => watched.op.tryComplete())) {
        this.finish(watched);
        completed++;
      }
    }
    return completed;
  }

  get watching(): number {
    let n = 0;
    for (const set of this.byKey.values()) n += set.size;
    return n;
  }

  /** Run one step of an operation; an exception finishes it through onFailure instead of escaping. */
  private attempt(watched: Watched, step: () => boolean): boolean {
    try {
      return step();
    } catch (error) {
      this.finish(watched);
      watched.op.onFailure(error);
      return true;
    }
  }

  private finish(watched: Watched): void {
    if (watched.done) return;
    watched.done = true;
    this.kernel.cancel(watched.timer);
    for (const key of watched.keys) {
      const set = this.byKey.get(key);
      set?.delete(watched);
      if (set && set.size === 0) this.byKey.delete(key);
    }
  }
}
