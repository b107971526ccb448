/**
 * Seeded fault-schedule simulation: a 3-broker lab with a replicated topic, a producer sending a
 * steady stream and a consumer reading it, a random schedule of broker and network faults over
 * simulated time, then every fault healed, the cluster settled, and the guarantees checker read.
 *
 * Deterministic: the lab runs on its seeded kernel, the schedule comes from a planner seeded from
 * the same seed, and every fault is applied at a whole simulated millisecond after all events due
 * by then have run (as a scenario's `at` line does). No wall clock, no timers, no Math.random:
 * the same (seed, mode, options) always gives the same schedule and the same result, and every
 * fault is a lab command, so the command log replays with `npm run lab` (exportLab).
 */
import type { KafkaVersion } from '../engine/config';
import { KafkaLab } from '../engine/lab/KafkaLab';
import type { LabCommand } from '../engine/lab/commands';
import type { LedgerIssueView, ViolationView } from '../engine/snapshot';
import { exportScenario } from '../scenario/exportScenario';
import { brokerNode, describeFault, DEFAULT_PLANNER, FaultPlanner, ZOOKEEPER, type AppliedFault, type Fault, type PlannerOptions, type PlannerWorld } from './faults';
import { modeSetup, type ModeSetup, type SimMode } from './modes';

export const TOPIC = 'events';
export const PRODUCER = 'p1';
export const CONSUMER = 'c1';
const BROKERS = 3;
const LINK = { latencyMs: 5, jitterMs: 3 };

/**
 * Kafka's timeouts scaled down so a schedule of a few simulated seconds sees sessions expire,
 * followers fall out of the ISR and come back, and the controller fail over.
 */
export const SIM_BROKER_CONFIG: Readonly<Record<string, string>> = {
  'zookeeper.session.timeout.ms': '2000',
  'replica.lag.time.max.ms': '2000',
  'replica.fetch.wait.max.ms': '500',
  'replica.fetch.backoff.ms': '200',
  'leader.imbalance.check.interval.seconds': '5',
};
const SIM_TOPIC_CONFIG = { 'segment.bytes': '4096' };
const SIM_PRODUCER_CONFIG = { 'linger.ms': '5', 'request.timeout.ms': '1500', 'delivery.timeout.ms': '8000', 'retry.backoff.ms': '50', 'metadata.max.age.ms': '5000' };
const SIM_CONSUMER_CONFIG = { 'auto.offset.reset': 'earliest', 'request.timeout.ms': '2000', 'metadata.max.age.ms': '5000' };
const KEYS = Array.from({ length: 12 }, (_, i) => `k${i}`);

export interface SimOptions {
  seed: number;
  mode: SimMode;
  /** Simulated time faults are applied over (default 8 s). */
  faultPhaseMs?: number;
  /** The producer's stream (default 8 records/s, 12 keys). */
  recordsPerSecond?: number;
  partitions?: number;
  kafkaVersion?: KafkaVersion;
  /** How often (simulated) the checker looks at the live cluster (default 250 ms). */
  checkEveryMs?: number;
  /** Longest wait for the cluster to heal and settle at the end (default 8 s: a healthy cluster settles within 7 s). */
  settleMaxMs?: number;
  planner?: Partial<PlannerOptions>;
}

export interface SimResult {
  seed: number;
  mode: SimMode;
  faults: AppliedFault[];
  /** Simulated time the whole schedule took. */
  simulatedMs: number;
  /** Kernel events run (the work; wall time is measured by callers). */
  steps: number;
  acked: number;
  failedSends: number;
  consumed: number;
  lostAcked: number;
  truncatedConsumed: number;
  violations: ViolationView[];
  /** Acknowledged records the consumer never returned (counted only once the cluster settled). */
  unconsumedAcked: number;
  /**
   * Values found at more than one offset in the final logs. Expected without idempotence; with it,
   * only after a delivery timeout made the producer bump its epoch and re-sequence batches that
   * may already have been written (Kafka's producer does the same, KAFKA-14034): reported, not a failure.
   */
  duplicates: number;
  /** Why the cluster did not settle after every fault was healed (null: it did). */
  unsettled: string | null;
  /** Simulated time from the end of the fault phase until the cluster settled (or gave up). */
  settleMs: number;
  /** Partitions without a serving leader at the end: their records could not be checked. */
  uncheckedPartitions: string[];
  /** Ledger entries dropped for space (the checker then saw only the newest). */
  ledgerDropped: number;
  firstLost: LedgerIssueView | null;
  firstTruncated: LedgerIssueView | null;
  /** The run as a `.lab` file for `npm run lab` (every fault is a lab command). */
  scenario: string;
  lab: KafkaLab;
}

/** A safe run fails on a lost acknowledged record or a broken invariant (what `npm run soak` counts). */
export function isFailure(r: SimResult): boolean {
  return r.lostAcked > 0 || r.violations.length > 0;
}

/**
 * Every guarantee a safe configuration keeps, broken in this run: besides lost acknowledged
 * records and invariants, a consumer never sees a record that is later truncated (it reads
 * below the HW), and once the cluster settled it has returned every acknowledged record.
 */
export function brokenGuarantees(r: SimResult): string[] {
  const out: string[] = [];
  if (r.lostAcked > 0) out.push(`${r.lostAcked} acknowledged record(s) lost`);
  if (r.violations.length > 0) out.push(`${r.violations.length} invariant violation(s)`);
  if (r.truncatedConsumed > 0) out.push(`${r.truncatedConsumed} consumed record(s) truncated`);
  if (r.unconsumedAcked > 0) out.push(`${r.unconsumedAcked} acknowledged record(s) never consumed`);
  return out;
}

/** Run one schedule to the end and read the checker. */
export function runSchedule(options: SimOptions): SimResult {
  return new Simulation(options).run();
}

class Simulation {
  private readonly lab: KafkaLab;
  private readonly setup: ModeSetup;
  private readonly planner: FaultPlanner;
  private readonly faults: AppliedFault[] = [];
  private readonly zkCut = new Set<number>();
  private readonly cut = new Set<string>();
  private readonly lossy = new Set<string>();
  private readonly partitions: number;
  private readonly checkEveryMs: number;
  private readonly world: PlannerWorld;

  constructor(private readonly options: SimOptions) {
    this.setup = modeSetup(options.mode);
    this.partitions = options.partitions ?? 3;
    this.checkEveryMs = options.checkEveryMs ?? 250;
    this.planner = new FaultPlanner(options.seed, { ...DEFAULT_PLANNER, ...options.planner });
    this.lab = KafkaLab.create({
      seed: options.seed,
      brokerCount: BROKERS,
      kafkaVersion: options.kafkaVersion ?? '3.9',
      link: LINK,
      brokerConfig: this.brokerConfig(),
    });
    this.world = this.makeWorld();
  }

  private brokerConfig(): Record<string, string> {
    return { ...SIM_BROKER_CONFIG, ...this.setup.brokerConfig };
  }

  run(): SimResult {
    const { lab } = this;
    const startSteps = lab.kernel.steps;
    this.startWorkload();
    const faultEnd = lab.nowMs + (this.options.faultPhaseMs ?? 8_000);
    for (;;) {
      const next = lab.nowMs + this.planner.nextGapMs();
      this.advanceTo(Math.min(next, faultEnd));
      if (lab.nowMs >= faultEnd) break;
      const fault = this.planner.nextFault(this.world);
      if (fault) this.applyFault(fault);
    }
    const healStart = lab.nowMs;
    const unsettled = this.healAndSettle();
    const settleMs = lab.nowMs - healStart;
    const view = lab.checker.check();
    const acks = lab.ledger.acks.all();
    const producer = lab.producer(PRODUCER)!.view();
    return {
      seed: this.options.seed,
      mode: this.options.mode,
      faults: this.faults,
      simulatedMs: lab.nowMs,
      steps: lab.kernel.steps - startSteps,
      acked: producer.acked,
      failedSends: producer.failed,
      consumed: lab.consumer(CONSUMER)!.view().recordsConsumed,
      lostAcked: lab.checker.lostAckedCount(),
      truncatedConsumed: lab.checker.truncatedConsumedCount(),
      violations: [...view.violations],
      unconsumedAcked: unsettled === null ? this.unconsumed(acks) : 0,
      duplicates: this.duplicates(),
      unsettled,
      settleMs,
      uncheckedPartitions: this.unchecked(),
      ledgerDropped: lab.ledger.acks.dropped + lab.ledger.consumedRecords.dropped,
      firstLost: view.lostAcked[0] ?? null,
      firstTruncated: view.truncatedConsumed[0] ?? null,
      scenario: this.exportLab(view.violations[0]?.atMs ?? null),
      lab,
    };
  }

  // ---- workload ------------------------------------------------------------------------

  private startWorkload(): void {
    const { lab, setup } = this;
    this.apply({ type: 'create-topic', topic: TOPIC, partitions: this.partitions, replicationFactor: BROKERS, configs: { ...SIM_TOPIC_CONFIG, ...setup.topicConfig } });
    const ready = this.waitFor(() => this.allLed() && lab.allPartitionsServing(), 10_000);
    if (!ready) throw new Error(`seed ${this.options.seed}: the topic did not come up within 10 s of simulated time`);
    this.apply({ type: 'producer', id: PRODUCER, config: { ...SIM_PRODUCER_CONFIG, ...setup.producerConfig } });
    this.apply({ type: 'consumer', id: CONSUMER, config: { ...SIM_CONSUMER_CONFIG } });
    this.apply({ type: 'assign', consumer: CONSUMER, partitions: this.tps() });
    this.apply({ type: 'start-polling', consumer: CONSUMER });
    this.apply({ type: 'stream', producer: PRODUCER, topic: TOPIC, recordsPerSecond: this.options.recordsPerSecond ?? 8, keys: KEYS });
  }

  /**
   * Heal every fault (brokers down since a crash or power loss start once their session has
   * expired), let the stream run one more second, stop it, and wait until the cluster has
   * settled: every broker up, every ISR full, every replica at its leader's end, the producer
   * idle and the consumer at every high watermark. Returns null, or what is still not settled.
   */
  private healAndSettle(): string | null {
    const { lab } = this;
    const maxMs = this.options.settleMaxMs ?? 8_000;
    const deadline = lab.nowMs + maxMs;
    for (;;) {
      for (const fault of this.planner.healFaults(this.world)) this.applyFault(fault);
      if (this.planner.activeFaults(this.world) === 0 && !this.planner.inEpisode) break;
      if (lab.nowMs >= deadline) return `faults still active after ${maxMs} ms`;
      this.advanceTo(lab.nowMs + 100);
    }
    this.advanceTo(lab.nowMs + 1000);
    this.apply({ type: 'stop-stream', producer: PRODUCER });
    let reason: string | null = null;
    const settled = this.waitFor(() => (reason = this.notSettled()) === null, Math.max(1000, deadline - lab.nowMs));
    return settled ? null : `not settled after healing: ${reason}`;
  }

  /** Null when settled, else the first thing that is not. */
  private notSettled(): string | null {
    const { lab } = this;
    for (const b of lab.brokers) {
      if (lab.lifecycle.stateOf(b.id) !== 'up' || !b.alive) return `broker ${b.id} is ${lab.lifecycle.stateOf(b.id)}`;
    }
    const states = lab.partitionStates();
    if (states.length !== this.partitions) return `${states.length} of ${this.partitions} partitions have a state`;
    const consumer = lab.consumer(CONSUMER)!;
    for (const s of states) {
      if (s.leader < 0) return `${s.tp} has no leader`;
      if (s.isr.length !== s.replicas.length) return `${s.tp} has ISR [${s.isr.join(', ')}]`;
      const leader = lab.brokers[s.leader]!.replicaManager.partitions.get(s.tp);
      if (!leader?.log || !leader.isLeader || leader.leaderEpoch !== s.leaderEpoch) return `broker ${s.leader} does not lead ${s.tp} at epoch ${s.leaderEpoch} yet`;
      const leo = leader.log.logEndOffset;
      if (leader.log.highWatermark !== leo) return `${s.tp}: leader HW ${leader.log.highWatermark} < LEO ${leo}`;
      for (const id of s.replicas) {
        const log = lab.brokers[id]!.replicaManager.partitions.get(s.tp)?.log;
        if (!log || log.logEndOffset !== leo) return `${s.tp}: broker ${id} LEO ${log?.logEndOffset ?? 'none'} ≠ leader LEO ${leo}`;
      }
      const position = consumer.position({ topic: TOPIC, partition: Number(s.tp.slice(TOPIC.length + 1)) });
      if (position === null || position < leo) return `${s.tp}: consumer at ${position ?? 'no position'}, HW ${leo}`;
    }
    const producer = lab.producer(PRODUCER)!.view();
    if (producer.inFlightRequests > 0 || producer.accumulator.length > 0) return `the producer still has ${producer.inFlightRequests} request(s) in flight and ${producer.accumulator.length} batch(es) queued`;
    return null;
  }

  private allLed(): boolean {
    const states = this.lab.partitionStates();
    return states.length === this.partitions && states.every((s) => s.leader >= 0);
  }

  private tps(): { topic: string; partition: number }[] {
    return Array.from({ length: this.partitions }, (_, partition) => ({ topic: TOPIC, partition }));
  }

  // ---- time ----------------------------------------------------------------------------

  /** Run every event up to `target` (whole ms), letting the checker look every checkEveryMs. */
  private advanceTo(target: number): void {
    const { lab } = this;
    while (lab.nowMs < target) {
      lab.kernel.advanceTo(Math.min(target, lab.nowMs + this.checkEveryMs));
      lab.checker.check();
    }
  }

  /** Advance in 100 ms slices until `condition` holds (checked at slice ends); false after maxMs. */
  private waitFor(condition: () => boolean, maxMs: number): boolean {
    const deadline = this.lab.nowMs + maxMs;
    while (!condition()) {
      if (this.lab.nowMs >= deadline) return false;
      this.advanceTo(this.lab.nowMs + 100);
    }
    return true;
  }

  // ---- faults --------------------------------------------------------------------------

  private applyFault(fault: Fault): void {
    const { lab } = this;
    this.faults.push({ atMs: lab.nowMs, fault });
    switch (fault.kind) {
      case 'lossy':
        this.apply({ type: 'drop-messages', a: fault.a, b: fault.b, rate: fault.dropRate });
        if (fault.dropRate > 0) this.lossy.add(pairKey(fault.a, fault.b));
        else this.lossy.delete(pairKey(fault.a, fault.b));
        return;
      case 'cut':
      case 'heal': {
        this.apply({ type: fault.kind === 'cut' ? 'cut-link' : 'heal-link', a: fault.a, b: fault.b });
        const zkBroker = fault.b === ZOOKEEPER ? brokerId(fault.a) : null;
        if (zkBroker !== null) {
          if (fault.kind === 'cut') this.zkCut.add(zkBroker);
          else this.zkCut.delete(zkBroker);
        } else if (fault.kind === 'cut') this.cut.add(pairKey(fault.a, fault.b));
        else this.cut.delete(pairKey(fault.a, fault.b));
        return;
      }
      case 'elect-preferred':
        this.apply({ type: 'elect-leaders', electionType: 'preferred', partitions: this.tps() });
        return;
      case 'slow':
        this.apply({ type: 'slow-broker', broker: fault.broker, delayMs: fault.delayMs });
        return;
      case 'crash':
      case 'power-off':
      case 'stop':
        this.apply({ type: fault.kind === 'crash' ? 'crash-broker' : fault.kind === 'stop' ? 'stop-broker' : 'power-off-broker', broker: fault.broker });
        this.zkCut.delete(fault.broker); // a halted broker's ZooKeeper link is new when it starts
        return;
      case 'start':
        this.apply({ type: 'start-broker', broker: fault.broker });
        return;
      case 'pause':
      case 'resume':
        this.apply({ type: fault.kind === 'pause' ? 'pause-broker' : 'resume-broker', broker: fault.broker });
        return;
      case 'isolate':
      case 'rejoin':
        this.apply({ type: fault.kind, broker: fault.broker });
        return;
    }
  }

  /** Apply a lab command (recorded in the command log); a refused command is a bug of the planner. */
  private apply(command: LabCommand): void {
    // As a scenario's `at` line: first every event due by now, those the previous command scheduled at this instant included.
    this.lab.kernel.advanceTo(this.lab.nowMs);
    const before = this.lab.commandLog.length;
    this.lab.apply(command).catch(() => {}); // results (a topic that already exists on a retry) do not matter here
    if (this.lab.commandLog.length === before) {
      throw new Error(`seed ${this.options.seed}: the lab refused ${JSON.stringify(command)} at ${this.lab.nowMs} ms (a bug in the simulation's planner)`);
    }
  }

  private makeWorld(): PlannerWorld {
    const { lab } = this;
    return {
      get nowMs() {
        return lab.nowMs;
      },
      brokerIds: Array.from({ length: BROKERS }, (_, i) => i),
      clients: [PRODUCER, CONSUMER],
      isUp: (id) => lab.lifecycle.stateOf(id) === 'up',
      isPaused: (id) => lab.brokers[id]!.paused,
      isIsolated: (id) => lab.network.isIsolated(brokerNode(id)),
      isZkCut: (id) => this.zkCut.has(id),
      slowMs: (id) => lab.brokers[id]!.replicaManager.slowFetchDelayMs,
      isRegistered: (id) => lab.zk.exists(`/brokers/ids/${id}`),
      hasController: () => lab.brokers.some((b) => b.alive && b.controller !== null),
      isCut: (a, b) => this.cut.has(pairKey(a, b)),
      isLossy: (a, b) => this.lossy.has(pairKey(a, b)),
      allIsrFull: () => lab.partitionStates().every((s) => s.leader >= 0 && s.isr.length === s.replicas.length),
    };
  }

  // ---- findings ------------------------------------------------------------------------

  /** Partitions whose ZooKeeper leader does not serve them at its epoch (the checker skips them). */
  private unchecked(): string[] {
    return this.lab.partitionStates().filter((s) => {
      const p = s.leader >= 0 ? this.lab.brokers[s.leader]?.replicaManager.partitions.get(s.tp) : undefined;
      return !(this.lab.brokers[s.leader]?.alive && p?.isLeader && p.leaderEpoch === s.leaderEpoch);
    }).map((s) => s.tp);
  }

  /** Acknowledged records no poll returned (by partition, offset and value). */
  private unconsumed(acks: readonly { tp: string; offset: number; value: string | null }[]): number {
    const seen = new Set(this.lab.ledger.consumedRecords.all().map((e) => `${e.tp}@${e.offset}=${e.value}`));
    return acks.filter((e) => !seen.has(`${e.tp}@${e.offset}=${e.value}`)).length;
  }

  /** Values at more than one offset across the leaders' logs. */
  private duplicates(): number {
    const seen = new Set<string>();
    let dups = 0;
    for (const s of this.lab.partitionStates()) {
      const log = s.leader >= 0 ? this.lab.brokers[s.leader]?.replicaManager.partitions.get(s.tp)?.log : undefined;
      if (!log) continue;
      for (let offset = log.logStartOffset; offset < log.logEndOffset;) {
        const records = this.lab.readRecords(s.tp, offset, 1000);
        if (records.length === 0) break;
        for (const r of records) {
          if (seen.has(r.value ?? '')) dups++;
          else seen.add(r.value ?? '');
        }
        offset = records[records.length - 1]!.offset + 1;
      }
    }
    return dups;
  }

  /**
   * The run as a `.lab` file: the lab line, every command at its instant, a check at the instant
   * the first invariant violation was seen (as this run's checker saw it), and the checker's
   * verdicts at the end. `npm run lab` fails on those expect lines while the run loses records or
   * breaks an invariant, so the file is a reproducer as it stands.
   */
  private exportLab(firstViolationMs: number | null): string {
    const { lab } = this;
    const lines = exportScenario({
      seed: this.options.seed,
      kafkaVersion: lab.kafkaVersion,
      brokers: BROKERS,
      latencyMs: LINK.latencyMs,
      jitterMs: LINK.jitterMs,
      brokerConfig: this.brokerConfig(),
      commands: [...lab.commandLog.entries],
      endMs: lab.nowMs,
    }).trimEnd().split('\n');
    if (firstViolationMs !== null) {
      const at = lines.findIndex((line) => Number(/^at (\S+)ms/.exec(line)?.[1] ?? -1) >= firstViolationMs);
      lines.splice(at, 0, `at ${firstViolationMs}ms`, 'expect-invariants violations=0');
    }
    lines.push('# what the simulation checks at the end of every schedule', `expect-acked ${PRODUCER} lost=0`, `expect-consumed ${CONSUMER} truncated=0`, 'expect-invariants violations=0');
    return `${lines.join('\n')}\n`;
  }

}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function brokerId(node: string): number | null {
  const m = /^broker-(\d+)$/.exec(node);
  return m ? Number(m[1]) : null;
}

/** The schedule, one fault per line: "  3.214s  crash broker 1". */
export function formatSchedule(faults: readonly AppliedFault[]): string[] {
  return faults.map(({ atMs, fault }) => `  ${(atMs / 1000).toFixed(3).padStart(8)}s  ${describeFault(fault)}`);
}

/** A finding in one paragraph: seed, mode, counts, first loss and violation, and how to replay. */
export function describeResult(r: SimResult): string[] {
  const lines = [
    `seed ${r.seed}, mode ${r.mode}: ${r.faults.length} faults, ${r.acked} acked, ${r.failedSends} failed sends, ${r.consumed} consumed, simulated ${(r.simulatedMs / 1000).toFixed(1)} s`,
    `  lost acknowledged ${r.lostAcked}, truncated consumed ${r.truncatedConsumed}, invariant violations ${r.violations.length}, unconsumed acked ${r.unconsumedAcked}, duplicates ${r.duplicates}${r.unsettled ? `, UNSETTLED: ${r.unsettled}` : ''}`,
  ];
  if (r.firstLost) lines.push(`  first lost: ${r.firstLost.client}'s ${r.firstLost.tp}@${r.firstLost.offset} ${JSON.stringify(r.firstLost.value)} → now ${JSON.stringify(r.firstLost.nowValue)}; cause: ${r.firstLost.cause ?? 'unknown'}`);
  for (const v of r.violations.slice(0, 3)) lines.push(`  violation at ${v.atMs} ms: ${v.invariant} ${v.text}`);
  return lines;
}
