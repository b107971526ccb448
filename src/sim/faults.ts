/**
 * The faults a simulated schedule applies, and the planner that picks them. The planner draws
 * from its own seeded generator (derived from the schedule's seed, never the lab's), and picks
 * only among the faults the cluster's current state allows, so the same seed and mode always
 * give the same schedule.
 */
import { Random } from '../engine/kernel/Random';

/** ZooKeeper as a link end (as in the scenario language's `cut-link broker-1 zookeeper`). */
export const ZOOKEEPER = 'zookeeper';

export type Fault =
  | { kind: 'crash' | 'power-off' | 'stop' | 'start' | 'pause' | 'resume' | 'isolate' | 'rejoin'; broker: number }
  /** A slow follower (delayMs 0 ends it). */
  | { kind: 'slow'; broker: number; delayMs: number }
  /** Cut or heal the link between two nodes, both directions; `b` may be ZooKeeper. */
  | { kind: 'cut' | 'heal'; a: string; b: string }
  /** Drop this share of the messages between two nodes (0 ends it). */
  | { kind: 'lossy'; a: string; b: string; dropRate: number }
  /** A preferred-leader election of every partition, as an operator runs it (kafka-leader-election). */
  | { kind: 'elect-preferred' };

export interface AppliedFault {
  readonly atMs: number;
  readonly fault: Fault;
}

/** What the planner needs to know of the cluster now. */
export interface PlannerWorld {
  readonly nowMs: number;
  readonly brokerIds: readonly number[];
  /** Client node ids (producer, consumer): link ends besides the brokers. */
  readonly clients: readonly string[];
  isUp(id: number): boolean;
  isPaused(id: number): boolean;
  isIsolated(id: number): boolean;
  isZkCut(id: number): boolean;
  slowMs(id: number): number;
  /** True while the broker's /brokers/ids znode exists (a halted broker's session has not expired yet). */
  isRegistered(id: number): boolean;
  /** Some running broker holds the controller (an operator's election needs one). */
  hasController(): boolean;
  isCut(a: string, b: string): boolean;
  isLossy(a: string, b: string): boolean;
  /** Every partition has a leader and every replica in its ISR. */
  allIsrFull(): boolean;
}

export interface PlannerOptions {
  /** Most brokers down at once (2 of 3 keeps one to talk to). */
  maxDown: number;
  /** Most faults active at once (down brokers, pauses, isolations, cuts, lossy links, slow followers). */
  maxActive: number;
  /** Time between two decisions, drawn uniformly, in ms. */
  gapMs: readonly [number, number];
  /**
   * Allow starting a crashed or powered-off broker before its ZooKeeper session expired. Kafka
   * cannot do that (the old ephemeral /brokers/ids/N blocks the registration until the session
   * expires); the lab ends the old session at once, and the controller then never sees the
   * broker fail (see docs/SCENARIOS.md, "Fault-schedule soak"). Off by default.
   */
  earlyRestart: boolean;
  /** Allow power losses at all (each one is an exclusive episode: see nextFault). */
  powerOff: boolean;
}

export const DEFAULT_PLANNER: PlannerOptions = { maxDown: 2, maxActive: 4, gapMs: [200, 1200], earlyRestart: false, powerOff: true };

export function brokerNode(id: number): string {
  return `broker-${id}`;
}

interface Candidate {
  weight: number;
  fault: Fault;
}

/**
 * Picks the next fault from the cluster's state. A power loss is the one fault Kafka's
 * replication does not mask by itself (unflushed acknowledged records are gone from that
 * replica), so it is only planned as an exclusive episode: with no other fault active and
 * every ISR full, one broker loses power; nothing else happens until it has been started
 * again and every ISR is full again. Under that rule a safe configuration must not lose an
 * acknowledged record; two overlapping power losses (or one while its broker is the last ISR
 * member) can, in Kafka too.
 */
export class FaultPlanner {
  private readonly random: Random;
  private episode: { broker: number; phase: 'down' | 'recovering'; sinceMs: number } | null = null;

  constructor(seed: number, private readonly options: PlannerOptions = DEFAULT_PLANNER) {
    this.random = new Random(plannerSeed(seed));
  }

  /** Milliseconds until the next decision (short while an episode waits for its next step). */
  nextGapMs(): number {
    if (this.episode) return 100;
    const [min, max] = this.options.gapMs;
    return min + this.random.nextInt(max - min + 1);
  }

  /** True while a power-loss episode is under way (the heal phase finishes it first). */
  get inEpisode(): boolean {
    return this.episode !== null;
  }

  /** The fault to apply now, or null to wait. */
  nextFault(world: PlannerWorld): Fault | null {
    if (this.episode) return this.episodeStep(world);
    const candidates = this.candidates(world);
    const total = candidates.reduce((sum, c) => sum + c.weight, 0);
    if (total <= 0) return null;
    let pick = this.random.nextFloat() * total;
    // The last candidate when rounding leaves `pick` at or above zero.
    const chosen = candidates.find((c) => (pick -= c.weight) < 0) ?? candidates[candidates.length - 1]!;
    if (chosen.fault.kind === 'power-off') this.episode = { broker: chosen.fault.broker, phase: 'down', sinceMs: world.nowMs };
    return chosen.fault;
  }

  /**
   * Heal everything that can be healed now: resume, rejoin, heal cuts and ZooKeeper links,
   * end slowness and loss, and start brokers that are down (once their session is gone, unless
   * earlyRestart). Returns [] when nothing is left (or only starts that must wait).
   */
  healFaults(world: PlannerWorld): Fault[] {
    // Healing needs no exclusivity: a powered-off broker that is up again ends its episode.
    if (this.episode?.phase === 'recovering') this.episode = null;
    const out: Fault[] = [];
    for (const id of world.brokerIds) {
      const node = brokerNode(id);
      if (!world.isUp(id)) {
        if (this.options.earlyRestart || !world.isRegistered(id)) out.push({ kind: 'start', broker: id });
        continue;
      }
      if (world.isPaused(id)) out.push({ kind: 'resume', broker: id });
      if (world.isIsolated(id)) out.push({ kind: 'rejoin', broker: id });
      if (world.isZkCut(id)) out.push({ kind: 'heal', a: node, b: ZOOKEEPER });
      if (world.slowMs(id) > 0) out.push({ kind: 'slow', broker: id, delayMs: 0 });
    }
    for (const [a, b] of linkPairs(world)) {
      if (world.isCut(a, b)) out.push({ kind: 'heal', a, b });
      if (world.isLossy(a, b)) out.push({ kind: 'lossy', a, b, dropRate: 0 });
    }
    if (this.episode && out.some((f) => f.kind === 'start' && f.broker === this.episode!.broker)) this.episode = null;
    return out;
  }

  /** Number of faults active now (what maxActive bounds). */
  activeFaults(world: PlannerWorld): number {
    let n = 0;
    for (const id of world.brokerIds) {
      if (!world.isUp(id)) {
        n++;
        continue;
      }
      if (world.isPaused(id)) n++;
      if (world.isIsolated(id)) n++;
      if (world.isZkCut(id)) n++;
      if (world.slowMs(id) > 0) n++;
    }
    for (const [a, b] of linkPairs(world)) {
      if (world.isCut(a, b)) n++;
      if (world.isLossy(a, b)) n++;
    }
    return n;
  }

  private episodeStep(world: PlannerWorld): Fault | null {
    const episode = this.episode!;
    if (episode.phase === 'down') {
      if (world.nowMs - episode.sinceMs < 300) return null;
      if (!this.options.earlyRestart && world.isRegistered(episode.broker)) return null;
      this.episode = { broker: episode.broker, phase: 'recovering', sinceMs: world.nowMs };
      return { kind: 'start', broker: episode.broker };
    }
    if (world.allIsrFull()) this.episode = null;
    return null;
  }

  private candidates(world: PlannerWorld): Candidate[] {
    const out: Candidate[] = [];
    const active = this.activeFaults(world);
    const down = world.brokerIds.filter((id) => !world.isUp(id)).length;
    const canAdd = active < this.options.maxActive;
    const add = (weight: number, fault: Fault): void => {
      out.push({ weight, fault });
    };
    for (const id of world.brokerIds) {
      const node = brokerNode(id);
      if (!world.isUp(id)) {
        if (this.options.earlyRestart || !world.isRegistered(id)) add(4, { kind: 'start', broker: id });
        if (world.isIsolated(id)) add(1, { kind: 'rejoin', broker: id });
        continue;
      }
      if (world.isPaused(id)) add(3, { kind: 'resume', broker: id });
      if (world.isIsolated(id)) add(3, { kind: 'rejoin', broker: id });
      if (world.isZkCut(id)) add(3, { kind: 'heal', a: node, b: ZOOKEEPER });
      if (world.slowMs(id) > 0) add(2, { kind: 'slow', broker: id, delayMs: 0 });
      if (!canAdd) continue;
      if (down < this.options.maxDown) {
        add(2, { kind: 'crash', broker: id });
        add(1, { kind: 'stop', broker: id });
      }
      if (!world.isPaused(id)) add(1, { kind: 'pause', broker: id });
      if (!world.isIsolated(id)) add(1, { kind: 'isolate', broker: id });
      if (!world.isZkCut(id)) add(0.7, { kind: 'cut', a: node, b: ZOOKEEPER });
      if (world.slowMs(id) === 0) add(1, { kind: 'slow', broker: id, delayMs: SLOW_DELAYS_MS[this.random.nextInt(SLOW_DELAYS_MS.length)]! });
      if (this.options.powerOff && active === 0 && world.allIsrFull()) add(1.5, { kind: 'power-off', broker: id });
    }
    if (world.hasController()) add(0.3, { kind: 'elect-preferred' });
    for (const [a, b] of linkPairs(world)) {
      const betweenBrokers = a.startsWith('broker-') && b.startsWith('broker-');
      if (world.isCut(a, b)) add(2, { kind: 'heal', a, b });
      else if (canAdd) add(betweenBrokers ? 0.8 : 0.3, { kind: 'cut', a, b });
      if (world.isLossy(a, b)) add(2, { kind: 'lossy', a, b, dropRate: 0 });
      else if (canAdd) add(betweenBrokers ? 0.4 : 0.15, { kind: 'lossy', a, b, dropRate: DROP_RATES[this.random.nextInt(DROP_RATES.length)]! });
    }
    return out;
  }
}

/**
 * The planner's power-loss rule, checked on an applied schedule: the fault after a power-off is
 * the start of that broker (or nothing). Returns what broke the rule, or null.
 */
export function powerOffRuleBroken(faults: readonly AppliedFault[]): string | null {
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i]!.fault;
    if (f.kind !== 'power-off') continue;
    const next = faults[i + 1];
    if (next && !(next.fault.kind === 'start' && next.fault.broker === f.broker)) {
      return `power-off of broker ${f.broker} at ${faults[i]!.atMs} ms was followed by ${describeFault(next.fault)} at ${next.atMs} ms`;
    }
  }
  return null;
}

/** Fetch delays for a slow follower: one below replica.lag.time.max.ms, two above it. */
const SLOW_DELAYS_MS = [300, 2500, 6000] as const;
const DROP_RATES = [0.1, 0.3, 0.6] as const;

/** Every pair of link ends: broker–broker and broker–client. */
function linkPairs(world: PlannerWorld): [string, string][] {
  const pairs: [string, string][] = [];
  const brokers = world.brokerIds.map(brokerNode);
  for (let i = 0; i < brokers.length; i++) {
    for (let j = i + 1; j < brokers.length; j++) pairs.push([brokers[i]!, brokers[j]!]);
    for (const client of world.clients) pairs.push([brokers[i]!, client]);
  }
  return pairs;
}

/** The planner's seed: derived from the schedule's seed, apart from the lab's own random source. */
function plannerSeed(seed: number): number {
  let z = (seed ^ 0x5eedfa17) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** One line per fault, e.g. "crash broker 1", "cut broker-0 ↔ zookeeper", "slow broker 2 by 2500 ms". */
export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'slow':
      return f.delayMs > 0 ? `slow broker ${f.broker} (+${f.delayMs} ms per fetch)` : `unslow broker ${f.broker}`;
    case 'cut':
    case 'heal':
      return `${f.kind} ${f.a} <-> ${f.b}`;
    case 'lossy':
      return f.dropRate > 0 ? `lossy ${f.a} <-> ${f.b} (drop ${Math.round(f.dropRate * 100)} %)` : `lossless ${f.a} <-> ${f.b}`;
    case 'elect-preferred':
      return 'preferred-leader election of every partition';
    default:
      return `${f.kind} broker ${f.broker}`;
  }
}
