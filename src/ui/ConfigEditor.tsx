import { Fragment, useId, useState } from 'react';
import type { ConfigScope } from '../engine/config';
import { configField } from './configFields';
import { describeError } from './errors';

interface Props {
  scope: ConfigScope;
  /** Keys to edit, in display order. */
  keys: readonly string[];
  /** Current effective values (from the snapshot). */
  values: Readonly<Record<string, string>>;
  /** Apply the changed keys; throw or reject (ConfigException) to refuse them. */
  onApply(changes: Record<string, string>): unknown;
  legend: string;
}

/** Option labels that say what a value means (Kafka stores acks=all as -1). */
const OPTION_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  acks: { all: 'all', '-1': '-1 (= all)', '0': '0 (no ack)', '1': '1 (leader only)' },
};

/** "max.in.flight.requests" with break opportunities after the dots, so long names wrap at a dot. */
export function ConfigName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

type FieldError = { key: string | null; message: string } | null;

/**
 * A client settings form. Only changed keys are applied; a ConfigException is shown next to
 * the field it names and nothing changes (the engine validates before applying).
 */
export function ConfigEditor({ scope, keys, values, onApply, legend }: Props) {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<FieldError>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // The doc of the field being edited, shown under the grid (tooltips are invisible on a projector).
  const [helpKey, setHelpKey] = useState<string | null>(null);
  const formId = useId();
  const helpId = `${formId}-help`;

  const changes: Record<string, string> = {};
  for (const key of keys) {
    const v = draft[key];
    if (v !== undefined && v !== (values[key] ?? '')) changes[key] = v;
  }
  const dirty = Object.keys(changes).length > 0;
  const apply = async (): Promise<void> => {
    if (!dirty) return;
    try {
      await onApply(changes);
      setDraft({});
      setError(null);
      setApplied(`Applied ${Object.entries(changes).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    } catch (err) {
      const shown = describeError(err);
      setError({ key: shown.key, message: shown.message });
      setApplied(null);
    }
  };

  return (
    <form
      className="config-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        <div className="config-grid">
          {keys.map((key) => (
            <ConfigField
              key={key}
              scope={scope}
              name={key}
              id={`${formId}-${key}`}
              value={draft[key] ?? values[key] ?? ''}
              dirty={changes[key] !== undefined}
              error={error?.key === key ? error.message : null}
              helpId={helpId}
              onFocus={() => setHelpKey(key)}
              onChange={(v) => {
                setDraft((d) => ({ ...d, [key]: v }));
                setApplied(null);
              }}
            />
          ))}
        </div>
        <ConfigHelp scope={scope} helpKey={helpKey} id={helpId} />
        <OtherErrors error={error} keys={keys} />
        <ConfigActions
          dirty={dirty}
          canRevert={dirty || error !== null}
          applied={applied}
          onRevert={() => {
            setDraft({});
            setError(null);
          }}
        />
      </fieldset>
    </form>
  );
}

function ConfigActions({ dirty, canRevert, applied, onRevert }: { dirty: boolean; canRevert: boolean; applied: string | null; onRevert(): void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn" disabled={!dirty}>
        Apply
      </button>
      <button type="button" className="btn btn-quiet" disabled={!canRevert} onClick={onRevert}>
        Revert
      </button>
      {applied && <span className="ok-text">{applied}</span>}
    </div>
  );
}

interface FieldProps {
  scope: ConfigScope;
  name: string;
  id: string;
  value: string;
  dirty: boolean;
  error: string | null;
  helpId: string;
  onFocus(): void;
  onChange(value: string): void;
}

/** One setting: a select for enumerated values, otherwise an input; its error under it. */
function ConfigField({ scope, name, id, value, dirty, error, helpId, onFocus, onChange }: FieldProps) {
  const field = configField(scope, name);
  const common = {
    id,
    value,
    onFocus,
    'aria-invalid': !!error,
    'aria-describedby': error ? `${id}-error` : field.doc ? helpId : undefined,
  };
  return (
    <div className={`config-row${error ? ' has-error' : ''}${dirty ? ' is-dirty' : ''}`}>
      <label htmlFor={id} title={field.doc}>
        <ConfigName name={name} />
      </label>
      {field.kind === 'select' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {!field.options.includes(value) && <option value={value}>{value}</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {OPTION_LABELS[name]?.[o] ?? o}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.kind === 'number' ? 'number' : 'text'} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ConfigHelp({ scope, helpKey, id }: { scope: ConfigScope; helpKey: string | null; id: string }) {
  const doc = helpKey ? configField(scope, helpKey).doc : '';
  return (
    <p className="hint config-help" id={id} aria-live="off">
      {helpKey && doc ? (
        <>
          <span className="mono">{helpKey}</span>: {doc}
        </>
      ) : (
        'Change a value and press Apply. Kafka validates it first: a bad value changes nothing.'
      )}
    </p>
  );
}

/** Errors about no field, or about a key this form does not show. */
function OtherErrors({ error, keys }: { error: FieldError; keys: readonly string[] }) {
  if (!error) return null;
  if (error.key === null) {
    return (
      <p className="field-error" role="alert">
        {error.message}
      </p>
    );
  }
  if (keys.includes(error.key)) return null;
  return (
    <p className="field-error" role="alert">
      {error.key}: {error.message}
    </p>
  );
}
