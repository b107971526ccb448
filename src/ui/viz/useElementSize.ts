import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The element's content-box size, kept current with a ResizeObserver. Server rendering and
 * the first client render use `initial`, so geometry is always computable.
 */
export function useElementSize<T extends HTMLElement>(initial: Size): [(el: T | null) => void, Size] {
  const [size, setSize] = useState<Size>(initial);
  const [el, setEl] = useState<T | null>(null);
  const last = useRef(initial);
  const ref = useCallback((node: T | null) => setEl(node), []);

  useIsoLayoutEffect(() => {
    if (!el) return;
    const apply = (width: number, height: number): void => {
      const w = Math.round(width);
      const h = Math.round(height);
      if (w === last.current.width && h === last.current.height) return;
      last.current = { width: w, height: h };
      setSize(last.current);
    };
    const rect = el.getBoundingClientRect();
    apply(rect.width, rect.height);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) apply(box.width, box.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);

  return [ref, size];
}
