import { describe, expect, it } from 'vitest';
import { appendEach, cleanOnce, compactLog, fetchAll, type KeyedEntry } from '../engine/log/cleaner/cleanerTestSupport';
import type { LogSinkOp } from '../engine/log/LogTypes';
import { UnifiedLog } from '../engine/log/UnifiedLog';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import { describeCluster, openTestStore } from './testing/storageFixtures';

/**
 * The log cleaner's swap reaches IndexedDB as ordinary segment ops (the old segments deleted, the cleaned
 * one created, appended and indexed, the first at the same base offset): after a flush, and in a new tab,
 * the store holds exactly what MemoryStorage holds, and a log loaded from it is the compacted log.
 */
describe('IdbLogStore and the log cleaner', () => {
  it('persists cleaned segments replacing the old ones, packed or not', async () => {
    const memory = new MemoryStorage();
    const { store, factory } = await openTestStore();
    const sink = { submit: (op: LogSinkOp) => { memory.submit({ ...op, broker: 0 }); store.submit({ ...op, broker: 0 }); } };
    const log = compactLog({ segmentBytes: 400, deleteRetentionMs: 10 }, sink, 'kv');
    const entries = Array.from({ length: 40 }, (_, i): KeyedEntry => [`k${i % 5}`, i % 11 === 0 ? null : `v${i}`]);
    appendEach(log, entries.slice(0, 25), 0);
    expect((await store.flush()).ok).toBe(true); // closed segments may now sit in pack rows
    cleanOnce(log, 100);
    appendEach(log, entries.slice(25), 200);
    expect((await store.flush()).ok).toBe(true);
    cleanOnce(log, 300); // past the tombstones' horizon
    expect((await store.flush()).ok).toBe(true);
    expect(describeCluster(await store.load())).toEqual(describeCluster(memory.load()));
    store.close();

    const { store: reopened } = await openTestStore(factory);
    const stored = await reopened.load();
    expect(describeCluster(stored)).toEqual(describeCluster(memory.load()));
    const loaded = UnifiedLog.load({
      topic: 'kv', partition: 0, config: log.config, nowMs: 400, segments: stored.logDirs.get(0)!.partitions.get('kv-0')!,
      recoveryPoint: 0, logStartOffset: 0, highWatermark: log.highWatermark, cleanShutdown: false,
    });
    expect(fetchAll(log).length).toBeLessThan(20);
    expect(fetchAll(loaded.log)).toEqual(fetchAll(log));
    expect(loaded.log.logEndOffset).toBe(40);
    reopened.close();
  });
});
