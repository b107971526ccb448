/**
 * `expect-group`, `expect-committed` and `describe-group`: a consumer group as its coordinator
 * holds it. Members are named by their client id (the lab's consumer name) and compare as a
 * set; each member's partitions compare as a set too.
 */
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { GroupView } from '../engine/lab/groupViews';
import type { Check } from './expectations';
import { parseTpName } from '../engine/protocol/topicPartition';
import type { ScenarioCommand } from './parse';

export function checkGroup(lab: KafkaLab, c: ScenarioCommand): Check {
  const groupId = c.args[0] ?? '';
  const view = lab.group(groupId);
  if (!view) return { holds: false, mismatch: `no running broker coordinates group ${groupId} (yet)` };
  const actual: Record<string, string> = {
    state: view.state,
    generation: String(view.generation),
    members: sortedList(view.members.map((m) => m.clientId)),
    leader: view.leaderClientId ?? 'none',
    coordinator: String(view.coordinator),
    assignment: assignmentText(view),
  };
  for (const [key, raw] of Object.entries(c.options)) {
    const expected = key === 'members' ? sortedList(raw.split(',').filter((x) => x !== '')) : key === 'assignment' ? normalAssignment(raw) : raw;
    if (actual[key] !== expected) return { holds: false, mismatch: `expected group ${groupId} ${key}=${raw} but it is ${actual[key] === '' ? '(empty)' : actual[key]}` };
  }
  return { holds: true, said: `group ${groupId} ${Object.entries(c.options).map(([k, v]) => `${k}=${k === 'assignment' ? `"${v}"` : v}`).join(' ')}` };
}

export function checkCommitted(lab: KafkaLab, c: ScenarioCommand): Check {
  const groupId = c.args[0] ?? '';
  const view = lab.group(groupId);
  if (!view) return { holds: false, mismatch: `no running broker coordinates group ${groupId} (yet)` };
  for (const [tp, expected] of Object.entries(c.options)) {
    const actual = view.committed.get(tp);
    if (String(actual ?? 'none') !== expected) return { holds: false, mismatch: `expected group ${groupId} committed ${tp}=${expected} but it is ${actual ?? 'none'}` };
  }
  return { holds: true, said: `group ${groupId} committed ${Object.entries(c.options).map(([k, v]) => `${k}=${v}`).join(' ')}` };
}

/** What `kafka-consumer-groups.sh --describe --group g` prints (its column layout). */
export function describeGroupLines(lab: KafkaLab, groupId: string): string[] {
  const view = lab.group(groupId);
  if (!view) return [`Error: the coordinator of group ${groupId} is not available.`];
  if (view.state === 'Dead') return [`Consumer group '${groupId}' does not exist.`];
  const owner = new Map<string, GroupView['members'][number]>();
  for (const m of view.members) for (const tp of m.partitions) owner.set(tp, m);
  const tps = [...new Set([...owner.keys(), ...view.committed.keys()])].sort(compareTp);
  const rows = tps.map((tp) => {
    const { topic, partition } = parseTpName(tp);
    const m = owner.get(tp);
    const current = view.committed.get(tp);
    const end = logEndOffset(lab, tp);
    const lag = current !== undefined && end !== null ? String(Math.max(0, end - current)) : '-';
    return [groupId, topic, String(partition), current === undefined ? '-' : String(current), end === null ? '-' : String(end), lag, m?.memberId ?? '-', m ? '/127.0.0.1' : '-', m?.clientId ?? '-'];
  });
  const header = ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'];
  if (rows.length === 0) return [`Consumer group '${groupId}' has no active members.`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join(' ');
  return [line(header), ...rows.map(line)];
}

function logEndOffset(lab: KafkaLab, tp: string): number | null {
  const view = lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp);
  return view?.log ? view.log.highWatermark : null;
}

function assignmentText(view: GroupView): string {
  return [...view.members]
    .sort((a, b) => a.clientId.localeCompare(b.clientId))
    .map((m) => `${m.clientId}:${[...m.partitions].sort(compareTp).join(',')}`)
    .join(' ');
}

/** "c2:orders-2 c1:orders-1,orders-0" → members sorted, partitions sorted: order does not matter. */
function normalAssignment(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .filter((x) => x !== '')
    .map((entry) => {
      const [member, list = ''] = entry.split(':');
      return `${member}:${list.split(',').filter((x) => x !== '').sort(compareTp).join(',')}`;
    })
    .sort((a, b) => a.localeCompare(b))
    .join(' ');
}

function sortedList(items: readonly string[]): string {
  return [...items].sort((a, b) => a.localeCompare(b)).join(',');
}

function compareTp(a: string, b: string): number {
  const x = parseTpName(a);
  const y = parseTpName(b);
  return x.topic.localeCompare(y.topic) || x.partition - y.partition;
}
