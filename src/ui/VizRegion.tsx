import { useCallback } from 'react';
import { useLabStore } from '../runtime/store';
import { useRuntime } from './RuntimeContext';
import { selectSelectedTp } from './selectors';
import { ClusterView, PartitionLogStrip } from './viz';
import { Zoomed } from './Zoomed';
import { useUiStore } from './uiStore';

/** "80–100 ms": the lab's one-way link latency range (base + jitter). */
export function formatLinkLatency(link: { latencyMs: number; jitterMs: number } | undefined): string | null {
  if (!link) return null;
  const lo = Math.round(link.latencyMs);
  const hi = Math.round(link.latencyMs + link.jitterMs);
  return lo === hi ? `${lo} ms` : `${lo}–${hi} ms`;
}

/** The cluster view (center); `zoom` > 1 draws it larger (presenter mode). */
export function ClusterRegion({ zoom = 1 }: { zoom?: number }) {
  const runtime = useRuntime();
  // Read on every render: the runtime sets classroom links before the first snapshot.
  const latency = formatLinkLatency(runtime.lab?.network.linkDefaults);
  const showInternal = useUiStore((s) => s.showInternalTopics);
  const view = <ClusterView linkLatency={latency} showInternalTopics={showInternal} />;
  return zoom === 1 ? view : <Zoomed scale={zoom} mode="fill">{view}</Zoomed>;
}

export function LogStripRegion({ zoom = 1 }: { zoom?: number }) {
  const selected = useLabStore(selectSelectedTp);
  const runtime = useRuntime();
  // Record keys and details are read on demand for the offsets on screen (not part of snapshots).
  const readRecords = useCallback((tp: string, from: number, count: number) => runtime.lab?.readRecords(tp, from, count) ?? [], [runtime]);
  const describeRecord = useCallback((tp: string, offset: number) => runtime.lab?.describeOffsetsRecord(tp, offset) ?? null, [runtime]);
  const strip = <PartitionLogStrip tp={selected} readRecords={readRecords} describeRecord={describeRecord} />;
  return zoom === 1 ? strip : <Zoomed scale={zoom} mode="flow">{strip}</Zoomed>;
}
