/**
 * "Show in event log": when the UI store asks for an event (uiStore.jumpToEvent), the event log
 * clears a filter that hides it, stops following the newest line, scrolls the event to the
 * middle of its viewport, marks it and moves focus to it, so keyboard and screen-reader users
 * land on the line too. A log that is hidden (another tab in front) does it once it is shown.
 */
import { useLayoutEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import { useUiStore } from '../uiStore';
import { matches, type EventRows, type EventSource } from './eventIndex';

export interface EventJumpTarget {
  readonly source: EventSource;
  readonly rows: EventRows;
  readonly rowPx: number;
  readonly viewportPx: number;
  readonly scroller: RefObject<HTMLDivElement | null>;
  /** The log's own record of its last tail write (reset: the jump is not a tail write). */
  readonly written: MutableRefObject<number>;
  readonly followingRef: MutableRefObject<boolean>;
  setFollowing(following: boolean): void;
  setScrollTop(top: number): void;
  /** Clears the kind and partition filters. */
  clearFilters(): void;
}

/** Returns the event to mark (the last one jumped to) and whether a filter change came from a jump. */
export function useEventJump(t: EventJumpTarget): { target: number | null; filterResetByJump: MutableRefObject<boolean> } {
  const jump = useUiStore((s) => s.eventJump);
  const handled = useRef(jump?.n ?? 0);
  const filterResetByJump = useRef(false);
  const [target, setTarget] = useState<{ seq: number; n: number } | null>(null);

  useLayoutEffect(() => {
    if (!jump || jump.n === handled.current || t.viewportPx <= 0) return;
    const event = t.source.get(jump.seq);
    if (event && !matches(t.rows.filter, event)) {
      // The new filter would otherwise start following the newest line (see EventLog).
      filterResetByJump.current = true;
      t.clearFilters();
      return; // runs again with the unfiltered rows
    }
    // A log that was hidden has rendered no row yet, and its row height is measured from a
    // rendered row: wait for one, and place the jump by the height it really has.
    const line = t.scroller.current?.querySelector<HTMLElement>('li.ev');
    if (!line && t.rows.length > 0) return;
    const rowPx = line?.offsetHeight || t.rowPx;
    handled.current = jump.n;
    const row = t.rows.rowOf(jump.seq);
    const maxTop = Math.max(0, t.rows.length * rowPx - t.viewportPx);
    const top = Math.max(0, Math.min(maxTop, row * rowPx - (t.viewportPx - rowPx) / 2));
    t.written.current = -1;
    t.followingRef.current = false;
    t.setFollowing(false);
    t.setScrollTop(top);
    if (t.scroller.current) t.scroller.current.scrollTop = top;
    setTarget({ seq: jump.seq, n: jump.n });
  });

  // Once the marked line is rendered, focus it (it is in the window the jump scrolled to).
  const focusedN = useRef(0);
  useLayoutEffect(() => {
    if (target === null || focusedN.current === target.n) return;
    const line = t.scroller.current?.querySelector<HTMLElement>(`li[data-seq="${target.seq}"]`);
    if (!line) return;
    focusedN.current = target.n;
    line.focus({ preventScroll: true });
  });
  return { target: target?.seq ?? null, filterResetByJump };
}
