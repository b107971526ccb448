/**
 * Seeded schedules of consumer-group faults (members joining, closing, crashing, turning slow;
 * brokers crashing and restarting) against the checkers: a Stable group never gives a partition
 * two owners, no committed offset lies beyond its log, replication's invariants hold, and a
 * group's committed offsets never go back (no acknowledged commit is lost, even when the
 * coordinator's broker fails), alternating the 2.4 and 3.9 profiles. GROUP_SIM_SCHEDULES (default 500) sets how many;
 * GROUP_SIM_SEED=<n> runs only that one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { Random } from '../engine/kernel';
import { initCodecs } from '../engine/record';

const SCHEDULES = Number(process.env['GROUP_SIM_SCHEDULES'] ?? 500);
const ONLY_SEED = process.env['GROUP_SIM_SEED'] === undefined ? null : Number(process.env['GROUP_SIM_SEED']);
const STEPS = 12;
const STEP_MS = 2_500;
const ASSIGNORS = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];

beforeAll(async () => {
  await initCodecs();
});

interface GroupRun {
  seed: number;
  actions: string[];
  problems: string[];
}

function runGroupSchedule(seed: number): GroupRun {
  const rng = new Random(seed * 7919 + 13);
  const lab = KafkaLab.create({ seed, kafkaVersion: seed % 2 === 0 ? '2.4' : '3.9', brokerCount: 3, brokerConfig: { 'group.initial.rebalance.delay.ms': '500', 'offsets.topic.num.partitions': '5' } });
  void lab.admin.createTopic({ name: 'orders', partitions: 6, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
  lab.kernel.advanceBy(1_000);
  const producer = lab.createProducer({ acks: 'all', 'enable.idempotence': 'true' }, 'p');
  producer.startStream({ topic: 'orders', recordsPerSecond: 20, keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
  const assignor = ASSIGNORS[rng.nextInt(ASSIGNORS.length)]!;
  const config = { 'group.id': 'g', 'auto.offset.reset': 'earliest', 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '1000', 'max.poll.interval.ms': '8000', 'auto.commit.interval.ms': '1000', 'partition.assignment.strategy': assignor };
  const actions: string[] = [`assignor ${assignor}`];
  const problems: string[] = [];
  const live: string[] = [];
  let next = 0;
  let downBroker: number | null = null;
  const add = (): void => {
    const id = `c${next++}`;
    const c = lab.createConsumer(config, id);
    c.subscribe(['orders']);
    c.startPolling();
    live.push(id);
    actions.push(`add ${id}`);
  };
  add();
  add();
  const highest = new Map<string, number>();
  for (let step = 0; step < STEPS; step++) {
    const roll = rng.nextInt(10);
    const victim = live.length > 0 ? live[rng.nextInt(live.length)]! : null;
    if (roll < 3 && live.length < 5) add();
    else if (roll === 3 && victim) {
      lab.consumer(victim)!.close();
      live.splice(live.indexOf(victim), 1);
      actions.push(`close ${victim}`);
    } else if (roll === 4 && victim) {
      lab.consumer(victim)!.crash();
      live.splice(live.indexOf(victim), 1);
      actions.push(`crash ${victim}`);
    } else if (roll === 5 && victim) {
      lab.consumer(victim)!.setProcessingTime(rng.nextInt(2) === 0 ? 0 : 400);
      actions.push(`slow ${victim}`);
    } else if (roll === 6 && downBroker === null) {
      downBroker = rng.nextInt(3);
      lab.lifecycle.crash(downBroker);
      actions.push(`crash broker ${downBroker}`);
    } else if (roll >= 7 && downBroker !== null) {
      lab.lifecycle.start(downBroker);
      actions.push(`start broker ${downBroker}`);
      downBroker = null;
    }
    for (let t = 0; t < STEP_MS; t += 500) {
      lab.kernel.advanceBy(500);
      checkCommits(lab, highest, problems, actions.length);
    }
  }
  for (const v of lab.checker.violations) problems.push(`${v.invariant}: ${v.text}`);
  const lost = lab.checker.lostAckedCount();
  if (lost > 0) problems.push(`${lost} acknowledged record(s) lost`);
  return { seed, actions, problems };
}

/** Committed offsets of a group only move forward: a lower one means a commit was lost. */
function checkCommits(lab: KafkaLab, highest: Map<string, number>, problems: string[], at: number): void {
  const view = lab.group('g');
  if (!view) return;
  for (const [tp, offset] of view.committed) {
    const before = highest.get(tp) ?? -1;
    if (offset < before) problems.push(`after action ${at}: committed ${tp} went back from ${before} to ${offset} (coordinator ${view.coordinator})`);
    else highest.set(tp, offset);
  }
}

describe('consumer group fault schedules', () => {
  it(`${ONLY_SEED ?? SCHEDULES} seeded schedules: one owner per partition per generation, commits within the log and never lost`, () => {
    const seeds = ONLY_SEED !== null ? [ONLY_SEED] : Array.from({ length: SCHEDULES }, (_, i) => i + 1);
    const failures: string[] = [];
    for (const seed of seeds) {
      const run = runGroupSchedule(seed);
      if (run.problems.length > 0) failures.push(`seed ${seed} (${run.actions.join(', ')}):\n  ${[...new Set(run.problems)].slice(0, 5).join('\n  ')}\n  replay: GROUP_SIM_SEED=${seed} npx vitest run src/sim/groupSimulation.test.ts`);
      if (failures.length >= 3) break;
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);
});
