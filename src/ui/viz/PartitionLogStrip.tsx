/**
 * The selected partition's log as a strip: segments (file names, sizes), one cell per
 * offset grouped by batch, log start / HW / LEO markers, consumer positions, and offset /
 * time index entries. Discrete changes animate with CSS transitions (cells slide, markers
 * glide); geometry comes from computeLogStripLayout.
 */
import { memo, useMemo } from 'react';
import type { ConsumerView, LogView, PartitionView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { formatBytes } from './geometry/format';
import { computeLogStripLayout, logSummary, type LogStripLayout, type MarkerGeom } from './geometry/logStripLayout';
import { useElementSize } from './useElementSize';
import { partitionOf, selectConsumers } from './vizSelectors';
import './viz.css';

export interface PartitionLogStripProps {
  /** "orders-3", or null when nothing is selected. */
  readonly tp: string | null;
  readonly className?: string;
}

const INITIAL_SIZE = { width: 1248, height: 0 };

export interface ConsumerPosition {
  readonly id: string;
  readonly position: number;
  readonly lag: number | null;
}

/** Consumers assigned `tp` with a known position, by id. */
export function consumerPositions(consumers: readonly ConsumerView[], tp: string): ConsumerPosition[] {
  const out: ConsumerPosition[] = [];
  for (const c of consumers) {
    for (const a of c.assignment) {
      if (a.tp === tp && a.position !== null) out.push({ id: c.id, position: a.position, lag: a.lag });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function PartitionLogStrip({ tp, className }: PartitionLogStripProps) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>(INITIAL_SIZE);
  const partition = useLabStore((s) => partitionOf(s.snapshot, tp));
  const consumers = useLabStore(selectConsumers);
  // Consumers change on every poll; keep the same array while this partition's positions do not.
  const fresh = tp ? consumerPositions(consumers, tp) : [];
  const positionsKey = fresh.map((c) => `${c.id}@${c.position}`).join(',');
  const positions = useMemo(() => fresh, [positionsKey, tp]); // eslint-disable-line react-hooks/exhaustive-deps
  const cls = `kl-logstrip${className ? ` ${className}` : ''}`;

  let body: React.ReactNode;
  if (tp === null) {
    body = <p className="kl-logstrip-hint">Select a partition in the cluster view to see its log</p>;
  } else if (!partition) {
    body = <p className="kl-logstrip-hint">{tp} is not in the cluster (was the topic deleted?)</p>;
  } else if (!partition.log) {
    body = (
      <p className="kl-logstrip-hint" aria-live="polite">
        {tp}: no log to show — the partition has no leader right now
      </p>
    );
  } else if (partition.log.logEndOffset === partition.log.logStartOffset) {
    body = <EmptyLog partition={partition} log={partition.log} />;
  } else {
    body = <LogBody partition={partition} log={partition.log} positions={positions} width={size.width} />;
  }
  return (
    <section ref={sizeRef} className={cls} aria-label={tp ? `Log of partition ${tp}` : 'Partition log'}>
      {body}
    </section>
  );
}

/** A log with no records: say what the first append will do instead of drawing stacked markers. */
function EmptyLog({ partition, log }: { partition: PartitionView; log: LogView }) {
  const active = log.segments.find((seg) => seg.isActive) ?? log.segments[log.segments.length - 1];
  return (
    <>
      <div className="kl-logstrip-head">
        <h3 className="kl-logstrip-title">{partition.tp}</h3>
        <p className="kl-logstrip-facts">{logFacts(partition, log)}</p>
      </div>
      <p className="kl-logstrip-hint kl-logstrip-hint--empty">
        Empty log: log start = HW = LEO = {log.logEndOffset}.
        {active ? ` Active segment ${active.fileName}.` : ''} The next record appended here gets offset {log.logEndOffset}.
      </p>
    </>
  );
}

const LogBody = memo(function LogBody({
  partition,
  log,
  positions,
  width,
}: {
  partition: PartitionView;
  log: LogView;
  positions: readonly ConsumerPosition[];
  width: number;
}) {
  const layout = useMemo(
    () => computeLogStripLayout({ widthPx: width, log, consumers: positions }),
    [width, log, positions],
  );
  const summary = logSummary(partition.tp, log, positions);
  const summaryId = `kl-logstrip-summary-${partition.tp}`;
  return (
    <>
      <div className="kl-logstrip-head">
        <h3 className="kl-logstrip-title">{partition.tp}</h3>
        <p className="kl-logstrip-facts">{logFacts(partition, log)}</p>
        <p id={summaryId} className="kl-sr-only">
          {summary}
        </p>
      </div>
      <svg
        className="kl-logstrip-svg"
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={`Log of ${partition.tp}`}
        aria-describedby={summaryId}
      >
        <defs>
          <pattern id="kl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="kl-hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="kl-hatch-line" />
          </pattern>
        </defs>
        <Condensed layout={layout} />
        <Segments layout={layout} />
        <Cells layout={layout} />
        {layout.markers.map((m) => (
          <Marker key={m.id} m={m} layout={layout} above />
        ))}
        <Batches layout={layout} />
        <IndexTicks layout={layout} />
        {layout.consumerMarkers.map((m) => (
          <Marker key={`c-${m.id}`} m={m} layout={layout} above={false} />
        ))}
      </svg>
      <ul className="kl-logstrip-legend" aria-label="Log legend">
        <li>
          <span className="kl-swatch kl-swatch--committed" aria-hidden="true" /> committed (below HW)
        </li>
        <li>
          <span className="kl-swatch kl-swatch--uncommitted" aria-hidden="true" /> not yet committed
        </li>
        <li>
          <span className="kl-swatch kl-swatch--batch" aria-hidden="true" /> record batch
        </li>
        <li>
          <span className="kl-swatch kl-swatch--index" aria-hidden="true" /> offset index entry
        </li>
        <li>
          <span className="kl-swatch kl-swatch--timeindex" aria-hidden="true" /> time index entry
        </li>
      </ul>
    </>
  );
});

/** "leader broker 0 · epoch 0 · replicas [0] · ISR [0] · 2 segments · 1.4 KB" (broker ids in brackets: lists, not counts). */
export function logFacts(partition: Pick<PartitionView, 'leader' | 'leaderEpoch' | 'replicas' | 'isr'>, log: Pick<LogView, 'segments' | 'sizeBytes'>): string {
  const n = log.segments.length;
  return [
    `leader broker ${partition.leader}`,
    `epoch ${partition.leaderEpoch}`,
    `replicas [${partition.replicas.join(', ')}]`,
    `ISR [${partition.isr.join(', ')}]`,
    `${n} segment${n === 1 ? '' : 's'}`,
    formatBytes(log.sizeBytes),
  ].join(' · ');
}

const tx = (x: number, y: number): React.CSSProperties => ({ transform: `translate(${x}px, ${y}px)` });

const Condensed = memo(function Condensed({ layout }: { layout: LogStripLayout }) {
  const c = layout.condensed;
  if (!c) return null;
  const { cellsY, cellsH } = layout.rows;
  return (
    <g className="kl-condensed">
      <title>{`offsets ${c.from}–${c.to} condensed to show the most recent offsets`}</title>
      <rect x={c.x} y={cellsY} width={c.width - 8} height={cellsH} rx={5} />
      <text x={c.x + (c.width - 8) / 2} y={cellsY + 15} textAnchor="middle">
        … {c.from}–{c.to}
      </text>
      <text x={c.x + (c.width - 8) / 2} y={cellsY + 30} textAnchor="middle" className="kl-condensed-sub">
        {c.to - c.from + 1} offsets
      </text>
    </g>
  );
});

const Segments = memo(function Segments({ layout }: { layout: LogStripLayout }) {
  const { segmentsY, segmentsH } = layout.rows;
  return (
    <g className="kl-segments">
      {layout.segments.map((s) => (
        <g key={s.fileName} className={`kl-segment${s.isActive ? ' kl-segment--active' : ''}`} style={tx(s.x, segmentsY)}>
          <title>{s.title}</title>
          <rect width={Math.max(2, s.width - 2)} height={segmentsH} rx={5} />
          {s.label && (
            <text x={8} y={segmentsH / 2 + 4.5}>
              {s.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
});

const Cells = memo(function Cells({ layout }: { layout: LogStripLayout }) {
  const { cellsY, cellsH } = layout.rows;
  const w = layout.cellW;
  return (
    <g className="kl-cells">
      {layout.cells.map((c) => (
        <Cell
          key={c.offset}
          offset={c.offset}
          x={c.x}
          y={cellsY}
          w={w}
          h={cellsH}
          committed={c.committed}
          parity={c.batch >= 0 ? layout.batches[c.batch]!.parity : 0}
          showLabel={c.showLabel}
        />
      ))}
      <g className="kl-cell kl-cell--ghost" style={tx(layout.ghost.x, cellsY)}>
        <title>{`offset ${layout.ghost.offset}: the next append goes here`}</title>
        <rect x={1} y={1} width={Math.max(1, w - 2)} height={cellsH - 2} rx={3} />
      </g>
    </g>
  );
});

/** One offset. Keyed by offset: a new one fades in, existing ones glide when the window moves. */
const Cell = memo(function Cell(props: {
  offset: number;
  x: number;
  y: number;
  w: number;
  h: number;
  committed: boolean;
  parity: 0 | 1;
  showLabel: boolean;
}) {
  const { offset, x, y, w, h, committed, parity, showLabel } = props;
  return (
    <g className={`kl-cell ${committed ? 'kl-cell--committed' : 'kl-cell--uncommitted'} kl-cell--p${parity}`} style={tx(x, y)}>
      <title>{`offset ${offset}${committed ? ', committed' : ', above the high watermark (not yet committed)'}`}</title>
      <rect className="kl-cell-box" x={1} y={1} width={Math.max(1, w - 2)} height={h - 2} rx={3} />
      {showLabel && (
        <text x={w / 2} y={h / 2 + 4.5} textAnchor="middle">
          {offset}
        </text>
      )}
    </g>
  );
});

const Batches = memo(function Batches({ layout }: { layout: LogStripLayout }) {
  const { badgesY, cellsY, cellsH } = layout.rows;
  return (
    <g className="kl-batches">
      {layout.batches.map((b) => (
        <g key={b.baseOffset} className="kl-batch" style={tx(b.x, 0)}>
          <title>{b.title}</title>
          <rect className="kl-batch-outline" x={0} y={cellsY - 1} width={Math.max(2, b.width)} height={cellsH + 2} rx={5} />
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

const IndexTicks = memo(function IndexTicks({ layout }: { layout: LogStripLayout }) {
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

function Marker({ m, layout, above }: { m: MarkerGeom; layout: LogStripLayout; above: boolean }) {
  const r = layout.rows;
  const labelY = above ? r.labelsY + (r.topLanes - 1 - m.lane) * r.laneH : r.consumersY + m.lane * r.laneH;
  const lineTop = above ? labelY + r.laneH - 3 : r.cellsY + r.cellsH + 2;
  const lineBottom = above ? r.cellsY : labelY;
  return (
    <g className={`kl-marker kl-marker--${m.kind}`} style={tx(m.x, 0)}>
      <line x1={0} x2={0} y1={lineTop} y2={lineBottom} />
      {!above && <path className="kl-marker-arrow" d={`M0,${lineTop} l-5,8 l10,0 z`} />}
      {above && <path className="kl-marker-arrow" d={`M0,${lineBottom} l-5,-8 l10,0 z`} />}
      <g transform={`translate(${m.labelLeft - m.x},${labelY})`}>
        <rect className="kl-marker-label-bg" width={m.labelWidth} height={r.laneH - 3} rx={4} />
        <text x={m.labelWidth / 2} y={r.laneH - 8} textAnchor="middle">
          {m.label}
        </text>
      </g>
    </g>
  );
}
