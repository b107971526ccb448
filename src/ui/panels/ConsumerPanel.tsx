import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SeekResult, SeekTarget } from '../../engine/lab/commands';
import type { TopicPartition } from '../../engine/lab/types';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { formatSeconds } from '../../runtime/framePacing';
import { ConfigEditor } from '../ConfigEditor';
import { ConsumerGroupCard } from '../groups/ConsumerGroupCard';
import { errorLine } from '../errors';
import { useConsumerView, useIds } from '../hooks';
import { useRuntime } from '../RuntimeContext';
import { selectPlaying, selectSelectTp, selectTopics, userTopics } from '../selectors';

export const CONSUMER_SETTINGS = ['auto.offset.reset', 'max.poll.records', 'fetch.min.bytes', 'fetch.max.wait.ms'] as const;

/** "orders-3" → {topic: "orders", partition: 3} (topic names may contain dashes). */
export function parseTp(tp: string): TopicPartition {
  const i = tp.lastIndexOf('-');
  return { topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)) };
}

export function ConsumerPanel() {
  const ids = useIds('consumers');
  const [chosen, setChosen] = useState<string | null>(null);
  const id = chosen !== null && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  const pickerId = useId();
  if (id === null) return <p className="empty">No consumer yet.</p>;
  return (
    <div className="panel-body">
      {ids.length > 1 && (
        <label className="field" htmlFor={pickerId}>
          <span>Consumer</span>
          <select id={pickerId} value={id} onChange={(e) => setChosen(e.target.value)}>
            {ids.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <PollControls consumerId={id} />
      <ConsumerGroupCard consumerId={id} />
      <Positions consumerId={id} />
      <RecentRecords consumerId={id} />
      <AssignmentOrGroup consumerId={id} />
      <SeekControls consumerId={id} />
      <ConsumerSettings consumerId={id} />
    </div>
  );
}

const selectTopicPartitions = (s: LabStoreState): string[] =>
  userTopics(selectTopics(s)).flatMap((t) => [`#${t.name}`, ...t.partitions.map((p) => p.tp)]);

const selectSubscribed = (id: string) => (s: LabStoreState): boolean => (s.snapshot?.consumers.find((c) => c.id === id)?.group?.subscription.length ?? 0) > 0;

/** A subscribed consumer's partitions come from its group: manual assign() is refused then, so say so instead. */
function AssignmentOrGroup({ consumerId }: { consumerId: string }) {
  const subscribed = useLabStore(selectSubscribed(consumerId));
  if (!subscribed) return <Assignment consumerId={consumerId} />;
  return (
    <section className="card" aria-label="Assignment">
      <h3>Assigned partitions</h3>
      <p className="hint">
        Subscribed: its group&apos;s leader assigns its partitions at each rebalance (see the Groups tab under the cluster). Kafka refuses assign() while a consumer is
        subscribed; unsubscribe first (untick its topics and Subscribe) to pick partitions by hand.
      </p>
    </section>
  );
}

/** Checkbox list per topic-partition; each change calls assign() with the new set. */
function Assignment({ consumerId }: { consumerId: string }) {
  const runtime = useRuntime();
  const entries = useLabStore(useShallow(selectTopicPartitions));
  const assigned = useLabStore(
    useShallow((s: LabStoreState) => (s.snapshot?.consumers.find((c) => c.id === consumerId)?.assignment ?? []).map((a) => a.tp)),
  );
  const [error, setError] = useState<string | null>(null);
  const assign = (tps: string[]): void => {
    setError(null);
    runtime.apply({ type: 'assign', consumer: consumerId, partitions: tps.map(parseTp) }).catch((e: unknown) => setError(errorLine(e)));
  };
  const groups: { topic: string; tps: string[] }[] = [];
  for (const e of entries) {
    if (e.startsWith('#')) groups.push({ topic: e.slice(1), tps: [] });
    else groups[groups.length - 1]?.tps.push(e);
  }
  return (
    <section className="card" aria-label="Assignment">
      <h3>Assigned partitions</h3>
      {groups.map((g) => {
        const all = g.tps.every((tp) => assigned.includes(tp));
        return (
          <fieldset key={g.topic} className="tp-group">
            <legend>
              <span className="mono">{g.topic}</span>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() =>
                  assign(all ? assigned.filter((tp) => !g.tps.includes(tp)) : [...new Set([...assigned, ...g.tps])])
                }
              >
                {all ? `Unassign all of ${g.topic}` : `Assign all of ${g.topic}`}
              </button>
            </legend>
            <div className="tp-checkboxes">
              {g.tps.map((tp) => (
                <label key={tp} className="checkbox">
                  <input
                    type="checkbox"
                    checked={assigned.includes(tp)}
                    onChange={(e) => assign(e.target.checked ? [...assigned, tp] : assigned.filter((x) => x !== tp))}
                  />
                  <span className="mono">{tp.slice(g.topic.length + 1)}</span>
                  <span className="sr-only"> ({tp})</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

const selectConsumer = (id: string) => (s: LabStoreState) => s.snapshot?.consumers.find((c) => c.id === id);

/** A poll error in plain words; poll() before any assignment says what to do instead. */
export function pollErrorText(e: unknown, assigned: number): string {
  const line = errorLine(e);
  if (assigned === 0 && line.startsWith('IllegalStateException')) {
    return 'Nothing to poll yet: assign partitions first (tick them under "Assigned partitions" below). Kafka refuses poll() on a consumer with no assignment or subscription (IllegalStateException).';
  }
  return line;
}

/** "1000" → 1000; a poll timeout is a whole number of ms, 0 or more (Kafka: "Timeout must not be negative"). */
export function parsePollTimeout(text: string): number | string {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 0) return 'The timeout must be a whole number of ms, 0 or more.';
  return n;
}

function PollControls({ consumerId }: { consumerId: string }) {
  const runtime = useRuntime();
  const polling = useLabStore((s) => selectConsumer(consumerId)(s)?.polling ?? false);
  const consumed = useLabStore((s) => selectConsumer(consumerId)(s)?.recordsConsumed ?? 0);
  const assigned = useLabStore((s) => selectConsumer(consumerId)(s)?.assignment.length ?? 0);
  const [pollState, setPollState] = useState<string | null>(null);
  // A single poll() in progress also shows as "polling" in the snapshot; it is not the loop.
  const [oncePending, setOncePending] = useState(false);
  const loop = polling && !oncePending;
  const startLoop = (): void => {
    setPollState(null);
    runtime.apply({ type: 'start-polling', consumer: consumerId }).catch((e: unknown) => setPollState(pollErrorText(e, assigned)));
    runtime.play();
  };
  return (
    <section className="card" aria-label="Polling">
      <h3>
        Poll {loop && <span className="pill pill-live">polling continuously</span>}
        <span className="muted small">
          {consumed} record{consumed === 1 ? '' : 's'} consumed
        </span>
      </h3>
      <div className="form-actions">
        {loop ? (
          <button type="button" className="btn" onClick={() => void runtime.apply({ type: 'stop-polling', consumer: consumerId })}>
            Stop polling
          </button>
        ) : (
          <button type="button" className="btn btn-accent" onClick={startLoop} disabled={oncePending}>
            Start polling
          </button>
        )}
        <span className="hint">poll() in a loop, like an application</span>
      </div>
      <PollOnce consumerId={consumerId} disabled={loop} assigned={assigned} onState={setPollState} onPending={setOncePending} />
      {pollState && (
        <p className="hint" aria-live="polite" data-testid="poll-state">
          {pollState}
        </p>
      )}
    </section>
  );
}

interface PollOnceProps {
  consumerId: string;
  disabled: boolean;
  assigned: number;
  onState(text: string | null): void;
  onPending(pending: boolean): void;
}

function PollOnce({ consumerId, disabled, assigned, onState, onPending }: PollOnceProps) {
  const runtime = useRuntime();
  const playing = useLabStore(selectPlaying);
  const [timeout, setTimeoutMs] = useState('1000');
  const [pending, setPending] = useState(false);
  const timeoutId = useId();
  const pollOnce = (): void => {
    const timeoutMs = parsePollTimeout(timeout);
    if (typeof timeoutMs === 'string') return onState(timeoutMs);
    const done = (text: string): void => {
      setPending(false);
      onPending(false);
      onState(text);
    };
    setPending(true);
    onPending(true);
    onState(null);
    runtime.apply({ type: 'poll', consumer: consumerId, timeoutMs }).then(
      (records) => done(`poll() returned ${records.length} record${records.length === 1 ? '' : 's'}`),
      (e: unknown) => done(pollErrorText(e, assigned)),
    );
  };
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={pollOnce} disabled={disabled || pending} title={disabled ? 'Stop polling first' : undefined}>
        {pending ? 'Polling once…' : 'Poll once'}
      </button>
      <label htmlFor={timeoutId} className="inline-label">
        with timeout
      </label>
      <input id={timeoutId} className="narrow" type="number" min={0} step={1} value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
      <span className="inline-label" aria-hidden="true">
        ms
      </span>
      {pending && (
        <span className="hint" role="status">
          one poll() waiting up to {timeout} ms for records{playing ? '' : ' (paused: press ▶ or Step to let the fetch happen)'}
        </span>
      )}
    </div>
  );
}

function Positions({ consumerId }: { consumerId: string }) {
  const view = useConsumerView(consumerId);
  const selectTp = useLabStore(selectSelectTp);
  if (!view) return null;
  return (
    <section className="card" aria-label="Positions and lag">
      <h3>Position &amp; lag</h3>
      {view.assignment.length === 0 ? (
        <p className="empty">{view.group && view.group.subscription.length > 0 ? 'No partitions from its group yet (it joins at its next poll; a group may have more members than partitions).' : 'No partitions assigned yet: tick some below.'}</p>
      ) : (
        <table className="table compact" data-testid="consumer-positions">
          <thead>
            <tr>
              <th scope="col">partition</th>
              <th scope="col" className="num">position</th>
              <th scope="col" className="num">HW</th>
              <th scope="col" className="num">lag</th>
            </tr>
          </thead>
          <tbody>
            {view.assignment.map((a) => (
              <tr key={a.tp}>
                <td>
                  <button type="button" className="link mono" onClick={() => selectTp(a.tp)} title="Show this partition's log">
                    {a.tp}
                  </button>
                </td>
                <td className="num" title={a.position === null ? 'Not known yet: looked up (ListOffsets) at the next poll' : undefined}>
                  {a.position ?? '—'}
                </td>
                <td className="num">{a.highWatermark ?? '—'}</td>
                <td className={`num${(a.lag ?? 0) > 0 ? ' warn' : ''}`}>{a.lag ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.lastError && <p className="field-error">Last error: {view.lastError}</p>}
    </section>
  );
}

type SeekMessage = { ok: boolean; text: string } | null;

function SeekControls({ consumerId }: { consumerId: string }) {
  const runtime = useRuntime();
  const assigned = useLabStore(
    useShallow((s: LabStoreState) => (s.snapshot?.consumers.find((c) => c.id === consumerId)?.assignment ?? []).map((a) => a.tp)),
  );
  const [target, setTarget] = useState('all');
  const [message, setMessage] = useState<SeekMessage>(null);
  const targetId = useId();
  const chosen = target !== 'all' && assigned.includes(target) ? target : null;
  const partitions = (chosen ? [chosen] : assigned).map(parseTp);
  const targetLabel = chosen ?? 'every assigned partition';
  const seek = (to: SeekTarget, ok: (result: SeekResult[]) => string): void => {
    runtime.apply({ type: 'seek', consumer: consumerId, partitions, to }).then(
      (result) => setMessage({ ok: true, text: ok(result) }),
      (e: unknown) => setMessage({ ok: false, text: errorLine(e) }),
    );
  };
  const disabled = assigned.length === 0;
  return (
    <section className="card" aria-label="Seek">
      <h3>Seek</h3>
      <div className="seek-grid">
        <label htmlFor={targetId}>Partition</label>
        <select id={targetId} className="span-2" value={chosen ?? 'all'} onChange={(e) => setTarget(e.target.value)}>
          <option value="all">all assigned</option>
          {assigned.map((tp) => (
            <option key={tp}>{tp}</option>
          ))}
        </select>
        <div className="form-actions span-all">
          {(['beginning', 'end'] as const).map((where) => (
            <button key={where} type="button" className="btn" disabled={disabled} onClick={() => seek(where, () => `Seeked ${targetLabel} to the ${where}. Like Kafka, the consumer looks the offset up (ListOffsets) at its next poll.`)}>
              Seek to {where}
            </button>
          ))}
        </div>
        <SeekToOffset disabled={disabled} onInvalid={(text) => setMessage({ ok: false, text })} onSeek={(offset) => seek({ offset }, () => `Seeked ${targetLabel} to offset ${offset}.`)} />
        <SeekToTime disabled={disabled} onInvalid={(text) => setMessage({ ok: false, text })} onSeek={(timestampMs) => seek({ timestampMs }, (found) => seekTimeText(timestampMs, found))} />
      </div>
      {message && (
        <p className={message.ok ? 'ok-text' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}

function seekTimeText(timestampMs: number, found: SeekResult[]): string {
  const parts = found.map(({ tp, offset }) => `${tp.topic}-${tp.partition}→${offset === null ? 'end (nothing that late)' : offset}`);
  return `offsetsForTimes(${formatSeconds(timestampMs)}): ${parts.join(', ')}`;
}

interface SeekInputProps {
  disabled: boolean;
  onInvalid(message: string): void;
  onSeek(value: number): void;
}

function SeekToOffset({ disabled, onInvalid, onSeek }: SeekInputProps) {
  const [offset, setOffset] = useState('0');
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Offset</label>
      <input id={id} type="number" min={0} value={offset} onChange={(e) => setOffset(e.target.value)} />
      <button
        type="button"
        className="btn"
        disabled={disabled}
        onClick={() => {
          const n = Number(offset);
          if (!Number.isSafeInteger(n) || n < 0) return onInvalid('The offset must be a whole number from 0 to 9007199254740991.');
          onSeek(n);
        }}
      >
        Seek to offset
      </button>
    </>
  );
}

function SeekToTime({ disabled, onInvalid, onSeek }: SeekInputProps) {
  const [timestamp, setTimestamp] = useState('0');
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Timestamp (ms)</label>
      <input id={id} type="number" min={0} value={timestamp} onChange={(e) => setTimestamp(e.target.value)} aria-describedby={`${id}-hint`} />
      <button
        type="button"
        className="btn"
        disabled={disabled}
        onClick={() => {
          const ts = Number(timestamp);
          if (!Number.isSafeInteger(ts) || ts < 0) return onInvalid('The time must be a whole number of simulated ms, from 0 to 9007199254740991.');
          onSeek(ts);
        }}
      >
        Seek to time
      </button>
      <p className="hint span-all" id={`${id}-hint`}>
        Timestamps are simulated ms (the clock shows seconds): the first record at or after that time.
      </p>
    </>
  );
}

type RecordsOrder = 'newest' | 'partition';

/** "orders-10" after "orders-9": topic, then partition number, then offset. */
export function byPartitionThenOffset(a: { tp: string; offset: number }, b: { tp: string; offset: number }): number {
  const x = parseTp(a.tp);
  const y = parseTp(b.tp);
  if (x.topic !== y.topic) return x.topic < y.topic ? -1 : 1;
  return x.partition - y.partition || a.offset - b.offset;
}

function RecentRecords({ consumerId }: { consumerId: string }) {
  const records = useLabStore((s) => s.snapshot?.consumers.find((c) => c.id === consumerId)?.recentRecords);
  const [order, setOrder] = useState<RecordsOrder>('newest');
  const orderId = useId();
  const recent = records ? records.slice(-50) : [];
  const rows = order === 'newest' ? [...recent].reverse() : [...recent].sort(byPartitionThenOffset);
  return (
    <section className="card" aria-label="Recent records">
      <h3>
        Recent records <span className="muted small">(last 50 polled)</span>
      </h3>
      {rows.length === 0 ? (
        <p className="empty">Nothing consumed yet.</p>
      ) : (
        <>
          <div className="form-actions">
            <label htmlFor={orderId} className="inline-label">
              Order
            </label>
            <select id={orderId} value={order} onChange={(e) => setOrder(e.target.value as RecordsOrder)}>
              <option value="newest">as polled, newest first</option>
              <option value="partition">by partition, then offset</option>
            </select>
          </div>
          <div className="table-scroll">
            <table className="table compact records-table" data-testid="consumer-records">
              <caption className="sr-only">
                {order === 'newest' ? 'Records in the order poll() returned them, newest first' : 'Records by partition, then offset'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">partition</th>
                  <th scope="col" className="num">offset</th>
                  <th scope="col">key</th>
                  <th scope="col">value</th>
                  <th scope="col" className="num">time</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  // A seek back re-reads records, so (tp, offset) can repeat.
                  <tr key={`${r.tp}@${r.offset}#${i}`}>
                    <td className="mono">{r.tp}</td>
                    <td className="num">{r.offset}</td>
                    <td className="mono">{r.key === null ? <span className="muted">null</span> : <span className="clip records-key" title={r.key}>{r.key}</span>}</td>
                    <td className="mono ellipsis">{r.value ?? <span className="muted">null</span>}</td>
                    <td className="num">{formatSeconds(r.timestampMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ConsumerSettings({ consumerId }: { consumerId: string }) {
  const runtime = useRuntime();
  const config = useLabStore((s) => s.snapshot?.consumers.find((c) => c.id === consumerId)?.config);
  if (!config) return null;
  return (
    <div className="card">
      <ConfigEditor
        scope="consumer"
        legend="Settings"
        keys={CONSUMER_SETTINGS}
        values={config}
        // reconfigure() layers the changes over the consumer's earlier settings.
        onApply={(changes) => runtime.apply({ type: 'reconfigure-consumer', id: consumerId, set: changes, remove: [] })}
      />
    </div>
  );
}
