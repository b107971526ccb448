import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LabEvent, LabEventKind } from '../../engine/kernel';
import { formatSeconds } from '../../runtime/framePacing';
import { useLabStore } from '../../runtime/store';
import { useTopicPartitionNames } from '../hooks';
import { selectEvents } from '../selectors';

export const EVENT_KINDS: readonly LabEventKind[] = [
  'producer',
  'consumer',
  'broker',
  'log',
  'controller',
  'admin',
  'network',
  'storage',
  'recovery',
  'config',
  'kernel',
];

/** How many matching lines are rendered (the snapshot keeps more; the DOM stays small). */
export const EVENT_LOG_RENDER_CAP = 300;

export function formatEventLine(e: LabEvent): string {
  return `t=${formatSeconds(e.timeMs)}  ${e.actor}  ${e.text}`;
}

/** `titled=false` when a tab already names the panel (the heading stays for screen readers). */
export function EventLog({ titled = true }: { titled?: boolean }) {
  const events = useLabStore(selectEvents);
  const tps = useTopicPartitionNames();
  const [kind, setKind] = useState<'all' | LabEventKind>('all');
  const [tp, setTp] = useState('all');
  const listRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const [following, setFollowing] = useState(true);
  const ids = { kind: useId(), tp: useId() };

  const shown = useMemo(() => {
    const out: LabEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < EVENT_LOG_RENDER_CAP; i--) {
      const e = events[i]!;
      if (kind !== 'all' && e.kind !== kind) continue;
      if (tp !== 'all' && e.tp !== tp) continue;
      out.push(e);
    }
    return out.reverse();
  }, [events, kind, tp]);

  // Newest at the bottom; follow new lines unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [shown]);
  // A list that was hidden (a background tab) has no height to scroll; catch up when shown.
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

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
        <span className="muted small">
          {shown.length} shown{events.length > shown.length ? ` of the last ${events.length}` : ''}
        </span>
        {!following && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => {
              stickToBottom.current = true;
              setFollowing(true);
              const el = listRef.current;
              if (el) el.scrollTop = el.scrollHeight;
            }}
          >
            Jump to newest
          </button>
        )}
      </div>
      <ol
        className="event-lines"
        ref={listRef}
        tabIndex={0}
        aria-label="Engine events, oldest first"
        data-testid="event-log"
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.clientHeight === 0) return;
          const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
          stickToBottom.current = atBottom;
          if (atBottom !== following) setFollowing(atBottom);
        }}
      >
        {shown.map((e) => (
          <EventLine key={e.seq} event={e} />
        ))}
      </ol>
    </section>
  );
}

/** Engine events are immutable objects: a line renders once. */
const EventLine = memo(function EventLine({ event: e }: { event: LabEvent }) {
  return (
    <li className={`ev ev-${e.kind}`}>
      <span className="ev-time">t={formatSeconds(e.timeMs)}</span>
      <span className="ev-actor">{e.actor}</span>
      <span className="ev-text">{e.text}</span>
    </li>
  );
});
