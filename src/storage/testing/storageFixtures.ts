import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { TestingIdbLogStore } from './TestingIdbLogStore';

/**
 * Helpers for the storage tests (Node only). idb needs fake-indexeddb's global classes
 * (IDBKeyRange, IDBObjectStore…); each test still gets its own factory, so databases never leak.
 */
export async function openTestStore(factory = new IDBFactory(), dbName = 'test-lab'): Promise<{ store: TestingIdbLogStore; factory: IDBFactory }> {
  return { store: await TestingIdbLogStore.open({ dbName, indexedDB: factory }), factory };
}

export { describeCluster, RandomOps } from './randomStorageOps';
