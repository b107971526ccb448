import { describe, expect, it } from 'vitest';
import { lineCubic } from './bezier';
import type { LinkGeom } from './clusterLayout';
import { droppedOpacity, messagePointInto, messageProgress, shouldDrawOnCanvas } from './messageMotion';

describe('messageProgress', () => {
  it('is (now − send) / (arrive − send), clamped to [0, 1]', () => {
    expect(messageProgress(1500, 1000, 2000)).toBe(0.5);
    expect(messageProgress(900, 1000, 2000)).toBe(0);
    expect(messageProgress(2500, 1000, 2000)).toBe(1);
  });

  it('treats zero-latency messages as arrived once sent', () => {
    expect(messageProgress(1000, 1000, 1000)).toBe(1);
    expect(messageProgress(999, 1000, 1000)).toBe(0);
  });
});

describe('messagePointInto', () => {
  const link: LinkGeom = { key: 'a|b', a: 'a', b: 'b', kind: 'producer', curve: lineCubic({ x: 0, y: 0 }, { x: 100, y: 0 }), d: '' };

  it('travels a → b, or b → a when reversed', () => {
    const out = { x: 0, y: 0 };
    expect(messagePointInto({ link, reversed: false }, 0.25, out).x).toBeCloseTo(25, 9);
    expect(messagePointInto({ link, reversed: true }, 0.25, out).x).toBeCloseTo(75, 9);
  });
});

describe('particles', () => {
  it('dropped messages fade but stay visible', () => {
    expect(droppedOpacity(0)).toBe(1);
    expect(droppedOpacity(1)).toBeCloseTo(0.25, 9);
  });

  it('switch to canvas above 300 in flight and back below 250 (hysteresis)', () => {
    expect(shouldDrawOnCanvas(300, false)).toBe(false);
    expect(shouldDrawOnCanvas(301, false)).toBe(true);
    expect(shouldDrawOnCanvas(260, true)).toBe(true);
    expect(shouldDrawOnCanvas(249, true)).toBe(false);
  });
});
