import { useEffect } from 'react';
import { formatSeconds } from '../runtime/framePacing';
import { useLabStore } from '../runtime/store';
import { selectPlaying } from './selectors';
import { useUiStore } from './uiStore';

/**
 * After Step: which task ran and what it did, in the quick-start bar (two lines, so nothing
 * moves); every event of the step is also highlighted in the event log and the cluster view.
 */
export function StepReportLine() {
  const report = useUiStore((s) => s.stepReport);
  const clear = useUiStore((s) => s.setStepReport);
  const playing = useLabStore(selectPlaying);
  useEffect(() => {
    if (playing) clear(null);
  }, [playing, clear]);
  if (!report) return null;
  const n = report.events.length;
  const first = report.events[0];
  return (
    <div className="step-report" role="status" aria-label="Last step" data-testid="step-report">
      <p className="step-report-text">
        <strong>Step ran</strong> <code>{report.label}</code> <span className="muted">at t={formatSeconds(report.timeMs)}</span>
        <br />
        {first ? (
          <span title={report.events.map((e) => `${e.actor}: ${e.text}`).join('\n')}>
            <span className="muted">{first.actor}:</span> {first.text}
            {n > 1 && <span className="muted"> (+{n - 1} more, highlighted in the event log)</span>}
          </span>
        ) : (
          <span className="muted">It emitted no event (a timer that found nothing to do).</span>
        )}
      </p>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => clear(null)} aria-label="Hide this report">
        ✕
      </button>
    </div>
  );
}

/** Whether a step report is showing (the quick-start hint gives way to it). */
export const useHasStepReport = (): boolean => useUiStore((s) => s.stepReport !== null);
