import { useId, useState } from 'react';
import { EventLog } from './panels/EventLog';
import { useMediaQuery } from './useMediaQuery';
import { LogStripRegion } from './VizRegion';
import { tabIds, TabList } from './TabList';

const BOTTOM_TABS = [
  { id: 'log', label: 'Partition log' },
  { id: 'events', label: 'Event log' },
] as const;

/** Below this window height the log strip and the event log share one tabbed panel. */
export const COMPACT_HEIGHT_QUERY = '(max-height: 899px)';

/**
 * Under the cluster view: the selected partition's log strip and the event log. On tall
 * screens they stack; on a 720p projector they share one panel with two tabs so the
 * cluster view keeps enough height.
 */
export function BottomPanel({ presenterZoom = null }: { presenterZoom?: number | null }) {
  const compact = useMediaQuery(COMPACT_HEIGHT_QUERY);
  const [active, setActive] = useState<'log' | 'events'>('log');
  const base = useId();
  if (presenterZoom !== null) {
    // Presenter mode: the event log has its own column; the strip is drawn large here.
    return (
      <section className="log-strip-region" aria-label="Partition log">
        <LogStripRegion zoom={presenterZoom} />
      </section>
    );
  }
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
  return (
    <div className="bottom-panel">
      <TabList tabs={BOTTOM_TABS} active={active} onSelect={setActive} base={base} label="Under the cluster" className="tabs bottom-tabs" />
      <section
        role="tabpanel"
        id={tabIds(base, 'log').panel}
        aria-labelledby={tabIds(base, 'log').tab}
        hidden={active !== 'log'}
        className="log-strip-region"
      >
        <LogStripRegion />
      </section>
      <div role="tabpanel" id={tabIds(base, 'events').panel} aria-labelledby={tabIds(base, 'events').tab} hidden={active !== 'events'} className="bottom-events">
        <EventLog titled={false} />
      </div>
    </div>
  );
}
