import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { ConsumerPanel } from './panels/ConsumerPanel';
import { ProducerPanel } from './panels/ProducerPanel';
import { TopicsPanel } from './panels/TopicsPanel';

const TABS = [
  { id: 'producer', label: 'Producer', Panel: ProducerPanel },
  { id: 'consumer', label: 'Consumer', Panel: ConsumerPanel },
  { id: 'topics', label: 'Topics', Panel: TopicsPanel },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Right sidebar: WAI-ARIA tabs (arrow keys move between tabs, Tab enters the panel). */
export function Sidebar() {
  const [active, setActive] = useState<TabId>('producer');
  const base = useId();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.findIndex((t) => t.id === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const tab = TABS[next]!;
    setActive(tab.id);
    tabRefs.current[tab.id]?.focus();
  };
  return (
    <aside className="sidebar" aria-label="Clients and topics">
      <div className="tabs" role="tablist" aria-label="Sidebar" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
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
      {TABS.map(({ id, Panel }) => (
        <div
          key={id}
          role="tabpanel"
          id={`${base}-panel-${id}`}
          aria-labelledby={`${base}-tab-${id}`}
          hidden={active !== id}
          className="tab-panel"
        >
          {active === id && <Panel />}
        </div>
      ))}
    </aside>
  );
}
