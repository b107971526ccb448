/**
 * The replica rows of the partition log strip: each replica's log as a bar on the strip's
 * offset scale (in the scroll group, so it moves with the cells) and its words on the bar —
 * broker, role, ISR membership, lag and offsets — fixed on screen, so they stay readable while
 * the log scrolls. The leader's HW runs through all rows as a dashed line: it moves only once
 * every ISR member's bar reaches past it.
 */
import { memo } from 'react';
import type { ReplicaView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { epochColour } from './geometry/epochColours';
import { fitText } from './geometry/logStripLayoutKeys';
import { CHAR_W_PX, STRIP_PAD_X_PX, type LogStripLayout } from './geometry/logStripLayout';
import { lagText, replicaLabelX, REPLICA_BAR_H_PX, REPLICA_BAR_Y_PX, REPLICA_TEXT_BASELINE_PX, type ReplicaBlockGeom, type ReplicaRowGeom } from './geometry/logStripReplicas';
import './replicas.css';

/** Bars, HW ticks and LEO ends: drawn inside the strip's scroll group. */
export const ReplicaBars = memo(function ReplicaBars({ block }: { block: ReplicaBlockGeom }) {
  return (
    <g className="kl-replica-bars" aria-hidden="true">
      {block.rows.map((row) => (
        <g key={row.broker} className={`kl-replica-bar kl-replica-bar--${row.tone}`}>
          <rect className="kl-replica-track" x={-100000} y={row.y + REPLICA_BAR_Y_PX} width={200000} height={REPLICA_BAR_H_PX} />
          {row.parts.map((p) => (
            <rect
              key={p.key}
              x={p.x}
              y={row.y + REPLICA_BAR_Y_PX}
              width={Math.max(1, p.width)}
              height={REPLICA_BAR_H_PX}
              style={{ fill: p.committed ? epochColour(p.epoch).soft : epochColour(p.epoch).pale }}
            />
          ))}
        </g>
      ))}
      {block.hwGuideX !== null && <line className="kl-replica-hw-guide" x1={block.hwGuideX} x2={block.hwGuideX} y1={block.y - 2} y2={block.y + block.height} />}
      {block.rows.map((row) => (
        <g key={row.broker} className="kl-replica-marks">
          {row.hwX !== null && <rect className="kl-replica-hw" x={row.hwX - 1.5} y={row.y + REPLICA_BAR_Y_PX - 1} width={3} height={REPLICA_BAR_H_PX + 2} />}
          {row.leoX !== null && <rect className="kl-replica-leo" x={row.leoX - 1} y={row.y + REPLICA_BAR_Y_PX - 1} width={2.5} height={REPLICA_BAR_H_PX + 2} />}
        </g>
      ))}
    </g>
  );
});

/** The words of each row, fixed on screen; a list for assistive technology. */
export function ReplicaLabels({ block, layout, tp }: { block: ReplicaBlockGeom; layout: LogStripLayout; tp: string }) {
  return (
    <g className="kl-replica-labels" role="list" aria-label={`Replicas of ${tp}`}>
      {block.rows.map((row) => (
        <ReplicaLabel key={row.broker} row={row} minX={STRIP_PAD_X_PX} maxX={layout.width - STRIP_PAD_X_PX} leoScreenX={row.leoX === null ? null : row.leoX + layout.scrollX} />
      ))}
    </g>
  );
}

function ReplicaLabel({ row, minX, maxX, leoScreenX }: { row: ReplicaRowGeom; minX: number; maxX: number; leoScreenX: number | null }) {
  const nowMs = useLagClock(row);
  const lag = nowMs === null ? null : lagText(row.lastCaughtUpTimeMs, nowMs, row.tone);
  const text = fitLabel(row, nowMs, maxX - minX - 8);
  const x = replicaLabelX(text.length * CHAR_W_PX, leoScreenX, minX, maxX);
  const name = lag ? `${row.name}, ${lag}` : row.name;
  return (
    <g className={`kl-replica-label kl-replica-label--${row.tone}`} role="listitem" aria-label={name}>
      <title>{name}</title>
      <text x={x} y={row.y + REPLICA_TEXT_BASELINE_PX}>
        {text}
      </text>
    </g>
  );
}

/**
 * The simulated clock to a tenth of a second, read only by rows that may show a lag: every
 * other row renders only when its replica changes, not on every publish.
 */
function useLagClock(row: ReplicaRowGeom): number | null {
  const tracked = row.lastCaughtUpTimeMs !== null && row.tone !== 'leader';
  const tenths = useLabStore((s) => (tracked ? Math.floor((s.snapshot?.nowMs ?? 0) / 100) : -1));
  return tenths < 0 ? null : tenths * 100;
}

/** The longest form of the row's words that fits: the lag's start time goes first, then the text is cut. */
export function fitLabel(row: Pick<ReplicaRowGeom, 'label' | 'offsets' | 'lastCaughtUpTimeMs' | 'tone'>, nowMs: number | null, maxW: number): string {
  const crown = row.tone === 'leader' ? '♛ ' : '';
  const candidates = [false, true].map((short) => {
    const lag = nowMs === null ? null : lagText(row.lastCaughtUpTimeMs, nowMs, row.tone, short);
    return [`${crown}${row.label}`, lag, row.offsets].filter(Boolean).join(' · ');
  });
  return candidates.find((c) => c.length * CHAR_W_PX <= maxW) ?? fitText(candidates[1]!, maxW, CHAR_W_PX);
}

/** Replicas of a partition with no leader: the same words, without a strip to align to. */
export function ReplicaStateList({ tp, replicas }: { tp: string; replicas: readonly ReplicaView[] }) {
  if (replicas.length === 0) return null;
  return (
    <ul className="kl-replica-list" aria-label={`Replicas of ${tp}`}>
      {replicas.map((r) => {
        const offsets = r.logEndOffset >= 0 ? `LEO ${r.logEndOffset} · HW ${r.highWatermark} · leader epoch ${r.leaderEpoch}` : r.role === 'offline' ? 'no log (broker down)' : 'no log yet';
        const isr = r.inIsr ? (r.role === 'offline' ? 'still in ISR' : 'in ISR') : 'out of ISR';
        return (
          <li key={r.broker} className={`kl-replica-label--${r.role === 'offline' ? 'offline' : r.inIsr ? 'isr' : 'out'}`}>
            {`broker ${r.broker} · ${r.role} · ${isr} · ${offsets}`}
          </li>
        );
      })}
    </ul>
  );
}
