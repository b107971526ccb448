import { lazy, Suspense, useId, type ReactNode } from 'react';
import { useLabStore, type LabStoreState } from '../runtime/store';
import { EventLog } from './panels/EventLog';
import { useMediaQuery } from './useMediaQuery';
import { LogStripRegion } from './VizRegion';
import { tabIds, TabList, type TabSpec } from './TabList';
import { useUiStore, type BottomTab } from './uiStore';

// Not needed for the first screen (the event log's tab is in front): loaded when first shown.
const GuaranteesPanel = lazy(() => import('./panels/GuaranteesPanel'));
const GroupsPanel = lazy(() => import('./groups/GroupsPanel'));

/** The Groups tab's badge: how many groups, so a learner sees one formed from anywhere. */
export const selectGroupCount = (s: LabStoreState): number => s.snapshot?.groups.length ?? 0;
/** Some group is between Stable states (its members have stopped to rebalance). */
export const selectRebalancing = (s: LabStoreState): boolean =>
  s.snapshot?.groups.some((g) => g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance') ?? false;

function useGroupsTab(): TabSpec<'groups'> {
  const n = useLabStore(selectGroupCount);
  const rebalancing = useLabStore(selectRebalancing);
  if (n === 0) return { id: 'groups', label: 'Groups' };
  const spoken = `${n} group${n === 1 ? '' : 's'}${rebalancing ? ', rebalancing' : ''}`;
  return { id: 'groups', label: 'Groups', badge: { text: rebalancing ? `${n} ⟳` : String(n), tone: rebalancing ? 'bad' : 'ok', spoken } };
}

/** Below this window height the log strip and the event log share one tabbed panel. */
export const COMPACT_HEIGHT_QUERY = '(max-height: 899px)';

/** Problems the guarantees checker found (lost, truncated, broken invariants): the tab's badge. */
export const selectGuaranteeProblems = (s: LabStoreState): number => {
  const g = s.snapshot?.guarantees;
  return g ? g.lostAckedCount + g.truncatedConsumedCount + g.violations.length : 0;
};

function useGuaranteesTab(): TabSpec<'guarantees'> {
  const problems = useLabStore(selectGuaranteeProblems);
  const badge = problems > 0 ? { text: `⚠ ${problems}`, tone: 'bad' as const, spoken: `${problems} problem${problems === 1 ? '' : 's'}` } : { text: '✓', tone: 'ok' as const, spoken: 'no problem found' };
  return { id: 'guarantees', label: 'Guarantees', badge };
}

/**
 * Under the cluster view: the selected partition's log strip, the event log and the
 * guarantees. On tall screens the strip stays in view and the other two share tabs; on a
 * 720p projector all three share one panel so the cluster view keeps enough height.
 */
export function BottomPanel({ presenterZoom = null }: { presenterZoom?: number | null }) {
  const compact = useMediaQuery(COMPACT_HEIGHT_QUERY);
  if (presenterZoom !== null) {
    // Presenter mode: the event log has its own column (EventsArea); the strip is drawn large here.
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
        <EventsArea />
      </>
    );
  }
  return <CompactPanel />;
}

function CompactPanel() {
  const active = useUiStore((s) => s.bottomTab);
  const setActive = useUiStore((s) => s.setBottomTab);
  const guarantees = useGuaranteesTab();
  const groups = useGroupsTab();
  const base = useId();
  const tabs: TabSpec<BottomTab>[] = [{ id: 'log', label: 'Partition log' }, { id: 'events', label: 'Event log' }, groups, guarantees];
  return (
    <div className="bottom-panel">
      <TabList tabs={tabs} active={active} onSelect={setActive} base={base} label="Under the cluster" className="tabs bottom-tabs" />
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
      <GroupsTabPanel base={base} shown={active === 'groups'} />
      <GuaranteesTabPanel base={base} shown={active === 'guarantees'} />
    </div>
  );
}

/** The event log and the guarantees in tabs (tall screens, and presenter mode's side column). */
export function EventsArea() {
  const tab = useUiStore((s) => s.bottomTab);
  const setTab = useUiStore((s) => s.setBottomTab);
  const guarantees = useGuaranteesTab();
  const groups = useGroupsTab();
  const base = useId();
  const active = tab === 'guarantees' || tab === 'groups' ? tab : 'events';
  const tabs: TabSpec<'events' | 'groups' | 'guarantees'>[] = [{ id: 'events', label: 'Event log' }, groups, guarantees];
  return (
    <div className="events-area">
      <TabList tabs={tabs} active={active} onSelect={setTab} base={base} label="Events and guarantees" className="tabs bottom-tabs" />
      <div role="tabpanel" id={tabIds(base, 'events').panel} aria-labelledby={tabIds(base, 'events').tab} hidden={active !== 'events'} className="bottom-events">
        <EventLog titled={false} />
      </div>
      <GroupsTabPanel base={base} shown={active === 'groups'} />
      <GuaranteesTabPanel base={base} shown={active === 'guarantees'} />
    </div>
  );
}

/** A lazily loaded panel, rendered only while shown: its lists need not follow every publish behind another tab. */
function LazyTabPanel({ base, id, shown, className, children }: { base: string; id: 'groups' | 'guarantees'; shown: boolean; className: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={tabIds(base, id).panel} aria-labelledby={tabIds(base, id).tab} hidden={!shown} className={className}>
      {shown && <Suspense fallback={<p className="empty panel-body">Loading…</p>}>{children}</Suspense>}
    </div>
  );
}

function GroupsTabPanel({ base, shown }: { base: string; shown: boolean }) {
  return (
    <LazyTabPanel base={base} id="groups" shown={shown} className="bottom-groups">
      <GroupsPanel />
    </LazyTabPanel>
  );
}

function GuaranteesTabPanel({ base, shown }: { base: string; shown: boolean }) {
  return (
    <LazyTabPanel base={base} id="guarantees" shown={shown} className="bottom-guarantees">
      <GuaranteesPanel />
    </LazyTabPanel>
  );
}
