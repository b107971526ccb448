/**
 * SVG parts of the partition log strip. Everything tied to offsets (segments, batches, cells,
 * markers, index ticks) sits in one scroll group positioned by offset, so scrolling moves it as
 * one piece; cells never move relative to each other.
 */
import { memo } from 'react';
import { epochColour } from './geometry/epochColours';
import { STRIP_PAD_X_PX, type LogStripLayout, type MarkerGeom } from './geometry/logStripLayout';

/** The hatch of not-yet-committed cells, and the clip that hides the scroll margin under the padding. */
export function StripDefs({ layout, clipId }: { layout: LogStripLayout; clipId: string }) {
  return (
    <defs>
      <pattern id="kl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="kl-hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="kl-hatch-line" />
      </pattern>
      <clipPath id={clipId}>
        <rect x={STRIP_PAD_X_PX - 1} y={0} width={layout.width - 2 * STRIP_PAD_X_PX + 2} height={layout.height} />
      </clipPath>
    </defs>
  );
}

const tx = (x: number, y: number): React.CSSProperties => ({ transform: `translate(${x}px, ${y}px)` });

export const Segments = memo(function Segments({ layout }: { layout: LogStripLayout }) {
  const { segmentsY, segmentsH } = layout.rows;
  return (
    <g className="kl-segments">
      {layout.segments.map((s) => (
        <g key={s.fileName} className={`kl-segment${s.isActive ? ' kl-segment--active' : ''}`} style={tx(s.x, segmentsY)}>
          <title>{s.title}</title>
          <rect width={Math.max(2, s.width - 2)} height={segmentsH} rx={5} />
          {s.label && (
            <text x={s.labelX} y={segmentsH / 2 + 4.5}>
              {s.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
});

export const Batches = memo(function Batches({ layout }: { layout: LogStripLayout }) {
  const { badgesY, cellsY, cellsH } = layout.rows;
  return (
    <g className="kl-batches" aria-hidden="true">
      {layout.batches.map((b) => (
        <g key={b.baseOffset} className="kl-batch" style={tx(b.x, 0)}>
          <title>{b.title}</title>
          {/* The outline's colour is the batch's leader epoch (see the strip's legend). */}
          <rect className="kl-batch-outline" x={0} y={cellsY - 1} width={Math.max(2, b.width)} height={cellsH + 2} rx={5} style={{ stroke: epochColour(b.epoch).strong }} />
          {b.badge && (
            <g className="kl-batch-badge">
              <rect x={2} y={badgesY} width={b.badge.length * 7.6 + 10} height={17} rx={8.5} />
              <text x={7} y={badgesY + 13}>
                {b.badge}
              </text>
            </g>
          )}
        </g>
      ))}
    </g>
  );
});

export interface CellsProps {
  readonly layout: LogStripLayout;
  /** The one cell in the tab order (roving tabindex). */
  readonly tabOffset: number;
  readonly describedOffset: number | null;
  readonly describedBy: string;
  /** The strip snaps instead of sliding (see nextMotion). */
  readonly snap?: boolean;
}

/** One focusable option per record; the details popover describes the focused/hovered one. */
export const Cells = memo(function Cells({ layout, tabOffset, describedOffset, describedBy, snap = false }: CellsProps) {
  const { cellsY, cellsH } = layout.rows;
  const w = layout.cellW;
  return (
    <>
      {layout.cells.map((c, slot) => {
        const keyed = c.key !== undefined;
        const cls = ['kl-cell', c.committed ? 'kl-cell--committed' : 'kl-cell--uncommitted', keyed ? (c.key === null ? 'kl-cell--keyless' : 'kl-cell--keyed') : 'kl-cell--plain'];
        return (
          <g
            // Snapping (fast appends, jumps), a cell element is reused for whichever record
            // sits in its slot: at 10× and 100× the window moves on every publish, and keyed by
            // offset every cell's elements were removed and made again each time. Sliding,
            // each record keeps its element so it can glide to its new place.
            key={snap ? `slot-${slot}` : c.offset}
            className={cls.join(' ')}
            style={tx(c.x, cellsY)}
            role="option"
            aria-selected={c.offset === tabOffset}
            aria-label={c.name}
            aria-describedby={c.offset === describedOffset ? describedBy : undefined}
            tabIndex={c.offset === tabOffset ? 0 : -1}
            data-offset={c.offset}
          >
            <rect className="kl-cell-box" x={1} y={1} width={Math.max(1, w - 2)} height={cellsH - 2} rx={4} style={c.colour ? { fill: c.colour.fill } : undefined} />
            {c.colour && <rect className="kl-cell-band" x={1} y={1} width={Math.max(1, w - 2)} height={5} rx={2} style={{ fill: c.colour.band }} />}
            {!c.committed && <rect className="kl-cell-pending" x={1} y={cellsH - 14} width={Math.max(1, w - 2)} height={13} />}
            {c.keyLabel && (
              <text className="kl-cell-key" x={w / 2} y={20} textAnchor="middle">
                {c.keyLabel}
              </text>
            )}
            {c.showOffset && (
              <text className="kl-cell-offset" x={w / 2} y={keyed ? cellsH - 4 : cellsH / 2 + 4.5} textAnchor="middle">
                {c.offset}
              </text>
            )}
            <rect className="kl-cell-focus" x={-1} y={-1} width={w + 2} height={cellsH + 2} rx={5} />
          </g>
        );
      })}
      {layout.ghost && (
        <g className="kl-cell kl-cell--ghost" style={tx(layout.ghost.x, cellsY)} aria-hidden="true">
          <title>{`offset ${layout.ghost.offset}: the next append goes here`}</title>
          <rect x={1} y={1} width={Math.max(1, w - 2)} height={cellsH - 2} rx={4} />
        </g>
      )}
    </>
  );
});

export const IndexTicks = memo(function IndexTicks({ layout }: { layout: LogStripLayout }) {
  const { indexY, timeIndexY } = layout.rows;
  return (
    <g className="kl-index-ticks">
      {layout.indexTicks.map((t) => (
        <g key={t.key} className="kl-index-tick" style={tx(t.x, indexY)}>
          <title>{t.title}</title>
          <rect x={-6} y={-2} width={12} height={12} className="kl-hit" />
          <rect x={-1.5} y={0} width={3} height={9} rx={1} />
        </g>
      ))}
      {layout.timeTicks.map((t) => (
        <g key={t.key} className="kl-time-tick" style={tx(t.x, timeIndexY)}>
          <title>{t.title}</title>
          <rect x={-6} y={-2} width={12} height={12} className="kl-hit" />
          <path d="M0,0 L4,4.5 L0,9 L-4,4.5 Z" />
        </g>
      ))}
    </g>
  );
});

/** Lines first, then labels: a label always paints over any line near it. */
export function Markers({ markers, layout, above }: { markers: readonly MarkerGeom[]; layout: LogStripLayout; above: boolean }) {
  const r = layout.rows;
  const labelY = (m: MarkerGeom): number => (above ? r.labelsY + (r.topLanes - 1 - m.lane) * r.laneH : r.consumersY + m.lane * r.laneH);
  return (
    <g className="kl-markers">
      {markers.map((m) => {
        const lineTop = above ? labelY(m) + r.laneH - 3 : r.cellsY + r.cellsH + 2;
        const lineBottom = above ? r.cellsY : labelY(m);
        return (
          <g key={`l-${m.id}`} className={`kl-marker kl-marker--${m.kind}`} style={tx(m.x, 0)}>
            <line x1={0} x2={0} y1={lineTop} y2={lineBottom} />
            {above ? <path className="kl-marker-arrow" d={`M0,${lineBottom} l-5,-8 l10,0 z`} /> : <path className="kl-marker-arrow" d={`M0,${lineTop} l-5,8 l10,0 z`} />}
          </g>
        );
      })}
      {markers.map((m) => (
        <g key={`t-${m.id}`} className={`kl-marker kl-marker--${m.kind}`} style={tx(m.labelLeft, labelY(m))}>
          <rect className="kl-marker-label-bg" width={m.labelWidth} height={r.laneH - 3} rx={4} />
          <text x={m.labelWidth / 2} y={r.laneH - 8} textAnchor="middle">
            {m.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Consumers whose position is outside the window, as chips at the edge they are beyond. */
export function OffscreenConsumers({ layout }: { layout: LogStripLayout }) {
  const r = layout.rows;
  const y = r.consumersY + Math.max(0, ...layout.consumerMarkers.map((m) => m.lane + 1)) * r.laneH;
  const left = layout.offscreenConsumers.filter((c) => c.side === 'left');
  const right = layout.offscreenConsumers.filter((c) => c.side === 'right');
  const chip = (items: typeof left, side: 'left' | 'right') => {
    if (items.length === 0) return null;
    const text = side === 'left' ? `◀ ${items.map((c) => `${c.id} at ${c.position}`).join(', ')}` : `${items.map((c) => `${c.id} at ${c.position}`).join(', ')} ▶`;
    return (
      <text className="kl-offscreen" x={side === 'left' ? 16 : layout.width - 16} y={y + 13} textAnchor={side === 'left' ? 'start' : 'end'}>
        {text}
      </text>
    );
  };
  return (
    <g className="kl-offscreen-consumers">
      {chip(left, 'left')}
      {chip(right, 'right')}
    </g>
  );
}
