import { IdbLogStore, type IdbLogStoreOptions } from './IdbLogStore';

export type LabStorage = { mode: 'indexeddb'; store: IdbLogStore } | { mode: 'memory'; reason: string };

export interface OpenLabStorageOptions {
  dbName?: string;
  /** Defaults to the global one; null forces the "no IndexedDB" path (tests). */
  indexedDB?: IDBFactory | null;
  /** The caller saw `?storage=memory` in the URL. */
  forceMemory?: boolean;
  /** An open that neither succeeds nor fails in time counts as failed (a blocked upgrade, a stuck browser). */
  openTimeoutMs?: number;
  /** How to open the store: IdbLogStore.open, or the test API's TestingIdbLogStore.open. */
  open?: (options: IdbLogStoreOptions) => Promise<IdbLogStore>;
}

export const FORCED_MEMORY_REASON = 'IndexedDB disabled by the URL (storage=memory)';

/**
 * Opens the lab's IndexedDB store, or says in plain words why the lab runs in memory instead.
 * Never rejects: a lab without persistence is still a lab.
 */
export async function openLabStorage(options: OpenLabStorageOptions = {}): Promise<LabStorage> {
  if (options.forceMemory) return { mode: 'memory', reason: FORCED_MEMORY_REASON };
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  if (!factory) return { mode: 'memory', reason: 'This browser has no IndexedDB, so the lab runs in memory and a reload starts over.' };
  const timeoutMs = options.openTimeoutMs ?? 5000;
  let blocked = false;
  const open = options.open ?? ((o: IdbLogStoreOptions) => IdbLogStore.open(o));
  const opening = open({ dbName: options.dbName, indexedDB: factory, onBlocked: () => (blocked = true) });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const winner = await Promise.race([opening, timedOut]);
    if (winner !== 'timeout') return { mode: 'indexeddb', store: winner };
    // If it opens later after all, close it: this tab has already settled on memory.
    opening.then((store) => store.close(), () => undefined);
    const why = blocked ? 'another tab keeps an older version of the lab open' : 'the browser did not answer';
    return { mode: 'memory', reason: `IndexedDB did not open within ${timeoutMs / 1000} s (${why}), so the lab runs in memory.` };
  } catch (error) {
    return { mode: 'memory', reason: `IndexedDB could not be opened (${describe(error)}), so the lab runs in memory. Private browsing often does this.` };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error) {
    const { name, message } = error as { name: string; message?: string };
    return message ? `${name}: ${message}` : name;
  }
  return String(error);
}
