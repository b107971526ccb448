/**
 * The commands behind the group controls, as plain data (so they are tested without a
 * browser, and a reload replays them like any other command).
 */
import { consumerConfig } from '../../engine/config/consumerConfig';
import type { KafkaVersion } from '../../engine/config';
import type { LabCommand } from '../../engine/lab/commands';
import type { ConsumerView } from '../../engine/snapshot';

/** Settings a new member copies from a running member of its group, when they differ from the defaults. */
export const MEMBER_TEMPLATE_KEYS = [
  'auto.offset.reset',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'max.poll.interval.ms',
  'max.poll.records',
  'enable.auto.commit',
  'auto.commit.interval.ms',
  'partition.assignment.strategy',
] as const;

/** "consumer-N" with N one past the highest number in use. */
export function nextConsumerId(consumers: readonly { id: string }[]): string {
  let most = 0;
  for (const c of consumers) {
    const m = /^consumer-(\d+)$/.exec(c.id);
    if (m) most = Math.max(most, Number(m[1]));
  }
  return `consumer-${most + 1}`;
}

/** The running members of `groupId` as this lab's consumers see themselves. */
export function liveMembers(consumers: readonly ConsumerView[], groupId: string): ConsumerView[] {
  return consumers.filter((c) => c.group?.groupId === groupId && !c.ended);
}

/**
 * A new member's config: the group id, reading from the earliest offset, and whatever the
 * group's running members changed from the defaults (session timeout, assignor, …).
 */
export function memberConfig(version: KafkaVersion, groupId: string, template: ConsumerView | undefined): Record<string, string> {
  const config: Record<string, string> = { 'group.id': groupId, 'auto.offset.reset': 'earliest' };
  if (!template) return config;
  const defaults = consumerConfig(version, { 'group.id': groupId }).values;
  for (const key of MEMBER_TEMPLATE_KEYS) {
    const value = template.config[key];
    if (value !== undefined && value !== defaults[key]) config[key] = value;
  }
  return config;
}

/** One click: a new consumer in the group, subscribed to the group's topics, polling. */
export function addMemberCommands(
  version: KafkaVersion,
  consumers: readonly ConsumerView[],
  groupId: string,
  fallbackTopics: readonly string[],
): LabCommand[] {
  const template = liveMembers(consumers, groupId).find((c) => (c.group?.subscription.length ?? 0) > 0);
  const topics = template ? [...template.group!.subscription] : [...fallbackTopics];
  const id = nextConsumerId(consumers);
  const commands: LabCommand[] = [{ type: 'consumer', id, config: memberConfig(version, groupId, template) }];
  if (topics.length > 0) commands.push({ type: 'subscribe', consumer: id, topics }, { type: 'start-polling', consumer: id });
  return commands;
}

/** "200" → 200: processing time per record is a whole number of ms, 0 or more. */
export function parsePerRecordMs(text: string): number | string {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 0) return 'Processing time per record is a whole number of ms, 0 or more.';
  return n;
}
