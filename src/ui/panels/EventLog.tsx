/**
 * The event log: the kernel keeps the whole run's events (src/engine/kernel/EventLog); this
 * view renders only the rows in sight (fixed-height rows, a virtual list), filters by kind and
 * partition over the whole run, and follows the newest line only while the reader is at the
 * bottom. Long texts (a 10,000-character key) are cut with an ellipsis; the full text stays in
 * the DOM for screen readers and in the row's tooltip.
 */
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { LabEvent, LabEventKind } from '../../engine/kernel';
import { formatSeconds } from '../../runtime/framePacing';
import { useLabStore } from '../../runtime/store';
import { useTopicPartitionNames } from '../hooks';
import { useRuntime } from '../RuntimeContext';
import { useUiStore } from '../uiStore';
import { EventRows, readScroll, rowRanges, visibleRange, type EventSource } from './eventIndex';
import { useEventJump } from './useEventJump';

export const EVENT_KINDS: readonly LabEventKind[] = [
  'producer',
  'consumer',
  'group',
  'broker',
  'replication',
  'log',
  'controller',
  'admin',
  'network',
  'storage',
  'recovery',
  'config',
  'guarantees',
  'kernel',
];

export function formatEventLine(e: LabEvent): string {
  return `t=${formatSeconds(e.timeMs)}  ${e.actor}  ${e.text}`;
}

const EMPTY_SOURCE: EventSource = { count: 0, firstRetainedSeq: 0, get: () => undefined };

/** The kernel's log and its event count (re-renders when events were added). */
function useEventSource(): { source: EventSource; count: number } {
  const runtime = useRuntime();
  // The count only changes with a published snapshot; reading it in the selector keeps renders to those.
  const count = useLabStore(() => runtime.lab?.kernel.log.count ?? 0);
  return { source: runtime.lab?.kernel.log ?? EMPTY_SOURCE, count };
}

/** `titled=false` when a tab already names the panel (the heading stays for screen readers). */
export function EventLog({ titled = true }: { titled?: boolean }) {
  const { source, count } = useEventSource();
  const tps = useTopicPartitionNames();
  const presenter = useUiStore((s) => s.presenter);
  const step = useUiStore((s) => s.stepReport);
  const [kind, setKind] = useState<'all' | LabEventKind>('all');
  const [tp, setTp] = useState('all');
  const ids = { kind: useId(), tp: useId() };

  const rows = useMemo(() => new EventRows({ kind, tp }), [kind, tp, source]);
  rows.update(source);
  const rowCount = rows.length;

  const scroller = useRef<HTMLDivElement>(null);
  const [viewportPx, setViewportPx] = useState(240);
  const [rowPx, setRowPx] = useState(23);
  const [scrollTop, setScrollTop] = useState(0);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  followingRef.current = following;

  // Viewport height: a ResizeObserver, not a read per frame.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewportPx(el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setViewportPx(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const totalPx = rowCount * rowPx;
  const maxTop = Math.max(0, totalPx - viewportPx);
  // Following: the window is the tail, computed from the count alone (no layout read).
  const top = following ? maxTop : Math.min(scrollTop, maxTop);
  const { start, end } = visibleRange(top, viewportPx, rowPx, rowCount);

  // Keep the scroll position at the tail while following: a write only when the tail moved,
  // and made at the start of the next frame (runtime.beforeFrame), when the layout is still
  // clean. Written here, after this frame's renders, it forced a layout of the whole page
  // every frame (13% of the CPU at 100×). Until that write, the rows where the list is still
  // scrolled stay rendered too (see below), so the one-frame delay never shows an empty list.
  const runtime = useRuntime();
  const written = useRef(-1);
  const pendingTop = useRef<number | null>(null);
  useLayoutEffect(() => {
    pendingTop.current = following && written.current !== maxTop ? maxTop : null;
  }, [following, maxTop]);
  useEffect(
    () =>
      runtime.beforeFrame(() => {
        const el = scroller.current;
        const target = pendingTop.current;
        pendingTop.current = null;
        if (!el || target === null || !followingRef.current) return;
        el.scrollTop = target;
        written.current = target;
      }),
    [runtime],
  );

  // Row height from a rendered row, measured once per mode (rows are fixed-height by CSS;
  // presenter mode makes them taller), never on every render. Not while the log is hidden
  // (a tab behind another, viewport 0): there no row has a height, and reading one after
  // every commit forced a layout of the page at each publish (14% of the CPU at 100×).
  const measuredFor = useRef<boolean | null>(null);
  useLayoutEffect(() => {
    if (measuredFor.current === presenter || viewportPx <= 0) return;
    const first = scroller.current?.querySelector<HTMLElement>('li.ev');
    const h = first?.offsetHeight ?? 0;
    if (h <= 0) return;
    measuredFor.current = presenter;
    written.current = -1;
    if (h !== rowPx) setRowPx(h);
  });

  const jump = useEventJump({
    source,
    rows,
    rowPx,
    viewportPx,
    scroller,
    written,
    followingRef,
    setFollowing,
    setScrollTop,
    clearFilters: () => {
      setKind('all');
      setTp('all');
    },
  });

  // A new filter starts at the newest matching line (unless a jump cleared it to show one line).
  useEffect(() => {
    if (jump.filterResetByJump.current) {
      jump.filterResetByJump.current = false;
      return;
    }
    written.current = -1;
    setFollowing(true);
  }, [kind, tp]); // eslint-disable-line react-hooks/exhaustive-deps

  // Following, the rows where the list is scrolled until the next frame's write (at 100× a
  // publish moves the tail by thousands of rows: with only the new tail rendered, the list
  // showed empty for a frame at every publish), then those of the new tail.
  const scrolled = following && written.current >= 0 && written.current !== maxTop ? visibleRange(written.current, viewportPx, rowPx, rowCount) : null;
  const items: ReactElement[] = [];
  const addRows = (from: number, to: number): void => {
    for (let row = from; row < to; row++) {
      const e = source.get(rows.seqAt(row));
      if (!e) continue;
      const stepped = step !== null && e.seq >= step.firstEventSeq && e.seq < step.endEventSeq;
      items.push(<EventLine key={e.seq} event={e} row={row} rowPx={rowPx} total={rowCount} stepped={stepped} target={e.seq === jump.target} />);
    }
  };
  // A hidden log (viewport 0) renders no rows: nobody sees them, and each publish would diff them.
  if (viewportPx > 0) for (const [from, to] of rowRanges({ start, end }, scrolled)) addRows(from, to);

  const jumpToNewest = (): void => {
    written.current = -1;
    setFollowing(true);
  };
  return (
    <section className="event-log" aria-label="Event log">
      <div className="event-log-bar">
        <h2 className={titled ? undefined : 'sr-only'}>Event log</h2>
        <label htmlFor={ids.kind}>Kind</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as 'all' | LabEventKind)}>
          <option value="all">all</option>
          {EVENT_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <label htmlFor={ids.tp}>Partition</label>
        <select id={ids.tp} value={tp} onChange={(e) => setTp(e.target.value)}>
          <option value="all">all</option>
          {tps.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <span className="muted small" data-testid="event-count">
          {rows.all ? `${rowCount} events` : `${rowCount} of ${count - source.firstRetainedSeq} events`}
        </span>
        {!following && (
          <button type="button" className="btn btn-small btn-quiet" onClick={jumpToNewest}>
            Jump to newest
          </button>
        )}
      </div>
      <div
        className={presenter ? 'event-lines event-lines--presenter' : 'event-lines'}
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Engine events, oldest first"
        data-testid="event-log"
        onScroll={(ev) => {
          const el = ev.currentTarget;
          // Following, the window comes from the count: the scroll event of our own tail
          // write needs no state (it re-rendered the log once more every frame).
          const read = readScroll(el, followingRef.current, written.current);
          if (read === null) return;
          setScrollTop(el.scrollTop);
          if (!read.following) written.current = -1;
          if (read.following !== followingRef.current) setFollowing(read.following);
        }}
      >
        <ol className="event-rows" style={{ height: totalPx }} aria-label="Engine events">
          {items}
        </ol>
      </div>
    </section>
  );
}

/** Engine events are immutable: a line renders once (text is built on first read). */
const EventLine = memo(function EventLine({
  event: e,
  row,
  rowPx,
  total,
  stepped,
  target,
}: {
  event: LabEvent;
  row: number;
  rowPx: number;
  total: number;
  stepped: boolean;
  /** The line "Show in event log" brought here: marked, and focusable so focus can land on it. */
  target: boolean;
}) {
  const text = e.text;
  return (
    <li
      className={`ev ev-${e.kind}${stepped ? ' ev--step' : ''}${target ? ' ev--target' : ''}`}
      tabIndex={target ? -1 : undefined}
      style={{ top: row * rowPx }}
      aria-posinset={row + 1}
      aria-setsize={total}
      data-seq={e.seq}
    >
      <span className="ev-time">t={formatSeconds(e.timeMs)}</span>
      <span className="ev-actor" title={e.actor}>
        {e.actor}
      </span>
      <span className="ev-text" title={text.length > 80 ? text.slice(0, 2000) : undefined}>
        {text}
      </span>
    </li>
  );
});
