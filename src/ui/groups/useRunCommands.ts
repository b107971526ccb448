import { useCallback } from 'react';
import type { LabCommand } from '../../engine/lab/commands';
import { errorLine } from '../errors';
import { useRuntime } from '../RuntimeContext';

/**
 * Run commands in order through the runtime (so they are logged and replayed like any other),
 * stopping at the first refusal; resolves to its message, or null when all ran. With `play`,
 * time runs from the start (a group only forms while the clock moves, and commitSync's promise
 * settles only when the coordinator's answer arrives in simulated time).
 */
export function useRunCommands(): (commands: readonly LabCommand[], play?: boolean) => Promise<string | null> {
  const runtime = useRuntime();
  return useCallback(
    async (commands, play = false) => {
      if (play) runtime.play();
      try {
        for (const c of commands) await runtime.apply(c);
        return null;
      } catch (e) {
        return errorLine(e);
      }
    },
    [runtime],
  );
}
