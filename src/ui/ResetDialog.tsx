import { useEffect, useId, useRef, useState } from 'react';
import {
  BROKER_COUNT_MAX,
  BROKER_COUNT_MIN,
  DEFAULT_BROKER_COUNT,
  KAFKA_VERSION_PROFILES,
  parseBrokerCount,
  randomSeed,
  seedProblem,
} from '../runtime/seed';
import { useLabStore } from '../runtime/store';
import { selectKafkaVersion } from './selectors';
import { useRuntime } from './RuntimeContext';

const BROKER_CHOICES = Array.from({ length: BROKER_COUNT_MAX - BROKER_COUNT_MIN + 1 }, (_, i) => BROKER_COUNT_MIN + i);

/** "Reset lab": a real modal <dialog> that deletes the stored lab and reloads with a seed. */
export default function ResetDialog({ onClose }: { onClose(): void }) {
  const runtime = useRuntime();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const currentVersion = useLabStore(selectKafkaVersion);
  const currentBrokers = useLabStore((s) => s.snapshot?.brokers.length ?? DEFAULT_BROKER_COUNT);
  const [seed, setSeed] = useState(() => String(randomSeed()));
  const [version, setVersion] = useState<string>(currentVersion ?? '3.9');
  const [brokers, setBrokers] = useState(String(currentBrokers));
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), seed: useId(), seedError: useId(), version: useId(), brokers: useId() };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    // No close() on cleanup: React's dev double-mount would fire "close" and unmount it; removing
    // the element takes it out of the top layer anyway.
  }, []);

  const problem = seedProblem(seed);
  const brokerCount = parseBrokerCount(brokers);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (problem !== null || brokerCount === null || busy) return;
          setBusy(true);
          void runtime.reset(Number(seed.trim()), version, brokerCount);
        }}
      >
        <h2 id={ids.title}>Reset the lab?</h2>
        <p>
          This deletes every topic, record and stored segment of this lab in this browser, then starts a fresh
          cluster with the ready topic <code>orders</code>.
        </p>
        <label htmlFor={ids.seed} className="field">
          <span>Seed for the new lab</span>
          <input
            id={ids.seed}
            inputMode="numeric"
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem !== null ? ids.seedError : undefined}
          />
        </label>
        {problem !== null ? (
          <p className="field-error" id={ids.seedError} role="alert">
            {problem}
          </p>
        ) : (
          <p className="hint">The same seed and the same actions always replay the same run.</p>
        )}
        <div className="dialog-row">
          <label htmlFor={ids.version} className="field">
            <span>Kafka version whose defaults the new lab uses</span>
            <select id={ids.version} value={version} onChange={(e) => setVersion(e.target.value)}>
              {KAFKA_VERSION_PROFILES.map((v) => (
                <option key={v} value={v}>
                  Kafka {v}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.brokers} className="field">
            <span>Brokers</span>
            <select id={ids.brokers} value={brokers} onChange={(e) => setBrokers(e.target.value)}>
              {BROKER_CHOICES.map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => dialogRef.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={problem !== null || brokerCount === null || busy}>
            {busy ? 'Resetting…' : 'Delete and restart'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
