import { describe, expect, it } from 'vitest';
import type { LabSnapshot } from '../engine/snapshot';
import { PUBLISH_COST_FACTOR, PUBLISH_MAX_INTERVAL_MS, SnapshotPublisher } from './SnapshotPublisher';

/** A lab whose version the test bumps, and a publish whose render costs `renderMs` of fake wall time. */
function setup(renderMs: number) {
  let wall = 0;
  const lab = { version: 0, snapshot: () => ({ version: lab.version }) as unknown as LabSnapshot };
  const published: number[] = [];
  const publisher = new SnapshotPublisher(
    (s) => {
      published.push(s.version);
      wall += renderMs;
    },
    () => wall,
  );
  /** One frame at wall time `at`: the engine changed something, the loop publishes if due. */
  const frame = async (at: number, minIntervalMs = 0) => {
    wall = Math.max(wall, at);
    lab.version++;
    publisher.publishIfDue(lab, minIntervalMs);
    await Promise.resolve(); // the microtask that measures the render
  };
  return { publisher, published, frame, lab };
}

describe('SnapshotPublisher', () => {
  it('publishes only when the version moved', () => {
    const { publisher, published, lab } = setup(0);
    expect(publisher.publishIfChanged(lab)).toBe(true);
    expect(publisher.publishIfChanged(lab)).toBe(false);
    lab.version++;
    expect(publisher.publishIfChanged(lab)).toBe(true);
    expect(published).toEqual([0, 1]);
  });

  it('publishes every frame while publishing is cheap', async () => {
    const t = setup(2);
    for (let i = 0; i < 10; i++) await t.frame(i * 16);
    expect(t.published).toHaveLength(10);
  });

  it('skips frames after a costly publish, so rendering takes at most a third of the time', async () => {
    const t = setup(40); // each publish renders for 40 ms
    for (let at = 0; at < 2400; at += 16) await t.frame(at);
    const renderShare = (t.published.length * 40) / 2400;
    expect(renderShare).toBeLessThanOrEqual(1 / (1 + PUBLISH_COST_FACTOR) + 0.05);
    expect(t.published.length).toBeGreaterThan(10); // still refreshing, a few times a second
    expect(t.publisher.lastCostMs).toBe(40);
  });

  it('still publishes at least every PUBLISH_MAX_INTERVAL_MS however costly', async () => {
    const t = setup(1000);
    for (let at = 0; at < 10_000; at += 16) await t.frame(at);
    // Each publish takes 1 s of wall time itself; the pause after it never exceeds the cap.
    expect(t.published.length).toBeGreaterThanOrEqual(Math.floor(10_000 / (1000 + PUBLISH_MAX_INTERVAL_MS)));
  });

  it('keeps to the minimum interval it is given, however cheap publishing is', async () => {
    const t = setup(1);
    for (let at = 0; at < 1000; at += 16) await t.frame(at, 100);
    expect(t.published.length).toBeGreaterThanOrEqual(9);
    expect(t.published.length).toBeLessThanOrEqual(11);
  });

  it('publishIfChanged (steps, advances, tests) is never held back', async () => {
    const t = setup(100);
    await t.frame(0);
    t.lab.version++;
    expect(t.publisher.publishIfChanged(t.lab)).toBe(true);
  });
});
