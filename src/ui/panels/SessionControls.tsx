import { useId, useState } from 'react';
import './session.css';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { CLASSROOM_BROKER_CONFIG } from '../../runtime/labActions';
import { useRuntime } from '../RuntimeContext';

/**
 * The scenario writer and the share link are their own chunk (the first screen never needs
 * them); opening the menu starts loading it, so the buttons answer at once.
 */
let sessionExport: Promise<typeof import('./sessionExport')> | null = null;
const loadSessionExport = () => (sessionExport ??= import('./sessionExport'));

/** The session so far as a `.lab` file or a link: the header's "Share" menu. */
export function SessionMenu() {
  const runtime = useRuntime();
  const [message, setMessage] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  // Fixed under the button: the header may scroll sideways on narrow screens and would clip it.
  const [open, setOpen] = useState<{ top: number; right: number } | null>(null);
  const bodyId = useId();
  const exportFile = async (): Promise<void> => {
    const { sessionText } = await loadSessionExport();
    const text = sessionText(runtime.requireLab(), CLASSROOM_BROKER_CONFIG);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `kafka-lab-seed-${runtime.requireLab().seed}.lab`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage(`Downloaded ${a.download}: replay it with npm run lab ${a.download}`);
  };

  const copyLink = async (): Promise<void> => {
    const { sessionLink } = await loadSessionExport();
    const url = sessionLink(location.href, runtime.requireLab(), CLASSROOM_BROKER_CONFIG);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Share link copied: whoever opens it gets this exact lab (seed, version, brokers and every action).');
    } catch {
      setMessage('Copy the share link below (the browser did not allow copying it for you).');
    }
  };

  return (
    <div className="session-menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(null)}>
      <button
        type="button"
        className="btn btn-quiet"
        aria-expanded={open !== null}
        aria-controls={bodyId}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          void loadSessionExport();
          setOpen((o) => (o ? null : { top: r.bottom + 4, right: Math.max(8, window.innerWidth - r.right) }));
        }}
      >
        Share
      </button>
      <div className="session-menu-body" id={bodyId} role="group" aria-label="Share this session" hidden={open === null} style={open ?? undefined}>
        <button type="button" className="btn" onClick={() => void exportFile()}>
          Export scenario
        </button>
        <button type="button" className="btn" onClick={() => void copyLink()}>
          Copy share link
        </button>
        {message && (
          <p className="hint" role="status">
            {message}
          </p>
        )}
        {link && (
          <label className="field">
            <span>Share link</span>
            <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          </label>
        )}
      </div>
    </div>
  );
}

const selectShare = (s: LabStoreState) => s.status.share;
const NONE: readonly string[] = [];
const selectClientRestore = (s: LabStoreState): readonly string[] => s.status.clientRestore ?? NONE;

/** A share link that was opened, offered or refused, and the clients a reload started again. */
export function SessionNotices() {
  const runtime = useRuntime();
  const share = useLabStore(selectShare);
  const restored = useLabStore(selectClientRestore);
  const [hidden, setHidden] = useState<readonly unknown[]>([]);
  const dismiss = (what: unknown) => (
    <button type="button" className="btn btn-quiet" onClick={() => setHidden((h) => [...h, what])}>
      Dismiss
    </button>
  );
  return (
    <>
      {share && !hidden.includes(share) && (
        <div className={`notice ${share.state === 'error' ? 'notice-error' : 'notice-info'}`} role="status" data-testid="share-notice">
          {share.state === 'error' && <p>{share.message}</p>}
          {share.state === 'opened' && <p><strong>Opened a shared lab</strong> ({share.summary}): every action was replayed at its moment.</p>}
          {share.state === 'offer' && (
            <p>
              <strong>This link holds a shared lab</strong> ({share.summary}). This browser already has one; opening the shared lab replaces it.{' '}
              <button type="button" className="btn" onClick={() => void runtime.reset(runtime.requireLab().seed)}>
                Open the shared lab
              </button>
            </p>
          )}
          {dismiss(share)}
        </div>
      )}
      {restored.length > 0 && !hidden.includes(restored) && (
        <div className="notice notice-info" role="status" data-testid="client-restore-notice">
          <div>
            <p>
              <strong>The page reloaded, so the cluster restarted</strong> (every broker stopped and started again from its stored logs). Kafka clients are
              applications, not part of the cluster; the lab started yours again where they were:
            </p>
            <ul>
              {restored.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          {dismiss(restored)}
        </div>
      )}
    </>
  );
}
