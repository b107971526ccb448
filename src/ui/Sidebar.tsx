import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { ProducerPanel } from './panels/ProducerPanel';
import { tabIds, TabList } from './TabList';

// The first screen shows the Producer tab; the others load in the background after start-up.
const loadConsumer = () => import('./panels/ConsumerPanel').then((m) => ({ default: m.ConsumerPanel }));
const loadTopics = () => import('./panels/TopicsPanel').then((m) => ({ default: m.TopicsPanel }));
const loadBrokers = () => import('./panels/BrokersPanel').then((m) => ({ default: m.BrokersPanel }));
const ConsumerPanel = lazy(loadConsumer);
const TopicsPanel = lazy(loadTopics);
const BrokersPanel = lazy(loadBrokers);

const TABS = [
  { id: 'producer', label: 'Producer', Panel: ProducerPanel },
  { id: 'consumer', label: 'Consumer', Panel: ConsumerPanel },
  { id: 'topics', label: 'Topics', Panel: TopicsPanel },
  { id: 'brokers', label: 'Brokers', Panel: BrokersPanel },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Right sidebar: WAI-ARIA tabs (arrow keys move between tabs, Tab enters the panel). */
export function Sidebar({ tucked = false, overlay = false }: { tucked?: boolean; overlay?: boolean }) {
  const [active, setActive] = useState<TabId>('producer');
  const base = useId();
  useEffect(() => {
    const t = setTimeout(() => void Promise.all([loadConsumer(), loadTopics(), loadBrokers()]), 500);
    return () => clearTimeout(t);
  }, []);
  // Tucked away (presenter mode) it stays mounted, so half-typed forms survive.
  return (
    <aside className={overlay ? 'sidebar sidebar--overlay' : 'sidebar'} aria-label="Clients, topics and brokers" hidden={tucked}>
      <TabList tabs={TABS} active={active} onSelect={setActive} base={base} label="Sidebar" />
      {TABS.map(({ id, Panel }) => (
        <div
          key={id}
          role="tabpanel"
          id={tabIds(base, id).panel}
          aria-labelledby={tabIds(base, id).tab}
          hidden={active !== id}
          className="tab-panel"
        >
          {active === id && (
            <Suspense fallback={<p className="empty panel-body">Loading…</p>}>
              <Panel />
            </Suspense>
          )}
        </div>
      ))}
    </aside>
  );
}
