import { useMemo, useState } from 'react';
import { digestRecovery } from './recoverySummary';
import { useLabStore } from '../runtime/store';
import { SessionNotices } from './panels/SessionControls';
import { useRuntime } from './RuntimeContext';
import { selectRecoverySummary, selectRuntimeError, selectSelectTp, selectStorage } from './selectors';

/** Storage, recovery and engine notices; one polite live region so screen readers hear them. */
export function Notices() {
  return (
    <div className="notices" aria-live="polite">
      <StorageNotice />
      <LinkWarningsNotice />
      <SessionNotices />
      <RecoveryNotice />
      <RuntimeErrorNotice />
      <MemoryNotice />
    </div>
  );
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function StorageNotice() {
  const storage = useLabStore(selectStorage);
  // Dismissing hides this message only; the header badge keeps saying where the lab is saved.
  const [dismissed, setDismissed] = useState<string | null>(null);
  let tone: 'warn' | 'error';
  let title: string;
  let text: string;
  if (storage.mode === 'memory') {
    if (storage.reason === 'starting') return null;
    tone = 'warn';
    title = 'Running in memory only.';
    text = `${sentence(storage.reason)} A reload starts a new lab.`;
  } else if ('message' in storage) {
    tone = storage.state === 'behind' ? 'warn' : 'error';
    title = storage.state === 'quota-exceeded' ? 'Storage is full.' : storage.state === 'behind' ? 'Saving is behind.' : 'Not saving.';
    text = sentence(storage.message);
  } else {
    return null;
  }
  const key = `${title} ${text}`;
  if (dismissed === key) return null;
  return (
    <div className={`notice notice-${tone}`} role="status">
      <p>
        <strong>{title}</strong> {text}
      </p>
      <button type="button" className="btn btn-quiet" onClick={() => setDismissed(key)}>
        Dismiss
      </button>
    </div>
  );
}

const NO_WARNINGS: readonly string[] = [];
const selectLinkWarnings = (s: { status: { linkWarnings?: string[] } }): readonly string[] => s.status.linkWarnings ?? NO_WARNINGS;

/** ?seed= / ?version= in the link that the lab did not use, and why. */
function LinkWarningsNotice() {
  const warnings = useLabStore(selectLinkWarnings);
  const [dismissed, setDismissed] = useState<readonly string[] | null>(null);
  if (warnings.length === 0 || dismissed === warnings) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="link-warnings">
      {warnings.length === 1 ? (
        <p>{warnings[0]}</p>
      ) : (
        <ul>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-quiet" onClick={() => setDismissed(warnings)}>
        Dismiss
      </button>
    </div>
  );
}

function RecoveryNotice() {
  const summary = useLabStore(selectRecoverySummary);
  const selectTp = useLabStore(selectSelectTp);
  const [dismissed, setDismissed] = useState<readonly string[] | null>(null);
  const digest = useMemo(() => digestRecovery(summary), [summary]);
  if (summary.length === 0 || dismissed === summary) return null;
  const { partitions, problems, cleanShutdown } = digest;
  const count = `${partitions.length} partition${partitions.length === 1 ? '' : 's'}`;
  const checked = `Log recovery checked ${count}`;
  return (
    <section
      className={`notice ${problems.length > 0 ? 'notice-warn' : 'notice-info'} recovery-notice`}
      aria-label="Restart recovery"
      data-testid="recovery-notice"
    >
      <div className="recovery-body">
        <p>
          <strong>The cluster restarted from disk.</strong>{' '}
          {cleanShutdown
            ? `The last shutdown was clean (.kafka_cleanshutdown), so like Kafka it skipped log recovery and loaded ${count} as stored.`
            : problems.length === 0
              ? `${checked}: no corruption found.`
              : `${checked} and repaired ${problems.length === 1 ? 'one' : problems.length}:`}
        </p>
        {problems.length > 0 && (
          <ul className="recovery-problems">
            {problems.slice(0, 3).map((p, i) => (
              <li key={i}>
                <span>{p.line}</span>
                {p.tp && (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => selectTp(p.tp)}>
                    Show {p.tp}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>All {summary.length} recovery steps</summary>
          <ul className="recovery-steps">
            {summary.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </details>
      </div>
      <button type="button" className="btn btn-quiet" onClick={() => setDismissed(summary)}>
        Dismiss
      </button>
    </section>
  );
}

const selectMemoryNotice = (s: { status: { memoryNotice?: string | null } }): string | null => s.status.memoryNotice ?? null;

/** The lab paused because its logs grew large in memory (runtime/memoryGuard), and what to do. */
function MemoryNotice() {
  const runtime = useRuntime();
  const notice = useLabStore(selectMemoryNotice);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!notice || dismissed === notice) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="memory-notice">
      <p>
        <strong>Paused: the logs are large.</strong> {notice}
      </p>
      <button type="button" className="btn btn-quiet" onClick={() => runtime.play()}>
        Play on
      </button>
      <button type="button" className="btn btn-quiet" onClick={() => setDismissed(notice)}>
        Dismiss
      </button>
    </div>
  );
}

function RuntimeErrorNotice() {
  const runtime = useRuntime();
  const error = useLabStore(selectRuntimeError);
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      <strong>The engine stopped with an error:</strong> <code>{error}</code>{' '}
      <button type="button" className="btn btn-quiet" onClick={() => runtime.play()}>
        Try to continue
      </button>
    </p>
  );
}
