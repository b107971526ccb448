/**
 * The narrow surfaces the runtime needs from the engine, storage and tab ownership.
 * KafkaLab and the IndexedDB store satisfy them (adapted in boot.ts); unit tests pass fakes.
 */
import type { LabSnapshot } from '../engine/snapshot';
import type { StorageSink, StoredCluster } from '../engine/storage';
import type { SavedHealth } from '../storage/storeStatus';
import type { CommandResult, LabCommand, LoggedCommand } from '../engine/lab/commands';
import type { SessionMeta } from './session';

export interface KernelPort {
  readonly nowMs: number;
  readonly seed: number;
  step(): boolean;
  nextEventTimeMs(): number | undefined;
  advanceBy(ms: number): number;
  runUntil(condition: () => boolean, maxMs: number): boolean;
}

export interface LabPort {
  readonly kernel: KernelPort;
  readonly kafkaVersion: string;
  /** Bumps whenever engine state changed. */
  readonly version: number;
  readonly recoveryReport: readonly string[];
  snapshot(): LabSnapshot;
  /** The one entry for user actions (see engine/lab/commands.ts). */
  apply<C extends LabCommand>(command: C): Promise<CommandResult<C>>;
  readonly commandLog: { readonly entries: readonly LoggedCommand[] };
  checkpoint(): void;
  shutdown(): void;
  /** Which brokers are not running (stored with the meta). */
  readonly lifecycle?: { downBrokers(): number[] };
}

/** What is stored beside the logs so a reload restarts the same lab. */
export interface LabMeta {
  seed: number;
  kafkaVersion: string;
  brokerCount: number;
  clockMs: number;
  /** Brokers not running when saved: a reload leaves them down (absent: all ran). */
  downBrokers?: number[];
  /** The command log and the clients, so a reload brings them back (absent in older labs). */
  session?: SessionMeta;
}

/** One health type from the store to the UI (src/storage/storeStatus.ts). */
export type { SavedHealth, StorageHealth } from '../storage/storeStatus';

export interface LabStoragePort extends StorageSink {
  /** Resolves true when everything submitted so far is committed (never rejects). */
  flush(): Promise<boolean>;
  /**
   * The page is going away: save what is not yet committed synchronously (a transaction
   * started now would not finish), then start a last flush anyway.
   */
  flushForUnload?(): void;
  /** Apply what a previous page saved at unload; resolves with how many operations were replayed. */
  replayShutdownJournal?(): Promise<number>;
  load(): Promise<StoredCluster>;
  loadMeta(): Promise<LabMeta | null>;
  /** Buffered; written by the next flush. */
  setMeta(meta: LabMeta): void;
  readonly health: SavedHealth;
  onHealth(listener: (health: SavedHealth) => void): () => void;
  /** Become the only writer (bumps a stored epoch; an old owner's late flush then aborts). */
  claimWriter(): Promise<void>;
  /** Stop writing for good (another tab owns the lab now). */
  fence(): void;
  /** Close the connection and delete the database (Reset lab). */
  destroy(): Promise<void>;
}

export type OpenedStorage = { mode: 'indexeddb'; store: LabStoragePort } | { mode: 'memory'; reason: string };

export interface OwnershipPort {
  readonly state: 'owner' | 'other-tab-owns';
  takeOver(): Promise<void>;
  onLost(listener: () => void): void;
  release(): void;
}

export interface LabCreateOptions {
  seed: number;
  kafkaVersion?: string;
  brokerCount?: number;
  /** Brokers that were down when the lab was saved (they stay down after the restart). */
  downBrokers?: readonly number[];
  storage?: StorageSink;
  restore?: StoredCluster;
  startTimeMs?: number;
}

/** requestAnimationFrame and timers, injectable so the loop can be driven by hand in tests. */
export interface Scheduler {
  requestFrame(callback: (wallNowMs: number) => void): number;
  cancelFrame(handle: number): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(handle: number): void;
  wallNowMs(): number;
}

export const browserScheduler: Scheduler = {
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
  setInterval: (cb, ms) => window.setInterval(cb, ms),
  clearInterval: (h) => window.clearInterval(h),
  wallNowMs: () => performance.now(),
};
