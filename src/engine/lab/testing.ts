import { KafkaLab } from './KafkaLab';
import type { LabOptions } from './types';

/**
 * Drive the simulation until `promise` settles (engine flows never wait on microtasks, so
 * stepping the kernel and letting microtasks run between steps is enough).
 */
export async function settle<T>(lab: KafkaLab, promise: Promise<T>, maxMs = 120000): Promise<T> {
  let done = false;
  let value: T | undefined;
  let failure: unknown;
  let failed = false;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (e) => {
      done = true;
      failed = true;
      failure = e;
    },
  );
  const deadline = lab.kernel.nowMs + maxMs;
  await Promise.resolve();
  while (!done) {
    const next = lab.kernel.nextEventTimeMs();
    if (next === undefined || next > deadline) break;
    lab.kernel.step();
    for (let i = 0; i < 4 && !done; i++) await Promise.resolve();
  }
  if (!done) throw new Error(`did not settle within ${maxMs} ms of simulated time`);
  if (failed) throw failure;
  return value as T;
}

/** A lab whose cluster is up (controller elected, metadata propagated). */
export function startedLab(options: Partial<LabOptions> = {}): KafkaLab {
  const lab = KafkaLab.create({ seed: 42, ...options });
  lab.kernel.advanceBy(500);
  return lab;
}
