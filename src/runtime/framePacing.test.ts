import { describe, expect, it } from 'vitest';
import { clampSpeed, formatClock, formatSeconds, simulatedAdvanceMs, SPEED_PRESETS, WALL_DELTA_CAP_MS } from './framePacing';

describe('frame pacing', () => {
  it('advances wall delta × speed', () => {
    expect(simulatedAdvanceMs(16, 1)).toBe(16);
    expect(simulatedAdvanceMs(16, 10)).toBe(160);
    expect(simulatedAdvanceMs(20, 0.25)).toBe(5);
  });

  it('caps the wall delta so a background tab does not jump', () => {
    expect(simulatedAdvanceMs(5000, 1)).toBe(WALL_DELTA_CAP_MS);
    expect(simulatedAdvanceMs(5000, 100)).toBe(WALL_DELTA_CAP_MS * 100);
    expect(simulatedAdvanceMs(250, 2, 50)).toBe(100);
  });

  it('never runs time backwards or on garbage input', () => {
    expect(simulatedAdvanceMs(-3, 1)).toBe(0);
    expect(simulatedAdvanceMs(0, 1)).toBe(0);
    expect(simulatedAdvanceMs(Number.NaN, 1)).toBe(0);
  });

  it('clamps speed to 0.1×–100×', () => {
    expect(clampSpeed(0)).toBe(0.1);
    expect(clampSpeed(1000)).toBe(100);
    expect(clampSpeed(Number.NaN)).toBe(1);
    for (const preset of SPEED_PRESETS) expect(clampSpeed(preset)).toBe(preset);
  });

  it('formats the simulated clock', () => {
    expect(formatClock(12345)).toBe('t = 12.345 s');
    expect(formatClock(7)).toBe('t = 0.007 s');
    expect(formatSeconds(61000.9)).toBe('61.000s');
  });
});
