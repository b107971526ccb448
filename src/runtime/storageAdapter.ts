/**
 * Adapts the IndexedDB log store (src/storage) to the runtime's LabStoragePort.
 */
import type { StorageOp, StoredCluster } from '../engine/storage';
import type { IdbLogStore, StoreStatus } from '../storage/IdbLogStore';
import type { LabMeta, LabStoragePort, StorageFailureKind, StorageHealth } from './ports';

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
  return { seed: m.seed, kafkaVersion: m.kafkaVersion, brokerCount: m.brokerCount, clockMs: m.clockMs };
}

export type CorruptBatch = (at: { broker: number; dir: string; offset: number }) => Promise<void>;

export function adaptIdbStore(store: IdbLogStore, corrupt: CorruptBatch): LabStoragePort {
  return {
    submit: (op: StorageOp) => store.submit(op),
    // Calls store.flush synchronously, so a flush from pagehide opens its transaction in time.
    flush: () => store.flush().then((result) => result.ok),
    load: (): Promise<StoredCluster> => store.load(),
    loadMeta: async () => parseLabMeta((await store.loadMeta())[LAB_META_KEY]),
    setMeta: (meta: LabMeta) => store.setMeta(LAB_META_KEY, meta),
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
    destroy: () => store.destroy(),
  };
}
