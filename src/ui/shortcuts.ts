/**
 * Keyboard shortcuts for the time controls and presenter mode. They never fire while the
 * user types (inputs, selects, text areas, editable text), with Ctrl/Alt/Meta held, or
 * inside a modal dialog; Space is left to a focused button or link so it still presses it.
 */
import { useEffect } from 'react';
import { SPEED_PRESETS } from '../runtime/framePacing';
import { useLabStore } from '../runtime/store';
import { useRuntime } from './RuntimeContext';
import { stepAndReport } from './stepReport';
import { useUiStore } from './uiStore';

export type ShortcutAction = 'toggle-play' | 'step' | 'faster' | 'slower' | 'presenter' | 'help';

/** What the help overlay lists, in order. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: ShortcutAction; text: string }[] = [
  { keys: ['Space', 'K'], action: 'toggle-play', text: 'Play / pause simulated time' },
  { keys: ['.'], action: 'step', text: 'Step: run exactly one engine event (pauses first)' },
  { keys: ['+'], action: 'faster', text: 'Faster (next speed preset)' },
  { keys: ['−'], action: 'slower', text: 'Slower (previous speed preset)' },
  { keys: ['P'], action: 'presenter', text: 'Presenter mode on / off (large type for a projector)' },
  { keys: ['?'], action: 'help', text: 'Show / hide this list' },
];

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements Space already activates. */
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly target: EventTarget | null;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return TYPING.has(el.tagName) || el.isContentEditable === true || el.closest?.('[contenteditable="true"]') != null;
}

/** The shortcut a key press means, or null when it is not one (or the user is typing). */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return null;
  const el = e.target as HTMLElement | null;
  const inDialog = el?.closest?.('dialog[open]') ?? null;
  if (e.key === '?') return inDialog && !inDialog.classList.contains('shortcut-help') ? null : 'help';
  if (inDialog) return null;
  switch (e.key) {
    case ' ':
      if (el && typeof el.tagName === 'string' && (PRESSABLE.has(el.tagName) || el.getAttribute('role') === 'tab')) return null;
      return 'toggle-play';
    case 'k':
    case 'K':
      return 'toggle-play';
    case '.':
      return 'step';
    case '+':
    case '=':
      return 'faster';
    case '-':
    case '_':
      return 'slower';
    case 'p':
    case 'P':
      return 'presenter';
    default:
      return null;
  }
}

/** The next speed preset up (+1) or down (-1) from `speed`; the end presets stay put. */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_PRESETS.find((s) => s > speed + 1e-9) ?? SPEED_PRESETS[SPEED_PRESETS.length - 1]!;
  for (let i = SPEED_PRESETS.length - 1; i >= 0; i--) if (SPEED_PRESETS[i]! < speed - 1e-9) return SPEED_PRESETS[i]!;
  return SPEED_PRESETS[0];
}

/** Installs the shortcuts on the document while the lab screen is shown. */
export function useShortcuts(): void {
  const runtime = useRuntime();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return;
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      const ui = useUiStore.getState();
      const speed = useLabStore.getState().status.speed;
      switch (action) {
        case 'toggle-play':
          return runtime.togglePlaying();
        case 'step':
          return void stepAndReport(runtime);
        case 'faster':
          return runtime.setSpeed(nextSpeed(speed, 1));
        case 'slower':
          return runtime.setSpeed(nextSpeed(speed, -1));
        case 'presenter':
          return ui.togglePresenter();
        case 'help':
          return ui.setHelpOpen(!ui.helpOpen);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [runtime]);
}
