import { describe, expect, it } from 'vitest';
import type { SavedHealth } from '../storage/storeStatus';
import { openTestStore } from '../storage/testing/storageFixtures';
import { BEHIND_BYTES, BEHIND_MESSAGE, parseLabMeta, adaptIdbStore } from './storageAdapter';

describe('storage adapter', () => {
  it('reads back the meta it wrote and rejects anything else', () => {
    const meta = { seed: 42, kafkaVersion: '3.9', brokerCount: 3, clockMs: 1234 };
    expect(parseLabMeta(meta)).toEqual(meta);
    expect(parseLabMeta(undefined)).toBeNull();
    expect(parseLabMeta({ seed: '42' })).toBeNull();
    expect(parseLabMeta({ ...meta, downBrokers: [1, 2] })).toEqual({ ...meta, downBrokers: [1, 2] });
    // Anything but whole broker ids is dropped, not trusted.
    expect(parseLabMeta({ ...meta, downBrokers: [1, 'x', 2.5, null] })).toEqual({ ...meta, downBrokers: [1] });
    expect(parseLabMeta({ ...meta, downBrokers: 'all' })).toEqual(meta);
  });

  it("passes the store's health through unchanged (one health type, no converter)", async () => {
    const { store } = await openTestStore();
    const port = adaptIdbStore(store);
    const seen: SavedHealth[] = [];
    port.onHealth((h) => seen.push(h));
    expect(port.health).toEqual({ mode: 'indexeddb', state: 'ok' });
    store.injectFailure('quota');
    port.submit({ type: 'znode', path: '/a', data: 'x' });
    expect(await port.flush()).toBe(false);
    expect(port.health).toBe(store.status);
    expect(seen.map((h) => h.state)).toEqual(['quota-exceeded']);
    store.fence();
    expect(port.health).toMatchObject({ state: 'fenced' });
  });
});
