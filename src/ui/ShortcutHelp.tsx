import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import { useUiStore } from './uiStore';

/** The `?` overlay: every keyboard shortcut, as a modal <dialog> (Escape closes it). Loaded on first use. */
export default function ShortcutHelp() {
  const setOpen = useUiStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // No close() on cleanup: React's dev double-mount would fire "close" and unmount it; removing
    // the element takes it out of the top layer anyway.
  }, []);
  return (
    <dialog ref={ref} className="dialog shortcut-help" aria-labelledby={titleId} onClose={() => setOpen(false)}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{s.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts are off while you type in a field.</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => setOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
