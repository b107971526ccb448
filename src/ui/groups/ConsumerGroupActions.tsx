/** The group card's action rows: commit now, processing time per record, crash / close / add a member, group settings. */
import { useId, useState } from 'react';
import { useLabStore } from '../../runtime/store';
import { ConfigEditor } from '../ConfigEditor';
import { useRuntime } from '../RuntimeContext';
import { selectTopics, userTopics } from '../selectors';
import { addMemberCommands, parsePerRecordMs } from './groupActions';
import { useRunCommands } from './useRunCommands';

type Message = { ok: boolean; text: string } | null;

export const GROUP_SETTINGS = ['group.id', 'group.instance.id', 'session.timeout.ms', 'heartbeat.interval.ms', 'max.poll.interval.ms', 'enable.auto.commit', 'auto.commit.interval.ms'] as const;

export function CommitControl({ consumerId, onMessage }: { consumerId: string; onMessage(m: Message): void }) {
  const run = useRunCommands();
  const commit = (mode: 'sync' | 'async'): void => {
    onMessage(null);
    // commitSync resolves only when the coordinator answers, so time must run for it.
    void run([{ type: 'commit', consumer: consumerId, mode }], mode === 'sync').then((error) =>
      onMessage(error ? { ok: false, text: error } : { ok: true, text: mode === 'sync' ? 'commitSync: the coordinator stored the offsets.' : 'commitAsync sent: the callback reports any failure in the event log.' }),
    );
  };
  return (
    <div className="form-actions">
      <span className="inline-label">Commit now</span>
      <button type="button" className="btn btn-small" onClick={() => commit('sync')} title="commitSync(): waits for the coordinator's answer">
        commitSync
      </button>
      <button type="button" className="btn btn-small" onClick={() => commit('async')} title="commitAsync(): sends and carries on">
        commitAsync
      </button>
    </div>
  );
}

export function ProcessingTime({ consumerId, current, onMessage }: { consumerId: string; current: number; onMessage(m: Message): void }) {
  const run = useRunCommands();
  const [text, setText] = useState<string | null>(null);
  const id = useId();
  const value = text ?? String(current);
  const apply = (): void => {
    const perRecordMs = parsePerRecordMs(value);
    if (typeof perRecordMs === 'string') return onMessage({ ok: false, text: perRecordMs });
    void run([{ type: 'slow-consumer', consumer: consumerId, perRecordMs }]).then((error) => {
      setText(null);
      onMessage(error ? { ok: false, text: error } : { ok: true, text: perRecordMs > 0 ? `Each polled record now takes ${perRecordMs} ms to process. A batch that takes longer than max.poll.interval.ms gets the member thrown out of the group.` : 'Records are processed instantly again.' });
    });
  };
  return (
    <div className="form-actions">
      <label htmlFor={id} className="inline-label">
        Processing time per record
      </label>
      <input id={id} className="narrow" type="number" min={0} step={1} value={value} onChange={(e) => setText(e.target.value)} />
      <span className="inline-label" aria-hidden="true">
        ms
      </span>
      <button type="button" className="btn btn-small" onClick={apply} disabled={text === null || text === String(current)}>
        Set
      </button>
    </div>
  );
}

export function EndControls({ consumerId, groupId, running, onMessage }: { consumerId: string; groupId: string; running: boolean; onMessage(m: Message): void }) {
  const run = useRunCommands();
  const firstTopic = useLabStore((s) => userTopics(selectTopics(s))[0]?.name ?? null);
  const act = (type: 'crash-consumer' | 'close'): void => {
    onMessage(null);
    void run([{ type, consumer: consumerId }]).then((error) => error && onMessage({ ok: false, text: error }));
  };
  const add = (): void => {
    const snapshot = useLabStore.getState().snapshot;
    if (!snapshot) return;
    onMessage(null);
    const commands = addMemberCommands(snapshot.kafkaVersion, snapshot.consumers, groupId, firstTopic ? [firstTopic] : []);
    void run(commands, true).then((error) => onMessage(error ? { ok: false, text: error } : { ok: true, text: `${commands[0]!.type === 'consumer' ? commands[0]!.id : 'A consumer'} joins ${groupId}: watch the rebalance in the Groups tab.` }));
  };
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-small btn-accent" onClick={add}>
        + Add member to {groupId}
      </button>
      {running && (
        <>
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => act('crash-consumer')} title="The process dies: no commit, no LeaveGroup; the group notices when the session times out">
            Crash
          </button>
          <button type="button" className="btn btn-small" onClick={() => act('close')} title="close(): commits, sends LeaveGroup; the group rebalances at once">
            Close
          </button>
        </>
      )}
    </div>
  );
}

export function GroupSettings({ consumerId }: { consumerId: string }) {
  const runtime = useRuntime();
  const config = useLabStore((s) => s.snapshot?.consumers.find((c) => c.id === consumerId)?.config);
  if (!config) return null;
  return (
    <ConfigEditor
      scope="consumer"
      legend="Group settings"
      keys={GROUP_SETTINGS}
      values={config}
      onApply={(changes) => runtime.apply({ type: 'reconfigure-consumer', id: consumerId, set: changes, remove: [] })}
    />
  );
}
