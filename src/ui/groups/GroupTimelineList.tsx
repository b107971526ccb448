/** The group's latest coordinator events, newest first, each a way into the event log. */
import { memo, useCallback } from 'react';
import { formatSeconds } from '../../runtime/framePacing';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useUiStore } from '../uiStore';
import { timelineFor, type TimelineEntry } from './groupTimeline';

const SHOWN = 6;

/** The shown entries as one string (seq, time, text), so the list renders only when they change. */
function selectTimelineKey(groupId: string) {
  return (s: LabStoreState): string => {
    const snapshot = s.snapshot;
    if (!snapshot) return '';
    const timeline = timelineFor(snapshot.eventLog);
    timeline.update(snapshot.eventLog, snapshot.eventCount);
    return JSON.stringify(timeline.latest(groupId, SHOWN));
  };
}

export const GroupTimelineList = memo(function GroupTimelineList({ groupId }: { groupId: string }) {
  const key = useLabStore(useCallback((s: LabStoreState) => selectTimelineKey(groupId)(s), [groupId]));
  const jump = useUiStore((s) => s.jumpToEvent);
  const entries = key === '' ? [] : (JSON.parse(key) as TimelineEntry[]);
  if (entries.length === 0) return null;
  return (
    <section className="group-timeline" aria-label={`What the coordinator of ${groupId} did, newest first`}>
      <h4>What the coordinator did (newest first)</h4>
      <ol>
        {entries.map((e) => (
          <li key={e.seq}>
            <button type="button" className="link group-timeline-time" onClick={() => jump(e.seq)} title="Show in the event log">
              {formatSeconds(e.timeMs)}
            </button>{' '}
            {e.text}
          </li>
        ))}
      </ol>
    </section>
  );
});
