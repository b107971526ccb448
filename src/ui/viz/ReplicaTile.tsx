/** One partition replica inside a broker card: a real <button> that selects the partition. */
import { memo, useEffect, useRef, useState } from 'react';
import { useLabStore } from '../../runtime/store';
import type { PartitionView } from '../../engine/snapshot';
import { useUiStore } from '../uiStore';
import { tileWidthFor } from './geometry/clusterLayout';
import { partitionOf, selectSelectTp } from '../selectors';
import { tileKey } from './useTileRoving';
import { OwnerStripes, ownersWords, useTileOwners } from '../groups/TileOwners';

export type ReplicaRole = 'leader' | 'follower' | 'out-of-sync' | 'offline';

export function replicaRole(p: PartitionView, brokerId: number): ReplicaRole {
  if (p.leader < 0) return 'offline';
  if (p.leader === brokerId) return 'leader';
  return p.isr.includes(brokerId) ? 'follower' : 'out-of-sync';
}

/** "orders-3, leader on broker 1, LEO 52, HW 52" (followers name themselves first). */
export function replicaAriaLabel(p: PartitionView, brokerId: number): string {
  const offsets = p.log ? `, LEO ${p.log.logEndOffset}, HW ${p.log.highWatermark}` : '';
  const role = replicaRole(p, brokerId);
  switch (role) {
    case 'leader':
      return `${p.tp}, leader on broker ${brokerId}${offsets}`;
    case 'offline':
      return `${p.tp}, replica on broker ${brokerId}, offline (no leader)${offsets}`;
    default:
      return `${p.tp}, follower on broker ${brokerId} (${role === 'follower' ? 'in sync' : 'out of sync'}), leader on broker ${p.leader}${offsets}`;
  }
}

/** The pulse animation's length (viz.css `kl-pulse`). */
export const PULSE_MS = 650;

interface AppendSignal {
  /** Key of the pulse element to show (a new key restarts the animation), or null. */
  readonly pulseKey: number | null;
  /** The log grows faster than a pulse plays: a steady ring instead. */
  readonly busy: boolean;
}

/**
 * How a leader tile shows its log growing: a pulse per append while appends are sparse;
 * while they come faster than a pulse plays (10×, 100×), one steady ring until they stop.
 * A pulse restarted on every publish made and composited a new animated element per tile
 * each time (a third of each frame at 60 partitions, 10×) and showed nothing more.
 */
function useAppendSignal(leo: number | null, leader: boolean): AppendSignal {
  const state = useRef({ lastLeo: leo, lastChangeMs: Number.NEGATIVE_INFINITY, pulseKey: null as number | null, busy: false });
  const [, rerender] = useState(0);
  const s = state.current;
  if (leader && leo !== null && leo !== s.lastLeo) {
    const nowMs = performance.now();
    s.busy = nowMs - s.lastChangeMs < PULSE_MS;
    s.pulseKey = s.busy ? null : leo;
    s.lastChangeMs = nowMs;
  }
  s.lastLeo = leo;
  const { busy, lastChangeMs } = s;
  useEffect(() => {
    if (!busy) return;
    // Appends stopped for a pulse's length: the ring goes (and no stale pulse replays).
    const timer = setTimeout(() => {
      s.busy = false;
      rerender((n) => n + 1);
    }, PULSE_MS);
    return () => clearTimeout(timer);
  }, [busy, lastChangeMs, s]);
  return { pulseKey: s.pulseKey, busy: s.busy };
}

export interface ReplicaTileProps {
  readonly tp: string;
  readonly brokerId: number;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fontPx?: number;
  /** This tile is the cluster view's one Tab stop (see useTileRoving); default true. */
  readonly tabStop?: boolean;
  onFocusTile?(key: string): void;
}

export const ReplicaTile = memo(function ReplicaTile({ tp, brokerId, label, x, y, width, height, fontPx = 13, tabStop = true, onFocusTile }: ReplicaTileProps) {
  const p = useLabStore((s) => partitionOf(s.snapshot, tp));
  const selected = useLabStore((s) => s.selectedTp === tp);
  const stepped = useUiStore((s) => s.stepReport?.tps.includes(tp) ?? false);
  const selectTp = useLabStore(selectSelectTp);
  const owners = useTileOwners(tp);
  const leo = p?.log?.logEndOffset ?? null;
  const role = p ? replicaRole(p, brokerId) : 'offline';
  // Pulse when the leader's log grows (a produce was appended); not on first render.
  const { pulseKey, busy } = useAppendSignal(leo, role === 'leader');
  if (!p) return null;
  const name = replicaAriaLabel(p, brokerId) + ownersWords(owners);
  return (
    <button
      type="button"
      className={`kl-tile kl-tile--${role}${selected ? ' kl-tile--selected' : ''}${stepped ? ' kl-tile--step' : ''}`}
      style={{ left: x, top: y, width, height, fontSize: fontPx }}
      aria-label={name}
      aria-pressed={selected}
      title={name}
      data-tp={tp}
      data-broker={brokerId}
      data-tile-key={tileKey(tp, brokerId)}
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => onFocusTile?.(tileKey(tp, brokerId))}
      onClick={() => selectTp(tp)}
    >
      {/* A squeezed tile drops the crown for the name (the filled tile still says "leader"). */}
      {role === 'leader' && width >= tileWidthFor(label.length) && (
        <span className="kl-tile-crown" aria-hidden="true">
          ♛
        </span>
      )}
      <span className="kl-tile-label">{label}</span>
      {owners.length > 0 && <OwnerStripes owners={owners} />}
      {busy ? (
        <span key="busy" className="kl-tile-pulse kl-tile-pulse--steady" aria-hidden="true" />
      ) : (
        pulseKey !== null && <span key={pulseKey} className="kl-tile-pulse" aria-hidden="true" />
      )}
    </button>
  );
});
