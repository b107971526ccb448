import { useId, useState } from 'react';
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

function useLabProducer(id: string) {
  const runtime = useRuntime();
  return () => {
    const producer = runtime.requireLab().producers().find((p) => p.id === id);
    if (!producer) throw new Error(`Producer ${id} is closed.`);
    return producer;
  };
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

function SendForm({ producerId }: { producerId: string }) {
  const getProducer = useLabProducer(producerId);
  const topics = useTopicNames();
  const playing = useLabStore(selectPlaying);
  const [topic, setTopic] = useState<string>('');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('hello');
  const [partition, setPartition] = useState('');
  const [results, setResults] = useState<SendResult[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [counter, setCounter] = useState(0);
  const topicName = topics.includes(topic) ? topic : (topics[0] ?? '');
  const ids = { topic: useId(), key: useId(), value: useId(), partition: useId() };

  const update = (n: number, patch: Partial<SendResult>): void =>
    setResults((rs) => rs.map((r) => (r.n === n ? { ...r, ...patch } : r)));

  const send = (): void => {
    setFormError(null);
    const p = partition.trim();
    if (p !== '' && !/^\d+$/.test(p)) {
      setFormError('Partition must be a whole number (or empty to let the partitioner choose).');
      return;
    }
    const n = counter + 1;
    setCounter(n);
    const label = `key=${key === '' ? 'null' : key}`;
    try {
      const promise = getProducer().send({
        topic: topicName,
        key: key === '' ? null : key,
        value,
        ...(p === '' ? {} : { partition: Number(p) }),
      });
      setResults((rs) => [{ n, label, state: 'pending' as const, text: 'sending…' }, ...rs].slice(0, 6));
      promise.then(
        (m) => update(n, { state: 'ok', text: formatMetadata(m) }),
        (e: unknown) => update(n, { state: 'error', text: errorLine(e) }),
      );
    } catch (e) {
      setResults((rs) => [{ n, label, state: 'error' as const, text: errorLine(e) }, ...rs].slice(0, 6));
    }
  };

  return (
    <form
      className="card"
      aria-label="Send a record"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <h3>Send a record</h3>
      <div className="form-grid">
        <label htmlFor={ids.topic}>Topic</label>
        <select id={ids.topic} value={topicName} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor={ids.key}>Key</label>
        <input id={ids.key} value={key} placeholder="empty = no key" onChange={(e) => setKey(e.target.value)} />
        <label htmlFor={ids.value}>Value</label>
        <input id={ids.value} value={value} onChange={(e) => setValue(e.target.value)} />
        <label htmlFor={ids.partition}>Partition</label>
        <input
          id={ids.partition}
          value={partition}
          inputMode="numeric"
          placeholder="optional"
          onChange={(e) => setPartition(e.target.value)}
        />
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
        {!playing && results.some((r) => r.state === 'pending') && (
          <span className="hint">Paused: the record waits in the producer until time runs (▶ or Step).</span>
        )}
      </div>
      {results.length > 0 && (
        <ul className="send-results" aria-live="polite" data-testid="send-results">
          {results.map((r) => (
            <li key={r.n} className={`send-${r.state}`}>
              <span className="mono">{r.label}</span> → <span className="mono">{r.text}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function StreamForm({ producerId }: { producerId: string }) {
  const getProducer = useLabProducer(producerId);
  const runtime = useRuntime();
  const view = useProducerView(producerId);
  const stream = view?.stream ?? null;
  const topics = useTopicNames();
  const [topic, setTopic] = useState('');
  const [rate, setRate] = useState('5');
  const [keyMode, setKeyMode] = useState<'none' | 'users'>('users');
  const [keyCount, setKeyCount] = useState('4');
  const [error, setError] = useState<string | null>(null);
  const ids = { topic: useId(), rate: useId(), keys: useId(), count: useId() };
  const topicName = topics.includes(topic) ? topic : (topics[0] ?? '');

  const start = (): void => {
    setError(null);
    const rps = Number(rate);
    const n = Number(keyCount);
    if (!(rps > 0 && rps <= 1000)) return setError('Records per second must be between 0 and 1000.');
    if (keyMode === 'users' && !(Number.isInteger(n) && n >= 1 && n <= 100)) {
      return setError('The number of keys must be a whole number from 1 to 100.');
    }
    try {
      const keys = keyMode === 'none' ? null : Array.from({ length: n }, (_, i) => `user-${i + 1}`);
      getProducer().startStream({ topic: topicName, recordsPerSecond: rps, keys });
      runtime.play();
    } catch (e) {
      setError(errorLine(e));
    }
  };

  return (
    <form
      className="card"
      aria-label="Steady stream"
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <h3>
        Steady stream{' '}
        {stream && (
          <span className="pill pill-live">
            running: {stream.recordsPerSecond}/s → {stream.topic}
          </span>
        )}
      </h3>
      <div className="form-grid">
        <label htmlFor={ids.topic}>Topic</label>
        <select id={ids.topic} value={topicName} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor={ids.rate}>Records/s</label>
        <input id={ids.rate} type="number" min={0.1} max={1000} step="any" value={rate} onChange={(e) => setRate(e.target.value)} />
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
              <input
                id={ids.count}
                className="narrow"
                type="number"
                min={1}
                max={100}
                value={keyCount}
                onChange={(e) => setKeyCount(e.target.value)}
              />
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
        <button
          type="button"
          className="btn"
          disabled={!stream}
          onClick={() => {
            try {
              getProducer().stopStream();
            } catch (e) {
              setError(describeError(e).message);
            }
          }}
        >
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
      {view.lastError && <p className="field-error">Last error: {view.lastError}</p>}
    </section>
  );
}

const selectNowMs = (s: LabStoreState): number => s.snapshot?.nowMs ?? 0;

/** Batches waiting per partition; subscribes to the clock only while something waits. */
function AccumulatorTable({ batches }: { batches: ProducerView['accumulator'] }) {
  const nowMs = useLabStore(selectNowMs);
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
        {batches.map((b, i) => (
          <tr key={`${b.tp}-${b.createdMs}-${i}`}>
            <td className="mono">{b.tp}</td>
            <td className="num">{b.records}</td>
            <td className="num">{b.bytes}</td>
            <td className="num">{Math.max(0, Math.round(nowMs - b.createdMs))} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProducerSettings({ producerId }: { producerId: string }) {
  const getProducer = useLabProducer(producerId);
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
        onApply={(changes) => getProducer().reconfigure(changes)}
      />
    </div>
  );
}
