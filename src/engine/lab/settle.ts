import type { SimKernel } from '../kernel';

/**
 * Run the simulation until `promise` settles (and at least `minMs` of simulated time has
 * passed), for headless drivers: the scenario runner and tests. Engine flows continue inside
 * kernel events, never on microtasks, so letting microtasks run between steps only delivers
 * results; it cannot change the trace.
 */
export async function settleInSimulation<T>(kernel: SimKernel, promise: Promise<T>, options: { maxMs: number; minMs?: number }): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  const deadline = kernel.nowMs + options.maxMs;
  const minTime = kernel.nowMs + (options.minMs ?? 0);
  await flushMicrotasks();
  while (outcome === null || kernel.nowMs < minTime) {
    const next = kernel.nextEventTimeMs();
    if (next === undefined || next > deadline) break;
    if (outcome !== null && next > minTime) break;
    kernel.step();
    await flushMicrotasks();
  }
  if (outcome !== null && kernel.nowMs < minTime) kernel.advanceTo(minTime);
  const result = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
  if (result === null) throw new Error(`no result within ${options.maxMs} ms of simulated time`);
  if (!result.ok) throw result.error;
  return result.value;
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 4; i++) await Promise.resolve();
}
