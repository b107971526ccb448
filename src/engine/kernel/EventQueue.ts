/** A scheduled piece of engine work, ordered by (timeMs, seq). */
export interface ScheduledTask {
  readonly id: number;
  readonly timeMs: number;
  readonly seq: number;
  /** Short label for traces and debugging, e.g. "broker-1 produce". */
  readonly label: string;
  readonly run: () => void;
  cancelled: boolean;
}

/**
 * Binary min-heap of tasks. Ties in time are broken by insertion sequence, which
 * is what makes the simulation deterministic.
 */
export class EventQueue {
  private heap: ScheduledTask[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(task: ScheduledTask): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      swap(heap, i, parent);
      i = parent;
    }
  }

  peek(): ScheduledTask | undefined {
    return this.heap[0];
  }

  pop(): ScheduledTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      siftDown(heap, 0);
    }
    return top;
  }

  clear(): void {
    this.heap = [];
  }

  /** Drops cancelled tasks and restores the heap in O(n). Pop order is unchanged: (timeMs, seq) is a total order. */
  removeCancelled(): void {
    const heap = this.heap.filter((task) => !task.cancelled);
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    this.heap = heap;
  }
}

function before(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

function swap(heap: ScheduledTask[], i: number, j: number): void {
  const t = heap[i]!;
  heap[i] = heap[j]!;
  heap[j] = t;
}

function siftDown(heap: ScheduledTask[], start: number): void {
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    swap(heap, i, m);
    i = m;
  }
}
