import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { LabSnapshot } from '../engine/snapshot';
import type { StorageHealth } from '../storage/storeStatus';

export type Ownership = 'owner' | 'other-tab-owns' | 'taken-over' | 'pending';

export interface RuntimeStatus {
  playing: boolean;
  /** Simulated ms per wall ms, 0.1 to 100. */
  speed: number;
  /** Simulated ms per wall ms actually reached when the engine cannot keep up with `speed`; null when it can. */
  realSpeed: number | null;
  /** How the lab's storage is doing, shown as a notice when not 'ok'. */
  storage: StorageHealth;
  ownership: Ownership;
  /** Plain-words summary of what the last restart's recovery did, if anything. */
  recoverySummary: string[];
  /** Fatal start-up error, if the lab could not start. */
  startupError: string | null;
  /** Link parameters (?seed=, ?version=) that were ignored, and why. */
  linkWarnings?: string[];
  /** After a reload: the clients the runtime started again, one sentence each. */
  clientRestore?: string[];
  /** A share link in the URL: offered (this browser holds a lab), opened, or refused. */
  share?: ShareStatus;
  /** The engine threw while running; the loop is paused. */
  runtimeError: string | null;
  /** The lab paused because its logs grew large in memory (memoryGuard), and what to do. */
  memoryNotice?: string | null;
}

export type ShareStatus =
  | { state: 'offer'; summary: string }
  | { state: 'opened'; summary: string }
  | { state: 'error'; message: string };

export interface LabStoreState {
  /** Latest engine snapshot, published at most once per animation frame. */
  snapshot: LabSnapshot | null;
  status: RuntimeStatus;
  /** UI selection: the partition whose log strip is shown, e.g. "orders-3". */
  selectedTp: string | null;
  selectTp(tp: string | null): void;
  setStatus(patch: Partial<RuntimeStatus>): void;
  publish(snapshot: LabSnapshot): void;
}

/** A fresh store (the app uses the single `useLabStore`; unit tests make their own). */
export const createLabStore = () =>
  create<LabStoreState>()(
    subscribeWithSelector((set) => ({
      snapshot: null,
      status: {
        playing: false,
        speed: 0.25,
        realSpeed: null,
        storage: { mode: 'memory', reason: 'starting' },
        ownership: 'pending',
        recoverySummary: [],
        startupError: null,
        runtimeError: null,
      },
      selectedTp: null,
      selectTp: (tp) => set({ selectedTp: tp }),
      setStatus: (patch) => set((s) => ({ status: { ...s.status, ...patch } })),
      publish: (snapshot) => set({ snapshot }),
    })),
  );

export const useLabStore = createLabStore();
