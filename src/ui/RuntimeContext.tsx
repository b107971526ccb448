import { createContext, useContext } from 'react';
import type { AppRuntime } from '../runtime/appTypes';

export const RuntimeContext = createContext<AppRuntime | null>(null);

/** The running lab's runtime (time controls, commands, the KafkaLab). */
export function useRuntime(): AppRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime() needs <RuntimeContext.Provider>');
  return runtime;
}
