/**
 * segment.jitter.ms: each segment gets a random jitter in [0, min(segment.jitter.ms, segment.ms)) that
 * is subtracted from segment.ms, so partitions created together do not all roll at once
 * (LogConfig.randomSegmentJitter). The engine has no ambient randomness: the caller passes its seeded
 * source, and without one a hash of the segment's identity stands in (still deterministic).
 */
import { murmur2, utf8, utilsAbs } from '../util/hash';

export function rollJitterMs(
  config: { segmentJitterMs: number; segmentMs: number },
  dir: string,
  baseOffset: number,
  random?: { nextUint32(): number },
): number {
  if (config.segmentJitterMs <= 0) return 0;
  const bound = Math.min(config.segmentJitterMs, config.segmentMs);
  const draw = random ? random.nextUint32() | 0 : murmur2(utf8(`${dir}/${baseOffset}`));
  return utilsAbs(draw) % bound;
}
