import { describe, expect, it } from 'vitest';
import { assignLanes, laneCount } from './labelLanes';

describe('assignLanes', () => {
  it('keeps labels that do not overlap in lane 0', () => {
    const placed = assignLanes([{ x: 50, widthPx: 40 }, { x: 150, widthPx: 40 }], 0, 400);
    expect(placed.map((p) => p.lane)).toEqual([0, 0]);
    expect(placed[0]!.left).toBe(30);
  });

  it('stacks colliding labels (HW = LEO)', () => {
    const placed = assignLanes([{ x: 100, widthPx: 60 }, { x: 100, widthPx: 50 }, { x: 300, widthPx: 50 }], 0, 400);
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0]);
    expect(laneCount(placed)).toBe(2);
  });

  it('clamps labels inside the strip', () => {
    const placed = assignLanes([{ x: 2, widthPx: 80 }, { x: 398, widthPx: 80 }], 0, 400);
    expect(placed[0]!.left).toBe(0);
    expect(placed[1]!.left).toBe(320);
  });
});
