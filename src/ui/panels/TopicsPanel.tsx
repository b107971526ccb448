import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TopicConfigEntry } from '../../engine/config';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { ConfigName } from '../ConfigEditor';
import { ConfirmDialog } from '../ConfirmDialog';
import { describeError, type ShownError } from '../errors';
import { useRuntime } from '../RuntimeContext';
import { selectTopics } from '../selectors';

interface TopicRow {
  name: string;
  partitions: number;
  rf: number;
  internal: boolean;
  overrides: string;
}

const selectTopicRows = (s: LabStoreState): string[] =>
  selectTopics(s).map(
    (t) =>
      `${t.name}\u0000${t.partitions.length}\u0000${t.replicationFactor}\u0000${t.isInternal ? 1 : 0}\u0000${Object.entries(
        t.configOverrides,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
  );

function parseRow(row: string): TopicRow {
  const [name = '', partitions = '0', rf = '0', internal = '0', overrides = ''] = row.split('\u0000');
  return { name, partitions: Number(partitions), rf: Number(rf), internal: internal === '1', overrides };
}

export function TopicsPanel() {
  const rows = useLabStore(useShallow(selectTopicRows)).map(parseRow);
  const [selected, setSelected] = useState<string | null>(null);
  // Outlives the details card, which closes when its topic is deleted.
  const [notice, setNotice] = useState<string | null>(null);
  const current = rows.find((r) => r.name === selected) ?? null;
  return (
    <div className="panel-body">
      <section className="card" aria-label="Topics">
        <h3>Topics</h3>
        <table className="table compact" data-testid="topic-list">
          <thead>
            <tr>
              <th scope="col">topic</th>
              <th scope="col" className="num">partitions</th>
              <th scope="col" className="num">RF</th>
              <th scope="col">overrides</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className={r.name === selected ? 'is-selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link mono"
                    aria-pressed={r.name === selected}
                    onClick={() => {
                      setSelected(r.name === selected ? null : r.name);
                      setNotice(null);
                    }}
                  >
                    {r.name}
                  </button>
                  {r.internal && <span className="pill">internal</span>}
                </td>
                <td className="num">{r.partitions}</td>
                <td className="num">{r.rf}</td>
                <td className="mono small">{r.overrides || <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="empty">No topics.</p>
        ) : (
          !current && <p className="hint">Pick a topic to add partitions, change its configs or delete it.</p>
        )}
        {notice && (
          <p className="ok-text" role="status">
            {notice}
          </p>
        )}
      </section>
      {current && (
        <TopicDetails
          key={current.name}
          topic={current}
          onDeleted={() => {
            setSelected(null);
            setNotice(`Deleted topic ${current.name}.`);
          }}
        />
      )}
      <CreateTopicForm
        onCreated={(name) => {
          setSelected(name);
          setNotice(null);
        }}
      />
    </div>
  );
}

function ErrorText({ error }: { error: ShownError | null }) {
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      <strong>{error.key ? `${error.key}: ` : `${error.title}: `}</strong>
      {error.message}
    </p>
  );
}

/** "a=1\nb=2" → {a:"1", b:"2"}; throws on a line without "=". */
export function parseConfigLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\n|,(?=\s*[\w.]+\s*=)/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`Line ${i + 1} ("${line}") is not key=value.`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return out;
}

function CreateTopicForm({ onCreated }: { onCreated(name: string): void }) {
  const runtime = useRuntime();
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState('6');
  const [rf, setRf] = useState('1');
  const [segmentBytes, setSegmentBytes] = useState('');
  const [retentionMs, setRetentionMs] = useState('');
  const [retentionBytes, setRetentionBytes] = useState('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), p: useId(), rf: useId(), sb: useId(), rms: useId(), rb: useId(), other: useId() };

  const submit = async (): Promise<void> => {
    setError(null);
    setDone(null);
    let configs: Record<string, string>;
    try {
      configs = parseConfigLines(other);
    } catch (e) {
      setError({ title: 'Other configs', message: describeError(e).message, key: null });
      return;
    }
    if (segmentBytes.trim()) configs['segment.bytes'] = segmentBytes.trim();
    if (retentionMs.trim()) configs['retention.ms'] = retentionMs.trim();
    if (retentionBytes.trim()) configs['retention.bytes'] = retentionBytes.trim();
    const p = Number(partitions);
    const r = Number(rf);
    if (!Number.isInteger(p) || !Number.isInteger(r)) {
      setError({ title: 'Invalid input', message: 'Partitions and replication factor must be whole numbers.', key: null });
      return;
    }
    const topicName = name.trim();
    setBusy(true);
    try {
      await runtime.command(() =>
        runtime.requireLab().admin.createTopic({ name: topicName, partitions: p, replicationFactor: r, configs }),
      );
      setDone(`Created topic ${topicName} with ${p} partition${p === 1 ? '' : 's'}.`);
      setName('');
      onCreated(topicName);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      aria-label="Create a topic"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Create a topic</h3>
      <div className="form-grid">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. payments" required />
        <label htmlFor={ids.p}>Partitions</label>
        <input id={ids.p} type="number" value={partitions} onChange={(e) => setPartitions(e.target.value)} />
        <label htmlFor={ids.rf}>Replication factor</label>
        <input id={ids.rf} type="number" value={rf} onChange={(e) => setRf(e.target.value)} />
        <label htmlFor={ids.sb}>segment.bytes</label>
        <input id={ids.sb} type="number" value={segmentBytes} onChange={(e) => setSegmentBytes(e.target.value)} placeholder="default 1073741824" />
        <label htmlFor={ids.rms}>retention.ms</label>
        <input id={ids.rms} type="number" value={retentionMs} onChange={(e) => setRetentionMs(e.target.value)} placeholder="default 604800000 (7 days)" />
        <label htmlFor={ids.rb}>retention.bytes</label>
        <input id={ids.rb} type="number" value={retentionBytes} onChange={(e) => setRetentionBytes(e.target.value)} placeholder="default -1 (no limit)" />
        <label htmlFor={ids.other}>Other configs</label>
        <textarea id={ids.other} rows={2} value={other} onChange={(e) => setOther(e.target.value)} placeholder="key=value, one per line" />
      </div>
      <ErrorText error={error} />
      {done && (
        <p className="ok-text" role="status">
          {done}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-accent" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create topic'}
        </button>
      </div>
    </form>
  );
}

const SOURCE_LABEL: Record<TopicConfigEntry['source'], string> = {
  DYNAMIC_TOPIC_CONFIG: 'topic',
  STATIC_BROKER_CONFIG: 'broker',
  DEFAULT_CONFIG: 'default',
};

function TopicDetails({ topic, onDeleted }: { topic: TopicRow; onDeleted(): void }) {
  const runtime = useRuntime();
  const [entries, setEntries] = useState<TopicConfigEntry[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [count, setCount] = useState(String(topic.partitions + 1));
  const [setKey, setSetKey] = useState('retention.ms');
  const [setValue, setSetValue] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);
  const ids = { count: useId(), key: useId(), value: useId() };
  const admin = () => runtime.requireLab().admin;

  const refresh = useCallback(async () => {
    try {
      setEntries(await runtime.command(() => runtime.requireLab().admin.describeTopicConfigs(topic.name)));
    } catch (e) {
      setError(describeError(e));
    }
  }, [runtime, topic.name]);
  useEffect(() => {
    void refresh();
  }, [refresh, topic.overrides]);

  const run = async (what: () => Promise<void>, ok: string): Promise<boolean> => {
    setError(null);
    setDone(null);
    try {
      await runtime.command(what);
      setDone(ok);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    }
  };

  return (
    <section className="card" aria-label={`Topic ${topic.name}`}>
      <h3>
        <span className="mono">{topic.name}</span>
        <span className="muted small">
          {topic.partitions} partition{topic.partitions === 1 ? '' : 's'} · replication factor {topic.rf}
        </span>
      </h3>
      <div className="seek-grid">
        <label htmlFor={ids.count}>Partitions</label>
        <input id={ids.count} type="number" min={topic.partitions + 1} value={count} onChange={(e) => setCount(e.target.value)} />
        <button
          type="button"
          className="btn"
          onClick={() => {
            const n = Number(count);
            if (!Number.isInteger(n)) {
              setError({ title: 'Invalid input', message: 'The partition count must be a whole number.', key: null });
              return;
            }
            void run(() => admin().createPartitions(topic.name, n), `${topic.name} now has ${n} partitions.`);
          }}
        >
          Increase partitions
        </button>
      </div>
      <form
        className="seek-grid"
        aria-label={`Override a config of ${topic.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          const key = setKey.trim();
          void run(() => admin().alterTopicConfigs(topic.name, { [key]: setValue.trim() }), `Set ${key}=${setValue.trim()} on ${topic.name}.`);
        }}
      >
        <label htmlFor={ids.key}>Config</label>
        <input id={ids.key} className="span-2" value={setKey} onChange={(e) => setSetKey(e.target.value)} list={`${ids.key}-list`} />
        <datalist id={`${ids.key}-list`}>
          {entries?.map((en) => <option key={en.name} value={en.name} />)}
        </datalist>
        <label htmlFor={ids.value}>Value</label>
        <input id={ids.value} ref={valueRef} value={setValue} onChange={(e) => setSetValue(e.target.value)} />
        <button type="submit" className="btn">
          Set override
        </button>
      </form>
      <ErrorText error={error} />
      {done && (
        <p className="ok-text" role="status">
          {done}
        </p>
      )}
      {entries && (
        <div className="table-scroll tall">
          <table className="table compact config-table" data-testid="topic-configs">
            <caption className="sr-only">Configs of {topic.name} (describeTopicConfigs)</caption>
            <thead>
              <tr>
                <th scope="col">config (source)</th>
                <th scope="col">value</th>
                <th scope="col">
                  <span className="sr-only">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((en) => (
                <tr key={en.name} className={en.source === 'DYNAMIC_TOPIC_CONFIG' ? 'is-override' : undefined}>
                  <td className="mono small" title={en.doc}>
                    <ConfigName name={en.name} />
                    <span className="config-source" title={en.source}>
                      {SOURCE_LABEL[en.source]}
                    </span>
                  </td>
                  <td className="mono small">{en.value}</td>
                  <td className="config-actions">
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      onClick={() => {
                        setSetKey(en.name);
                        setSetValue(en.value);
                        valueRef.current?.focus();
                      }}
                    >
                      Edit<span className="sr-only"> {en.name}</span>
                    </button>
                    {en.source === 'DYNAMIC_TOPIC_CONFIG' && (
                      <button
                        type="button"
                        className="btn btn-small btn-quiet btn-icon-only"
                        title={`Remove the ${en.name} override (back to the ${en.name} default)`}
                        onClick={() => void run(() => admin().alterTopicConfigs(topic.name, {}, [en.name]), `Removed the ${en.name} override.`)}
                      >
                        <span aria-hidden="true">✕</span>
                        <span className="sr-only">Remove override {en.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!topic.internal && (
        <div className="form-actions">
          <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirmDelete(true)}>
            Delete topic…
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete topic ${topic.name}?`}
        confirmLabel={`Delete ${topic.name}`}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void run(() => admin().deleteTopic(topic.name), `Deleted ${topic.name}.`).then((ok) => ok && onDeleted());
        }}
      >
        <p>Every partition and record of {topic.name} is removed from all brokers. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
