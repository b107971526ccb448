import { useState, type ReactNode } from 'react';
import { useLabStore } from '../runtime/store';
import { useRuntime } from './RuntimeContext';
import { selectOwnership, selectStartupError } from './selectors';

/** Full-page panels for "another tab has this lab", "taken over" and start-up failure. */
export function OwnershipGate({ children }: { children: ReactNode }) {
  const ownership = useLabStore(selectOwnership);
  const startupError = useLabStore(selectStartupError);
  if (startupError) {
    return (
      <FullPage title="The lab could not start">
        <p>
          <code>{startupError}</code>
        </p>
        <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
          Reload
        </button>
      </FullPage>
    );
  }
  if (ownership === 'other-tab-owns') return <OtherTabOwns />;
  if (ownership === 'taken-over') {
    return (
      <FullPage title="Another tab took over this lab">
        <p>This tab stopped so the two tabs cannot overwrite each other&apos;s logs. The lab keeps running there.</p>
        <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
          Reload to take it back
        </button>
      </FullPage>
    );
  }
  return <>{children}</>;
}

function OtherTabOwns() {
  const runtime = useRuntime();
  const [busy, setBusy] = useState(false);
  return (
    <FullPage title="This lab is open in another tab">
      <p>
        One lab, one tab: its logs live in this browser&apos;s storage, and only one tab may write them. Switch to the
        other tab, or move the lab here (the other tab stops).
      </p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void runtime.takeOver();
        }}
      >
        {busy ? 'Taking over…' : 'Take over here'}
      </button>
    </FullPage>
  );
}

function FullPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="full-page">
      <section className="full-page-card" aria-live="polite">
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}
