/** No group yet: name one, pick a topic, and add its first member (more with "+ Add member"). */
import { useId, useState } from 'react';
import { useLabStore } from '../../runtime/store';
import { useTopicNames } from '../hooks';
import { addMemberCommands } from './groupActions';
import { useRunCommands } from './useRunCommands';

/** "g1", or the first "gN" no group uses yet. */
export function nextGroupId(taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`g${n}`)) n++;
  return `g${n}`;
}

export function StartGroup({ taken = [] }: { taken?: readonly string[] }) {
  const topics = useTopicNames();
  const run = useRunCommands();
  const [groupId, setGroupId] = useState(() => nextGroupId(taken));
  const [topic, setTopic] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const groupField = useId();
  const topicField = useId();
  const chosen = topic !== null && topics.includes(topic) ? topic : (topics[0] ?? '');
  const start = (): void => {
    const snapshot = useLabStore.getState().snapshot;
    if (!snapshot) return;
    if (groupId.trim() === '') return setError('A group needs a group.id.');
    setError(null);
    void run(addMemberCommands(snapshot.kafkaVersion, snapshot.consumers, groupId.trim(), chosen ? [chosen] : []), true).then(setError);
  };
  return (
    <div className="group-start">
      {taken.length === 0 && (
        <p className="hint">
          No consumer group yet. Consumers that share a <span className="mono">group.id</span> split a topic&apos;s partitions between them: each partition is read by
        one member. Add members one by one and watch the group rebalance.
        </p>
      )}
      <div className="form-actions">
        <label htmlFor={groupField} className="inline-label">
          group.id
        </label>
        <input id={groupField} className="narrow-text" value={groupId} onChange={(e) => setGroupId(e.target.value)} />
        <label htmlFor={topicField} className="inline-label">
          topic
        </label>
        <select id={topicField} value={chosen} onChange={(e) => setTopic(e.target.value)} disabled={topics.length === 0}>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <button type="button" className="btn btn-small btn-accent" onClick={start} disabled={chosen === ''}>
          + Add member
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
