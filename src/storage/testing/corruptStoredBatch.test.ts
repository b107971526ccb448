import { describe, expect, it } from 'vitest';
import { CHECKPOINT_FILES } from '../../engine/broker/checkpoints';
import { encodeRecordBatch } from '../../engine/record/RecordBatchBuilder';
import { RecordBatchView } from '../../engine/record/RecordBatchView';
import { corruptStoredBatch } from './corruptStoredBatch';
import { openTestStore } from './storageFixtures';

/** Three batches of ten records, offsets 100–129, spread over many small chunks. */
async function storeWithBatches() {
  const { store, factory } = await openTestStore();
  const value = new Uint8Array(300).fill(0x61);
  let position = 0;
  for (let b = 0; b < 3; b++) {
    const records = Array.from({ length: 10 }, (_, i) => ({ timestampMs: 1000 + i, key: null, value }));
    const batch = encodeRecordBatch(records, { baseOffset: 100 + b * 10 });
    // Appended in pieces with a flush between, so the batch straddles chunk rows.
    for (let from = 0; from < batch.length; from += 1000) {
      store.submit({ type: 'append', broker: 1, dir: 'orders-3', baseOffset: 100, position: position + from, bytes: batch.subarray(from, from + 1000) });
      await store.flush();
    }
    position += batch.length;
  }
  store.submit({ type: 'createSegment', broker: 1, dir: 'orders-3', baseOffset: 0 });
  store.submit({ type: 'file', broker: 1, path: CHECKPOINT_FILES.cleanShutdown, contents: '' });
  store.submit({ type: 'file', broker: 1, path: CHECKPOINT_FILES.recoveryPoint, contents: '0\n2\norders 3 130\npay-ments 0 7\n' });
  await store.flush();
  return { store, factory };
}

describe('corruptStoredBatch', () => {
  it('flips a byte in the batch holding the offset and rewinds to a crash state', async () => {
    const { store, factory } = await storeWithBatches();
    const hit = await corruptStoredBatch(store, { broker: 1, dir: 'orders-3', offset: 115 });
    expect(hit.baseOffset).toBe(110);
    expect(hit.segmentBaseOffset).toBe(100);
    expect(store.isFenced).toBe(true);

    const { store: restarted } = await openTestStore(factory);
    const dir = (await restarted.load()).logDirs.get(1)!;
    const log = dir.partitions.get('orders-3')!.find((s) => s.baseOffset === 100)!.log;
    const batches = [0, 1, 2].map(() => null).reduce<RecordBatchView[]>((acc) => {
      const at = acc.length === 0 ? 0 : acc[acc.length - 1]!.position + acc[acc.length - 1]!.sizeInBytes;
      return [...acc, new RecordBatchView(log, at)];
    }, []);
    expect(batches.map((b) => b.baseOffset)).toEqual([100, 110, 120]);
    expect(batches[1]!.position).toBe(hit.position);
    expect(batches.map((b) => b.isValid())).toEqual([true, false, true]);
    expect(batches[1]!.invalidReason()).toMatch(/CRC mismatch/);
    expect(dir.files.has(CHECKPOINT_FILES.cleanShutdown)).toBe(false);
    expect(dir.files.get(CHECKPOINT_FILES.recoveryPoint)).toBe('0\n2\norders 3 100\npay-ments 0 7\n');
  });

  it('damages a batch of a packed (closed, small) segment in its pack row', async () => {
    const { store, factory } = await storeWithBatches();
    store.submit({ type: 'createSegment', broker: 1, dir: 'orders-3', baseOffset: 130 });
    await store.flush();
    let packs = 0;
    await store.runMaintenance(async (tx) => {
      packs = await tx.objectStore('packs').count();
    });
    expect(packs).toBe(1);
    const hit = await corruptStoredBatch(store, { broker: 1, dir: 'orders-3', offset: 125 });
    expect([hit.baseOffset, hit.segmentBaseOffset]).toEqual([120, 100]);
    const { store: restarted } = await openTestStore(factory);
    const log = (await restarted.load()).logDirs.get(1)!.partitions.get('orders-3')!.find((s) => s.baseOffset === 100)!.log;
    const third = new RecordBatchView(log, hit.position);
    expect(third.baseOffset).toBe(120);
    expect(third.invalidReason()).toMatch(/CRC mismatch/);
    expect(new RecordBatchView(log, 0).isValid()).toBe(true);
  });

  it('says so when the offset is not stored', async () => {
    const { store } = await storeWithBatches();
    await expect(corruptStoredBatch(store, { broker: 1, dir: 'orders-3', offset: 500 })).rejects.toThrow(/offset 500 is not in the stored .log/);
    await expect(corruptStoredBatch(store, { broker: 2, dir: 'orders-3', offset: 5 })).rejects.toThrow(/stores no segment/);
  });
});
