import { describe, expect, it } from 'vitest';
import type { LabSnapshot } from '../engine/snapshot';
import { LOG_BYTES_GROWTH, logBytesOf, MemoryGuard } from './memoryGuard';

const snapshotWith = (...sizes: (number | null)[]): Pick<LabSnapshot, 'topics'> =>
  ({ topics: [{ partitions: sizes.map((sizeBytes) => ({ log: sizeBytes === null ? null : { sizeBytes } })) }] }) as unknown as Pick<LabSnapshot, 'topics'>;

describe('memory guard', () => {
  it('sums the logs of every partition (a partition without a log here counts nothing)', () => {
    expect(logBytesOf(snapshotWith(100, null, 250))).toBe(350);
  });

  it('says so once the logs reach the threshold, then only when they grew by half again', () => {
    const guard = new MemoryGuard(1000);
    expect(guard.check(999)).toBeNull();
    const notice = guard.check(1000);
    expect(notice).toContain('paused');
    expect(notice).toContain('retention.bytes');
    expect(guard.check(1000 * LOG_BYTES_GROWTH - 1)).toBeNull();
    expect(guard.check(1000 * LOG_BYTES_GROWTH)).not.toBeNull();
  });
});
