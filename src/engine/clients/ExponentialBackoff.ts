import type { Random } from '../kernel';

/**
 * Kafka's ExponentialBackoff (common/utils, KIP-580): initial × 2^attempts capped at max,
 * with ±20% jitter. When max ≤ initial (the 2.4 profile sets them equal) it is a fixed
 * backoff and draws no random number. The jitter comes from the kernel's seeded source.
 */
export class ExponentialBackoff {
  private static readonly MULTIPLIER = 2;
  private static readonly JITTER = 0.2;
  private readonly expMax: number;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: Random,
  ) {
    this.expMax = maxMs > initialMs
      ? Math.log(maxMs / Math.max(initialMs, 1)) / Math.log(ExponentialBackoff.MULTIPLIER)
      : 0;
  }

  backoffMs(attempts: number): number {
    if (this.expMax === 0) return this.initialMs;
    const exp = Math.min(attempts, this.expMax);
    const term = this.initialMs * ExponentialBackoff.MULTIPLIER ** exp;
    const jitter = ExponentialBackoff.JITTER;
    const factor = this.random.between(1 - jitter, 1 + jitter);
    return Math.min(Math.floor(factor * term), this.maxMs);
  }
}
