import { describe, expect, it } from 'vitest';
import {
  clampSpeed,
  ENGINE_BUDGET_MIN_MS,
  ENGINE_BUDGET_STEP_MS,
  ENGINE_BUDGET_MS,
  EngineBudget,
  publishIntervalMs,
  formatClock,
  formatRealSpeed,
  formatSeconds,
  FramePacer,
  REAL_SPEED_WINDOW_MS,
  roundSpeed,
  simulatedAdvanceMs,
  SPEED_PRESETS,
  WALL_DELTA_CAP_MS,
} from './framePacing';

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

  it('gives the engine 8 ms of a 60 Hz frame while frames come on time', () => {
    const budget = new EngineBudget();
    expect(budget.ms).toBe(ENGINE_BUDGET_MS);
    for (let i = 0; i < 100; i++) budget.observe(16.7);
    expect(budget.ms).toBe(ENGINE_BUDGET_MS);
  });

  it('shrinks the budget while frames miss their vsync, down to a floor, and grows it back', () => {
    const budget = new EngineBudget();
    budget.observe(16.7); // the display interval
    budget.observe(33.4);
    expect(budget.ms).toBeLessThan(ENGINE_BUDGET_MS);
    for (let i = 0; i < 50; i++) budget.observe(50);
    expect(budget.ms).toBe(ENGINE_BUDGET_MIN_MS);
    budget.observe(16.7);
    expect(budget.ms).toBeGreaterThan(ENGINE_BUDGET_MIN_MS);
    // Fast back to just below the budget that first missed, then slowly up to it.
    for (let i = 0; i < 60; i++) budget.observe(16.7);
    expect(budget.ms).toBeGreaterThanOrEqual(0.95 * ENGINE_BUDGET_MS - ENGINE_BUDGET_STEP_MS);
    expect(budget.ms).toBeLessThan(ENGINE_BUDGET_MS);
    for (let i = 0; i < 100; i++) budget.observe(16.7);
    expect(budget.ms).toBe(ENGINE_BUDGET_MS);
  });

  it('misses fewer than one frame in 20 (a p95 frame of one vsync) when frames miss whenever the engine takes more than the page can spare', () => {
    const budget = new EngineBudget();
    const spareMs = 5.3; // a frame misses its vsync when the engine's budget exceeds this
    let missed = 0;
    const FRAMES = 3000;
    for (let i = 0; i < FRAMES; i++) {
      const miss = budget.ms > spareMs;
      if (miss && i > 60) missed++;
      budget.observe(miss ? 33.4 : 16.7);
    }
    expect(missed / FRAMES).toBeLessThan(1 / 20);
    expect(budget.ms).toBeGreaterThan(0.75 * spareMs); // and the engine still gets most of what there is
  });

  it('keeps to half the interval of a faster display, and ignores background gaps', () => {
    const budget = new EngineBudget();
    for (let i = 0; i < 10; i++) budget.observe(8.3); // 120 Hz
    expect(budget.ms).toBeCloseTo(8.3 / 2);
    const before = budget.ms;
    budget.observe(60_000); // a tab in the background: not a missed frame
    budget.observe(0);
    expect(budget.ms).toBe(before);
  });

  it('refreshes the views every frame up to 2x, and a few times a second at 10x and 100x', () => {
    expect(publishIntervalMs(1)).toBe(0);
    expect(publishIntervalMs(2)).toBe(0);
    expect(publishIntervalMs(10)).toBe(50);
    expect(publishIntervalMs(100)).toBe(100);
  });

  it('rounds and formats the real speed', () => {
    expect(roundSpeed(23.4)).toBe(23);
    expect(roundSpeed(4.66)).toBe(4.7);
    expect(roundSpeed(0.384)).toBe(0.38);
    expect(roundSpeed(0)).toBe(0);
    expect(formatRealSpeed(23.4, 100)).toBe('running at 23× of 100×');
  });
});

describe('FramePacer', () => {
  it('owes the simulated time a frame did not reach to the next frame', () => {
    const pacer = new FramePacer();
    expect(pacer.plan(16, 100)).toBe(1600);
    pacer.report(1600, 600, 16, 100);
    expect(pacer.owed).toBe(1000);
    expect(pacer.plan(16, 100)).toBe(2600);
    pacer.report(2600, 2600, 16, 100);
    expect(pacer.plan(16, 100)).toBe(1600);
  });

  it('owes at most one capped frame, so a slow stretch never turns into a burst', () => {
    const pacer = new FramePacer();
    for (let i = 0; i < 100; i++) pacer.report(pacer.plan(16, 100), 10, 16, 100);
    expect(pacer.plan(16, 100)).toBe(1600 + WALL_DELTA_CAP_MS * 100);
  });

  it('reports the speed reached once per window when it falls behind, and null when it catches up', () => {
    const pacer = new FramePacer();
    const frames = Math.ceil(REAL_SPEED_WINDOW_MS / 20);
    const run = (reachedPerFrame: number) => {
      const reports: (number | null | undefined)[] = [];
      for (let i = 0; i < frames; i++) reports.push(pacer.report(pacer.plan(20, 100), reachedPerFrame, 20, 100));
      return reports.filter((r) => r !== undefined);
    };
    expect(run(460)).toEqual([23]); // 460 simulated ms per 20 ms frame = 23×
    expect(run(460)).toEqual([]); // unchanged: nothing new to show
    expect(run(2000)).toEqual([null]); // catching up on what was owed and more
  });

  it('measures the real speed over real wall time, slow frames included', () => {
    const pacer = new FramePacer();
    const reports: (number | null | undefined)[] = [];
    // 300 ms frames: each may only plan 100 ms × 10 (the cap) and reaches all of it.
    for (let i = 0; i < 4; i++) reports.push(pacer.report(pacer.plan(300, 10), 1000, 300, 10));
    expect(reports.filter((r) => r !== undefined)).toEqual([3.3]);
  });

  it('does not call a lab that reached its speed "behind" because of rounding', () => {
    const pacer = new FramePacer();
    const reports: (number | null | undefined)[] = [];
    for (let i = 0; i < 60; i++) reports.push(pacer.report(pacer.plan(16, 10), 160, 16, 10));
    expect(reports.filter((r) => r !== undefined)).toEqual([]);
  });
});
