import { useId, useState, type KeyboardEvent } from 'react';
import { EventLog } from './panels/EventLog';
import { useMediaQuery } from './useMediaQuery';
import { LogStripRegion } from './VizRegion';

/** Below this window height the log strip and the event log share one tabbed panel. */
export const COMPACT_HEIGHT_QUERY = '(max-height: 899px)';

/**
 * Under the cluster view: the selected partition's log strip and the event log. On tall
 * screens they stack; on a 720p projector they share one panel with two tabs so the
 * cluster view keeps enough height.
 */
export function BottomPanel() {
  const compact = useMediaQuery(COMPACT_HEIGHT_QUERY);
  const [active, setActive] = useState<'log' | 'events'>('log');
  const base = useId();
  if (!compact) {
    return (
      <>
        <section className="log-strip-region" aria-label="Partition log">
          <LogStripRegion />
        </section>
        <EventLog />
      </>
    );
  }
  const tabs = [
    { id: 'log', label: 'Partition log' },
    { id: 'events', label: 'Event log' },
  ] as const;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = active === 'log' ? 'events' : 'log';
    setActive(next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  };
  return (
    <div className="bottom-panel">
      <div className="tabs bottom-tabs" role="tablist" aria-label="Under the cluster" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className="tab"
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section
        role="tabpanel"
        id={`${base}-panel-log`}
        aria-labelledby={`${base}-tab-log`}
        hidden={active !== 'log'}
        className="log-strip-region"
      >
        <LogStripRegion />
      </section>
      <div role="tabpanel" id={`${base}-panel-events`} aria-labelledby={`${base}-tab-events`} hidden={active !== 'events'} className="bottom-events">
        <EventLog titled={false} />
      </div>
    </div>
  );
}
