import { memo, useRef } from 'react';
import { useEscapeCloses } from './useEscapeCloses';
import type { CSSProperties } from 'react';
import { FAMILY_STYLES, LEGEND_FAMILIES, DROPPED_FILL, type ApiFamily } from './geometry/messageStyle';

/** A family's legend pill: its colour, and the outline and squarer corners a replica fetch has. */
function pillStyle(f: ApiFamily): CSSProperties {
  const style = FAMILY_STYLES[f];
  return {
    background: style.fill,
    ...(style.requestStroke ? { boxShadow: `inset 0 0 0 1.5px ${style.requestStroke}` } : {}),
    ...(style.roundness !== undefined ? { borderRadius: `${Math.round(10 * style.roundness)}px` } : {}),
  };
}

/** Below this cluster width the legend folds into a "Legend" disclosure in the corner (its one row measures ~1,370 px). */
export const LEGEND_ROW_MIN_W_PX = 1380;
/** Height the one-row legend takes from the bottom of the cluster view. */
export const LEGEND_ROW_H_PX = 30;

export interface ClusterLegendProps {
  /** One row along the bottom (wide views) or a disclosure in the bottom-left corner. */
  readonly mode: 'row' | 'disclosure';
  /** "80–100 ms" one-way link latency, shown so the pace of the dots is not a mystery. */
  readonly linkLatency?: string | null;
}

/** What the colours mean: API families, request vs response, dropped; tile roles. */
export const ClusterLegend = memo(function ClusterLegend({ mode, linkLatency = null }: ClusterLegendProps) {
  if (mode === 'row') {
    return (
      <div className="kl-legend kl-legend--row kl-legend--tight">
        <LegendItems />
        {linkLatency && <p className="kl-legend-net">{linkLatency} per hop</p>}
      </div>
    );
  }
  return <LegendDisclosure linkLatency={linkLatency} />;
});

function LegendDisclosure({ linkLatency }: { linkLatency: string | null }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEscapeCloses(ref);
  return (
    <details ref={ref} className="kl-legend kl-legend--disclosure">
      <summary>
        <span className="kl-legend-dots" aria-hidden="true">
          {LEGEND_FAMILIES.slice(0, 3).map((f) => (
            <span key={f} className="kl-legend-pill" style={{ background: FAMILY_STYLES[f].fill }} />
          ))}
        </span>
        Legend
      </summary>
      <div className="kl-legend-pop">
        <LegendItems />
        {linkLatency && <p className="kl-legend-net">Simulated network: {linkLatency} per hop, one way.</p>}
      </div>
    </details>
  );
}

function LegendItems() {
  return (
    <>
      <ul className="kl-legend-group" aria-label="Message colours">
        {LEGEND_FAMILIES.map((f) => (
          <li key={f}>
            <span className="kl-legend-pill" style={pillStyle(f)} aria-hidden="true" />
            {FAMILY_STYLES[f].label}
          </li>
        ))}
      </ul>
      <ul className="kl-legend-group" aria-label="Message kinds">
        <li>
          <span className="kl-legend-pill" style={{ background: '#555' }} aria-hidden="true" />
          request
        </li>
        <li>
          <span className="kl-legend-pill kl-legend-pill--response" aria-hidden="true" />
          response
        </li>
        <li>
          <span className="kl-legend-dropped" style={{ background: DROPPED_FILL }} aria-hidden="true">
            ✕
          </span>
          dropped
        </li>
      </ul>
      <ul className="kl-legend-group" aria-label="Partition replicas">
        <li>
          <span className="kl-legend-tile kl-legend-tile--leader" aria-hidden="true">
            ♛
          </span>
          leader
        </li>
        <li>
          <span className="kl-legend-tile" aria-hidden="true" />
          follower
        </li>
        <li>
          <span className="kl-legend-tile kl-legend-tile--oos" aria-hidden="true" />
          out of ISR
        </li>
      </ul>
    </>
  );
}
