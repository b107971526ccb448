import { useId, useState, type ReactNode } from 'react';
import type { RecordMetadata } from '../../engine/lab/types';
import type { ProducerView } from '../../engine/snapshot';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { ConfigEditor } from '../ConfigEditor';
import { errorLine, describeError } from '../errors';
import { useIds, useProducerView, useTopicNames } from '../hooks';
import { useRuntime } from '../RuntimeContext';
import { selectPlaying } from '../selectors';

export const PRODUCER_SETTINGS = [
  'acks',
  'linger.ms',
  'batch.size',
  'compression.type',
  'enable.idempotence',
  'max.in.flight.requests.per.connection',
  'retries',
  'request.timeout.ms',
  'delivery.timeout.ms',
] as const;

export function ProducerPanel() {
  const ids = useIds('producers');
  const [chosen, setChosen] = useState<string | null>(null);
  const id = chosen !== null && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  const pickerId = useId();
  if (id === null) return <p className="empty">No producer yet.</p>;
  return (
    <div className="panel-body">
      {ids.length > 1 && (
        <label className="field" htmlFor={pickerId}>
          <span>Producer</span>
          <select id={pickerId} value={id} onChange={(e) => setChosen(e.target.value)}>
            {ids.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      )}
      <SendForm producerId={id} />
      <StreamForm producerId={id} />
      <ProducerStats producerId={id} />
      <ProducerSettings producerId={id} />
    </div>
  );
}

interface SendResult {
  n: number;
  label: string;
  state: 'pending' | 'ok' | 'error';
  text: string;
}

function formatMetadata(m: RecordMetadata): string {
  return m.offset < 0 ? `${m.topic}-${m.partition} (acks=0: offset unknown)` : `${m.topic}-${m.partition} @ offset ${m.offset}`;
}

/** An error line, with the reason when a learner's settings make records fail. */
export function sendErrorText(e: unknown): string {
  const line = errorLine(e);
  if (line.startsWith('RECORD_LIST_TOO_LARGE')) {
    return `${line} A batch bigger than the topic's segment.bytes cannot be appended: lower the producer's batch.size or raise the topic's segment.bytes.`;
  }
  return line;
}

function SendForm({ producerId }: { producerId: string }) {
  const runtime = useRuntime();
  const playing = useLabStore(selectPlaying);
  const [results, setResults] = useState<SendResult[]>([]);
  const [counter, setCounter] = useState(0);
  const update = (n: number, patch: Partial<SendResult>): void => setResults((rs) => rs.map((r) => (r.n === n ? { ...r, ...patch } : r)));

  const send = (record: { topic: string; key: string | null; value: string; partition?: number }): void => {
    const n = counter + 1;
    setCounter(n);
    const label = `key=${record.key ?? 'null'}`;
    setResults((rs) => [{ n, label, state: 'pending' as const, text: 'sending…' }, ...rs].slice(0, 6));
    runtime.apply({ type: 'send', producer: producerId, ...record }).then(
      (m) => update(n, { state: 'ok', text: formatMetadata(m) }),
      (e: unknown) => update(n, { state: 'error', text: sendErrorText(e) }),
    );
  };

  return (
    <SendRecordFields onSend={send}>
      {!playing && results.some((r) => r.state === 'pending') && (
        <span className="hint">Paused: the record waits in the producer until time runs (▶ or Step).</span>
      )}
      {results.length > 0 && (
        <ul className="send-results" aria-live="polite" data-testid="send-results">
          {results.map((r) => (
            <li key={r.n} className={`send-${r.state}`}>
              <span className="mono clip send-key" title={r.label}>{r.label}</span> → <span className="mono clip" title={r.text}>{r.text}</span>
            </li>
          ))}
        </ul>
      )}
    </SendRecordFields>
  );
}

/** Topic, key, value and partition: the record a Send builds. */
function SendRecordFields({ onSend, children }: { onSend(record: { topic: string; key: string | null; value: string; partition?: number }): void; children: ReactNode }) {
  const topics = useTopicNames();
  const [topic, setTopic] = useState<string>('');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('hello');
  const [partition, setPartition] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const topicName = topics.includes(topic) ? topic : (topics[0] ?? '');
  const ids = { topic: useId(), key: useId(), value: useId(), partition: useId() };
  const submit = (): void => {
    setFormError(null);
    const p = partition.trim();
    if (p !== '' && !/^\d+$/.test(p)) return setFormError('Partition must be a whole number (or empty to let the partitioner choose).');
    onSend({ topic: topicName, key: key === '' ? null : key, value, ...(p === '' ? {} : { partition: Number(p) }) });
  };
  return (
    <form
      className="card"
      aria-label="Send a record"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>Send a record</h3>
      <div className="form-grid">
        <label htmlFor={ids.topic}>Topic</label>
        <TopicSelect id={ids.topic} topics={topics} value={topicName} onChange={setTopic} />
        <label htmlFor={ids.key}>Key</label>
        <input id={ids.key} value={key} placeholder="empty = no key" onChange={(e) => setKey(e.target.value)} />
        <label htmlFor={ids.value}>Value</label>
        <input id={ids.value} value={value} onChange={(e) => setValue(e.target.value)} />
        <label htmlFor={ids.partition}>Partition</label>
        <input id={ids.partition} value={partition} inputMode="numeric" placeholder="optional" onChange={(e) => setPartition(e.target.value)} />
      </div>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-accent" disabled={topicName === ''}>
          Send
        </button>
      </div>
      {children}
    </form>
  );
}

/** A topic picker whose long names are cut in the list but kept whole for screen readers. */
function TopicSelect({ id, topics, value, onChange }: { id: string; topics: readonly string[]; value: string; onChange(topic: string): void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="clip" title={value}>
      {topics.map((t) => (
        <option key={t} value={t} title={t}>
          {t.length > 60 ? `${t.slice(0, 57)}…` : t}
        </option>
      ))}
    </select>
  );
}

/** The highest rate the stream form offers: the demo topic takes it without failures (see labActions). */
export const MAX_STREAM_RATE = 1000;

function StreamForm({ producerId }: { producerId: string }) {
  const runtime = useRuntime();
  const stream = useProducerView(producerId)?.stream ?? null;
  const [error, setError] = useState<string | null>(null);
  const start = (topic: string, recordsPerSecond: number, keys: string[] | null): void => {
    setError(null);
    runtime.apply({ type: 'stream', producer: producerId, topic, recordsPerSecond, keys }).catch((e: unknown) => setError(errorLine(e)));
    runtime.play();
  };
  const stop = (): void => {
    runtime.apply({ type: 'stop-stream', producer: producerId }).catch((e: unknown) => setError(describeError(e).message));
  };
  return <StreamFields stream={stream} error={error} onInvalid={setError} onStart={start} onStop={stop} />;
}

interface StreamFieldsProps {
  stream: ProducerView['stream'];
  error: string | null;
  onInvalid(message: string): void;
  onStart(topic: string, recordsPerSecond: number, keys: string[] | null): void;
  onStop(): void;
}

function StreamFields({ stream, error, onInvalid, onStart, onStop }: StreamFieldsProps) {
  const topics = useTopicNames();
  const [topic, setTopic] = useState('');
  const [rate, setRate] = useState('5');
  const [keyMode, setKeyMode] = useState<'none' | 'users'>('users');
  const [keyCount, setKeyCount] = useState('4');
  const ids = { topic: useId(), rate: useId(), keys: useId(), count: useId() };
  const topicName = topics.includes(topic) ? topic : (topics[0] ?? '');
  const submit = (): void => {
    const rps = Number(rate);
    const n = Number(keyCount);
    if (!(rps > 0 && rps <= MAX_STREAM_RATE)) return onInvalid(`Records per second must be more than 0 and at most ${MAX_STREAM_RATE}.`);
    if (keyMode === 'users' && !(Number.isInteger(n) && n >= 1 && n <= 100)) return onInvalid('The number of keys must be a whole number from 1 to 100.');
    onStart(topicName, rps, keyMode === 'none' ? null : Array.from({ length: n }, (_, i) => `user-${i + 1}`));
  };
  return (
    <form
      className="card"
      aria-label="Steady stream"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>
        Steady stream{' '}
        {stream && (
          <span className="pill pill-live clip" title={`running: ${stream.recordsPerSecond}/s → ${stream.topic}`}>
            running: {stream.recordsPerSecond}/s → {stream.topic}
          </span>
        )}
      </h3>
      <div className="form-grid">
        <label htmlFor={ids.topic}>Topic</label>
        <TopicSelect id={ids.topic} topics={topics} value={topicName} onChange={setTopic} />
        <label htmlFor={ids.rate}>Records/s</label>
        <input id={ids.rate} type="number" min={0.1} max={MAX_STREAM_RATE} step="any" value={rate} onChange={(e) => setRate(e.target.value)} />
        <label htmlFor={ids.keys}>Keys</label>
        <div className="inline-fields">
          <select id={ids.keys} value={keyMode} onChange={(e) => setKeyMode(e.target.value as 'none' | 'users')}>
            <option value="none">none (keyless)</option>
            <option value="users">user-1 … user-N</option>
          </select>
          {keyMode === 'users' && (
            <>
              <label htmlFor={ids.count} className="inline-label" title="How many different keys">
                N
              </label>
              <input id={ids.count} className="narrow" type="number" min={1} max={100} value={keyCount} onChange={(e) => setKeyCount(e.target.value)} />
            </>
          )}
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-accent" disabled={topicName === ''}>
          {stream ? 'Restart stream' : 'Start stream'}
        </button>
        <button type="button" className="btn" disabled={!stream} onClick={onStop}>
          Stop stream
        </button>
      </div>
    </form>
  );
}

function ProducerStats({ producerId }: { producerId: string }) {
  const view = useProducerView(producerId);
  if (!view) return null;
  return (
    <section className="card" aria-label="Producer state">
      <h3>RecordAccumulator &amp; counters</h3>
      <dl className="stats">
        <div>
          <dt>sent</dt>
          <dd data-testid="producer-sent">{view.sent}</dd>
        </div>
        <div>
          <dt>acked</dt>
          <dd>{view.acked}</dd>
        </div>
        <div>
          <dt>failed</dt>
          <dd className={view.failed > 0 ? 'bad' : undefined}>{view.failed}</dd>
        </div>
        <div>
          <dt>in flight</dt>
          <dd>{view.inFlightRequests}</dd>
        </div>
        <div>
          <dt title="producer id (idempotence)">PID</dt>
          <dd>{view.producerId < 0 ? '—' : view.producerId}</dd>
        </div>
      </dl>
      {view.accumulator.length === 0 ? (
        <p className="empty">Accumulator empty: every record has been handed to the network.</p>
      ) : (
        <AccumulatorTable batches={view.accumulator} />
      )}
      {view.lastError && <p className="field-error">Last error: {sendErrorText({ message: view.lastError })}</p>}
    </section>
  );
}

const selectNowMs = (s: LabStoreState): number => s.snapshot?.nowMs ?? 0;

/** Rows shown in the accumulator table; the rest are summed up in one line. */
export const ACCUMULATOR_ROWS = 8;

/**
 * Batches waiting per partition. Rows are keyed by partition (and the batch's place among
 * that partition's), so a batch sent and the next one opened update a row instead of
 * replacing it; with dozens of partitions only the first ACCUMULATOR_ROWS are listed.
 */
function AccumulatorTable({ batches }: { batches: ProducerView['accumulator'] }) {
  const nowMs = useLabStore(selectNowMs);
  const seen = new Map<string, number>();
  const rows = batches.slice(0, ACCUMULATOR_ROWS).map((b) => {
    const nth = seen.get(b.tp) ?? 0;
    seen.set(b.tp, nth + 1);
    return { key: `${b.tp}#${nth}`, b };
  });
  const hidden = batches.slice(ACCUMULATOR_ROWS);
  return (
    <table className="table compact">
      <caption className="sr-only">Batches waiting in the accumulator</caption>
      <thead>
        <tr>
          <th scope="col">partition</th>
          <th scope="col" className="num">records</th>
          <th scope="col" className="num">bytes</th>
          <th scope="col" className="num">waiting</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, b }) => (
          <tr key={key}>
            <td className="mono">{b.tp}</td>
            <td className="num">{b.records}</td>
            <td className="num">{b.bytes}</td>
            <td className="num">{Math.max(0, Math.round(nowMs - b.createdMs))} ms</td>
          </tr>
        ))}
        {hidden.length > 0 && (
          <tr className="muted">
            <td colSpan={4}>
              and {hidden.length} more {hidden.length === 1 ? 'batch' : 'batches'} ({hidden.reduce((n, b) => n + b.records, 0)} records)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function ProducerSettings({ producerId }: { producerId: string }) {
  const runtime = useRuntime();
  const view = useProducerView(producerId);
  if (!view) return null;
  return (
    <div className="card">
      <ConfigEditor
        scope="producer"
        legend="Settings"
        keys={PRODUCER_SETTINGS}
        values={view.config}
        // reconfigure() layers the changes over the producer's earlier settings.
        onApply={(changes) => runtime.apply({ type: 'reconfigure-producer', id: producerId, set: changes, remove: [] })}
      />
    </div>
  );
}
