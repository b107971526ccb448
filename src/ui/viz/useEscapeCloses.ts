import { useEffect, type RefObject } from 'react';

/** Escape closes an open <details> popover and returns focus to its summary, like a menu. */
export function useEscapeCloses(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || !details.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    details.addEventListener('keydown', onKey);
    return () => details.removeEventListener('keydown', onKey);
  }, [ref]);
}
