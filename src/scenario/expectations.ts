/**
 * What `expect`, `expect-replica` and `await` check: the cluster as the controller and each
 * partition's leader see it, or one replica's own view. A check never throws: a partition
 * that does not exist (yet) is a mismatch, so `await` can wait for it.
 */
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { PartitionView } from '../engine/snapshot';
import type { ScenarioCommand } from './parse';
import { checkCommitted, checkGroup } from './groupExpectations';
import { checkSink } from './sinkExpectations';

export type Check = { holds: true; said: string } | { holds: false; mismatch: string };

/** Evaluates an `expect` or `expect-replica` line (already checked by the grammar). */
export function checkExpectation(lab: KafkaLab, c: ScenarioCommand): Check {
  if (c.name === 'expect-replica') return checkReplica(lab, c);
  if (c.name === 'expect-acked') return compare(`producer ${c.args[0] ?? ''}'s acknowledged records:`, { lost: String(lab.checker.lostAckedCount(c.args[0])) }, { lost: c.options['lost'] ?? '' });
  if (c.name === 'expect-consumed') return compare(`consumer ${c.args[0] ?? ''}'s records:`, { truncated: String(lab.checker.truncatedConsumedCount(c.args[0])) }, { truncated: c.options['truncated'] ?? '' });
  if (c.name === 'expect-group') return checkGroup(lab, c);
  if (c.name === 'expect-committed') return checkCommitted(lab, c);
  if (c.name === 'expect-sink') return checkSink(lab, c);
  if (c.name === 'expect-invariants') return checkInvariants(lab, Number(c.options['violations']));
  if (c.options['controller'] !== undefined) {
    const actual = brokerText(lab.snapshot().controllerId);
    return compare('', { controller: actual }, { controller: normalBroker(c.options['controller']) });
  }
  const tp = c.args[0] ?? '';
  const view = lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp);
  if (!view) return { holds: false, mismatch: `there is no partition ${tp}` };
  const actual = partitionFacts(view);
  const expected: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.options)) {
    if (actual[key] === undefined) {
      return { holds: false, mismatch: `${tp} has no leader log yet (the leader may not have received LeaderAndIsr: try "advance 100ms" first)` };
    }
    expected[key] = key === 'leader' ? normalBroker(value) : key === 'isr' ? sortedIds(value) : value;
  }
  return compare(tp, actual, expected);
}

/** `expect-invariants violations=N`: how many of Kafka's invariants the checker saw broken (each named when not N). */
function checkInvariants(lab: KafkaLab, expected: number): Check {
  const violations = lab.checker.violations;
  if (violations.length === expected) return { holds: true, said: `invariant violations=${expected}` };
  const list = violations.map((v) => `${v.invariant} (${v.text})`).join('; ');
  return { holds: false, mismatch: `expected invariant violations=${expected} but there ${violations.length === 1 ? 'is' : 'are'} ${violations.length}${list ? `: ${list}` : ''}` };
}

/** `expect-replica t-0 broker=N leo= hw= epoch=`: that broker's own replica of the partition. */
function checkReplica(lab: KafkaLab, c: ScenarioCommand): Check {
  const tp = c.args[0] ?? '';
  const id = Number(c.options['broker']);
  const broker = lab.brokers.find((b) => b.id === id);
  if (!broker) return { holds: false, mismatch: `there is no broker ${id}` };
  if (!broker.alive) return { holds: false, mismatch: `broker ${id} is down` };
  const partition = broker.replicaManager.partitions.get(tp);
  const log = partition?.log;
  if (!partition || !log) return { holds: false, mismatch: `broker ${id} hosts no replica of ${tp}` };
  const actual = { leo: String(log.logEndOffset), hw: String(log.highWatermark), epoch: String(partition.leaderEpoch) };
  const { broker: _broker, ...expected } = c.options;
  return compare(`${tp} on broker ${id}`, actual, expected);
}

function partitionFacts(view: PartitionView): Record<string, string | undefined> {
  const log = view.log;
  return {
    leader: brokerText(view.leader),
    isr: sortedIds(view.isr.join(',')),
    epoch: String(view.leaderEpoch),
    leo: log ? String(log.logEndOffset) : undefined,
    hw: log ? String(log.highWatermark) : undefined,
    start: log ? String(log.logStartOffset) : undefined,
    segments: log ? String(log.segments.length) : undefined,
  };
}

/** `subject` names what is checked ("orders-3", "orders-3 on broker 1"; "" for the controller). */
function compare(subject: string, actual: Record<string, string | undefined>, expected: Record<string, string>): Check {
  const prefix = subject === '' ? '' : `${subject} `;
  for (const [key, value] of Object.entries(expected)) {
    if (actual[key] !== value) return { holds: false, mismatch: `expected ${prefix}${key}=${value} but it is ${actual[key] === '' ? '(empty)' : actual[key]}` };
  }
  return { holds: true, said: prefix + Object.entries(expected).map(([k, v]) => `${k}=${v}`).join(' ') };
}

function brokerText(id: number): string {
  return id < 0 ? 'none' : String(id);
}

function normalBroker(value: string): string {
  return value === 'none' || Number(value) < 0 ? 'none' : String(Number(value));
}

/** The ISR compares as a set. */
function sortedIds(list: string): string {
  if (list === '') return '';
  return list
    .split(',')
    .map(Number)
    .sort((a, b) => a - b)
    .join(',');
}
