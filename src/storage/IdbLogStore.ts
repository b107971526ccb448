import type { StorageOp, StorageSink, StoredCluster } from '../engine/storage/StoragePort';
import { OpBuffer, type BufferedAction, type DrainedOps } from './OpBuffer';
import { deleteLabDb, openLabDb } from './openLabDb';
import { readMeta, readStoredCluster } from './readStoredCluster';
import { ALL_STORES, WRITER_EPOCH_META, type LabDb, type WriteTx } from './schema';
import { SegmentLayout } from './SegmentLayout';
import { describeFailure, FENCED_MESSAGE, fencedHealth, SAVED_OK, sameHealth, type SavedHealth, type StoreFailure } from './storeStatus';
import { writeActions } from './writeActions';

export { QUOTA_MESSAGE, FENCED_MESSAGE, type SavedHealth, type StoreFailure } from './storeStatus';

export const DEFAULT_DB_NAME = 'kafka-lab';

export interface IdbLogStoreOptions {
  dbName?: string;
  /** Defaults to the global one; tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  onBlocked?: () => void;
}

export interface FlushStats {
  ops: number;
  bytes: number;
  durationMs: number;
}

export type FlushResult = ({ ok: true } & FlushStats) | { ok: false; status: StoreFailure };

/**
 * The lab's durable log dirs in IndexedDB. `submit` only buffers; `flush` writes everything
 * buffered in one readwrite transaction across all stores, so segment bytes and the
 * checkpoints that point into them land together or not at all (as Kafka's atomic
 * checkpoint rename plus recovery gives it). A failed flush keeps its ops for a retry.
 */
export class IdbLogStore implements StorageSink {
  lastFlush: FlushStats | null = null;
  private readonly buffer = new OpBuffer();
  private inFlight: DrainedOps | null = null;
  private layout = new SegmentLayout();
  /** Flushes, loads and maintenance run one at a time, in call order. */
  private chain: Promise<unknown> = Promise.resolve();
  private tasks = 0;
  private queuedFlush: Promise<FlushResult> | null = null;
  private fenced = false;
  private writerEpoch: number | null = null;
  private activeTx: WriteTx | null = null;
  private currentStatus: SavedHealth = SAVED_OK;
  private readonly listeners = new Set<(status: SavedHealth) => void>();

  /** Use IdbLogStore.open (tests: TestingIdbLogStore.open). */
  protected constructor(
    private readonly db: LabDb,
    readonly dbName: string,
    private readonly factory: IDBFactory,
  ) {
    db.addEventListener('versionchange', () => {
      // Another tab is resetting or upgrading the database: step aside instead of blocking it.
      this.fence('Another tab reset or upgraded the lab storage, so this tab stopped saving. Reload the page.');
      db.close();
    });
    db.addEventListener('close', () => {
      this.fence('The browser closed the lab storage (site data cleared?). This tab no longer saves.');
    });
  }

  static async open(options: IdbLogStoreOptions = {}): Promise<IdbLogStore> {
    const { db, dbName, factory } = await IdbLogStore.openDb(options);
    return new IdbLogStore(db, dbName, factory);
  }

  /** What the constructor takes, for open() and subclasses' own open(). */
  protected static async openDb(options: IdbLogStoreOptions): Promise<{ db: LabDb; dbName: string; factory: IDBFactory }> {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (!factory) throw new Error('IndexedDB is not available in this browser');
    const dbName = options.dbName ?? DEFAULT_DB_NAME;
    return { db: await openLabDb(factory, dbName, options.onBlocked), dbName, factory };
  }

  /** "Reset lab": removes the whole database (waits while another connection is still open). */
  static deleteDatabase(dbName = DEFAULT_DB_NAME, indexedDB: IDBFactory = globalThis.indexedDB): Promise<void> {
    return deleteLabDb(indexedDB, dbName);
  }

  submit(op: StorageOp): void {
    if (!this.fenced) this.buffer.add(op);
  }

  /** Lab-level state ({seed, kafkaVersion, brokerCount, clockMs}); written with the next flush. */
  setMeta(name: string, value: unknown): void {
    if (!this.fenced) this.buffer.setMeta(name, value);
  }

  /** Ops not yet committed: buffered plus the ones in the running flush. */
  get pendingOps(): number {
    return this.buffer.pendingOps + (this.inFlight?.ops ?? 0);
  }

  get pendingBytes(): number {
    return this.buffer.pendingBytes + (this.inFlight?.bytes ?? 0);
  }

  get status(): SavedHealth {
    return this.currentStatus;
  }

  onStatus(listener: (status: SavedHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes everything submitted so far. Never rejects: a failure is in the result and the
   * status. Calls made while a flush runs share the one queued behind it.
   */
  flush(): Promise<FlushResult> {
    if (this.queuedFlush) return this.queuedFlush;
    let started = false;
    const flush = this.exclusive(() => {
      started = true;
      this.queuedFlush = null;
      return this.flushNow();
    });
    if (!started) this.queuedFlush = flush;
    return flush;
  }

  /** What was committed (buffered ops are not included: flush first). */
  load(): Promise<StoredCluster> {
    return this.exclusive(async () => {
      const { cluster, layout } = await readStoredCluster(this.db);
      this.layout = layout;
      return cluster;
    });
  }

  loadMeta(): Promise<Record<string, unknown>> {
    return this.exclusive(() => readMeta(this.db));
  }

  /**
   * Becomes the only writer, like a new Kafka controller bumping the controller epoch: every
   * later flush first checks the stored epoch is still ours and aborts its transaction if a
   * newer owner has claimed it. This closes the gap Web Locks leave open: a flush the old tab
   * had already started when another tab stole the lock.
   */
  claimWriterEpoch(): Promise<number> {
    return this.exclusive(async () => {
      const tx = this.db.transaction('meta', 'readwrite');
      const stored = await tx.store.get(WRITER_EPOCH_META);
      const epoch = (typeof stored === 'number' ? stored : 0) + 1;
      await Promise.all([tx.store.put(epoch, WRITER_EPOCH_META), tx.done]);
      this.writerEpoch = epoch;
      return epoch;
    });
  }

  /** Stops this instance writing for good (another tab owns the lab now); drops what is buffered. */
  fence(message = FENCED_MESSAGE): void {
    if (this.fenced) return;
    this.fenced = true;
    this.buffer.drain();
    try {
      this.activeTx?.abort();
    } catch {
      // Already committed or finished: nothing left to stop.
    }
    this.setStatus(fencedHealth(message));
  }

  get isFenced(): boolean {
    return this.fenced;
  }

  /**
   * Runs `edit` in one readwrite transaction over all stores, between flushes. The layout is
   * forgotten afterwards because `edit` may have rewritten chunks behind the store's back.
   */
  runMaintenance<T>(edit: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      if (this.fenced) throw new Error('this tab no longer owns the lab storage');
      const tx = this.db.transaction(ALL_STORES, 'readwrite');
      const [result] = await Promise.all([edit(tx), tx.done]);
      this.layout = new SegmentLayout();
      return result;
    });
  }

  close(): void {
    this.fenced = true;
    this.db.close();
  }

  /** "Reset lab": closes this connection and deletes the database. */
  async destroy(): Promise<void> {
    await this.exclusive(async () => this.close());
    await deleteLabDb(this.factory, this.dbName);
  }

  /**
   * Runs tasks one at a time in call order. When nothing is running, the task starts at once,
   * so a flush called from a pagehide handler creates its transaction before the page goes.
   */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.tasks += 1;
    const start = () => task().finally(() => (this.tasks -= 1));
    const result = this.tasks === 1 ? start() : this.chain.then(start);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async flushNow(): Promise<FlushResult> {
    if (this.fenced) return { ok: false, status: this.fencedStatus() };
    const drained = this.buffer.drain();
    if (drained.actions.length === 0) return { ok: true, ops: 0, bytes: 0, durationMs: 0 };
    this.inFlight = drained;
    const startedMs = performance.now();
    const layout = this.layout.clone();
    const failure = await this.writeInTransaction(drained.actions, layout);
    this.inFlight = null;
    if (failure === null) {
      this.layout = layout;
      this.lastFlush = { ops: drained.ops, bytes: drained.bytes, durationMs: performance.now() - startedMs };
      this.setStatus(SAVED_OK);
      return { ok: true, ...this.lastFlush };
    }
    if (failure.state === 'fenced') {
      this.fence(failure.message);
      return { ok: false, status: this.fencedStatus() };
    }
    // The transaction rolled back as a whole: retry the same ops, in order, next time.
    this.buffer.restore(drained);
    this.setStatus(failure);
    return { ok: false, status: failure };
  }

  /** Null when committed. */
  private async writeInTransaction(actions: BufferedAction[], layout: SegmentLayout): Promise<StoreFailure | null> {
    let tx: WriteTx;
    try {
      tx = this.db.transaction(ALL_STORES, 'readwrite');
    } catch (error) {
      return describeFailure(error, null);
    }
    this.activeTx = tx;
    const done = tx.done;
    const requests: Promise<unknown>[] = [];
    let superseded = false;
    try {
      const epoch = this.writerEpoch;
      if (epoch !== null) {
        requests.push(
          tx.objectStore('meta').get(WRITER_EPOCH_META).then((stored) => {
            if (stored === epoch) return;
            superseded = true;
            tx.abort();
          }),
        );
      }
      await writeActions(tx, actions, layout, requests);
      this.beforeCommit(tx);
      await Promise.all([...requests, done]);
      return null;
    } catch (error) {
      // A request that threw (rather than failed) leaves the transaction alive: abort it so
      // nothing of this flush commits. Then every request fails; settle them all.
      try {
        tx.abort();
      } catch {
        // Already aborted by the browser.
      }
      void Promise.allSettled([...requests, done]);
      if (superseded || this.fenced) return fencedHealth();
      return describeFailure(error, tx.error);
    } finally {
      this.activeTx = null;
    }
  }

  /**
   * Called once a flush has issued all its writes, before waiting for the commit. Throwing aborts the
   * flush as a browser failure would (src/storage/testing's TestingIdbLogStore injects failures here).
   */
  protected beforeCommit(_tx: WriteTx): void {}

  private fencedStatus(): StoreFailure {
    const status = this.currentStatus;
    return status.state === 'fenced' ? { ...status, state: 'fenced' } : fencedHealth();
  }

  private setStatus(status: SavedHealth): void {
    if (sameHealth(this.currentStatus, status)) return;
    this.currentStatus = status;
    for (const listener of this.listeners) listener(status);
  }
}
