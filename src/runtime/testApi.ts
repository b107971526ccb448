/**
 * `window.__kafkaLab`: a typed handle for e2e tests (dev and test builds only). Tests drive
 * simulated time through it instead of sleeping.
 */
import type { CommandResult, LabCommand, LoggedCommand } from '../engine/lab/commands';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import { formatEvent } from '../engine/kernel';
import { exportScenario } from '../scenario/exportScenario';
import { CLASSROOM_BROKER_CONFIG } from './labActions';
import { sessionScript } from './shareLink';
import { EMPTY_EVENT_LOG, type LabSnapshot } from '../engine/snapshot';
import type { AppRuntime } from './appTypes';
import { yieldToMacrotask } from './LabRuntime';
import { TestingIdbLogStore, type InjectedFailure } from '../storage/testing/TestingIdbLogStore';
import type { AppRuntimeTesting } from './boot';
import { useLabStore } from './store';

export interface StoredBatchLocation {
  broker: number;
  /** Partition directory, e.g. "orders-3". */
  dir: string;
  /** Any offset inside the batch to corrupt. */
  offset: number;
}

export interface KafkaLabTestApi {
  /** Resolves once the lab runs (rejects if it could not start). */
  readonly ready: Promise<void>;
  pause(): void;
  play(): void;
  setSpeed(speed: number): void;
  /** Advance simulated time by `ms` synchronously, publish, and wait until React has rendered. */
  advance(ms: number): Promise<void>;
  /** Run one engine event; resolves after the render. */
  step(): Promise<boolean>;
  /** Step until `condition(lab)` holds or `maxMs` simulated ms pass; resolves after the render. */
  runUntil(condition: (lab: KafkaLab) => boolean, maxMs: number): Promise<boolean>;
  snapshot(): LabSnapshot;
  nowMs(): number;
  /** A user action through the lab's one entry (recorded in the command log), as the panels do. */
  apply<C extends LabCommand>(command: C): Promise<CommandResult<C>>;
  commandLog(): LoggedCommand[];
  /** The session so far as a `.lab` file (what Export scenario downloads). */
  exportScenario(): string;
  /** The engine's event log as the scenario runner prints it. */
  trace(): string[];
  /** Checkpoint and flush storage now. */
  flush(): Promise<void>;
  corruptStoredBatch(at: StoredBatchLocation): Promise<void>;
  /** Stop without a clean shutdown (the next load runs log recovery), e.g. before a reload. */
  crash(): void;
  /** Every flush fails this way (after issuing its writes) until called with null, as a full disk does. */
  injectStorageFailure(kind: InjectedFailure): void;
  /** Show `tp`'s log in the partition log strip; resolves after the render. */
  selectPartition(tp: string): Promise<void>;
  readonly lab: KafkaLab;
  readonly runtime: AppRuntime;
}

declare global {
  interface Window {
    __kafkaLab?: KafkaLabTestApi;
  }
}

/** Two animation frames: the store update has been rendered and painted. */
export function afterRender(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * The storage test hooks, kept out of production code: dev and test builds open the lab's store as a
 * TestingIdbLogStore (pass `testing` to createAppRuntime) and the test API reaches it here.
 */
export class TestStorageHooks implements AppRuntimeTesting {
  private store: TestingIdbLogStore | null = null;
  readonly openStore: AppRuntimeTesting['openStore'] = async (options) => (this.store = await TestingIdbLogStore.open(options));

  get opened(): TestingIdbLogStore {
    if (!this.store) throw new Error('The lab runs in memory: no stored data to act on.');
    return this.store;
  }
}

export function createTestApi(runtime: AppRuntime, hooks: TestStorageHooks): KafkaLabTestApi {
  return {
    ready: runtime.ready,
    pause: () => runtime.pause(),
    play: () => runtime.play(),
    setSpeed: (speed) => runtime.setSpeed(speed),
    advance: async (ms) => {
      runtime.advance(ms);
      // Promise callbacks the engine settled (sends, polls) run now; publish what they changed.
      await yieldToMacrotask();
      runtime.advance(0);
      await afterRender();
    },
    step: async () => {
      const ran = runtime.step();
      await afterRender();
      return ran;
    },
    runUntil: async (condition, maxMs) => {
      const lab = runtime.requireLab();
      const held = runtime.runUntil(() => condition(lab), maxMs);
      await afterRender();
      return held;
    },
    snapshot: () => plainSnapshot(runtime.requireLab().snapshot()),
    nowMs: () => runtime.requireLab().kernel.nowMs,
    apply: (command) => runtime.apply(command),
    commandLog: () => [...runtime.requireLab().commandLog.entries],
    exportScenario: () => exportScenario(sessionScript(runtime.requireLab(), CLASSROOM_BROKER_CONFIG)),
    trace: () => runtime.requireLab().kernel.log.recent().map(formatEvent),
    flush: () => runtime.persist(true),
    corruptStoredBatch: async (at) => {
      await hooks.opened.corruptStoredBatch(at);
    },
    crash: () => runtime.crash(),
    injectStorageFailure: (kind) => hooks.opened.injectFailure(kind, { untilCleared: true }),
    selectPartition: async (tp) => {
      useLabStore.getState().selectTp(tp);
      await afterRender();
    },
    get lab() {
      return runtime.requireLab();
    },
    runtime,
  };
}

export function installTestApi(runtime: AppRuntime, hooks: TestStorageHooks): void {
  window.__kafkaLab = createTestApi(runtime, hooks);
}

/**
 * The snapshot as page.evaluate can carry it: event text is a lazy getter on a class (it
 * would arrive empty), and the ranged event-log reader holds the whole run, so the copy gets
 * plain events and an empty reader. Everything else is plain data already.
 */
function plainSnapshot(snapshot: LabSnapshot): LabSnapshot {
  const events = snapshot.events.map(({ seq, timeMs, kind, actor, text, tp }) => (tp === undefined ? { seq, timeMs, kind, actor, text } : { seq, timeMs, kind, actor, text, tp }));
  return { ...snapshot, events, eventLog: EMPTY_EVENT_LOG };
}
