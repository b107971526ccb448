import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { FORCED_MEMORY_REASON, openLabStorage } from './openLabStorage';
import './testing/storageFixtures';

describe('openLabStorage', () => {
  it('opens IndexedDB when it can', async () => {
    const storage = await openLabStorage({ indexedDB: new IDBFactory(), dbName: 'x' });
    expect(storage.mode).toBe('indexeddb');
  });

  it('falls back to memory when the URL says so', async () => {
    expect(await openLabStorage({ forceMemory: true, indexedDB: new IDBFactory() })).toEqual({ mode: 'memory', reason: FORCED_MEMORY_REASON });
  });

  it('falls back to memory without IndexedDB', async () => {
    expect(await openLabStorage({ indexedDB: null })).toMatchObject({ mode: 'memory', reason: expect.stringMatching(/no IndexedDB/) });
  });

  it('falls back to memory when open throws, as in private mode', async () => {
    const factory = new IDBFactory();
    factory.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    expect(await openLabStorage({ indexedDB: factory })).toMatchObject({ mode: 'memory', reason: expect.stringMatching(/SecurityError/) });
  });

  it('falls back to memory when open never finishes', async () => {
    const factory = new IDBFactory();
    // A connection that ignores versionchange keeps a pending delete, and every open queued behind it, waiting.
    await new Promise((resolve) => (factory.open('stuck').onsuccess = resolve));
    factory.deleteDatabase('stuck');
    expect(await openLabStorage({ indexedDB: factory, dbName: 'stuck', openTimeoutMs: 30 })).toMatchObject({ mode: 'memory', reason: expect.stringMatching(/did not open within 0.03 s/) });
  });
});
