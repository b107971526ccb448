import { useCallback } from 'react';
import type { LabCommand } from '../../engine/lab/commands';
import { errorLine } from '../errors';
import { useRuntime } from '../RuntimeContext';

/**
 * Run commands in order through the runtime (so they are logged and replayed like any other),
 * stopping at the first refusal; resolves to its message, or null when all ran. With `play`,
 * time runs on afterwards (a group only forms while the clock moves).
 */
export function useRunCommands(): (commands: readonly LabCommand[], play?: boolean) => Promise<string | null> {
  const runtime = useRuntime();
  return useCallback(
    async (commands, play = false) => {
      try {
        for (const c of commands) await runtime.apply(c);
        if (play) runtime.play();
        return null;
      } catch (e) {
        return errorLine(e);
      }
    },
    [runtime],
  );
}
