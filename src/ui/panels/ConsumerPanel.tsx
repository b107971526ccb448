import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TopicPartition } from '../../engine/lab/types';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { formatSeconds } from '../../runtime/framePacing';
import { ConfigEditor } from '../ConfigEditor';
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
      <Positions consumerId={id} />
      <RecentRecords consumerId={id} />
      <Assignment consumerId={id} />
      <SeekControls consumerId={id} />
      <ConsumerSettings consumerId={id} />
    </div>
  );
}

function useLabConsumer(id: string) {
  const runtime = useRuntime();
  return () => {
    const consumer = runtime.requireLab().consumers().find((c) => c.id === id);
    if (!consumer) throw new Error(`Consumer ${id} is closed.`);
    return consumer;
  };
}

const selectTopicPartitions = (s: LabStoreState): string[] =>
  userTopics(selectTopics(s)).flatMap((t) => [`#${t.name}`, ...t.partitions.map((p) => p.tp)]);

/** Checkbox list per topic-partition; each change calls assign() with the new set. */
function Assignment({ consumerId }: { consumerId: string }) {
  const getConsumer = useLabConsumer(consumerId);
  const entries = useLabStore(useShallow(selectTopicPartitions));
  const assigned = useLabStore(
    useShallow((s: LabStoreState) => (s.snapshot?.consumers.find((c) => c.id === consumerId)?.assignment ?? []).map((a) => a.tp)),
  );
  const [error, setError] = useState<string | null>(null);
  const assign = (tps: string[]): void => {
    try {
      setError(null);
      getConsumer().assign(tps.map(parseTp));
    } catch (e) {
      setError(errorLine(e));
    }
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

function PollControls({ consumerId }: { consumerId: string }) {
  const getConsumer = useLabConsumer(consumerId);
  const runtime = useRuntime();
  const polling = useLabStore((s) => s.snapshot?.consumers.find((c) => c.id === consumerId)?.polling ?? false);
  const consumed = useLabStore((s) => s.snapshot?.consumers.find((c) => c.id === consumerId)?.recordsConsumed ?? 0);
  const playing = useLabStore(selectPlaying);
  const [pollState, setPollState] = useState<string | null>(null);
  const [timeout, setTimeoutMs] = useState('1000');
  const timeoutId = useId();
  const pollOnce = (): void => {
    try {
      setPollState('polling…');
      getConsumer()
        .poll(Math.max(0, Number(timeout) || 0))
        .then(
          (records) => setPollState(`poll() returned ${records.length} record${records.length === 1 ? '' : 's'}`),
          (e: unknown) => setPollState(errorLine(e)),
        );
    } catch (e) {
      setPollState(errorLine(e));
    }
  };
  return (
    <section className="card" aria-label="Polling">
      <h3>
        Poll{' '}
        {polling && <span className="pill pill-live">polling continuously</span>}
        <span className="muted small">{consumed} records consumed</span>
      </h3>
      <div className="form-actions">
        {polling ? (
          <button type="button" className="btn" onClick={() => getConsumer().stopPolling()}>
            Stop polling
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-accent"
            onClick={() => {
              try {
                getConsumer().startPolling();
                runtime.play();
              } catch (e) {
                setPollState(errorLine(e));
              }
            }}
          >
            Start polling
          </button>
        )}
        <span className="hint">poll() in a loop, like an application</span>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={pollOnce} disabled={polling} title={polling ? 'Stop polling first' : undefined}>
          Poll once
        </button>
        <label htmlFor={timeoutId} className="inline-label">
          with timeout
        </label>
        <input id={timeoutId} className="narrow" type="number" min={0} value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
        <span className="inline-label" aria-hidden="true">
          ms
        </span>
      </div>
      {pollState && (
        <p className="hint" aria-live="polite" data-testid="poll-state">
          {pollState}
          {pollState === 'polling…' && !playing ? ' (paused: press ▶ or Step to let the fetch happen)' : ''}
        </p>
      )}
    </section>
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
        <p className="empty">No partitions assigned yet: tick some below.</p>
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

function SeekControls({ consumerId }: { consumerId: string }) {
  const getConsumer = useLabConsumer(consumerId);
  const assigned = useLabStore(
    useShallow((s: LabStoreState) => (s.snapshot?.consumers.find((c) => c.id === consumerId)?.assignment ?? []).map((a) => a.tp)),
  );
  const [target, setTarget] = useState('all');
  const [offset, setOffset] = useState('0');
  const [timestamp, setTimestamp] = useState('0');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { target: useId(), offset: useId(), ts: useId() };
  const tps = (): TopicPartition[] => (target === 'all' || !assigned.includes(target) ? assigned : [target]).map(parseTp);
  const targetLabel = target === 'all' || !assigned.includes(target) ? 'every assigned partition' : target;
  const act = (f: () => string | Promise<string>): void => {
    try {
      const r = f();
      if (typeof r === 'string') setMessage({ ok: true, text: r });
      else
        r.then(
          (text) => setMessage({ ok: true, text }),
          (e: unknown) => setMessage({ ok: false, text: errorLine(e) }),
        );
    } catch (e) {
      setMessage({ ok: false, text: errorLine(e) });
    }
  };
  // Like Kafka, a seek to the beginning or end is resolved (ListOffsets) at the next poll.
  const seekTo = (where: 'beginning' | 'end'): void =>
    act(() => {
      if (where === 'beginning') getConsumer().seekToBeginning(tps());
      else getConsumer().seekToEnd(tps());
      return `Seeked ${targetLabel} to the ${where}. Like Kafka, the consumer looks the offset up (ListOffsets) at its next poll.`;
    });
  const disabled = assigned.length === 0;

  return (
    <section className="card" aria-label="Seek">
      <h3>Seek</h3>
      <div className="seek-grid">
        <label htmlFor={ids.target}>Partition</label>
        <select
          id={ids.target}
          className="span-2"
          value={assigned.includes(target) ? target : 'all'}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="all">all assigned</option>
          {assigned.map((tp) => (
            <option key={tp}>{tp}</option>
          ))}
        </select>
        <div className="form-actions span-all">
          <button type="button" className="btn" disabled={disabled} onClick={() => seekTo('beginning')}>
            Seek to beginning
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => seekTo('end')}>
            Seek to end
          </button>
        </div>
        <label htmlFor={ids.offset}>Offset</label>
        <input id={ids.offset} type="number" min={0} value={offset} onChange={(e) => setOffset(e.target.value)} />
        <button
          type="button"
          className="btn"
          disabled={disabled}
          onClick={() =>
            act(() => {
              const n = Number(offset);
              if (!Number.isInteger(n) || n < 0) throw new Error('The offset must be a whole number ≥ 0.');
              for (const tp of tps()) getConsumer().seek(tp, n);
              return `Seeked ${targetLabel} to offset ${n}.`;
            })
          }
        >
          Seek to offset
        </button>
        <label htmlFor={ids.ts}>Timestamp (ms)</label>
        <input
          id={ids.ts}
          type="number"
          min={0}
          value={timestamp}
          onChange={(e) => setTimestamp(e.target.value)}
          aria-describedby={`${ids.ts}-hint`}
        />
        <button
          type="button"
          className="btn"
          disabled={disabled}
          onClick={() =>
            act(async () => {
              const ts = Number(timestamp);
              if (!Number.isFinite(ts) || ts < 0) throw new Error('The time must be a number of simulated ms ≥ 0.');
              const consumer = getConsumer();
              const list = tps();
              const found = await consumer.offsetsForTimes(list.map((tp) => ({ tp, timestampMs: ts })));
              const parts: string[] = [];
              list.forEach((tp, i) => {
                const hit = found[i];
                if (hit) {
                  consumer.seek(tp, hit.offset);
                  parts.push(`${tp.topic}-${tp.partition}→${hit.offset}`);
                } else {
                  consumer.seekToEnd([tp]);
                  parts.push(`${tp.topic}-${tp.partition}→end (nothing that late)`);
                }
              });
              return `offsetsForTimes(${formatSeconds(ts)}): ${parts.join(', ')}`;
            })
          }
        >
          Seek to time
        </button>
      </div>
      <p className="hint" id={`${ids.ts}-hint`}>
        Timestamps are simulated ms (the clock shows seconds): the first record at or after that time.
      </p>
      {message && (
        <p className={message.ok ? 'ok-text' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
    </section>
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
                    <td className="mono">{r.key ?? <span className="muted">null</span>}</td>
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
  const getConsumer = useLabConsumer(consumerId);
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
        onApply={(changes) => getConsumer().reconfigure(changes)}
      />
    </div>
  );
}
