import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Random } from '../engine/kernel';
import { MemoryStorage, type StorageOp } from '../engine/storage';
import { describeCluster, openTestStore, RandomOps } from '../storage/testing/storageFixtures';
import { adaptIdbStore } from './storageAdapter';

const KEY = 'test-lab:shutdown-journal';

function fakeLocalStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** Small random ops (the journal is bounded to 1 MiB). */
function smallOps(seed: number, count: number): StorageOp[] {
  const random = new RandomOps(new Random(seed));
  const ops: StorageOp[] = [];
  while (ops.length < count) {
    const op = random.next();
    if (op.type === 'append' && op.bytes.byteLength > 20_000) continue;
    ops.push(op);
  }
  return ops;
}

const meta = { seed: 7, kafkaVersion: '3.9', brokerCount: 3, clockMs: 4321 };

describe('shutdown journal', () => {
  it('journals exactly what no flush has committed yet, and a new page replays it into IndexedDB', async () => {
    const local = fakeLocalStorage();
    const { store } = await openTestStore();
    const port = adaptIdbStore(store, { storage: local, key: KEY });
    const [early, late] = [smallOps(1, 20), smallOps(2, 20)];
    const memory = new MemoryStorage();
    for (const op of early) {
      port.submit(op);
      memory.submit(op);
    }
    expect(await port.flush()).toBe(true);
    for (const op of late) {
      port.submit(op);
      memory.submit(op);
    }
    port.setMeta(meta);
    // The page goes away: the journal is written synchronously; its last flush may never commit.
    port.flushForUnload!();
    const journal = JSON.parse(local.map.get(KEY)!) as { entries: unknown[] };
    expect(journal.entries).toHaveLength(late.length + 1);

    // The next page opens a database holding only `early` (the unload flush died) and replays.
    const nextStore = await openTestStore();
    const port2 = adaptIdbStore(nextStore.store, { storage: local, key: KEY });
    for (const op of early) port2.submit(op);
    expect(await port2.flush()).toBe(true);
    expect(await port2.replayShutdownJournal!()).toBe(late.length + 1);
    expect(describeCluster(await port2.load())).toEqual(describeCluster(memory.load()));
    expect(await port2.loadMeta()).toEqual(meta);
    expect(local.map.has(KEY)).toBe(false);
  });

  it('is harmless to replay when the unload flush did commit', async () => {
    const local = fakeLocalStorage();
    const factory = new IDBFactory();
    const { store } = await openTestStore(factory);
    const port = adaptIdbStore(store, { storage: local, key: KEY });
    const memory = new MemoryStorage();
    for (const op of smallOps(3, 40)) {
      port.submit(op);
      memory.submit(op);
    }
    port.flushForUnload!();
    await port.flush(); // this time the flush finished
    expect(local.map.has(KEY)).toBe(true);
    await store.close?.();
    const again = adaptIdbStore((await openTestStore(factory)).store, { storage: local, key: KEY });
    expect(await again.replayShutdownJournal!()).toBe(40);
    expect(describeCluster(await again.load())).toEqual(describeCluster(memory.load()));
  });

  it('writes nothing from a fenced store, and forgets the journal on reset', async () => {
    const local = fakeLocalStorage();
    const { store } = await openTestStore();
    const port = adaptIdbStore(store, { storage: local, key: KEY });
    port.submit(smallOps(4, 1)[0]!);
    port.fence();
    port.flushForUnload!();
    expect(local.map.has(KEY)).toBe(false);

    const other = adaptIdbStore((await openTestStore()).store, { storage: local, key: KEY });
    other.submit(smallOps(5, 1)[0]!);
    other.flushForUnload!();
    expect(local.map.has(KEY)).toBe(true);
    await other.destroy();
    expect(local.map.has(KEY)).toBe(false);
  });

  it('writes the oldest part that fits when the journal would be too large (recovery runs for the rest)', async () => {
    const local = fakeLocalStorage();
    const { store } = await openTestStore();
    const port = adaptIdbStore(store, { storage: local, key: KEY });
    const chunk = 200 * 1024;
    const memory = new MemoryStorage();
    for (let i = 0; i < 10; i++) {
      const op: StorageOp = { type: 'append', broker: 0, dir: 'orders-0', baseOffset: 0, position: i * chunk, bytes: new Uint8Array(chunk).fill(i + 1) };
      port.submit(op);
      if (i < 5) memory.submit(op);
    }
    port.flushForUnload!();
    store.fence(); // the page died before any flush committed

    const next = adaptIdbStore((await openTestStore()).store, { storage: local, key: KEY });
    expect(await next.replayShutdownJournal!()).toBe(5);
    expect(describeCluster(await next.load())).toEqual(describeCluster(memory.load()));
  });
});
