/**
 * The Consumer tab's group mode: join a group (group.id), subscribe to topics, commit now
 * (commitSync / commitAsync), slow the application down (processing time per record), crash
 * it (no LeaveGroup) or close it (LeaveGroup), and add another member to its group.
 */
import { useCallback, useId, useState } from 'react';
import type { ConsumerGroupInfo } from '../../engine/snapshot';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useRuntime } from '../RuntimeContext';
import { errorLine } from '../errors';
import { useTopicNames } from '../hooks';
import { CommitControl, EndControls, GroupSettings, ProcessingTime } from './ConsumerGroupActions';
import { useRunCommands } from './useRunCommands';
import './groups.css';

type Message = { ok: boolean; text: string } | null;

const selectGroupKey = (id: string) => (s: LabStoreState): string => {
  const c = s.snapshot?.consumers.find((x) => x.id === id);
  const g = c?.group;
  return g ? JSON.stringify([g.groupId, g.memberId, g.generation, g.memberState, g.subscription, g.coordinator, c.ended ?? null, c.perRecordMs ?? 0]) : JSON.stringify([null, c?.ended ?? null]);
};

interface GroupState {
  readonly group: ConsumerGroupInfo | null;
  readonly ended: 'closed' | 'crashed' | null;
  readonly perRecordMs: number;
}

function useGroupState(consumerId: string): GroupState {
  const key = useLabStore(useCallback((s: LabStoreState) => selectGroupKey(consumerId)(s), [consumerId]));
  const parsed = JSON.parse(key) as unknown[];
  if (parsed[0] === null) return { group: null, ended: (parsed[1] as GroupState['ended']) ?? null, perRecordMs: 0 };
  const [groupId, memberId, generation, memberState, subscription, coordinator, ended, perRecordMs] = parsed as [string, string, number, string, string[], number | null, GroupState['ended'], number];
  return { group: { groupId, memberId, generation, memberState, subscription, coordinator }, ended, perRecordMs };
}

export function ConsumerGroupCard({ consumerId }: { consumerId: string }) {
  const { group, ended, perRecordMs } = useGroupState(consumerId);
  const [message, setMessage] = useState<Message>(null);
  return (
    <section className="card consumer-group-card" aria-label="Consumer group">
      <h3>Consumer group</h3>
      {group === null ? (
        <JoinGroup consumerId={consumerId} onMessage={setMessage} />
      ) : (
        <>
          <MemberLine group={group} ended={ended} />
          {ended === null && (
            <>
              <SubscribeControl consumerId={consumerId} subscription={group.subscription} onMessage={setMessage} />
              <CommitControl consumerId={consumerId} onMessage={setMessage} />
              <ProcessingTime consumerId={consumerId} current={perRecordMs} onMessage={setMessage} />
            </>
          )}
          <EndControls consumerId={consumerId} groupId={group.groupId} running={ended === null} onMessage={setMessage} />
        </>
      )}
      {message && (
        <p className={message.ok ? 'ok-text' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
      {ended === null && <GroupSettings consumerId={consumerId} />}
    </section>
  );
}

function MemberLine({ group, ended }: { group: ConsumerGroupInfo; ended: GroupState['ended'] }) {
  const memberId = group.memberId === '' ? 'none yet' : group.memberId;
  return (
    <p className="hint consumer-group-line">
      {ended ? (
        <strong className="warn-text">{ended === 'crashed' ? 'Crashed: no commit, no LeaveGroup. The group finds out when its session times out.' : 'Closed: it committed and left the group (LeaveGroup).'}</strong>
      ) : (
        <>
          Member of <span className="mono">{group.groupId}</span> · generation <span className="mono">{group.generation < 0 ? '—' : group.generation}</span> ·{' '}
          <span className="mono">{group.memberState}</span>
          {group.coordinator !== null && <> · coordinator broker {group.coordinator}</>}
          <br />
          member id <span className="mono clip" title={memberId}>{memberId}</span>
        </>
      )}
    </p>
  );
}

function JoinGroup({ consumerId, onMessage }: { consumerId: string; onMessage(m: Message): void }) {
  const runtime = useRuntime();
  const [groupId, setGroupId] = useState('g1');
  const id = useId();
  const join = (): void => {
    onMessage(null);
    runtime.apply({ type: 'reconfigure-consumer', id: consumerId, set: { 'group.id': groupId.trim() }, remove: [] }).then(
      () => onMessage({ ok: true, text: `group.id=${groupId.trim()}: now subscribe it to topics (a consumer either subscribes or is assigned partitions by hand, not both).` }),
      (e: unknown) => onMessage({ ok: false, text: errorLine(e) }),
    );
  };
  return (
    <div className="form-actions">
      <span className="hint">Not in a group.</span>
      <label htmlFor={id} className="inline-label">
        group.id
      </label>
      <input id={id} className="narrow-text" value={groupId} onChange={(e) => setGroupId(e.target.value)} />
      <button type="button" className="btn btn-small" onClick={join} disabled={groupId.trim() === ''}>
        Join group
      </button>
    </div>
  );
}

function SubscribeControl({ consumerId, subscription, onMessage }: { consumerId: string; subscription: readonly string[]; onMessage(m: Message): void }) {
  const topics = useTopicNames();
  const run = useRunCommands();
  const [draft, setDraft] = useState<readonly string[] | null>(null);
  const chosen = draft ?? subscription;
  const toggle = (t: string, on: boolean): void => setDraft(on ? [...chosen, t] : chosen.filter((x) => x !== t));
  const subscribe = (): void => {
    onMessage(null);
    void run([{ type: 'subscribe', consumer: consumerId, topics: [...chosen] }]).then((error) => {
      setDraft(null);
      onMessage(error ? { ok: false, text: error } : { ok: true, text: chosen.length > 0 ? `subscribe(${chosen.join(', ')}): it rejoins the group; the leader's assignor hands out the partitions.` : 'Unsubscribed: it leaves the group.' });
    });
  };
  const changed = chosen.length !== subscription.length || chosen.some((t) => !subscription.includes(t));
  return (
    <fieldset className="tp-group">
      <legend>Subscribed topics</legend>
      <div className="tp-checkboxes">
        {topics.map((t) => (
          <label key={t} className="checkbox">
            <input type="checkbox" checked={chosen.includes(t)} onChange={(e) => toggle(t, e.target.checked)} />
            <span className="mono">{t}</span>
          </label>
        ))}
        <button type="button" className="btn btn-small btn-accent" onClick={subscribe} disabled={!changed}>
          Subscribe
        </button>
      </div>
    </fieldset>
  );
}
