import { describe, expect, it } from 'vitest';
import { Random } from '../kernel';
import { ExponentialBackoff } from './ExponentialBackoff';

describe('ExponentialBackoff (KIP-580)', () => {
  it('doubles from retry.backoff.ms with ±20% jitter, capped at retry.backoff.max.ms', () => {
    const backoff = new ExponentialBackoff(100, 1000, new Random(3));
    for (let attempt = 0; attempt < 8; attempt++) {
      const ms = backoff.backoffMs(attempt);
      const term = Math.min(100 * 2 ** attempt, 1000);
      expect(ms).toBeGreaterThanOrEqual(Math.floor(term * 0.8));
      expect(ms).toBeLessThanOrEqual(1000);
      if (term < 1000) expect(ms).toBeLessThanOrEqual(term * 1.2);
    }
  });

  it('is a fixed backoff when the cap is not above the start (the 2.4 profile)', () => {
    const random = new Random(3);
    const backoff = new ExponentialBackoff(100, 100, random);
    expect([0, 1, 5].map((a) => backoff.backoffMs(a))).toEqual([100, 100, 100]);
    expect(random.nextUint32()).toBe(new Random(3).nextUint32()); // no draws were taken
  });
});
