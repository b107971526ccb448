import { type KeyboardEvent } from 'react';

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
  /** A short status after the label ("✓", "⚠ 3"), and the words a screen reader hears for it. */
  badge?: { text: string; tone: 'ok' | 'bad'; spoken: string } | null;
}

/** Element ids a tab and its panel share, so each can point at the other. */
export function tabIds(base: string, id: string): { tab: string; panel: string } {
  return { tab: `${base}-tab-${id}`, panel: `${base}-panel-${id}` };
}

/**
 * WAI-ARIA tabs: a roving tabindex, arrow keys / Home / End move between tabs (and focus
 * the new one), Tab moves on into the panel.
 */
export function TabList<Id extends string>(props: {
  tabs: readonly TabSpec<Id>[];
  active: Id;
  onSelect: (id: Id) => void;
  /** Shared with the panels (see tabIds). */
  base: string;
  label: string;
  className?: string;
}) {
  const { tabs, active, onSelect, base } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    document.getElementById(tabIds(base, tab.id).tab)?.focus();
  };
  return (
    <div className={props.className ?? 'tabs'} role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabIds(base, t.id).tab}
          aria-selected={active === t.id}
          aria-controls={tabIds(base, t.id).panel}
          tabIndex={active === t.id ? 0 : -1}
          className="tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.badge && (
            <>
              <span className={`tab-badge tab-badge--${t.badge.tone}`} aria-hidden="true">
                {t.badge.text}
              </span>
              <span className="sr-only">{` (${t.badge.spoken})`}</span>
            </>
          )}
        </button>
      ))}
    </div>
  );
}
