import { lazy, Suspense, useEffect, useRef, useSyncExternalStore, type CSSProperties } from 'react';
import { useLabStore, type LabStoreState } from '../runtime/store';
import { Header } from './Header';
import { Notices } from './Notices';
import { OwnershipGate } from './OwnershipGate';
import { BottomPanel, EventsArea } from './BottomPanel';
import { QuickStart } from './QuickStart';
import { selectHasSnapshot } from './selectors';
import { Sidebar } from './Sidebar';
import { ClusterRegion } from './VizRegion';
import { FrameClockContext } from './viz';
import { useRuntime } from './RuntimeContext';
import { presenterScale, useUiStore } from './uiStore';
import { useShortcuts } from './shortcuts';
import './theme.css';
import './app.css';

// The shortcut list is not needed for the first screen: loaded on first use.
const ShortcutHelp = lazy(() => import('./ShortcutHelp'));

export function App() {
  const runtime = useRuntime();
  return (
    <FrameClockContext.Provider value={runtime.onFrameSubscriber}>
      <OwnershipGate>
        <LabScreen />
      </OwnershipGate>
    </FrameClockContext.Provider>
  );
}

function LabScreen() {
  const ready = useLabStore(selectHasSnapshot);
  const presenter = useUiStore((s) => s.presenter);
  const panelsOpen = useUiStore((s) => s.panelsOpen);
  const helpOpen = useUiStore((s) => s.helpOpen);
  const scale = usePresenterScale();
  useDefaultSelection();
  useShortcuts();
  const style = presenter ? ({ '--ps': scale } as CSSProperties) : undefined;
  return (
    <div className={presenter ? 'app app--presenter' : 'app'} style={style} data-presenter={presenter || undefined}>
      <Header />
      {ready ? (
        <div className="workspace">
          <main className="stage" aria-label="Cluster">
            <QuickStart />
            <Notices />
            <section className="cluster-region" aria-label="Cluster view">
              <ClusterRegion zoom={presenter ? scale : 1} />
            </section>
            <BottomPanel presenterZoom={presenter ? scale : null} />
          </main>
          {presenter && (
            <div className="presenter-events">
              <EventsArea />
            </div>
          )}
          <Sidebar tucked={presenter && !panelsOpen} overlay={presenter} />
        </div>
      ) : (
        <>
          <Notices />
          <p className="loading" role="status">
            Starting the cluster…
          </p>
        </>
      )}
      {helpOpen && (
        <Suspense fallback={null}>
          <ShortcutHelp />
        </Suspense>
      )}
    </div>
  );
}

function subscribeResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** Presenter mode's enlargement for this window (see presenterScale). */
function usePresenterScale(): number {
  return useSyncExternalStore(
    subscribeResize,
    () => presenterScale(window.innerWidth, window.innerHeight),
    () => 1.5,
  );
}

/**
 * Show a partition's log from the start: the fullest partition, until the user picks one
 * themselves (an empty partition teaches nothing).
 */
function useDefaultSelection(): void {
  const selected = useLabStore((s) => s.selectedTp);
  const selectedHasRecords = useLabStore((s) => (partitionLeo(s, s.selectedTp) ?? 0) > 0);
  const selectedExists = useLabStore((s) => partitionLeo(s, s.selectedTp) !== null);
  const best = useLabStore(selectFullestPartition);
  const selectTp = useLabStore((s) => s.selectTp);
  const auto = useRef<string | null>(null);
  useEffect(() => {
    if (best === null || best === selected) return;
    const userChose = selected !== null && selected !== auto.current && selectedExists;
    if (userChose) return;
    // Keep an automatic choice once it shows records, so the strip does not jump around.
    if (selected !== null && selectedExists && selectedHasRecords) return;
    auto.current = best;
    selectTp(best);
  }, [selected, selectedExists, selectedHasRecords, best, selectTp]);
}

/**
 * The partition's log end: the leader's, or while it has no leader (a failover under way) the
 * longest replica's, so the strip does not jump to another partition just as its leader fails.
 */
function partitionLeo(s: LabStoreState, tp: string | null): number | null {
  if (tp === null) return null;
  for (const t of s.snapshot?.topics ?? []) {
    for (const p of t.partitions) {
      if (p.tp !== tp) continue;
      if (p.log) return p.log.logEndOffset;
      return p.replicaStates.reduce((most, r) => Math.max(most, r.logEndOffset), 0);
    }
  }
  return null;
}

/** The user-topic partition with the most records (ties: the first listed). */
const selectFullestPartition = (s: LabStoreState): string | null => {
  let best: string | null = null;
  let most = -1;
  for (const topic of s.snapshot?.topics ?? []) {
    if (topic.isInternal) continue;
    for (const p of topic.partitions) {
      const n = p.log?.logEndOffset ?? 0;
      if (n > most) {
        most = n;
        best = p.tp;
      }
    }
  }
  return best;
};
