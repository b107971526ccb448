import { IdbLogStore, type IdbLogStoreOptions } from '../IdbLogStore';
import type { WriteTx } from '../schema';
import { corruptStoredBatch, type CorruptedBatch, type CorruptTarget } from './corruptStoredBatch';

export type InjectedFailure = 'quota' | 'error' | null;

/**
 * The IndexedDB store with the test hooks production code must not carry: failures injected into the
 * next flush and damage to a stored batch. Only dev and test builds open it (through the test API).
 */
export class TestingIdbLogStore extends IdbLogStore {
  private nextFailure: InjectedFailure = null;
  private failUntilCleared = false;

  static override async open(options: IdbLogStoreOptions = {}): Promise<TestingIdbLogStore> {
    const { db, dbName, factory } = await IdbLogStore.openDb(options);
    return new TestingIdbLogStore(db, dbName, factory);
  }

  /**
   * Makes the next flush fail this way, after issuing its writes; with `untilCleared`, every flush
   * fails until `injectFailure(null)`, as a full disk does (the runtime retries every ~250 ms, so a
   * one-shot failure is reported and healed again within one retry).
   */
  injectFailure(kind: InjectedFailure, options: { untilCleared?: boolean } = {}): void {
    this.nextFailure = kind;
    this.failUntilCleared = kind !== null && options.untilCleared === true;
  }

  /** Saves what is buffered, then damages one stored batch and simulates a crash (see corruptStoredBatch). */
  async corruptStoredBatch(at: CorruptTarget, options: { keepWriting?: boolean } = {}): Promise<CorruptedBatch> {
    await this.flush();
    return corruptStoredBatch(this, at, options);
  }

  protected override beforeCommit(tx: WriteTx): void {
    const kind = this.nextFailure;
    if (!this.failUntilCleared) this.nextFailure = null;
    if (!kind) return;
    tx.abort();
    throw injectedFailure(kind);
  }
}

export function injectedFailure(kind: 'quota' | 'error'): DOMException {
  return kind === 'quota'
    ? new DOMException('Injected: quota exceeded', 'QuotaExceededError')
    : new DOMException('Injected: write failed', 'UnknownError');
}
