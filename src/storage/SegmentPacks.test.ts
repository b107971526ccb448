import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Random } from '../engine/kernel/Random';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import type { StorageOp } from '../engine/storage/StoragePort';
import { wrap } from 'idb';
import { SCHEMA_VERSIONS, type LabDb } from './schema';
import { decodePack, encodePack, PACK_BYTES_MAX, type PackEntry } from './SegmentPacks';
import { describeCluster, openTestStore, RandomOps } from './testing/storageFixtures';
import type { TestingIdbLogStore } from './testing/TestingIdbLogStore';

const DIR = 'orders-0';

async function rowCounts(store: TestingIdbLogStore): Promise<{ chunks: number; indexes: number; packs: number }> {
  const counts = { chunks: 0, indexes: 0, packs: 0 };
  await store.runMaintenance(async (tx) => {
    counts.chunks = await tx.objectStore('segments').count();
    counts.indexes = await tx.objectStore('indexes').count();
    counts.packs = await tx.objectStore('packs').count();
  });
  return counts;
}

/** What the engine submits for one rolled 1 KiB segment: create, bytes, then its final indexes. */
function segmentOps(baseOffset: number, bytes = 1000): StorageOp[] {
  const seg = { broker: 0, dir: DIR, baseOffset };
  return [
    { type: 'createSegment', ...seg },
    { type: 'append', ...seg, position: 0, bytes: new Uint8Array(bytes).fill(baseOffset % 251) },
    { type: 'indexes', ...seg, offsetIndex: new Uint8Array(8).fill(1), timeIndex: new Uint8Array(12).fill(2) },
  ];
}

function both(store: TestingIdbLogStore, memory: MemoryStorage, ops: StorageOp[]): void {
  for (const op of ops) {
    store.submit(op);
    memory.submit(op);
  }
}

describe('pack rows', () => {
  it('round-trip their segments, a missing index file included', () => {
    const entries: PackEntry[] = [
      { baseOffset: 0, log: new Uint8Array([1, 2]), offsetIndex: new Uint8Array([3]), timeIndex: new Uint8Array(0) },
      { baseOffset: 7, log: new Uint8Array(0) },
    ];
    const decoded = decodePack(encodePack(entries));
    expect(decoded.map((e) => [e.baseOffset, [...e.log], e.offsetIndex && [...e.offsetIndex], e.timeIndex && [...e.timeIndex]])).toEqual([
      [0, [1, 2], [3], []],
      [7, [], undefined, undefined],
    ]);
  });

  it('that are not packs decode to nothing, without throwing', () => {
    for (const value of [undefined, null, 7, 'x', { bytes: 'x', entries: [] }, { bytes: new Uint8Array(2), entries: [0, 5, -1, -1] }]) {
      expect(decodePack(value)).toEqual([]);
    }
  });
});

describe('IdbLogStore packs closed small segments', () => {
  it('stores 1,000 rolled 1 KiB segments in a few pack rows and loads them exactly', async () => {
    const { store, factory } = await openTestStore();
    const memory = new MemoryStorage();
    for (let base = 0; base < 1000; base++) {
      both(store, memory, segmentOps(base * 10));
      if (base % 50 === 49) expect((await store.flush()).ok).toBe(true);
    }
    expect((await store.flush()).ok).toBe(true);
    const rows = await rowCounts(store);
    // Only the active segment keeps its own rows; the rest fill packs of up to 64 KiB.
    expect(rows.chunks).toBe(1);
    expect(rows.indexes).toBe(1);
    expect(rows.packs).toBeLessThanOrEqual(Math.ceil((999 * 1020) / PACK_BYTES_MAX) + 1);
    store.close();
    const { store: reopened } = await openTestStore(factory);
    expect(describeCluster(await reopened.load())).toEqual(describeCluster(memory.load()));
  });

  it('packs a closed segment stored in several chunk rows, and leaves a larger one in its own rows for good', async () => {
    const { store, factory } = await openTestStore();
    const memory = new MemoryStorage();
    const seg = (baseOffset: number) => ({ broker: 0, dir: DIR, baseOffset });
    both(store, memory, [{ type: 'append', ...seg(100), position: 0, bytes: new Uint8Array(40_000).fill(3) }]);
    await store.flush();
    // Segment 0 as an older writer may have left it: two chunk rows.
    memory.submit({ type: 'append', ...seg(0), position: 0, bytes: new Uint8Array(150).fill(1) });
    await store.runMaintenance(async (tx) => {
      await tx.objectStore('segments').put(new Uint8Array(100).fill(1), [0, DIR, 0, 0]);
      await tx.objectStore('segments').put(new Uint8Array(50).fill(1), [0, DIR, 0, 100]);
    });
    both(store, memory, [{ type: 'indexes', ...seg(0), offsetIndex: new Uint8Array(8), timeIndex: new Uint8Array(12) }, ...segmentOps(200)]);
    expect((await store.flush()).ok).toBe(true);
    both(store, memory, segmentOps(300));
    expect((await store.flush()).ok).toBe(true);
    // Segments 0 and 200 are packed; 100 (40 KB) keeps its chunk row and index row, 300 is active.
    expect(await rowCounts(store)).toEqual({ chunks: 2, indexes: 2, packs: 1 });
    store.close();
    const { store: reopened } = await openTestStore(factory);
    expect(describeCluster(await reopened.load())).toEqual(describeCluster(memory.load()));
  });

  it('deletes packed segments (retention) and drops emptied packs', async () => {
    const { store } = await openTestStore();
    const memory = new MemoryStorage();
    for (let base = 0; base < 300; base++) both(store, memory, segmentOps(base * 10));
    await store.flush();
    const before = await rowCounts(store);
    await store.load();
    for (let base = 0; base < 250; base++) both(store, memory, [{ type: 'deleteSegment', broker: 0, dir: DIR, baseOffset: base * 10, reason: 'retention' }]);
    expect((await store.flush()).ok).toBe(true);
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
    expect((await rowCounts(store)).packs).toBeLessThan(before.packs);
  });

  it('moves a packed segment back to its own rows when it is truncated and appended to', async () => {
    const { store, factory } = await openTestStore();
    const memory = new MemoryStorage();
    for (let base = 0; base < 5; base++) both(store, memory, segmentOps(base * 10));
    await store.flush();
    // A follower truncating to the middle of segment 20: later segments go, 20 is cut and grows again.
    both(store, memory, [
      { type: 'deleteSegment', broker: 0, dir: DIR, baseOffset: 40, reason: 'truncation' },
      { type: 'deleteSegment', broker: 0, dir: DIR, baseOffset: 30, reason: 'truncation' },
      { type: 'truncate', broker: 0, dir: DIR, baseOffset: 20, sizeBytes: 300 },
      { type: 'append', broker: 0, dir: DIR, baseOffset: 20, position: 300, bytes: new Uint8Array([9, 9, 9]) },
    ]);
    expect((await store.flush()).ok).toBe(true);
    store.close();
    const { store: reopened } = await openTestStore(factory);
    expect(describeCluster(await reopened.load())).toEqual(describeCluster(memory.load()));
    const loaded = (await reopened.load()).logDirs.get(0)!.partitions.get(DIR)!;
    expect(loaded.map((s) => [s.baseOffset, s.log.byteLength])).toEqual([[0, 1000], [10, 1000], [20, 303]]);
  });

  it('finds packed segments after the layout is forgotten (another tab, maintenance)', async () => {
    const { store, factory } = await openTestStore();
    const memory = new MemoryStorage();
    for (let base = 0; base < 40; base++) both(store, memory, segmentOps(base * 10));
    await store.flush();
    store.close();
    // A new store that has not loaded: it meets packed segments only through ops.
    const { store: fresh } = await openTestStore(factory);
    both(fresh, memory, [
      { type: 'deleteSegment', broker: 0, dir: DIR, baseOffset: 0, reason: 'retention' },
      { type: 'truncate', broker: 0, dir: DIR, baseOffset: 100, sizeBytes: 10 },
      ...segmentOps(400),
    ]);
    expect((await fresh.flush()).ok).toBe(true);
    expect(describeCluster(await fresh.load())).toEqual(describeCluster(memory.load()));
  });

  it('opens a v1 database (no packs store), keeps its rows and packs its closed segments from then on', async () => {
    const factory = new IDBFactory();
    const request = factory.open('test-lab', 1);
    request.onupgradeneeded = () => SCHEMA_VERSIONS[0]!.upgrade(wrap(request.result) as unknown as LabDb);
    const v1 = (await wrap(request)) as unknown as LabDb;
    const tx = v1.transaction(['segments', 'indexes', 'dirs'], 'readwrite');
    for (const base of [0, 10]) {
      await tx.objectStore('segments').put(new Uint8Array(100).fill(base), [0, DIR, base, 0]);
      await tx.objectStore('indexes').put({ offsetIndex: new Uint8Array(8), timeIndex: new Uint8Array(12) }, [0, DIR, base]);
    }
    await tx.objectStore('dirs').put(1, [0, DIR]);
    await tx.done;
    v1.close();
    const { store } = await openTestStore(factory);
    const segments = (await store.load()).logDirs.get(0)!.partitions.get(DIR)!;
    expect(segments.map((s) => [s.baseOffset, s.log[0], s.log.byteLength])).toEqual([[0, 0, 100], [10, 10, 100]]);
    store.submit({ type: 'createSegment', broker: 0, dir: DIR, baseOffset: 20 });
    expect((await store.flush()).ok).toBe(true);
    expect(await rowCounts(store)).toEqual({ chunks: 0, indexes: 1, packs: 1 });
  });

  for (const seed of [11, 12, 13, 14, 15, 16]) {
    it(`matches MemoryStorage under random ops on many small segments, seed ${seed}`, async () => {
      const random = new Random(seed);
      const ops = new RandomOps(random.fork(1), { small: true });
      const memory = new MemoryStorage();
      const factory = new IDBFactory();
      let { store } = await openTestStore(factory);
      let packed = 0;
      for (let round = 0; round < 20; round++) {
        const count = 1 + random.nextInt(60);
        for (let i = 0; i < count; i++) both(store, memory, [ops.next()]);
        expect((await store.flush()).ok).toBe(true);
        packed = Math.max(packed, (await rowCounts(store)).packs);
        if (random.nextInt(3) === 0) {
          store.close();
          ({ store } = await openTestStore(factory));
        } else {
          expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
        }
      }
      expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
      // The property is only worth something if packing happened.
      expect(packed).toBeGreaterThan(0);
    });
  }
});
