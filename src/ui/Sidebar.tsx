import { useId, useState } from 'react';
import { ConsumerPanel } from './panels/ConsumerPanel';
import { ProducerPanel } from './panels/ProducerPanel';
import { TopicsPanel } from './panels/TopicsPanel';
import { tabIds, TabList } from './TabList';

const TABS = [
  { id: 'producer', label: 'Producer', Panel: ProducerPanel },
  { id: 'consumer', label: 'Consumer', Panel: ConsumerPanel },
  { id: 'topics', label: 'Topics', Panel: TopicsPanel },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Right sidebar: WAI-ARIA tabs (arrow keys move between tabs, Tab enters the panel). */
export function Sidebar({ tucked = false, overlay = false }: { tucked?: boolean; overlay?: boolean }) {
  const [active, setActive] = useState<TabId>('producer');
  const base = useId();
  // Tucked away (presenter mode) it stays mounted, so half-typed forms survive.
  return (
    <aside className={overlay ? 'sidebar sidebar--overlay' : 'sidebar'} aria-label="Clients and topics" hidden={tucked}>
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
          {active === id && <Panel />}
        </div>
      ))}
    </aside>
  );
}
