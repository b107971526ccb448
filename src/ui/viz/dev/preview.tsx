/**
 * Standalone preview of the viz components on a synthetic lab (no engine, no runtime):
 *   npx vite --port 5174 --strictPort  →  http://localhost:5174/src/ui/viz/dev/preview.html
 * Query parameters: warm=<ms> simulate first; freeze=1 stop the clock (stable screenshots);
 * load=<n> extra in-flight messages (canvas overlay above 300); dead=<broker>; select=<tp|none>;
 * partitions=<n>; brokers=<n>; speed=<x>.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useLabStore } from '../../../runtime/store';
import { ClusterView, FrameClockContext, PartitionLogStrip, type FrameListener, type SubscribeFrame } from '../index';
import { SyntheticLab } from './syntheticLab';

const params = new URLSearchParams(location.search);
const num = (k: string, d: number): number => (params.has(k) ? Number(params.get(k)) : d);
const lab = new SyntheticLab({
  load: num('load', 0),
  deadBroker: params.has('dead') ? Number(params.get('dead')) : null,
  partitions: num('partitions', 6),
  brokers: num('brokers', 3),
});
lab.advanceTo(num('warm', 4000));
const frozen = params.get('freeze') === '1';
const speed = num('speed', 1);

const store = useLabStore.getState();
store.publish(lab.snapshot());
const select = params.get('select') ?? 'orders-3';
store.selectTp(select === 'none' ? null : select);

/** Stands in for LabRuntime: one rAF loop that advances time, publishes, then notifies. */
const listeners = new Set<FrameListener>();
let lastWall: number | null = null;
function frame(wall: number): void {
  if (!frozen && lastWall !== null) {
    lab.advanceTo(lab.nowMs + Math.min(100, wall - lastWall) * speed);
    useLabStore.getState().publish(lab.snapshot());
  }
  lastWall = wall;
  for (const l of listeners) l(lab.nowMs);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
const subscribeFrame: SubscribeFrame = (listener) => {
  listeners.add(listener);
  listener(lab.nowMs);
  return () => void listeners.delete(listener);
};

function SelectedLog() {
  const tp = useLabStore((s) => s.selectedTp);
  return <PartitionLogStrip tp={tp} />;
}

function Preview() {
  useEffect(() => {
    document.body.dataset.ready = '1';
  }, []);
  return (
    <FrameClockContext.Provider value={subscribeFrame}>
      <main style={{ display: 'flex', flexDirection: 'column', height: '100vh', boxSizing: 'border-box' }}>
        <div style={{ flex: '1 1 auto', minHeight: 0, borderBottom: '1px solid #dde2e9' }}>
          <ClusterView />
        </div>
        <div style={{ flex: '0 0 auto' }}>
          <SelectedLog />
        </div>
      </main>
    </FrameClockContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Preview />
  </StrictMode>,
);
