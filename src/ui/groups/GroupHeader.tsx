/** One line about the group: coordinator (and its offsets partition), generation, leader, assignor; "Add member". */
import { memo, useState } from 'react';
import { groupCoordinatorPartition } from '../../engine/groups/coordinatorPartition';
import type { GroupSnapshotView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { selectKafkaVersion, selectSelectTp, selectTopics, userTopics } from '../selectors';
import { addMemberCommands } from './groupActions';
import { useRunCommands } from './useRunCommands';

export const GroupHeader = memo(function GroupHeader({ group, onError }: { group: GroupSnapshotView; onError(text: string | null): void }) {
  const selectTp = useLabStore(selectSelectTp);
  const offsetsTp = `__consumer_offsets-${groupCoordinatorPartition(group.groupId)}`;
  return (
    <div className="group-header">
      <h3 className="group-title">
        Group <span className="mono">{group.groupId}</span>
      </h3>
      <AddMemberButton groupId={group.groupId} onError={onError} />
      <dl className="group-facts">
        <div>
          <dt>coordinator</dt>
          <dd>
            {group.coordinator < 0 ? (
              'none running'
            ) : (
              <>
                broker {group.coordinator}{' '}
                <button type="button" className="link mono small" onClick={() => selectTp(offsetsTp)} title="The coordinator leads this partition of __consumer_offsets, where the group's commits are written. Show its log.">
                  ({offsetsTp})
                </button>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>generation</dt>
          <dd className="mono">{group.generation < 0 ? '—' : group.generation}</dd>
        </div>
        <div>
          <dt>leader member</dt>
          <dd className="mono">{group.leaderClientId ?? '—'}</dd>
        </div>
        <div>
          <dt>assignor</dt>
          <dd className="mono">{group.protocol ?? '—'}</dd>
        </div>
      </dl>
    </div>
  );
});

function AddMemberButton({ groupId, onError }: { groupId: string; onError(text: string | null): void }) {
  const run = useRunCommands();
  const version = useLabStore(selectKafkaVersion);
  const firstTopic = useLabStore((s) => userTopics(selectTopics(s))[0]?.name ?? null);
  const [busy, setBusy] = useState(false);
  const add = (): void => {
    const snapshot = useLabStore.getState().snapshot;
    if (!snapshot || version === null) return;
    setBusy(true);
    onError(null);
    const commands = addMemberCommands(snapshot.kafkaVersion, snapshot.consumers, groupId, firstTopic ? [firstTopic] : []);
    void run(commands, true).then((error) => {
      setBusy(false);
      onError(error);
    });
  };
  return (
    <button type="button" className="btn btn-small btn-accent" onClick={add} disabled={busy} title="A new consumer in this group, subscribed to the group's topics and polling">
      + Add member
    </button>
  );
}
