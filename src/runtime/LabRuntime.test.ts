import { describe, expect, it } from 'vitest';
import type { LabSnapshot } from '../engine/snapshot';
import type { StorageOp, StoredCluster } from '../engine/storage';
import { ENGINE_BUDGET_MIN_MS, ENGINE_BUDGET_MS, EVENTS_PER_CLOCK_CHECK } from './framePacing';
import { LabRuntime, type RuntimeDeps } from './LabRuntime';
import type { LabCreateOptions, LabMeta, LabPort, LabStoragePort, OwnershipPort, SavedHealth, Scheduler } from './ports';
import { createLabStore } from './store';

/** A fake engine: events every 10 simulated ms bump the version. */
class FakeLab implements LabPort {
  version = 0;
  snapshots = 0;
  checkpoints = 0;
  shutdowns = 0;
  recoveryReport: string[] = [];
  readonly kafkaVersion = '3.9';
  private clock: number;
  private nextEvent: number;
  /** Called on every engine event (tests make events cost wall time through it). */
  onStep: () => void = () => {};
  constructor(readonly options: LabCreateOptions, eventEveryMs = 10) {
    this.clock = options.startTimeMs ?? 0;
    this.nextEvent = this.clock + eventEveryMs;
    const every = eventEveryMs;
    const self = this;
    this.kernel = {
      get nowMs() {
        return self.clock;
      },
      seed: options.seed,
      nextEventTimeMs: () => self.nextEvent,
      step: () => {
        self.clock = self.nextEvent;
        self.nextEvent += every;
        self.version++;
        self.onStep();
        return true;
      },
      advanceBy: (ms: number) => {
        const target = self.clock + ms;
        let ran = 0;
        while (self.nextEvent <= target) {
          self.kernel.step();
          ran++;
        }
        self.clock = target;
        return ran;
      },
      runUntil: () => true,
    };
  }
  readonly kernel: LabPort['kernel'];
  readonly commandLog = { entries: [] };
  apply(): Promise<never> {
    return Promise.reject(new Error('the fake lab takes no commands'));
  }
  /** Bytes the fake's one partition log reports (the memory guard reads it). */
  logBytes = 0;
  snapshot(): LabSnapshot {
    this.snapshots++;
    const topics = [{ partitions: [{ log: { sizeBytes: this.logBytes } }] }];
    return { version: this.version, nowMs: this.kernel.nowMs, brokers: [{}, {}, {}], topics } as unknown as LabSnapshot;
  }
  checkpoint(): void {
    this.checkpoints++;
  }
  shutdown(): void {
    this.shutdowns++;
  }
}

class FakeStorage implements LabStoragePort {
  ops: StorageOp[] = [];
  flushes = 0;
  meta: LabMeta | null = null;
  fenced = false;
  health: SavedHealth = { mode: 'indexeddb', state: 'ok' };
  submit(op: StorageOp): void {
    this.ops.push(op);
  }
  async flush(): Promise<boolean> {
    this.flushes++;
    return true;
  }
  async load(): Promise<StoredCluster> {
    return { znodes: new Map(), logDirs: new Map() };
  }
  async loadMeta(): Promise<LabMeta | null> {
    return this.meta;
  }
  setMeta(meta: LabMeta): void {
    this.meta = meta;
  }
  onHealth(): () => void {
    return () => {};
  }
  async claimWriter(): Promise<void> {}
  fence(): void {
    this.fenced = true;
  }
  async destroy(): Promise<void> {}
}

class FakeOwnership implements OwnershipPort {
  lost: (() => void) | null = null;
  constructor(public state: 'owner' | 'other-tab-owns') {}
  async takeOver(): Promise<void> {
    this.state = 'owner';
  }
  onLost(listener: () => void): void {
    this.lost = listener;
  }
  release(): void {}
}

/** Frames and intervals fire only when the test says so. */
class ManualScheduler implements Scheduler {
  frames = new Map<number, (t: number) => void>();
  intervals = new Map<number, () => void>();
  private next = 1;
  requestFrame(cb: (t: number) => void): number {
    this.frames.set(this.next, cb);
    return this.next++;
  }
  cancelFrame(h: number): void {
    this.frames.delete(h);
  }
  setInterval(cb: () => void): number {
    this.intervals.set(this.next, cb);
    return this.next++;
  }
  clearInterval(h: number): void {
    this.intervals.delete(h);
  }
  /** The wall clock the frame budget reads; tests move it (e.g. per engine event). */
  wallMs = 0;
  wallNowMs(): number {
    return this.wallMs;
  }
  frame(t: number): void {
    const pending = [...this.frames.values()];
    this.frames.clear();
    for (const cb of pending) cb(t);
  }
  tickIntervals(): void {
    for (const cb of this.intervals.values()) cb();
  }
}

function setup(opts: { owner?: boolean; meta?: LabMeta | null; eventEveryMs?: number; pauseAtLogBytes?: number } = {}) {
  const store = createLabStore();
  const storage = new FakeStorage();
  storage.meta = opts.meta ?? null;
  const ownership = new FakeOwnership(opts.owner === false ? 'other-tab-owns' : 'owner');
  const scheduler = new ManualScheduler();
  const created: FakeLab[] = [];
  let firstRuns = 0;
  const deps: RuntimeDeps<FakeLab> = {
    dbName: 'test',
    firstRunSeed: 42,
    kafkaVersion: '3.9',
    brokerCount: 3,
    claimOwnership: async () => ownership,
    openStorage: async () => ({ mode: 'indexeddb', store: storage }),
    createLab: (o) => {
      const lab = new FakeLab(o, opts.eventEveryMs ?? 10);
      created.push(lab);
      return lab;
    },
    setupFirstRun: async () => {
      firstRuns++;
    },
    setupClients: () => {},
    scheduler,
    store,
    reload: () => {},
    ...(opts.pauseAtLogBytes !== undefined ? { pauseAtLogBytes: opts.pauseAtLogBytes } : {}),
  };
  const runtime = new LabRuntime(deps);
  return { runtime, store, storage, ownership, scheduler, created, firstRuns: () => firstRuns };
}

/** A started lab at 100× whose engine has an event every simulated ms, each costing 0.5 ms of wall time. */
async function costlyEngineAt100x() {
  const t = setup({ eventEveryMs: 1 });
  await t.runtime.start();
  const lab = t.created[0]!;
  lab.onStep = () => (t.scheduler.wallMs += 0.5);
  t.runtime.setSpeed(100);
  return { t, lab };
}

describe('LabRuntime', () => {
  it('boots a first run with the URL seed and plays', async () => {
    const t = setup();
    await t.runtime.start();
    expect(t.created[0]?.options.seed).toBe(42);
    expect(t.created[0]?.options.restore).toBeUndefined();
    expect(t.firstRuns()).toBe(1);
    expect(t.store.getState().status.playing).toBe(true);
    expect(t.store.getState().snapshot).not.toBeNull();
    expect(t.storage.meta).toEqual({ seed: 42, kafkaVersion: '3.9', brokerCount: 3, clockMs: 0 });
  });

  it('restarts from stored meta: same seed, clock continues, no first-run setup', async () => {
    const t = setup({ meta: { seed: 7, kafkaVersion: '2.4', brokerCount: 3, clockMs: 5000 } });
    await t.runtime.start();
    const options = t.created[0]?.options;
    expect(options?.seed).toBe(7);
    expect(options?.kafkaVersion).toBe('2.4');
    expect(options?.startTimeMs).toBe(5000);
    expect(options?.restore).toBeDefined();
    expect(t.firstRuns()).toBe(0);
  });

  it('pauses a playing lab whose logs grew past the memory threshold, says why, and plays on when asked', async () => {
    const t = setup({ pauseAtLogBytes: 1000 });
    await t.runtime.start();
    const lab = t.created[0]!;
    t.runtime.setSpeed(10);
    t.runtime.play();
    t.scheduler.frame((t.scheduler.wallMs += 16));
    t.scheduler.frame((t.scheduler.wallMs += 16));
    expect(t.store.getState().status.playing).toBe(true);
    lab.logBytes = 1200;
    t.scheduler.frame((t.scheduler.wallMs += 200));
    expect(t.store.getState().status.playing).toBe(false);
    expect(t.store.getState().status.memoryNotice).toContain('paused');
    t.runtime.play();
    expect(t.store.getState().status.memoryNotice).toBeNull();
    t.scheduler.frame((t.scheduler.wallMs += 200));
    expect(t.store.getState().status.playing).toBe(true); // the next pause waits for 1.5x the bytes
  });

  it('publishes every frame at 1x, and about ten times a second at 100x', async () => {
    const t = setup({ eventEveryMs: 1 });
    await t.runtime.start();
    const lab = t.created[0]!;
    const publishesInOneSecond = async (speed: number): Promise<number> => {
      t.runtime.setSpeed(speed);
      const before = lab.snapshots;
      for (let i = 0; i < 60; i++) {
        t.scheduler.frame((t.scheduler.wallMs += 1000 / 60));
        await Promise.resolve(); // the publisher measures its cost in a microtask
      }
      return lab.snapshots - before;
    };
    expect(await publishesInOneSecond(1)).toBeGreaterThanOrEqual(59);
    const at100 = await publishesInOneSecond(100);
    expect(at100).toBeGreaterThanOrEqual(9);
    expect(at100).toBeLessThanOrEqual(11);
  });

  it('advances wall delta × speed per frame, capped, and publishes only on version change', async () => {
    const t = setup({ eventEveryMs: 1000 });
    await t.runtime.start();
    const lab = t.created[0]!;
    const published = () => lab.snapshots;
    t.runtime.setSpeed(1); // the app starts in 0.25x slow motion; this test reasons at 1x
    t.scheduler.frame(1000); // first frame: no delta yet
    const before = published();
    t.scheduler.frame(1016);
    expect(lab.kernel.nowMs).toBe(16);
    expect(published()).toBe(before); // no engine event in 16 ms: nothing published
    t.runtime.setSpeed(10);
    t.scheduler.frame(1032); // +160 ms
    expect(lab.kernel.nowMs).toBe(176);
    t.scheduler.frame(61032); // a minute in the background: capped to 100 ms × 10
    expect(lab.kernel.nowMs).toBe(1176);
    expect(published()).toBe(before + 1); // the event at 1000 ms bumped the version once
    t.scheduler.frame(61048);
    expect(published()).toBe(before + 1);
  });

  it('stops the engine at the frame budget, carries the time not reached and shows the real speed', async () => {
    const { t, lab } = await costlyEngineAt100x();
    let wall = 0;
    const frame = () => {
      const before = t.scheduler.wallMs;
      t.scheduler.frame((wall += 16));
      return t.scheduler.wallMs - before;
    };
    frame(); // first frame: no delta yet
    const spent = frame(); // asks for 1,600 simulated ms = 1,600 events = 800 ms of wall time
    expect(spent).toBeLessThanOrEqual(ENGINE_BUDGET_MS + EVENTS_PER_CLOCK_CHECK * 0.5);
    expect(spent).toBeGreaterThanOrEqual(ENGINE_BUDGET_MS);
    const reached = lab.kernel.nowMs;
    expect(reached).toBeLessThan(1600);
    expect(t.store.getState().status.realSpeed).toBeNull(); // not measured yet: under one window
    for (let i = 0; i < 80; i++) frame();
    // ~16 events (16 simulated ms) per 16 ms frame: about 1×, far below 100×.
    const realSpeed = t.store.getState().status.realSpeed;
    expect(realSpeed).not.toBeNull();
    expect(realSpeed!).toBeGreaterThan(0.5);
    expect(realSpeed!).toBeLessThan(2);
    t.runtime.pause();
    expect(t.store.getState().status.realSpeed).toBeNull();
  });

  it("shrinks the engine's share while rendering makes frames miss their vsync, and gives it back when they are on time", async () => {
    const { t, lab } = await costlyEngineAt100x();
    const VSYNC_MS = 1000 / 60;
    // One frame at the next vsync after the previous frame's work, which costs the engine's
    // share plus `renderMs` (the views). Returns the engine's wall ms.
    const frame = (renderMs: number): number => {
      const at = Math.ceil(t.scheduler.wallMs / VSYNC_MS + 1e-9) * VSYNC_MS;
      t.scheduler.wallMs = at;
      t.scheduler.frame(at);
      const engineMs = t.scheduler.wallMs - at;
      t.scheduler.wallMs += renderMs;
      return engineMs;
    };
    let engineMs = 0;
    for (let i = 0; i < 30; i++) engineMs = frame(20); // views alone take more than a frame
    expect(engineMs).toBeLessThanOrEqual(ENGINE_BUDGET_MIN_MS + EVENTS_PER_CLOCK_CHECK * 0.5);
    for (let i = 0; i < 100; i++) engineMs = frame(4); // cheap views: the engine gets its 8 ms back
    expect(engineMs).toBeGreaterThanOrEqual(ENGINE_BUDGET_MS);
    expect(engineMs).toBeLessThanOrEqual(ENGINE_BUDGET_MS + EVENTS_PER_CLOCK_CHECK * 0.5);
  });

  it('runs up to the frame target when the engine keeps up, and shows no real speed', async () => {
    const t = setup({ eventEveryMs: 10 });
    await t.runtime.start();
    const lab = t.created[0]!;
    lab.onStep = () => (t.scheduler.wallMs += 0.01);
    t.runtime.setSpeed(10);
    t.scheduler.frame(0);
    for (let i = 1; i <= 60; i++) t.scheduler.frame(i * 16);
    expect(lab.kernel.nowMs).toBe(60 * 160);
    expect(t.store.getState().status.realSpeed).toBeNull();
  });

  it('keeps simulated time exact with a whole-ms kernel clock: fractions are carried once, not twice', async () => {
    const t = setup({ eventEveryMs: 1 });
    await t.runtime.start();
    const lab = t.created[0]!;
    // Like SimKernel: the clock moves in whole ms and advanceBy carries the fraction itself.
    let carry = 0;
    const step = lab.kernel.step;
    (lab.kernel as { advanceBy: (ms: number) => number }).advanceBy = (ms: number) => {
      const total = carry + ms;
      const whole = Math.floor(total);
      carry = total - whole;
      const target = lab.kernel.nowMs + whole;
      let ran = 0;
      while (lab.kernel.nextEventTimeMs()! <= target) ran += step() ? 1 : 0;
      return ran;
    };
    t.runtime.setSpeed(0.25);
    t.scheduler.frame(0);
    for (let i = 1; i <= 600; i++) t.scheduler.frame((i * 1000) / 60);
    // 10 s of wall time at 0.25× is 2,500 simulated ms.
    expect(lab.kernel.nowMs).toBeGreaterThanOrEqual(2499);
    expect(lab.kernel.nowMs).toBeLessThanOrEqual(2500);
  });

  it('does not advance while paused; step runs one event', async () => {
    const t = setup();
    await t.runtime.start();
    const lab = t.created[0]!;
    t.runtime.pause();
    t.scheduler.frame(0);
    t.scheduler.frame(50);
    expect(lab.kernel.nowMs).toBe(0);
    expect(t.runtime.step()).toBe(true);
    expect(lab.kernel.nowMs).toBe(10);
    expect(t.store.getState().snapshot?.version).toBe(1);
  });

  it('notifies frame listeners with simulated time', async () => {
    const t = setup();
    await t.runtime.start();
    const seen: number[] = [];
    t.runtime.setSpeed(1);
    t.runtime.onFrame((ms) => seen.push(ms));
    t.scheduler.frame(0);
    t.scheduler.frame(20);
    expect(seen).toEqual([0, 0, 20]);
  });

  it('runs beforeFrame listeners first in each frame, before the engine moves and frame listeners run', async () => {
    const t = setup();
    await t.runtime.start();
    t.runtime.setSpeed(1);
    const order: string[] = [];
    const stop = t.runtime.beforeFrame(() => order.push(`before@${t.runtime.lab!.kernel.nowMs}`));
    t.runtime.onFrame((ms) => order.push(`frame@${ms}`));
    t.scheduler.frame(0);
    t.scheduler.frame(20);
    stop();
    t.scheduler.frame(40);
    expect(order).toEqual(['frame@0', 'before@0', 'frame@0', 'before@0', 'frame@20', 'frame@40']);
  });

  it('persists only when something changed', async () => {
    const t = setup();
    await t.runtime.start();
    const lab = t.created[0]!;
    const flushes = t.storage.flushes;
    t.scheduler.tickIntervals();
    await Promise.resolve();
    expect(t.storage.flushes).toBe(flushes);
    t.runtime.advance(25);
    await t.runtime.persist(false);
    expect(t.storage.flushes).toBe(flushes + 1);
    expect(lab.checkpoints).toBeGreaterThan(0);
    expect(t.storage.meta?.clockMs).toBe(25);
  });

  it('waits for a take-over when another tab owns the lab, and fences when it loses', async () => {
    const t = setup({ owner: false });
    const started = t.runtime.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.store.getState().status.ownership).toBe('other-tab-owns');
    expect(t.created).toHaveLength(0);
    await t.runtime.takeOver();
    await started;
    expect(t.store.getState().status.ownership).toBe('owner');
    expect(t.created).toHaveLength(1);
    t.ownership.lost?.();
    expect(t.store.getState().status.ownership).toBe('taken-over');
    expect(t.storage.fenced).toBe(true);
    expect(t.scheduler.frames.size).toBe(0);
  });

  it('runs a command to completion while paused, one event at a time', async () => {
    const t = setup({ eventEveryMs: 10 });
    await t.runtime.start();
    t.runtime.pause();
    const lab = t.created[0]!;
    // Settles from inside the third engine event, like an admin request answered by a broker.
    let resolve!: (v: string) => void;
    const answer = new Promise<string>((r) => (resolve = r));
    const stepsAtStart = lab.version;
    const step = lab.kernel.step;
    (lab.kernel as { step: () => boolean }).step = () => {
      const ran = step();
      if (lab.version - stepsAtStart === 3) resolve('done');
      return ran;
    };
    await expect(t.runtime.command(() => answer)).resolves.toBe('done');
    expect(lab.kernel.nowMs).toBe(30);
    expect(t.store.getState().snapshot?.version).toBe(lab.version);
  });

  it('shuts down cleanly once on pagehide', async () => {
    const t = setup();
    await t.runtime.start();
    t.runtime.shutdown();
    t.runtime.shutdown();
    expect(t.created[0]?.shutdowns).toBe(1);
  });
});
