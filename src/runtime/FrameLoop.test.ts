import { describe, expect, it } from 'vitest';
import { ENGINE_BUDGET_MS } from './framePacing';
import { FrameLoop } from './FrameLoop';
import type { KernelPort, Scheduler } from './ports';

const VSYNC_MS = 1000 / 60;

/**
 * A page where every engine event costs wall time and every publish costs `publishRenderMs` of
 * rendering after the frame callback (more than a vsync: those frames always miss).
 */
function page(publishRenderMs: number) {
  const clock = { wallMs: 0 };
  let nowMs = 0;
  let version = 0;
  const kernel = {
    get nowMs() {
      return nowMs;
    },
    nextEventTimeMs: () => Math.floor(nowMs) + 1,
    step: () => {
      nowMs = Math.floor(nowMs) + 1;
      version++;
      clock.wallMs += 0.05;
      return true;
    },
    advanceBy: (ms: number) => {
      nowMs += ms;
    },
  } as unknown as KernelPort;
  let lastVersion = -1;
  let nextDueMs = 0;
  let publishedThisFrame = false;
  const publisher = {
    isTimeDue: () => clock.wallMs >= nextDueMs,
    publishIfDue: (_lab: unknown, minIntervalMs: number) => {
      if (version === lastVersion || clock.wallMs < nextDueMs) return false;
      lastVersion = version;
      nextDueMs = clock.wallMs + minIntervalMs;
      publishedThisFrame = true;
      return true;
    },
  };
  const scheduler = { wallNowMs: () => clock.wallMs } as unknown as Scheduler;
  const loop = new FrameLoop({
    scheduler,
    publisher,
    lab: () => ({ kernel, version, snapshot: () => ({}) as never }),
    controls: () => ({ playing: true, speed: 10 }),
    reportRealSpeed: () => {},
    guard: (run) => run(),
  });
  /** One frame at the next vsync; returns the engine's wall ms and whether it published. */
  const frame = (): { engineMs: number; published: boolean } => {
    const at = Math.ceil(clock.wallMs / VSYNC_MS + 1e-9) * VSYNC_MS;
    clock.wallMs = at;
    publishedThisFrame = false;
    loop.tick(at);
    const engineMs = clock.wallMs - at;
    clock.wallMs += publishedThisFrame ? publishRenderMs : 1;
    return { engineMs, published: publishedThisFrame };
  };
  return { frame };
}

describe('FrameLoop', () => {
  it('learns the engine share of frames that publish apart from the others: costly publishes do not starve the engine', () => {
    const { frame } = page(18);
    const plain: number[] = [];
    let publishes = 0;
    for (let i = 0; i < 600; i++) {
      const f = frame();
      if (i < 300) continue;
      if (f.published) publishes++;
      else plain.push(f.engineMs);
    }
    expect(publishes).toBeGreaterThan(30);
    // The frames that do not publish still give the engine (nearly) its full share.
    const mean = plain.reduce((a, b) => a + b, 0) / plain.length;
    expect(mean).toBeGreaterThan(0.85 * ENGINE_BUDGET_MS);
  });
});
