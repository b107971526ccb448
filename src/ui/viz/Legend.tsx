import { memo } from 'react';
import { FAMILY_STYLES, LEGEND_FAMILIES, DROPPED_FILL } from './geometry/messageStyle';

/** What the colours mean: API families, request vs response, dropped; tile roles. */
export const ClusterLegend = memo(function ClusterLegend() {
  return (
    <ul className="kl-legend" aria-label="Legend">
      {LEGEND_FAMILIES.map((f) => (
        <li key={f}>
          <span className="kl-legend-pill" style={{ background: FAMILY_STYLES[f].fill }} aria-hidden="true" />
          {FAMILY_STYLES[f].label}
        </li>
      ))}
      <li className="kl-legend-sep">
        <span className="kl-legend-pill" style={{ background: '#555' }} aria-hidden="true" /> request
      </li>
      <li>
        <span className="kl-legend-pill kl-legend-pill--response" aria-hidden="true" /> response
      </li>
      <li>
        <span className="kl-legend-dropped" style={{ background: DROPPED_FILL }} aria-hidden="true">
          ✕
        </span>
        dropped
      </li>
      <li className="kl-legend-sep">
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
  );
});
