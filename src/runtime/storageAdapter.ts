/**
 * Adapts the IndexedDB log store (src/storage) to the runtime's LabStoragePort, and keeps what a
 * reload could lose small: everything not yet committed is in the unload journal (ShutdownJournal),
 * a flush starts as soon as that backlog grows past FLUSH_AHEAD_BYTES (not only on the runtime's
 * timer), and the health says 'behind' before the backlog outgrows what the journal can hold.
 */
import type { StorageOp, StoredCluster } from '../engine/storage';
import type { IdbLogStore } from '../storage/IdbLogStore';
import { clearShutdownJournal, MAX_JOURNAL_BYTES, OpJournal, readShutdownJournal, writeShutdownJournal } from '../storage/ShutdownJournal';
import { sameHealth, type SavedHealth } from '../storage/storeStatus';
import type { LabMeta, LabStoragePort } from './ports';
import { parseSessionMeta } from './session';

export const LAB_META_KEY = 'lab';

/** Start a flush without waiting for the runtime's timer once this much is unsaved. */
export const FLUSH_AHEAD_BYTES = 256 * 1024;
/** Warn from here: a little more and the unload journal could not hold the unsaved tail. */
export const BEHIND_BYTES = (MAX_JOURNAL_BYTES * 3) / 4;
/** ...and stop warning once the backlog is back below this. */
const CAUGHT_UP_BYTES = BEHIND_BYTES / 2;

/** Shown after the notice's title "Saving is behind." (and in the header badge's tooltip). */
export const BEHIND_MESSAGE =
  'The browser has not stored the newest records yet, and a reload now could lose some of them. ' +
  'The lab keeps saving; wait for this notice to go before reloading.';

/** Stored meta → LabMeta, or null when absent or not the shape we wrote. */
export function parseLabMeta(value: unknown): LabMeta | null {
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  if (typeof m.seed !== 'number' || typeof m.kafkaVersion !== 'string') return null;
  if (typeof m.brokerCount !== 'number' || typeof m.clockMs !== 'number') return null;
  const session = parseSessionMeta(m.session);
  const down = Array.isArray(m.downBrokers) ? m.downBrokers.filter((id): id is number => Number.isInteger(id)) : [];
  return {
    seed: m.seed,
    kafkaVersion: m.kafkaVersion,
    brokerCount: m.brokerCount,
    clockMs: m.clockMs,
    ...(down.length > 0 ? { downBrokers: down } : {}),
    ...(session ? { session } : {}),
  };
}

export interface JournalOptions {
  /** localStorage, or a stand-in in tests. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  key: string;
}

export function adaptIdbStore(store: IdbLogStore, journalOptions?: JournalOptions): LabStoragePort {
  // Everything submitted since the last flush known to have committed (see ShutdownJournal).
  const journal = new OpJournal();
  const health = new BacklogHealth(store, journal);
  let flushingAhead = false;
  const flush = (): Promise<boolean> => {
    const mark = journal.mark();
    return store.flush().then((result) => {
      if (result.ok) journal.committed(mark);
      health.update();
      return result.ok;
    });
  };
  const record = (entry: Parameters<OpJournal['record']>[0]): void => {
    journal.record(entry);
    if (!flushingAhead && journal.pendingBytes > FLUSH_AHEAD_BYTES && !store.isFenced) {
      flushingAhead = true;
      void flush().finally(() => (flushingAhead = false));
    }
    health.update();
  };
  const setMeta = (meta: LabMeta): void => {
    record({ kind: 'meta', name: LAB_META_KEY, value: meta });
    store.setMeta(LAB_META_KEY, meta);
  };
  return {
    submit: (op: StorageOp) => {
      store.submit(op);
      record({ kind: 'op', op });
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
      return health.current;
    },
    onHealth: (listener) => health.listen(listener),
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

/** The store's own health, or 'behind' while the unsaved backlog is too large for a safe reload. */
class BacklogHealth {
  current: SavedHealth;
  private behind = false;
  private readonly listeners = new Set<(health: SavedHealth) => void>();

  constructor(
    private readonly store: IdbLogStore,
    private readonly journal: OpJournal,
  ) {
    this.current = store.status;
    store.onStatus(() => this.update());
  }

  /** Cheap unless the backlog crosses a threshold: it runs for every submitted op. */
  update(): void {
    const bytes = this.journal.pendingBytes;
    if (!this.behind && bytes > BEHIND_BYTES) this.behind = true;
    else if (this.behind && bytes < CAUGHT_UP_BYTES) this.behind = false;
    const status = this.store.status;
    const next: SavedHealth = status.state === 'ok' && this.behind ? { mode: 'indexeddb', state: 'behind', message: BEHIND_MESSAGE } : status;
    if (sameHealth(next, this.current)) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  listen(listener: (health: SavedHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
