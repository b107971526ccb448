import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Random } from '../engine/kernel/Random';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import type { StorageOp } from '../engine/storage/StoragePort';
import { IdbLogStore, QUOTA_MESSAGE, type SavedHealth } from './IdbLogStore';
import { describeCluster, openTestStore, RandomOps } from './testing/storageFixtures';

async function chunkRowCount(factory: IDBFactory): Promise<number> {
  const { store } = await openTestStore(factory);
  let rows = 0;
  await store.runMaintenance(async (tx) => {
    rows = await tx.objectStore('segments').count();
  });
  store.close();
  return rows;
}

function append(position: number, bytes: Uint8Array, dir = 'orders-0', broker = 0): StorageOp {
  return { type: 'append', broker, dir, baseOffset: 0, position, bytes };
}

describe('IdbLogStore matches MemoryStorage', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random ops, seed ${seed}`, async () => {
      const random = new Random(seed);
      const ops = new RandomOps(random.fork(1));
      const memory = new MemoryStorage();
      const factory = new IDBFactory();
      let { store } = await openTestStore(factory);
      for (let round = 0; round < 16; round++) {
        const count = 1 + random.nextInt(40);
        for (let i = 0; i < count; i++) {
          const op = ops.next();
          memory.submit(op);
          store.submit(op);
          // Submitting while a flush runs: those ops belong to the next flush.
          if (random.nextInt(25) === 0) void store.flush();
        }
        const result = await store.flush();
        expect(result.ok).toBe(true);
        const restart = random.nextInt(3);
        if (restart === 0) {
          // A new tab: the store knows nothing and reads segments as it meets them.
          store.close();
          ({ store } = await openTestStore(factory));
        } else if (restart === 1) {
          expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
        }
      }
      expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
      expect(store.pendingOps).toBe(0);
    });
  }
});

describe('IdbLogStore writing', () => {
  it('coalesces 1000 small appends into a few chunk rows', async () => {
    const { store, factory } = await openTestStore();
    const record = new Uint8Array(100).fill(7);
    for (let i = 0; i < 1000; i++) store.submit(append(i * 100, record));
    expect(store.pendingOps).toBe(1000);
    expect(store.pendingBytes).toBe(100_000);
    const result = await store.flush();
    expect(result).toMatchObject({ ok: true, ops: 1000, bytes: 100_000 });
    expect(store.lastFlush).toMatchObject({ ops: 1000, bytes: 100_000 });
    store.close();
    expect(await chunkRowCount(factory)).toBe(1); // 100 KB < one 128 KiB chunk
  });

  it('grows a small last chunk instead of adding rows flush after flush', async () => {
    const { store, factory } = await openTestStore();
    for (let i = 0; i < 50; i++) {
      store.submit(append(i * 100, new Uint8Array(100).fill(i)));
      await store.flush();
    }
    store.close();
    expect(await chunkRowCount(factory)).toBe(1);
  });

  it('ops submitted while a flush runs go to the next flush', async () => {
    const { store } = await openTestStore();
    store.submit(append(0, new Uint8Array([1])));
    const first = store.flush();
    store.submit(append(1, new Uint8Array([2])));
    const second = store.flush();
    expect(store.flush()).toBe(second); // callers while one is queued share it
    expect(await first).toMatchObject({ ok: true, ops: 1 });
    expect(store.pendingOps).toBe(1);
    expect(await second).toMatchObject({ ok: true, ops: 1 });
    expect([...(await store.load()).logDirs.get(0)!.partitions.get('orders-0')![0]!.log]).toEqual([1, 2]);
  });

  it('applies append, truncate, append on one segment in order within a flush', async () => {
    const { store } = await openTestStore();
    store.submit(append(0, new Uint8Array([1, 2, 3, 4])));
    store.submit({ type: 'truncate', broker: 0, dir: 'orders-0', baseOffset: 0, sizeBytes: 2 });
    store.submit(append(2, new Uint8Array([9])));
    store.submit({ type: 'deleteDir', broker: 0, dir: 'orders-1' });
    await store.flush();
    const cluster = await store.load();
    expect([...cluster.logDirs.get(0)!.partitions.get('orders-0')![0]!.log]).toEqual([1, 2, 9]);
  });

  it('deletes the files inside a partition directory with it, as MemoryStorage does', async () => {
    const { store } = await openTestStore();
    const memory = new MemoryStorage();
    const ops = [
      append(0, new Uint8Array([1, 2, 3])),
      { type: 'file' as const, broker: 0, path: 'orders-0/leader-epoch-checkpoint', contents: '0\n1\n0 0\n' },
      { type: 'file' as const, broker: 0, path: 'orders-01/leader-epoch-checkpoint', contents: '0\n0\n' },
      { type: 'file' as const, broker: 0, path: 'recovery-point-offset-checkpoint', contents: '0\n0\n' },
      { type: 'deleteDir' as const, broker: 0, dir: 'orders-0' },
    ];
    for (const op of ops) {
      store.submit(op);
      memory.submit(op);
    }
    await store.flush();
    const files = [...(await store.load()).logDirs.get(0)!.files.keys()].sort();
    expect(files).toEqual(['orders-01/leader-epoch-checkpoint', 'recovery-point-offset-checkpoint']);
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
  });

  it('creates the broker log dir on any op, as MemoryStorage does', async () => {
    const { store } = await openTestStore();
    store.submit({ type: 'deleteDir', broker: 7, dir: 'orders-0' });
    store.submit({ type: 'deleteSegment', broker: 8, dir: 'orders-0', baseOffset: 0, reason: 'retention' });
    await store.flush();
    const memory = new MemoryStorage();
    memory.submit({ type: 'deleteDir', broker: 7, dir: 'orders-0' });
    memory.submit({ type: 'deleteSegment', broker: 8, dir: 'orders-0', baseOffset: 0, reason: 'retention' });
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
    expect([...(await store.load()).logDirs.keys()]).toEqual([7, 8]);
  });

  it('writes and reads lab meta with the ops', async () => {
    const { store, factory } = await openTestStore();
    store.setMeta('lab', { seed: 42, kafkaVersion: '3.9', brokerCount: 3, clockMs: 1200 });
    await store.claimWriterEpoch();
    await store.flush();
    store.close();
    const { store: reopened } = await openTestStore(factory);
    expect(await reopened.loadMeta()).toEqual({ lab: { seed: 42, kafkaVersion: '3.9', brokerCount: 3, clockMs: 1200 } });
  });
});

describe('IdbLogStore failures', () => {
  it('an injected quota failure commits nothing, keeps the ops and succeeds on retry', async () => {
    const random = new Random(99);
    const ops = new RandomOps(random);
    const memory = new MemoryStorage();
    const { store } = await openTestStore();
    const statuses: SavedHealth[] = [];
    store.onStatus((s) => statuses.push(s));
    for (let i = 0; i < 60; i++) {
      const op = ops.next();
      memory.submit(op);
      store.submit(op);
    }
    expect((await store.flush()).ok).toBe(true);
    const saved = describeCluster(memory.load());

    for (let i = 0; i < 60; i++) {
      const op = ops.next();
      memory.submit(op);
      store.submit(op);
    }
    store.injectFailure('quota');
    const failed = await store.flush();
    expect(failed).toEqual({ ok: false, status: { mode: 'indexeddb', state: 'quota-exceeded', message: QUOTA_MESSAGE } });
    expect(store.status).toEqual({ mode: 'indexeddb', state: 'quota-exceeded', message: QUOTA_MESSAGE });
    expect(store.pendingOps).toBe(60);
    expect(describeCluster(await store.load())).toEqual(saved);

    for (let i = 0; i < 20; i++) {
      const op = ops.next();
      memory.submit(op);
      store.submit(op);
    }
    expect((await store.flush()).ok).toBe(true);
    expect(store.status).toEqual({ mode: 'indexeddb', state: 'ok' });
    expect(statuses.map((s) => s.state)).toEqual(['quota-exceeded', 'ok']);
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
  });

  it('a transaction aborted by the browser with QuotaExceededError is reported as quota, atomically', async () => {
    const { store } = await openTestStore();
    store.submit(append(0, new Uint8Array([1, 2])));
    await store.flush();
    for (let i = 0; i < 10; i++) store.submit(append(2 + i, new Uint8Array([i]), `orders-${i}`));
    // What a full disk does: the transaction aborts with a QuotaExceededError part way through.
    const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
    const realPut = proto.put;
    let puts = 0;
    proto.put = function (this: { transaction: { _abort(name: string): void } }, ...args: unknown[]) {
      const request = realPut.apply(this, args);
      if (++puts === 5) this.transaction._abort('QuotaExceededError');
      return request;
    };
    try {
      expect(await store.flush()).toMatchObject({ ok: false, status: { state: 'quota-exceeded' } });
    } finally {
      proto.put = realPut;
    }
    const dirs = (await store.load()).logDirs.get(0)!.partitions;
    expect([...dirs.keys()]).toEqual(['orders-0']);
    expect([...dirs.get('orders-0')![0]!.log]).toEqual([1, 2]);
    expect((await store.flush()).ok).toBe(true);
    expect((await store.load()).logDirs.get(0)!.partitions.size).toBe(10);
  });

  it('an injected error is reported as an error and retried', async () => {
    const { store } = await openTestStore();
    store.submit(append(0, new Uint8Array(10)));
    store.injectFailure('error');
    expect(await store.flush()).toMatchObject({ ok: false, status: { state: 'error' } });
    expect(store.status).toMatchObject({ state: 'error' });
    expect((await store.flush()).ok).toBe(true);
    expect(store.status).toEqual({ mode: 'indexeddb', state: 'ok' });
  });

  it('a fenced store refuses to write', async () => {
    const { store, factory } = await openTestStore();
    store.submit(append(0, new Uint8Array([1])));
    await store.flush();
    store.submit(append(1, new Uint8Array([2])));
    store.fence();
    store.submit(append(2, new Uint8Array([3])));
    expect(store.pendingOps).toBe(0);
    const result = await store.flush();
    expect(result).toMatchObject({ ok: false, status: { state: 'fenced' } });
    const { store: other } = await openTestStore(factory);
    expect([...(await other.load()).logDirs.get(0)!.partitions.get('orders-0')![0]!.log]).toEqual([1]);
  });

  it('a newer writer epoch fences a tab whose flush was already under way', async () => {
    const factory = new IDBFactory();
    const { store: oldTab } = await openTestStore(factory);
    await oldTab.claimWriterEpoch();
    oldTab.submit(append(0, new Uint8Array([1])));
    await oldTab.flush();
    const { store: newTab } = await openTestStore(factory);
    await newTab.claimWriterEpoch();
    oldTab.submit(append(1, new Uint8Array([2])));
    const result = await oldTab.flush();
    expect(result).toMatchObject({ ok: false, status: { state: 'fenced' } });
    expect(oldTab.isFenced).toBe(true);
    newTab.submit(append(1, new Uint8Array([5])));
    expect((await newTab.flush()).ok).toBe(true);
    expect([...(await newTab.load()).logDirs.get(0)!.partitions.get('orders-0')![0]!.log]).toEqual([1, 5]);
  });

  it('destroy deletes the database', async () => {
    const { store, factory } = await openTestStore();
    store.submit({ type: 'znode', path: '/controller', data: '{"brokerid":0}' });
    await store.flush();
    await store.destroy();
    const { store: fresh } = await openTestStore(factory);
    expect((await fresh.load()).znodes.size).toBe(0);
    await IdbLogStore.deleteDatabase('test-lab', factory).catch(() => undefined);
  });
});
