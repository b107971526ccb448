/** Each member's unread records over the last minute of simulated time, one line per member in its colour. */
import { memo, useCallback } from 'react';
import { scaleLinear } from 'd3-scale';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useConsumerInfo } from './consumerInfo';
import { lagHistoryFor, WINDOW_MS, type LagHistory } from './lagHistory';
import { memberColour } from './memberColours';

const W = 300;
const H = 64;

/** Samples the group's lag and returns a key that changes only when a sample was added. */
function selectLagKey(groupId: string) {
  return (s: LabStoreState): string => {
    const snapshot = s.snapshot;
    const group = snapshot?.groups.find((g) => g.groupId === groupId);
    if (!snapshot || !group) return '';
    const history = lagHistoryFor(snapshot.eventLog, groupId);
    history.sample(group, snapshot.nowMs);
    const last = history.samples[history.samples.length - 1];
    return `${history.samples.length}@${last?.timeMs ?? 0}`;
  };
}

function linePath(history: LagHistory, id: string, x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  for (const s of history.samples) {
    const v = s.lags[id];
    if (v === undefined) continue;
    d += `${d === '' ? 'M' : 'L'}${x(s.timeMs).toFixed(1)},${y(v).toFixed(1)}`;
  }
  return d;
}

export const LagChart = memo(function LagChart({ groupId }: { groupId: string }) {
  const key = useLabStore(useCallback((s: LabStoreState) => selectLagKey(groupId)(s), [groupId]));
  const consumers = useConsumerInfo();
  const log = useLabStore((s) => s.snapshot?.eventLog);
  if (key === '' || !log) return null;
  const history = lagHistoryFor(log, groupId);
  const last = history.samples[history.samples.length - 1];
  if (!last || history.samples.length < 2) return null;
  const members = history.members();
  let most = 5;
  for (const s of history.samples) for (const v of Object.values(s.lags)) most = Math.max(most, v);
  const x = scaleLinear().domain([last.timeMs - WINDOW_MS, last.timeMs]).range([0, W]);
  const y = scaleLinear().domain([0, most]).range([H - 2, 2]);
  const now = members.map((id) => `${id} ${last.lags[id] ?? '—'}`).join(', ');
  return (
    <figure className="group-lag">
      <figcaption>
        Unread records per member, last {WINDOW_MS / 1000} s <span className="muted">(top of the chart: {most})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Lag over the last minute; now: ${now}`}>
        <line x1={0} x2={W} y1={H - 2} y2={H - 2} className="group-lag-axis" />
        {members.map((id) => (
          <path key={id} d={linePath(history, id, x, y)} stroke={memberColour(consumers.find((c) => c.id === id)?.colour ?? 0)} className="group-lag-line" />
        ))}
      </svg>
    </figure>
  );
});
