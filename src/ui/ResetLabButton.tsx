import { lazy, Suspense, useState } from 'react';

// The dialog is not needed for the first screen: its code loads on the first click.
const ResetDialog = lazy(() => import('./ResetDialog'));

/** "Reset lab…": opens the reset dialog (seed, Kafka version, broker count). */
export function ResetLabButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-quiet" onClick={() => setOpen(true)}>
        Reset lab…
      </button>
      {open && (
        <Suspense fallback={null}>
          <ResetDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
