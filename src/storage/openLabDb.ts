import { wrap } from 'idb';
import { SCHEMA_VERSION, upgradeSchema, type LabDb } from './schema';

/**
 * idb's openDB/deleteDB use the global `indexedDB`; these do the same through an injected
 * factory (tests pass fake-indexeddb's, one per test) and keep idb's wrapped objects.
 */
export function openLabDb(factory: IDBFactory, dbName: string, onBlocked?: () => void): Promise<LabDb> {
  const request = factory.open(dbName, SCHEMA_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    upgradeSchema(wrap(request.result) as unknown as LabDb, event.oldVersion);
  });
  // Another connection on an older version has not closed yet; the open waits for it.
  if (onBlocked) request.addEventListener('blocked', () => onBlocked());
  return wrap(request).then((db) => {
    if (!db) throw new Error(`IndexedDB returned no database for "${dbName}"`);
    return db as unknown as LabDb;
  });
}

export async function deleteLabDb(factory: IDBFactory, dbName: string): Promise<void> {
  await wrap(factory.deleteDatabase(dbName));
}
