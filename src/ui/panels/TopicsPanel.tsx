import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { InternalTopicsToggle } from '../groups/InternalTopicsToggle';
import { useShallow } from 'zustand/react/shallow';
import type { TopicConfigEntry } from '../../engine/config';
import { LAB_LIMITS } from '../../engine/controller/labLimits';
import type { LabCommand } from '../../engine/lab/commands';
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
        <TopicTable
          rows={rows}
          selected={selected}
          onSelect={(name) => {
            setSelected(name === selected ? null : name);
            setNotice(null);
          }}
        />
        <InternalTopicsToggle />
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
        topicNames={rows.map((r) => r.name)}
        onCreated={(name) => {
          setSelected(name);
          setNotice(null);
        }}
      />
    </div>
  );
}

/** The topic list; a name button selects the topic (long names cut, full name in the title). */
function TopicTable({ rows, selected, onSelect }: { rows: TopicRow[]; selected: string | null; onSelect(name: string): void }) {
  return (
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
                className="link mono clip topic-name"
                title={r.name}
                aria-pressed={r.name === selected}
                onClick={() => onSelect(r.name)}
              >
                {r.name}
              </button>
              {r.internal && <span className="pill">internal</span>}
            </td>
            <td className="num">{r.partitions}</td>
            <td className="num">{r.rf}</td>
            <td className="mono small">{r.overrides ? <span className="clip overrides-text" title={r.overrides}>{r.overrides}</span> : <span className="muted">none</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
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

/** The form's values → a create-topic command, or a message saying what to fix. */
function createTopicCommand(f: { name: string; partitions: string; rf: string; segmentBytes: string; retentionMs: string; retentionBytes: string; other: string }): LabCommand | ShownError {
  let configs: Record<string, string>;
  try {
    configs = parseConfigLines(f.other);
  } catch (e) {
    return { title: 'Other configs', message: describeError(e).message, key: null };
  }
  if (f.segmentBytes.trim()) configs['segment.bytes'] = f.segmentBytes.trim();
  if (f.retentionMs.trim()) configs['retention.ms'] = f.retentionMs.trim();
  if (f.retentionBytes.trim()) configs['retention.bytes'] = f.retentionBytes.trim();
  const p = Number(f.partitions);
  const r = Number(f.rf);
  if (!Number.isInteger(p) || !Number.isInteger(r)) return { title: 'Invalid input', message: 'Partitions and replication factor must be whole numbers.', key: null };
  return { type: 'create-topic', topic: f.name.trim(), partitions: p, replicationFactor: r, configs };
}

/** "with 6 partitions", or for -1 what Kafka does with it: the broker default, and how many that is. */
function createdText(topic: string, requested: number | undefined, actual: number | undefined): string {
  const n = actual ?? requested ?? 0;
  const count = `${n} partition${n === 1 ? '' : 's'}`;
  if (requested === -1) return `Created topic ${topic} with ${actual === undefined ? 'the broker default number of partitions' : count} (partitions -1 means "use the broker default", num.partitions).`;
  return `Created topic ${topic} with ${count}.`;
}

function CreateTopicForm({ onCreated, topicNames }: { onCreated(name: string): void; topicNames: readonly string[] }) {
  const runtime = useRuntime();
  const [form, setForm] = useState({ name: '', partitions: '6', rf: '1', segmentBytes: '', retentionMs: '', retentionBytes: '', other: '' });
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<{ topic: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })) });

  const submit = async (): Promise<void> => {
    setError(null);
    setDone(null);
    const command = createTopicCommand(form);
    if (!('type' in command) || command.type !== 'create-topic') return setError(command as ShownError);
    setBusy(true);
    try {
      await runtime.apply(command);
      const actual = runtime.requireLab().snapshot().topics.find((t) => t.name === command.topic)?.partitions.length;
      setDone({ topic: command.topic, text: createdText(command.topic, command.partitions, actual) });
      setForm((f) => ({ ...f, name: '' }));
      onCreated(command.topic);
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
      <CreateTopicFields field={field} />
      <p className="muted small" data-testid="lab-limits">{LAB_LIMITS_TEXT}</p>
      <ErrorText error={error} />
      {/* Only while the topic exists: after a delete, "Created topic …" would mislead. */}
      {done && topicNames.includes(done.topic) && (
        <p className="ok-text" role="status">
          <span className="clip" title={done.text}>{done.text}</span>
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-accent" disabled={busy || form.name.trim() === ''}>
          {busy ? 'Creating…' : 'Create topic'}
        </button>
      </div>
    </form>
  );
}

/** The sizes the lab can show (docs/FIDELITY.md); larger requests are refused with a message. */
const fmt = (n: number): string => n.toLocaleString('en-US');
const LAB_LIMITS_TEXT = `The lab shows up to ${fmt(LAB_LIMITS.maxPartitionsPerTopic)} partitions per topic, ${fmt(LAB_LIMITS.maxPartitionsInCluster)} in the cluster and ${fmt(LAB_LIMITS.maxTopics)} topics.`;

type FieldProps = (key: 'name' | 'partitions' | 'rf' | 'segmentBytes' | 'retentionMs' | 'retentionBytes' | 'other') => { value: string; onChange(e: { target: { value: string } }): void };

function CreateTopicFields({ field }: { field: FieldProps }) {
  const ids = { name: useId(), p: useId(), rf: useId(), sb: useId(), rms: useId(), rb: useId(), other: useId() };
  return (
    <div className="form-grid">
      <label htmlFor={ids.name}>Name</label>
      <input id={ids.name} {...field('name')} placeholder="e.g. payments" required />
      <label htmlFor={ids.p}>Partitions</label>
      <input id={ids.p} type="number" {...field('partitions')} title="-1 = the broker default (num.partitions)" />
      <label htmlFor={ids.rf}>Replication factor</label>
      <input id={ids.rf} type="number" {...field('rf')} />
      <label htmlFor={ids.sb}>segment.bytes</label>
      <input id={ids.sb} type="number" {...field('segmentBytes')} placeholder="default 1073741824" />
      <label htmlFor={ids.rms}>retention.ms</label>
      <input id={ids.rms} type="number" {...field('retentionMs')} placeholder="default 604800000 (7 days)" />
      <label htmlFor={ids.rb}>retention.bytes</label>
      <input id={ids.rb} type="number" {...field('retentionBytes')} placeholder="default -1 (no limit)" />
      <label htmlFor={ids.other}>Other configs</label>
      <textarea id={ids.other} rows={2} {...field('other')} placeholder="key=value, one per line" />
    </div>
  );
}

const SOURCE_LABEL: Record<TopicConfigEntry['source'], string> = {
  DYNAMIC_TOPIC_CONFIG: 'topic',
  STATIC_BROKER_CONFIG: 'broker',
  DEFAULT_CONFIG: 'default',
};

type Outcome = { ok: true; text: string } | { ok: false; error: ShownError } | null;

/** Apply a command from the details card; one outcome line for the whole card. */
function useTopicCommand() {
  const runtime = useRuntime();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = async (command: LabCommand, ok: string): Promise<boolean> => {
    setOutcome(null);
    try {
      await runtime.apply(command);
      setOutcome({ ok: true, text: ok });
      return true;
    } catch (e) {
      setOutcome({ ok: false, error: describeError(e) });
      return false;
    }
  };
  return { outcome, setOutcome, run };
}

function TopicDetails({ topic, onDeleted }: { topic: TopicRow; onDeleted(): void }) {
  const runtime = useRuntime();
  const [entries, setEntries] = useState<TopicConfigEntry[] | null>(null);
  const { outcome, setOutcome, run } = useTopicCommand();
  const [edit, setEdit] = useState<{ key: string; value: string; focus: number }>({ key: 'retention.ms', value: '', focus: 0 });

  const refresh = useCallback(async () => {
    try {
      setEntries(await runtime.apply({ type: 'describe-configs', topic: topic.name }));
    } catch (e) {
      setOutcome({ ok: false, error: describeError(e) });
    }
  }, [runtime, topic.name, setOutcome]);
  useEffect(() => {
    void refresh();
  }, [refresh, topic.overrides]);

  return (
    <section className="card" aria-label={`Topic ${topic.name}`}>
      <h3>
        <span className="mono clip" title={topic.name}>{topic.name}</span>
        <span className="muted small">
          {topic.partitions} partition{topic.partitions === 1 ? '' : 's'} · replication factor {topic.rf}
        </span>
      </h3>
      <AddPartitions topic={topic} run={run} onInvalid={(message) => setOutcome({ ok: false, error: { title: 'Invalid input', message, key: null } })} />
      <OverrideForm topic={topic.name} entries={entries} edit={edit} setEdit={setEdit} run={run} />
      {outcome && !outcome.ok && <ErrorText error={outcome.error} />}
      {outcome?.ok && (
        <p className="ok-text" role="status">
          <span className="clip" title={outcome.text}>{outcome.text}</span>
        </p>
      )}
      {entries && (
        <ConfigTable
          topic={topic.name}
          entries={entries}
          onEdit={(en) => setEdit((e) => ({ key: en.name, value: en.value, focus: e.focus + 1 }))}
          onRemove={(name) => void run({ type: 'alter-config', topic: topic.name, set: {}, remove: [name] }, `Removed the ${name} override.`)}
        />
      )}
      <DeleteTopic topic={topic.name} internal={topic.internal} run={run} onDeleted={onDeleted} />
    </section>
  );
}

type Run = (command: LabCommand, ok: string) => Promise<boolean>;

/** "Increase partitions", busy while the controller works (CreatePartitions takes a round trip or two). */
function AddPartitions({ topic, run, onInvalid }: { topic: TopicRow; run: Run; onInvalid(message: string): void }) {
  const [count, setCount] = useState(String(topic.partitions + 1));
  const [busy, setBusy] = useState(false);
  const id = useId();
  const add = async (): Promise<void> => {
    const n = Number(count);
    if (!Number.isInteger(n)) return onInvalid('The partition count must be a whole number.');
    setBusy(true);
    await run({ type: 'add-partitions', topic: topic.name, count: n }, `${topic.name} now has ${n} partitions.`);
    setBusy(false);
  };
  return (
    <div className="seek-grid">
      <label htmlFor={id}>Partitions</label>
      <input id={id} type="number" min={topic.partitions + 1} value={count} onChange={(e) => setCount(e.target.value)} />
      <button type="button" className="btn" disabled={busy} aria-busy={busy} onClick={() => void add()}>
        {busy ? 'Adding partitions…' : 'Increase partitions'}
      </button>
    </div>
  );
}

interface OverrideFormProps {
  topic: string;
  entries: TopicConfigEntry[] | null;
  edit: { key: string; value: string; focus: number };
  setEdit(update: (e: { key: string; value: string; focus: number }) => { key: string; value: string; focus: number }): void;
  run: Run;
}

function OverrideForm({ topic, entries, edit, setEdit, run }: OverrideFormProps) {
  const valueRef = useRef<HTMLInputElement>(null);
  const ids = { key: useId(), value: useId() };
  useEffect(() => {
    if (edit.focus > 0) valueRef.current?.focus();
  }, [edit.focus]);
  return (
    <form
      className="seek-grid"
      aria-label={`Override a config of ${topic}`}
      onSubmit={(e) => {
        e.preventDefault();
        const key = edit.key.trim();
        const value = edit.value.trim();
        void run({ type: 'alter-config', topic, set: { [key]: value }, remove: [] }, `Set ${key}=${value} on ${topic}.`);
      }}
    >
      <label htmlFor={ids.key}>Config</label>
      <input id={ids.key} className="span-2" value={edit.key} onChange={(e) => setEdit((x) => ({ ...x, key: e.target.value }))} list={`${ids.key}-list`} />
      <datalist id={`${ids.key}-list`}>
        {entries?.map((en) => <option key={en.name} value={en.name} />)}
      </datalist>
      <label htmlFor={ids.value}>Value</label>
      <input id={ids.value} ref={valueRef} value={edit.value} onChange={(e) => setEdit((x) => ({ ...x, value: e.target.value }))} />
      <button type="submit" className="btn">
        Set override
      </button>
    </form>
  );
}

function ConfigTable({ topic, entries, onEdit, onRemove }: { topic: string; entries: TopicConfigEntry[]; onEdit(en: TopicConfigEntry): void; onRemove(name: string): void }) {
  return (
    <div className="table-scroll tall">
      <table className="table compact config-table" data-testid="topic-configs">
        <caption className="sr-only">Configs of {topic} (describeTopicConfigs)</caption>
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
                <button type="button" className="btn btn-small btn-quiet" onClick={() => onEdit(en)}>
                  Edit<span className="sr-only"> {en.name}</span>
                </button>
                {en.source === 'DYNAMIC_TOPIC_CONFIG' && (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet btn-icon-only"
                    title={`Remove the ${en.name} override (back to the ${en.name} default)`}
                    onClick={() => onRemove(en.name)}
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
  );
}

/**
 * Kafka's brokers delete internal topics too when asked through the Admin API (only the old
 * `kafka-topics --zookeeper` refused), so a hand-made __consumer_offsets can be removed here.
 */
function DeleteTopic({ topic, internal, run, onDeleted }: { topic: string; internal: boolean; run: Run; onDeleted(): void }) {
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <div className="form-actions">
        <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirm(true)}>
          Delete topic…
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={`Delete topic ${topic}?`}
        confirmLabel={`Delete ${topic}`}
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void run({ type: 'delete-topic', topic }, `Deleted ${topic}.`).then((ok) => ok && onDeleted());
        }}
      >
        <p>Every partition and record of {topic} is removed from all brokers. This cannot be undone.</p>
        {internal && (
          <p>
            {topic} is one of Kafka&apos;s internal topics. Kafka&apos;s brokers delete it when an admin client asks (as
            here); in a real cluster the consumer groups or transactions that use it lose their state.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
