/**
 * The Groups tab under the cluster view: each consumer group with its coordinator, its state
 * machine (current state lit), generation, leader, who owns which partition, lag and the
 * committed offsets; one click adds a member, crashes or closes one.
 */
import { useCallback, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LabCommand } from '../../engine/lab/commands';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { GroupHeader } from './GroupHeader';
import { GroupStateMachine } from './GroupStateMachine';
import { GroupTimelineList } from './GroupTimelineList';
import { InternalTopicsToggle } from './InternalTopicsToggle';
import { LagChart } from './LagChart';
import { CommittedTable, MembersTable } from './GroupTables';
import { selectGroups } from './memberColours';
import { SinkSection } from './SinkSection';
import { StartGroup } from './StartGroup';
import { useRunCommands } from './useRunCommands';
import './groups.css';

const selectGroupIds = (s: LabStoreState): string[] => selectGroups(s).map((g) => g.groupId);

export default function GroupsPanel() {
  const ids = useLabStore(useShallow(selectGroupIds));
  const [chosen, setChosen] = useState<string | null>(null);
  const pickerId = useId();
  const id = chosen !== null && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  return (
    <div className="groups-panel">
      {ids.length > 1 && (
        <div className="form-actions">
          <label htmlFor={pickerId} className="inline-label">
            Group
          </label>
          <select id={pickerId} value={id ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {ids.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </div>
      )}
      {id === null ? <StartGroup /> : <GroupDetails groupId={id} />}
      {id !== null && (
        <details className="group-another">
          <summary>Start another group</summary>
          <p className="hint">Another group on the same topic gets every record too: each group keeps its own committed offsets.</p>
          <StartGroup taken={ids} />
        </details>
      )}
    </div>
  );
}

function GroupDetails({ groupId }: { groupId: string }) {
  const group = useLabStore(useCallback((s: LabStoreState) => selectGroups(s).find((g) => g.groupId === groupId) ?? null, [groupId]));
  const run = useRunCommands();
  const [error, setError] = useState<string | null>(null);
  const act = useCallback(
    (command: LabCommand) => {
      setError(null);
      void run([command]).then(setError);
    },
    [run],
  );
  const onCrash = useCallback((consumer: string) => act({ type: 'crash-consumer', consumer }), [act]);
  const onClose = useCallback((consumer: string) => act({ type: 'close', consumer }), [act]);
  if (!group) return null;
  return (
    <section className="group-details" aria-label={`Consumer group ${groupId}`}>
      <GroupHeader group={group} onError={setError} />
      <GroupStateMachine state={group.state} generation={group.generation} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="group-tables">
        <MembersTable group={group} onCrash={onCrash} onClose={onClose} />
        <CommittedTable group={group} />
      </div>
      <SinkSection groupId={groupId} />
      <LagChart groupId={groupId} />
      <GroupTimelineList groupId={groupId} />
      <InternalTopicsToggle />
    </section>
  );
}
