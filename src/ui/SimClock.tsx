import { useEffect, useRef } from 'react';
import { formatClock } from '../runtime/framePacing';
import { useRuntime } from './RuntimeContext';

/** The simulated clock, written straight to the DOM each frame (no React render per frame). */
export function SimClock() {
  const runtime = useRuntime();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let last = '';
    return runtime.onFrame((simNowMs) => {
      const text = formatClock(simNowMs);
      if (text !== last && ref.current) {
        ref.current.textContent = text;
        last = text;
      }
    });
  }, [runtime]);
  return (
    <span className="sim-clock" ref={ref} data-testid="sim-clock" title="Simulated time since the lab was created">
      {formatClock(runtime.lab?.kernel.nowMs ?? 0)}
    </span>
  );
}
