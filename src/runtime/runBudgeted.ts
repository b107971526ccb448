import { EVENTS_PER_CLOCK_CHECK } from './framePacing';
import type { KernelPort } from './ports';

/**
 * Run engine events due up to `targetMs` for at most `budgetMs` of wall time (the clock is
 * read every few events), then move the clock to `targetMs` if every due event ran.
 * Returns whether the target was reached. Uses only the kernel's public stepping API.
 */
export function runBudgeted(kernel: KernelPort, targetMs: number, budgetMs: number, wallNowMs: () => number): boolean {
  const deadline = wallNowMs() + budgetMs;
  for (;;) {
    for (let i = 0; i < EVENTS_PER_CLOCK_CHECK; i++) {
      const next = kernel.nextEventTimeMs();
      if (next === undefined || next > targetMs) {
        if (targetMs > kernel.nowMs) kernel.advanceBy(targetMs - kernel.nowMs);
        return true;
      }
      kernel.step();
    }
    if (wallNowMs() >= deadline) return false;
  }
}
