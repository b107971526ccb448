/**
 * Adapts the IndexedDB log store (src/storage) to the runtime's LabStoragePort.
 */
import type { StorageOp, StoredCluster } from '../engine/storage';
import type { IdbLogStore, StoreStatus } from '../storage/IdbLogStore';
import { clearShutdownJournal, OpJournal, readShutdownJournal, writeShutdownJournal } from '../storage/ShutdownJournal';
import type { LabMeta, LabStoragePort, StorageFailureKind, StorageHealth } from './ports';
import { parseSessionMeta } from './session';

export const LAB_META_KEY = 'lab';

export function toHealth(status: StoreStatus): StorageHealth {
  if (status === 'ok') return { state: 'ok' };
  if (status.kind === 'quota-exceeded') return { state: 'quota-exceeded', message: status.message };
  return { state: 'error', message: status.message };
}

/** Stored meta → LabMeta, or null when absent or not the shape we wrote. */
export function parseLabMeta(value: unknown): LabMeta | null {
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  if (typeof m.seed !== 'number' || typeof m.kafkaVersion !== 'string') return null;
  if (typeof m.brokerCount !== 'number' || typeof m.clockMs !== 'number') return null;
  const session = parseSessionMeta(m.session);
  return { seed: m.seed, kafkaVersion: m.kafkaVersion, brokerCount: m.brokerCount, clockMs: m.clockMs, ...(session ? { session } : {}) };
}

export type CorruptBatch = (at: { broker: number; dir: string; offset: number }) => Promise<void>;

export interface JournalOptions {
  /** localStorage, or a stand-in in tests. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  key: string;
}

export function adaptIdbStore(store: IdbLogStore, corrupt: CorruptBatch, journalOptions?: JournalOptions): LabStoragePort {
  // Everything submitted since the last flush known to have committed (see ShutdownJournal).
  const journal = new OpJournal();
  const flush = (): Promise<boolean> => {
    const mark = journal.mark();
    return store.flush().then((result) => {
      if (result.ok) journal.committed(mark);
      return result.ok;
    });
  };
  const setMeta = (meta: LabMeta): void => {
    journal.record({ kind: 'meta', name: LAB_META_KEY, value: meta });
    store.setMeta(LAB_META_KEY, meta);
  };
  return {
    submit: (op: StorageOp) => {
      journal.record({ kind: 'op', op });
      store.submit(op);
    },
    // Calls store.flush synchronously, so a flush from pagehide opens its transaction in time.
    flush,
    flushForUnload: () => {
      if (store.isFenced) return;
      if (journalOptions) writeShutdownJournal(journalOptions.storage, journalOptions.key, journal);
      void flush();
    },
    replayShutdownJournal: async () => {
      if (!journalOptions) return 0;
      const entries = readShutdownJournal(journalOptions.storage, journalOptions.key);
      if (!entries) return 0;
      for (const entry of entries) {
        if (entry.kind === 'op') {
          journal.record(entry);
          store.submit(entry.op);
        } else if (entry.name === LAB_META_KEY) {
          const meta = parseLabMeta(entry.value);
          if (meta) setMeta(meta);
        }
      }
      // Only forget the journal once its operations are safely in IndexedDB.
      if (await flush()) clearShutdownJournal(journalOptions.storage, journalOptions.key);
      return entries.length;
    },
    load: (): Promise<StoredCluster> => store.load(),
    loadMeta: async () => parseLabMeta((await store.loadMeta())[LAB_META_KEY]),
    setMeta,
    get health() {
      return toHealth(store.status);
    },
    onHealth: (listener) => store.onStatus((s) => listener(toHealth(s))),
    injectFailure: (kind: StorageFailureKind) => store.injectFailure(kind),
    corruptStoredBatch: async (at) => {
      // Make sure what the test saw is on disk before damaging it.
      await store.flush();
      await corrupt(at);
    },
    claimWriter: async () => {
      await store.claimWriterEpoch();
    },
    fence: () => store.fence(),
    destroy: async () => {
      if (journalOptions) clearShutdownJournal(journalOptions.storage, journalOptions.key);
      await store.destroy();
    },
  };
}
