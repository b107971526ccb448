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
  /** Apply the changed keys; throw (ConfigException) to reject. */
  onApply(changes: Record<string, string>): void;
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

/**
 * A client settings form. Only changed keys are applied; a ConfigException is shown next to
 * the field it names and nothing changes (the engine validates before applying).
 */
export function ConfigEditor({ scope, keys, values, onApply, legend }: Props) {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ key: string | null; message: string } | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // The doc of the field being edited, shown under the grid (tooltips are invisible on a projector).
  const [helpKey, setHelpKey] = useState<string | null>(null);
  const formId = useId();
  const helpId = `${formId}-help`;
  const helpDoc = helpKey ? configField(scope, helpKey).doc : '';

  const changes: Record<string, string> = {};
  for (const key of keys) {
    const v = draft[key];
    if (v !== undefined && v !== (values[key] ?? '')) changes[key] = v;
  }
  const dirty = Object.keys(changes).length > 0;

  return (
    <form
      className="config-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!dirty) return;
        try {
          onApply(changes);
          setDraft({});
          setError(null);
          setApplied(`Applied ${Object.entries(changes).map(([k, v]) => `${k}=${v}`).join(', ')}`);
        } catch (err) {
          const shown = describeError(err);
          setError({ key: shown.key, message: shown.message });
          setApplied(null);
        }
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        <div className="config-grid">
          {keys.map((key) => {
            const field = configField(scope, key);
            const id = `${formId}-${key}`;
            const value = draft[key] ?? values[key] ?? '';
            const fieldError = error?.key === key ? error.message : null;
            const set = (v: string): void => {
              setDraft((d) => ({ ...d, [key]: v }));
              setApplied(null);
            };
            return (
              <div className={`config-row${fieldError ? ' has-error' : ''}${changes[key] !== undefined ? ' is-dirty' : ''}`} key={key}>
                <label htmlFor={id} title={field.doc}>
                  <ConfigName name={key} />
                </label>
                {field.kind === 'select' ? (
                  <select
                    id={id}
                    value={value}
                    onChange={(e) => set(e.target.value)}
                    onFocus={() => setHelpKey(key)}
                    aria-invalid={!!fieldError}
                    aria-describedby={fieldError ? `${id}-error` : field.doc ? helpId : undefined}
                  >
                    {!field.options.includes(value) && <option value={value}>{value}</option>}
                    {field.options.map((o) => (
                      <option key={o} value={o}>
                        {OPTION_LABELS[key]?.[o] ?? o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type={field.kind === 'number' ? 'number' : 'text'}
                    value={value}
                    onChange={(e) => set(e.target.value)}
                    onFocus={() => setHelpKey(key)}
                    aria-invalid={!!fieldError}
                    aria-describedby={fieldError ? `${id}-error` : field.doc ? helpId : undefined}
                  />
                )}
                {fieldError && (
                  <p className="field-error" id={`${id}-error`} role="alert">
                    {fieldError}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <p className="hint config-help" id={helpId} aria-live="off">
          {helpKey && helpDoc ? (
            <>
              <span className="mono">{helpKey}</span>: {helpDoc}
            </>
          ) : (
            'Change a value and press Apply. Kafka validates it first: a bad value changes nothing.'
          )}
        </p>
        {error && error.key === null && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        {error && error.key !== null && !keys.includes(error.key) && (
          <p className="field-error" role="alert">
            {error.key}: {error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={!dirty}>
            Apply
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            disabled={!dirty && !error}
            onClick={() => {
              setDraft({});
              setError(null);
            }}
          >
            Revert
          </button>
          {applied && <span className="ok-text">{applied}</span>}
        </div>
      </fieldset>
    </form>
  );
}
