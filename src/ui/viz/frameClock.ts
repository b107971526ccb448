/**
 * The animation clock contract. Continuous motion (messages moving along links) is written
 * through refs on every frame; React never re-renders per frame.
 *
 *   subscribeFrame(listener) → unsubscribe
 *
 * `listener(simNowMs)` is called once per animation frame with the simulated time to draw
 * (it may also be called soon after subscribing). The app provides the runtime's
 * `runtime.onFrame` through `FrameClockContext`; without a provider a shared
 * requestAnimationFrame loop reads the latest published snapshot's `nowMs`.
 */
import { createContext, useContext } from 'react';
import { useLabStore } from '../../runtime/store';

export type FrameListener = (simNowMs: number) => void;
export type SubscribeFrame = (listener: FrameListener) => () => void;

/**
 * One requestAnimationFrame loop shared by every subscriber, asleep while nobody listens
 * (like d3-timer). `getSimNowMs` returning null skips the frame (nothing to draw yet).
 */
export function createRafFrameClock(getSimNowMs: () => number | null): SubscribeFrame {
  const listeners = new Set<FrameListener>();
  let handle: number | null = null;
  const hasRaf = typeof requestAnimationFrame === 'function';

  const frame = (): void => {
    handle = listeners.size > 0 && hasRaf ? requestAnimationFrame(frame) : null;
    const now = getSimNowMs();
    if (now === null) return;
    for (const listener of listeners) listener(now);
  };

  return (listener) => {
    listeners.add(listener);
    if (handle === null && hasRaf) handle = requestAnimationFrame(frame);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && handle !== null && hasRaf) {
        cancelAnimationFrame(handle);
        handle = null;
      }
    };
  };
}

/** Default clock: the latest snapshot's simulated time, sampled every animation frame. */
export const snapshotFrameClock: SubscribeFrame = createRafFrameClock(
  () => useLabStore.getState().snapshot?.nowMs ?? null,
);

export const FrameClockContext = createContext<SubscribeFrame>(snapshotFrameClock);
FrameClockContext.displayName = 'FrameClockContext';

export function useFrameClock(): SubscribeFrame {
  return useContext(FrameClockContext);
}
