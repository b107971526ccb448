/**
 * The runtime bridge: boots the lab (tab ownership → storage → restore → KafkaLab), runs
 * one requestAnimationFrame loop (FrameLoop) that maps wall time to simulated time and
 * publishes snapshots to the store at most once per frame, and persists to storage every ~250 ms.
 * Framework-free: React only reads the store and calls these methods.
 */
import type { CommandResult, LabCommand } from '../engine/lab/commands';
import type { LabSnapshot } from '../engine/snapshot';
import type { SessionMeta } from './session';
import type { LabStoreState, ShareStatus } from './store';
import { clampSpeed } from './framePacing';
import { FrameLoop, type FrameListener } from './FrameLoop';
import { SnapshotPublisher } from './SnapshotPublisher';
import { logBytesOf, MemoryGuard } from './memoryGuard';
import type {
  LabCreateOptions,
  LabMeta,
  LabPort,
  LabStoragePort,
  OpenedStorage,
  OwnershipPort,
  Scheduler,
} from './ports';

export const PERSIST_INTERVAL_MS = 250;
/** Persist even without engine changes once the clock moved this far, so a restart resumes near "now". */
const PERSIST_CLOCK_DRIFT_MS = 1000;
/** How long (simulated) a command issued while paused may run before we give up waiting. */
export const PAUSED_COMMAND_MAX_MS = 60_000;
const ADMIN_COMMANDS: ReadonlySet<LabCommand['type']> = new Set(['create-topic', 'delete-topic', 'add-partitions', 'alter-config', 'describe-configs']);

export interface RuntimeDeps<L extends LabPort> {
  dbName: string;
  /** Seed for a first run (from the URL or the default). */
  firstRunSeed: number;
  kafkaVersion: string;
  brokerCount: number;
  claimOwnership(name: string): Promise<OwnershipPort>;
  openStorage(): Promise<OpenedStorage>;
  createLab(options: LabCreateOptions): L;
  /** Things that exist only after the very first start (the ready "orders" topic). */
  setupFirstRun(runtime: LabRuntime<L>, lab: L): Promise<void>;
  /** Clients are not durable: create the ready producer and consumer on every start. */
  setupClients(lab: L): void;
  /** After a restart: run until the cluster serves again (controller elected, leaders back). */
  settleRestart?(runtime: LabRuntime<L>, lab: L): void;
  scheduler: Scheduler;
  store: { getState(): LabStoreState };
  /** Called when the page should reload (after Reset lab), with the new lab's seed, version and broker count. */
  reload(seed: number, kafkaVersion?: string, brokerCount?: number): void;
  /** The command log and clients to store with the meta (reload brings them back). */
  captureSession?(lab: L): SessionMeta;
  /** After a restart: the stored command log and clients back; one sentence per client. */
  restoreSession?(lab: L, session: SessionMeta): string[] | Promise<string[]>;
  /** A share link in the URL, given whether this browser already holds a lab. */
  shareStatus?(hasStoredLab: boolean): ShareStatus | null;
  /** Warnings about link parameters that were not used (malformed, or a lab already exists). */
  linkWarnings?(hasStoredLab: boolean): string[];
  /** Log bytes in memory at which a playing lab pauses (memoryGuard); tests set it low. */
  pauseAtLogBytes?: number;
}

export class LabRuntime<L extends LabPort> {
  private labRef: L | null = null;
  private storage: LabStoragePort | null = null;
  private ownership: OwnershipPort | null = null;
  private readonly publisher: SnapshotPublisher;
  private readonly loop: FrameLoop;
  /** Pauses a playing lab whose logs grew large in memory (see memoryGuard). */
  private readonly memoryGuard: MemoryGuard;
  /** Brokers of the running lab (stored with the meta so a reload rebuilds the same cluster). */
  private brokerCount = 0;
  private persistHandle: number | null = null;
  private persisting: Promise<void> | null = null;
  private lastPersisted = { version: Number.NaN, clockMs: Number.NaN };
  private stopped = false;
  private resumeBoot: (() => void) | null = null;
  private unsubscribeHealth: (() => void) | null = null;
  private readyResolve!: () => void;
  private readyReject!: (e: unknown) => void;
  /** Resolves once the lab runs (after a take-over, if another tab owned it). */
  readonly ready: Promise<void>;

  constructor(private readonly deps: RuntimeDeps<L>) {
    this.memoryGuard = new MemoryGuard(deps.pauseAtLogBytes);
    this.publisher = new SnapshotPublisher(
      (s) => {
        deps.store.getState().publish(s);
        this.guardMemory(s);
      },
      () => deps.scheduler.wallNowMs(),
    );
    this.loop = new FrameLoop({
      scheduler: deps.scheduler,
      publisher: this.publisher,
      lab: () => this.labRef,
      controls: () => this.status,
      reportRealSpeed: (realSpeed) => this.setStatus({ realSpeed }),
      guard: (run) => this.guard(run),
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    // Callers that never await `ready` must not see an unhandled rejection.
    this.ready.catch(() => {});
  }

  get lab(): L | null {
    return this.labRef;
  }

  /** The lab, for actions from the UI; throws before the lab has started. */
  requireLab(): L {
    if (!this.labRef) throw new Error('The lab has not started yet.');
    return this.labRef;
  }

  private setStatus(patch: Partial<LabStoreState['status']>): void {
    this.deps.store.getState().setStatus(patch);
  }

  private get status(): LabStoreState['status'] {
    return this.deps.store.getState().status;
  }

  // ---- boot -------------------------------------------------------------------------

  async start(): Promise<void> {
    try {
      await this.boot();
      this.readyResolve();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.setStatus({ startupError: message, playing: false });
      this.readyReject(e);
    }
  }

  private async boot(): Promise<void> {
    this.setStatus({ ownership: 'pending' });
    const ownership = await this.deps.claimOwnership(this.deps.dbName);
    this.ownership = ownership;
    ownership.onLost(() => this.onOwnershipLost());
    if (ownership.state === 'other-tab-owns') {
      this.setStatus({ ownership: 'other-tab-owns' });
      await new Promise<void>((resolve) => (this.resumeBoot = resolve));
    }
    if (this.stopped) return;
    this.setStatus({ ownership: 'owner' });

    const opened = await this.deps.openStorage();
    let meta: LabMeta | null = null;
    let options: LabCreateOptions = {
      seed: this.deps.firstRunSeed,
      kafkaVersion: this.deps.kafkaVersion,
      brokerCount: this.deps.brokerCount,
    };
    if (opened.mode === 'indexeddb') {
      this.storage = opened.store;
      await opened.store.claimWriter();
      // What the previous page saved synchronously at unload (its clean shutdown) goes in first.
      await opened.store.replayShutdownJournal?.();
      meta = await opened.store.loadMeta();
      options = { ...options, storage: opened.store };
      if (meta) {
        const restore = await opened.store.load();
        options = {
          ...options,
          seed: meta.seed,
          kafkaVersion: meta.kafkaVersion,
          brokerCount: meta.brokerCount,
          startTimeMs: meta.clockMs,
          ...(meta.downBrokers ? { downBrokers: meta.downBrokers } : {}),
          restore,
        };
      }
      this.unsubscribeHealth = opened.store.onHealth((h) => this.setStatus({ storage: h }));
      this.setStatus({ storage: opened.store.health });
    } else {
      this.setStatus({ storage: { mode: 'memory', reason: opened.reason } });
    }

    const share = this.deps.shareStatus?.(meta !== null) ?? null;
    if (share) this.setStatus({ share });
    const warnings = this.deps.linkWarnings?.(meta !== null) ?? [];
    if (warnings.length > 0) this.setStatus({ linkWarnings: warnings });
    const lab = this.deps.createLab(options);
    this.labRef = lab;
    this.brokerCount = options.brokerCount ?? this.deps.brokerCount;
    if (!meta) await this.deps.setupFirstRun(this, lab);
    else this.deps.settleRestart?.(this, lab);
    if (meta?.session && this.deps.restoreSession) {
      const said = await this.deps.restoreSession(lab, meta.session);
      if (said.length > 0) this.setStatus({ clientRestore: said });
    }
    this.deps.setupClients(lab);
    if (meta && lab.recoveryReport.length > 0) this.setStatus({ recoverySummary: [...lab.recoveryReport] });

    this.publisher.publishNow(lab);
    await this.persist(true);
    this.startLoop();
    this.startPersistTimer();
    this.setStatus({ playing: true });
  }

  /** Another tab owns the lab: take it over (that tab stops and fences its storage). */
  async takeOver(): Promise<void> {
    if (!this.ownership || this.status.ownership !== 'other-tab-owns') return;
    this.setStatus({ ownership: 'pending' });
    await this.ownership.takeOver();
    this.resumeBoot?.();
    this.resumeBoot = null;
    await this.ready;
  }

  private onOwnershipLost(): void {
    this.stopLoop();
    this.storage?.fence();
    this.setStatus({ ownership: 'taken-over', playing: false });
  }

  // ---- the frame loop (FrameLoop) ------------------------------------------------------

  private startLoop(): void {
    if (!this.stopped) this.loop.start();
  }

  private stopLoop(): void {
    this.loop.stop();
    if (this.persistHandle !== null) this.deps.scheduler.clearInterval(this.persistHandle);
    this.persistHandle = null;
  }

  /** One animation frame (see FrameLoop.tick); tests call it with their own wall clock. */
  tick(wallNowMs: number): void {
    this.loop.tick(wallNowMs);
  }

  /** After each publish: a playing lab whose logs passed the memory guard's threshold pauses and says why. */
  private guardMemory(snapshot: LabSnapshot): void {
    if (!this.status.playing) return;
    const notice = this.memoryGuard.check(logBytesOf(snapshot));
    if (notice === null) return;
    this.pause();
    this.setStatus({ memoryNotice: notice });
  }

  /** `onFrame` bound to this runtime, for contexts that pass the function around. */
  readonly onFrameSubscriber = (listener: FrameListener): (() => void) => this.onFrame(listener);

  /** DOM writes that want a clean layout (the event log's scroll position) run first in each frame. */
  beforeFrame(listener: () => void): () => void {
    return this.loop.beforeFrame(listener);
  }

  /** Animation components write positions through refs here, without React renders. */
  onFrame(listener: FrameListener): () => void {
    return this.loop.onFrame(listener);
  }

  /** Run engine code; an engine exception pauses the lab and is shown instead of freezing the page. */
  private guard<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      console.error('Kafka Lab engine error', e);
      this.setStatus({ playing: false, runtimeError: message });
      return undefined;
    }
  }

  // ---- time controls ----------------------------------------------------------------

  play(): void {
    if (!this.labRef || this.status.ownership !== 'owner') return;
    this.loop.resumeFromNow();
    this.setStatus({ playing: true, runtimeError: null, memoryNotice: null });
  }

  pause(): void {
    this.loop.resetPacing();
    this.setStatus({ playing: false, realSpeed: null });
  }

  togglePlaying(): void {
    if (this.status.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.loop.resetPacing();
    this.setStatus({ speed: clampSpeed(speed), realSpeed: null });
  }

  /** Run exactly one engine event (pauses first). Returns false when nothing is scheduled. */
  step(): boolean {
    const lab = this.labRef;
    if (!lab) return false;
    this.pause();
    const ran = this.guard(() => lab.kernel.step()) ?? false;
    this.publishAndNotify();
    return ran;
  }

  /** Advance simulated time synchronously by `ms` (tests and "skip ahead"). */
  advance(ms: number): void {
    const lab = this.labRef;
    if (!lab) return;
    this.guard(() => lab.kernel.advanceBy(ms));
    this.publishAndNotify();
  }

  runUntil(condition: () => boolean, maxMs: number): boolean {
    const lab = this.labRef;
    if (!lab) return false;
    const held = this.guard(() => lab.kernel.runUntil(condition, maxMs)) ?? false;
    this.publishAndNotify();
    return held;
  }

  private publishAndNotify(): void {
    const lab = this.labRef;
    if (!lab) return;
    this.publisher.publishIfChanged(lab);
    this.loop.notify(lab.kernel.nowMs);
  }

  /**
   * Complete an engine command (admin call) even while paused: a paused lab runs just
   * enough simulated time for the command to settle. While playing it settles on its own.
   */
  async command<T>(start: () => Promise<T>): Promise<T> {
    const promise = start();
    const lab = this.labRef;
    if (!this.status.playing && lab) {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      // The engine settles promises from inside a step; their callbacks run as microtasks,
      // so step one event at a time and yield between steps.
      const deadline = lab.kernel.nowMs + PAUSED_COMMAND_MAX_MS;
      await yieldToMacrotask();
      while (!settled && !this.stopped) {
        const next = lab.kernel.nextEventTimeMs();
        if (next === undefined || next > deadline) break;
        if (this.guard(() => lab.kernel.step()) === undefined) break;
        await yieldToMacrotask();
      }
      this.publishAndNotify();
    }
    return promise;
  }

  /**
   * Apply a user action (a LabCommand) through the lab's one entry; an admin command issued
   * while paused runs just enough simulated time for its result, like command().
   */
  apply<C extends LabCommand>(command: C): Promise<CommandResult<C>> {
    // Only admin calls complete while paused; a send or poll waits for time to run (▶ or Step),
    // so a learner can watch it sit in the accumulator.
    const result = ADMIN_COMMANDS.has(command.type) ? this.command(() => this.requireLab().apply(command)) : this.requireLab().apply(command);
    this.publishAndNotify();
    return result;
  }

  // ---- persistence ------------------------------------------------------------------

  private startPersistTimer(): void {
    if (!this.storage || this.persistHandle !== null) return;
    this.persistHandle = this.deps.scheduler.setInterval(() => void this.persist(false), PERSIST_INTERVAL_MS);
  }

  /** Checkpoint + meta + flush, one at a time; skipped when nothing changed. */
  persist(force: boolean): Promise<void> {
    const lab = this.labRef;
    const storage = this.storage;
    if (!lab || !storage || this.stopped || this.status.ownership !== 'owner') return Promise.resolve();
    if (this.persisting) return force ? this.persisting.then(() => this.persist(true)) : this.persisting;
    const clockMs = lab.kernel.nowMs;
    const unchanged =
      lab.version === this.lastPersisted.version && Math.abs(clockMs - this.lastPersisted.clockMs) < PERSIST_CLOCK_DRIFT_MS;
    if (unchanged && !force) return Promise.resolve();
    const run = async (): Promise<void> => {
      lab.checkpoint();
      const version = lab.version;
      storage.setMeta(this.meta(lab));
      // A failed flush keeps its ops in the store; leaving lastPersisted alone retries it next tick.
      if (await storage.flush()) this.lastPersisted = { version, clockMs };
    };
    this.persisting = run()
      .catch((e: unknown) => {
        // The store reports quota/errors through its health listener too; keep running in memory.
        console.warn('Kafka Lab: storage flush failed', e);
      })
      .finally(() => (this.persisting = null));
    return this.persisting;
  }

  private meta(lab: L): LabMeta {
    const down = lab.lifecycle?.downBrokers() ?? [];
    return {
      seed: lab.kernel.seed,
      kafkaVersion: lab.kafkaVersion,
      brokerCount: this.brokerCount,
      clockMs: lab.kernel.nowMs,
      ...(down.length > 0 ? { downBrokers: down } : {}),
      ...(this.deps.captureSession ? { session: this.deps.captureSession(lab) } : {}),
    };
  }

  /** Page is going away: clean shutdown (checkpoints + marker), then a last flush. */
  shutdown(): void {
    const lab = this.labRef;
    const storage = this.storage;
    this.stopLoop();
    if (!lab || this.stopped || this.status.ownership !== 'owner') return;
    this.stopped = true;
    this.guard(() => lab.shutdown());
    if (storage) {
      // Synchronously, so the transaction opens before the page goes.
      storage.setMeta(this.meta(lab));
      if (storage.flushForUnload) storage.flushForUnload();
      else storage.flush().catch(() => {});
    }
    this.ownership?.release();
  }

  /**
   * Stop as if the tab crashed: no checkpoints, no clean-shutdown marker, nothing more
   * written. The next start runs Kafka's log recovery (tests use this before a reload).
   */
  crash(): void {
    this.stopLoop();
    this.stopped = true;
    this.storage?.fence();
    this.setStatus({ playing: false });
  }

  get storagePort(): LabStoragePort | null {
    return this.storage;
  }

  // ---- reset ------------------------------------------------------------------------

  /** Delete everything stored and start a fresh lab with `seed` (and a Kafka version profile and broker count). */
  async reset(seed: number, kafkaVersion?: string, brokerCount?: number): Promise<void> {
    this.stopped = true;
    this.stopLoop();
    this.unsubscribeHealth?.();
    this.setStatus({ playing: false });
    if (this.storage) await this.storage.destroy();
    this.ownership?.release();
    this.deps.reload(seed, kafkaVersion, brokerCount);
  }
}

/** Let every pending microtask (promise callback chains) run before continuing. */
export function yieldToMacrotask(): Promise<void> {
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
