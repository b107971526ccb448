import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Draws its child `scale`× larger without the child knowing: the child lays itself out for
 * a box `scale`× smaller (its own size measurements see that box), and a CSS transform
 * enlarges the result. `fill` fills the parent; `flow` takes the child's natural height.
 */
export function Zoomed({ scale, mode, children }: { scale: number; mode: 'fill' | 'flow'; children: ReactNode }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (mode !== 'flow' || !o || !i) return;
    const apply = (): void => {
      o.style.height = `${Math.ceil(i.offsetHeight * scale)}px`;
    };
    apply();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(apply);
    ro.observe(i);
    return () => ro.disconnect();
  }, [mode, scale]);
  const pct = `${100 / scale}%`;
  return (
    <div ref={outer} className={`zoomed zoomed--${mode}`} data-scale={scale}>
      <div
        ref={inner}
        className="zoomed-inner"
        style={{ width: pct, height: mode === 'fill' ? pct : undefined, transform: `scale(${scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
