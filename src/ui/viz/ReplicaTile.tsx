/** One partition replica inside a broker card: a real <button> that selects the partition. */
import { memo, useRef } from 'react';
import { useLabStore } from '../../runtime/store';
import type { PartitionView } from '../../engine/snapshot';
import { useUiStore } from '../uiStore';
import { tileWidthFor } from './geometry/clusterLayout';
import { partitionOf, selectSelectTp } from '../selectors';

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

export interface ReplicaTileProps {
  readonly tp: string;
  readonly brokerId: number;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fontPx?: number;
}

export const ReplicaTile = memo(function ReplicaTile({ tp, brokerId, label, x, y, width, height, fontPx = 13 }: ReplicaTileProps) {
  const p = useLabStore((s) => partitionOf(s.snapshot, tp));
  const selected = useLabStore((s) => s.selectedTp === tp);
  const stepped = useUiStore((s) => s.stepReport?.tps.includes(tp) ?? false);
  const selectTp = useLabStore(selectSelectTp);
  const leo = p?.log?.logEndOffset ?? null;
  const firstLeo = useRef(leo);
  if (!p) return null;
  const role = replicaRole(p, brokerId);
  const name = replicaAriaLabel(p, brokerId);
  // Pulse when the leader's log grows (a produce was appended); not on first render.
  const pulseKey = role === 'leader' && leo !== null && leo !== firstLeo.current ? leo : null;
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
      onClick={() => selectTp(tp)}
    >
      {/* A squeezed tile drops the crown for the name (the filled tile still says "leader"). */}
      {role === 'leader' && width >= tileWidthFor(label.length) && (
        <span className="kl-tile-crown" aria-hidden="true">
          ♛
        </span>
      )}
      <span className="kl-tile-label">{label}</span>
      {pulseKey !== null && <span key={pulseKey} className="kl-tile-pulse" aria-hidden="true" />}
    </button>
  );
});
