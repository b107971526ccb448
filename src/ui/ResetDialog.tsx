import { useEffect, useId, useRef, useState } from 'react';
import { KAFKA_VERSION_PROFILES, randomSeed } from '../runtime/seed';
import { useLabStore } from '../runtime/store';
import { selectKafkaVersion } from './selectors';
import { useRuntime } from './RuntimeContext';

/** "Reset lab": a real modal <dialog> that deletes the stored lab and reloads with a seed. */
export function ResetLabButton() {
  const runtime = useRuntime();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const currentVersion = useLabStore(selectKafkaVersion);
  const [seed, setSeed] = useState('');
  const [version, setVersion] = useState<string>('3.9');
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const seedId = useId();
  const versionId = useId();

  const open = (): void => {
    setSeed(String(randomSeed()));
    setVersion(currentVersion ?? '3.9');
    dialogRef.current?.showModal();
  };
  useEffect(() => () => dialogRef.current?.close(), []);

  const seedValue = Number(seed);
  const seedValid = /^\d{1,10}$/.test(seed) && seedValue <= 0xffffffff;

  return (
    <>
      <button type="button" className="btn btn-quiet" onClick={open}>
        Reset lab…
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!seedValid || busy) return;
            setBusy(true);
            void runtime.reset(seedValue, version);
          }}
        >
          <h2 id={titleId}>Reset the lab?</h2>
          <p>
            This deletes every topic, record and stored segment of this lab in this browser, then starts a fresh
            cluster with the ready topic <code>orders</code>.
          </p>
          <label htmlFor={seedId} className="field">
            <span>Seed for the new lab</span>
            <input
              id={seedId}
              inputMode="numeric"
              value={seed}
              onChange={(e) => setSeed(e.target.value.trim())}
              aria-invalid={!seedValid}
            />
          </label>
          <p className="hint">The same seed and the same actions always replay the same run.</p>
          <label htmlFor={versionId} className="field">
            <span>Kafka version whose defaults the new lab uses</span>
            <select id={versionId} value={version} onChange={(e) => setVersion(e.target.value)}>
              {KAFKA_VERSION_PROFILES.map((v) => (
                <option key={v} value={v}>
                  Kafka {v}
                </option>
              ))}
            </select>
          </label>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => dialogRef.current?.close()} autoFocus>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger" disabled={!seedValid || busy}>
              {busy ? 'Resetting…' : 'Delete and restart'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
