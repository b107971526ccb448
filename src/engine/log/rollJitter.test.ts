import { describe, expect, it } from 'vitest';
import { rollJitterMs } from './rollJitter';
import { UnifiedLog } from './UnifiedLog';
import { testConfig } from './testSupport';

describe('segment.jitter.ms', () => {
  it('is 0 without jitter, and Utils.abs(random) % min(jitter, segment.ms) with it', () => {
    expect(rollJitterMs({ segmentJitterMs: 0, segmentMs: 1000 }, 't-0', 0, { nextUint32: () => 123 })).toBe(0);
    expect(rollJitterMs({ segmentJitterMs: 500, segmentMs: 1000 }, 't-0', 0, { nextUint32: () => 1234 })).toBe(234);
    expect(rollJitterMs({ segmentJitterMs: 5000, segmentMs: 1000 }, 't-0', 0, { nextUint32: () => 0xffffffff })).toBe(1);
  });

  it('is deterministic without a random source', () => {
    const a = rollJitterMs({ segmentJitterMs: 500, segmentMs: 1000 }, 't-0', 40);
    expect(a).toBe(rollJitterMs({ segmentJitterMs: 500, segmentMs: 1000 }, 't-0', 40));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(500);
  });

  it('is drawn for every new segment from the given source', () => {
    let draws = 0;
    const log = new UnifiedLog({
      topic: 't', partition: 0, config: testConfig({ segmentJitterMs: 100 }), nowMs: 0, random: { nextUint32: () => ++draws * 7 },
    });
    log.appendAsLeader(new Uint8Array(0), 0, 0);
    expect(log.activeSegment.rollJitterMs).toBe(7);
    expect(draws).toBe(1);
  });
});
