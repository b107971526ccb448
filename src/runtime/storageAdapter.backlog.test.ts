import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { StorageOp, StoredCluster } from '../engine/storage';
import { MAX_JOURNAL_BYTES } from '../storage/ShutdownJournal';
import type { SavedHealth } from '../storage/storeStatus';
import { openTestStore } from '../storage/testing/storageFixtures';
import { adaptIdbStore, BEHIND_BYTES } from './storageAdapter';

const KEY = 'test-lab:shutdown-journal';

function fakeLocalStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** Lets fake-indexeddb run the transactions started so far (as the browser does between frames). */
const betweenFrames = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 25));

/**
 * Heavy production as the lab produces it at 100×: one frame appends ~100 KB of 2 KB batches across six
 * partitions (6 MB/s of wall time), and the runtime's timer flushes every 16 frames (~250 ms).
 */
class HeavyProducer {
  private readonly logs = new Map<string, Uint8Array[]>();
  private sent = 0;

  frame(port: { submit(op: StorageOp): void }, frameBytes = 100 * 1024, opBytes = 2048): void {
    for (let bytes = 0; bytes < frameBytes; bytes += opBytes) {
      const dir = `orders-${this.sent++ % 6}`;
      const parts = this.logs.get(dir) ?? [];
      const position = parts.length * opBytes;
      const op: StorageOp = { type: 'append', broker: 0, dir, baseOffset: 0, position, bytes: new Uint8Array(opBytes).fill(this.sent % 251) };
      parts.push(op.bytes);
      this.logs.set(dir, parts);
      port.submit(op);
    }
  }

  /** Every partition's .log as submitted. */
  expected(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [dir, parts] of this.logs) {
      const log = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of parts) {
        log.set(p, at);
        at += p.byteLength;
      }
      out.set(dir, log);
    }
    return out;
  }
}

/** Length and FNV-1a per partition: toEqual on megabytes of bytes is slow. */
function digests(logs: Map<string, Uint8Array>): [string, number, number][] {
  return [...logs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dir, log]) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < log.length; i++) hash = Math.imul(hash ^ log[i]!, 0x01000193);
    return [dir, log.length, hash >>> 0];
  });
}

async function storedLogs(port: { load(): Promise<StoredCluster> }): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const [dir, segments] of (await port.load()).logDirs.get(0)?.partitions ?? []) out.set(dir, segments[0]?.log ?? new Uint8Array(0));
  return out;
}

describe('a reload during heavy production', () => {
  for (const unloadAfterFrames of [15, 31]) {
    it(`loses nothing submitted (unload after frame ${unloadAfterFrames}, just before the timer's flush)`, async () => {
      const local = fakeLocalStorage();
      const factory = new IDBFactory();
      const { store } = await openTestStore(factory);
      const port = adaptIdbStore(store, { storage: local, key: KEY });
      const producer = new HeavyProducer();
      for (let frame = 1; frame <= unloadAfterFrames; frame++) {
        producer.frame(port);
        if (frame % 16 === 0) void port.flush();
        await betweenFrames();
      }
      port.flushForUnload!();
      store.fence(); // the page is gone: its last flush never commits

      const next = await openTestStore(factory);
      const reopened = adaptIdbStore(next.store, { storage: local, key: KEY });
      await reopened.replayShutdownJournal!();
      expect(digests(await storedLogs(reopened))).toEqual(digests(producer.expected()));
    });
  }

  it("says 'behind' before the unsaved tail outgrows what a reload can rescue, and clears once saved", async () => {
    const { store } = await openTestStore();
    const port = adaptIdbStore(store, { storage: fakeLocalStorage(), key: KEY });
    const seen: { health: SavedHealth; unsavedBytes: number }[] = [];
    let unsavedBytes = 0;
    port.onHealth((health) => seen.push({ health, unsavedBytes }));
    // The browser stalls: nothing commits until `release`.
    let release!: () => void;
    const stalled = store.runMaintenance(() => new Promise<void>((resolve) => (release = resolve)));
    const producer = new HeavyProducer();
    const counting = { submit: (op: StorageOp) => { unsavedBytes += op.type === 'append' ? op.bytes.byteLength : 0; port.submit(op); } };
    while (unsavedBytes < 1.2 * MAX_JOURNAL_BYTES) producer.frame(counting, 10 * 1024);
    expect(seen[0]?.health).toMatchObject({ state: 'behind' });
    // Said while everything unsaved still fits the unload journal (a reload then would lose nothing).
    expect(seen[0]!.unsavedBytes).toBeGreaterThan(BEHIND_BYTES * 0.9);
    expect(seen[0]!.unsavedBytes).toBeLessThan(MAX_JOURNAL_BYTES * 0.9);
    release();
    await stalled;
    await port.flush();
    expect(port.health).toEqual({ mode: 'indexeddb', state: 'ok' });
    expect(seen.map((s) => s.health.state)).toEqual(['behind', 'ok']);
  });
});
