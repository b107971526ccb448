/**
 * The partition log strip's legend: the keys in view, what the cell looks and marks mean, the
 * leader epochs colouring batches and replica bars, and the replica rows' HW marks.
 */
import { useRef } from 'react';
import { useEscapeCloses } from './useEscapeCloses';
import { epochColour } from './geometry/epochColours';
import type { LogStripLayout } from './geometry/logStripLayout';

/**
 * Short windows (720p) fold the legend into a "Legend" disclosure in the strip's head when
 * replica rows take the height it had (same breakpoint as the app's tabbed bottom panel).
 */
export const FOLD_LEGEND_QUERY = '(max-height: 899px)';

/** The legend behind a disclosure; Escape closes it and returns focus to its toggle. */
export function FoldedLegend({ layout }: { layout: LogStripLayout }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEscapeCloses(ref);
  return (
    <details ref={ref} className="kl-logstrip-legend-fold">
      <summary>Legend</summary>
      <div className="kl-logstrip-legend-pop">
        <StripLegend layout={layout} />
      </div>
    </details>
  );
}

/** What the colours and marks mean, with the keys in view (colour, readable label, full text as name). */
export function StripLegend({ layout }: { layout: LogStripLayout }) {
  const keys = layout.keys;
  const shownKeys = keys.slice(0, MAX_LEGEND_KEYS);
  return (
    <div className="kl-logstrip-legends">
      {keys.length > 0 && (
        <ul className="kl-logstrip-legend kl-logstrip-keys" aria-label="Keys in view (colour per key)">
          <li className="kl-logstrip-keys-title" aria-hidden="true">
            keys:
          </li>
          {shownKeys.map((k) => (
            <li key={k.key ?? '\u0000null'} title={k.name} aria-label={`${k.name}: ${k.records} record${k.records === 1 ? '' : 's'} in view`}>
              <span
                className={`kl-key-swatch${k.colour ? '' : ' kl-key-swatch--none'}`}
                style={k.colour ? { background: k.colour.fill, borderTopColor: k.colour.band } : undefined}
                aria-hidden="true"
              />
              <span className="kl-key-label">{k.label}</span>
            </li>
          ))}
          {keys.length > shownKeys.length && <li>+{keys.length - shownKeys.length} more</li>}
        </ul>
      )}
      <ul className="kl-logstrip-legend" aria-label="Log legend">
        {keys.length === 0 && (
          <li>
            <span className="kl-swatch kl-swatch--committed" aria-hidden="true" /> committed (below HW)
          </li>
        )}
        <li>
          <span className="kl-swatch kl-swatch--uncommitted" aria-hidden="true" /> not yet committed
        </li>
        <li>
          <span className="kl-swatch kl-swatch--batch" aria-hidden="true" /> batch
        </li>
        <EpochLegend epochs={layout.epochs} replicas={layout.replicaBlock !== null} />
        <li>
          <span className="kl-swatch kl-swatch--index" aria-hidden="true" /> index entry
        </li>
        <li>
          <span className="kl-swatch kl-swatch--timeindex" aria-hidden="true" /> time index entry
        </li>
      </ul>
    </div>
  );
}

const MAX_LEGEND_KEYS = 8;

/**
 * Leader epochs in view (shown once there is more than one, or replica rows to explain) and
 * the replica rows' marks.
 */
function EpochLegend({ epochs, replicas }: { epochs: readonly number[]; replicas: boolean }) {
  const shown = epochs.filter((e) => e >= 0);
  return (
    <>
      {(replicas || shown.length > 1) && shown.length > 0 && (
        <li aria-label={`Leader epochs in view: ${shown.join(', ')} (batch outline and replica bar colours)`}>
          <span aria-hidden="true">leader epoch</span>
          {shown.map((e) => (
            <span key={e} className="kl-epoch-chip" aria-hidden="true">
              <span className="kl-swatch kl-swatch--epoch" style={{ background: epochColour(e).strong }} />
              {e}
            </span>
          ))}
        </li>
      )}
      {replicas && (
        <>
          <li>
            <span className="kl-swatch kl-swatch--replica-hw" aria-hidden="true" /> replica's own HW
          </li>
          <li>
            <span className="kl-swatch kl-swatch--leader-hw" aria-hidden="true" /> leader's HW (smallest LEO in the ISR)
          </li>
        </>
      )}
    </>
  );
}
