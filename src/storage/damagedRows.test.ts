import { describe, expect, it } from 'vitest';
import type { StorageOp } from '../engine/storage/StoragePort';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import { describeCluster, openTestStore } from './testing/storageFixtures';

const seg = (baseOffset: number) => ({ broker: 0, dir: 'orders-0', baseOffset });

function ops(): StorageOp[] {
  return [
    { type: 'createSegment', ...seg(0) },
    { type: 'append', ...seg(0), position: 0, bytes: new Uint8Array([1, 2, 3]) },
    { type: 'indexes', ...seg(0), offsetIndex: new Uint8Array(8), timeIndex: new Uint8Array(12) },
    { type: 'createSegment', ...seg(10) },
    { type: 'append', ...seg(10), position: 0, bytes: new Uint8Array([4, 5]) },
  ];
}

describe('stored rows that went missing', () => {
  // Segment 0 is closed and small, so it is packed; segment 10 (the active one) keeps its own rows.
  it('a segment whose index row is missing is still loaded from its .log chunks (the index is rebuilt later)', async () => {
    const { store, factory } = await openTestStore();
    for (const op of [...ops(), { type: 'indexes', ...seg(10), offsetIndex: new Uint8Array(8), timeIndex: new Uint8Array(12) } as const]) store.submit(op);
    expect((await store.flush()).ok).toBe(true);
    await store.runMaintenance((tx) => tx.objectStore('indexes').delete([0, 'orders-0', 10]));
    store.close();
    const { store: reopened } = await openTestStore(factory);
    const segments = (await reopened.load()).logDirs.get(0)!.partitions.get('orders-0')!;
    expect(segments.map((s) => s.baseOffset)).toEqual([0, 10]);
    expect([...segments[0]!.log]).toEqual([1, 2, 3]);
    expect(segments[0]!.offsetIndex?.byteLength).toBe(8);
    expect([...segments[1]!.log]).toEqual([4, 5]);
    expect(segments[1]!.offsetIndex).toBeUndefined();
  });

  it('a damaged pack row yields the segments stored before the damage, and the rest still loads', async () => {
    const { store, factory } = await openTestStore();
    for (const op of ops()) store.submit(op);
    for (const base of [20, 30]) {
      store.submit({ type: 'createSegment', ...seg(base) });
      store.submit({ type: 'append', ...seg(base), position: 0, bytes: new Uint8Array([base]) });
    }
    expect((await store.flush()).ok).toBe(true);
    await store.runMaintenance(async (tx) => {
      const packs = tx.objectStore('packs');
      const [key] = await packs.getAllKeys();
      const pack = (await packs.get(key!))!;
      // Segment 10's entry claims more bytes than the row holds.
      pack.entries[5] = 1_000_000;
      await packs.put(pack, key!);
    });
    store.close();
    const { store: reopened } = await openTestStore(factory);
    const segments = (await reopened.load()).logDirs.get(0)!.partitions.get('orders-0')!;
    expect(segments.map((s) => s.baseOffset)).toEqual([0, 30]);
    expect([...segments[0]!.log]).toEqual([1, 2, 3]);
  });

  it('a partition whose dir row is missing is still loaded from its segments', async () => {
    const { store, factory } = await openTestStore();
    for (const op of ops()) store.submit(op);
    expect((await store.flush()).ok).toBe(true);
    await store.runMaintenance((tx) => tx.objectStore('dirs').delete([0, 'orders-0']));
    store.close();
    const { store: reopened } = await openTestStore(factory);
    const segments = (await reopened.load()).logDirs.get(0)!.partitions.get('orders-0')!;
    expect(segments.map((s) => s.baseOffset)).toEqual([0, 10]);
  });

  it('after loading a segment without its index row, appends continue at its end', async () => {
    const { store, factory } = await openTestStore();
    for (const op of ops()) store.submit(op);
    await store.flush();
    await store.runMaintenance((tx) => tx.objectStore('indexes').delete([0, 'orders-0', 10]));
    store.close();
    const { store: reopened } = await openTestStore(factory);
    await reopened.load();
    reopened.submit({ type: 'append', ...seg(10), position: 2, bytes: new Uint8Array([6]) });
    expect((await reopened.flush()).ok).toBe(true);
    const segments = (await reopened.load()).logDirs.get(0)!.partitions.get('orders-0')!;
    expect([...segments[1]!.log]).toEqual([4, 5, 6]);
  });
});

describe('loading many small segments', () => {
  it('reads thousands of chunk rows (the getAll path) exactly as MemoryStorage holds them', async () => {
    const { store } = await openTestStore();
    const memory = new MemoryStorage();
    for (let i = 0; i < 2100; i++) {
      const op: StorageOp = { type: 'append', broker: i % 3, dir: `orders-${i % 6}`, baseOffset: i * 16, position: 0, bytes: new Uint8Array(40).fill(i % 251) };
      store.submit(op);
      memory.submit(op);
    }
    expect((await store.flush()).ok).toBe(true);
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
  }, 30_000);
});
