/**
 * Consumer configs ([SRC] clients/…/consumer/ConsumerConfig.java, CommonClientConfigs.java).
 * Defaults that changed in 3.0: session.timeout.ms 10 s → 45 s (KIP-735) and
 * partition.assignment.strategy [Range] → [Range, CooperativeSticky].
 */
import { commonClientRows, notModelled } from './clientCommonDefs';
import { byVersion, defineConfigs, validators as v } from './types';

export const STRING_DESERIALIZER = 'org.apache.kafka.common.serialization.StringDeserializer';

const CONSUMER_PACKAGE = 'org.apache.kafka.clients.consumer.';

/** The built-in assignors: protocol name (what JoinGroup carries) → class name. */
export const ASSIGNOR_CLASSES = {
  range: `${CONSUMER_PACKAGE}RangeAssignor`,
  roundrobin: `${CONSUMER_PACKAGE}RoundRobinAssignor`,
  sticky: `${CONSUMER_PACKAGE}StickyAssignor`,
  'cooperative-sticky': `${CONSUMER_PACKAGE}CooperativeStickyAssignor`,
} as const;

export type AssignorProtocolName = keyof typeof ASSIGNOR_CLASSES;

/** Accepts a class name, a simple class name or a protocol name; returns the class name or null. */
export function assignorClassName(name: string): string | null {
  for (const [protocol, className] of Object.entries(ASSIGNOR_CLASSES)) {
    if (name === protocol || name === className || name === className.slice(CONSUMER_PACKAGE.length)) return className;
  }
  return null;
}

export function assignorProtocolName(className: string): AssignorProtocolName | null {
  for (const [protocol, known] of Object.entries(ASSIGNOR_CLASSES)) {
    if (known === className) return protocol as AssignorProtocolName;
  }
  return null;
}

export const CONSUMER_CONFIG_DEFS = defineConfigs('consumer', [
  ['bootstrap.servers', 'list', [], 'high',
    'Brokers to contact first to learn the cluster layout. In the lab, empty means the whole simulated cluster.'],
  ['client.id', 'string', '', 'low',
    'A name for this consumer that brokers show in logs and quotas.'],
  ['group.id', 'string', null, 'high',
    'The consumer group to join. Without it the consumer can only assign partitions by hand and cannot commit offsets.'],
  ['group.instance.id', 'string', null, 'medium',
    'A stable member name (static membership): restarting within session.timeout.ms does not trigger a rebalance. ASCII letters, digits, ".", "_" and "-" only.'],
  ['auto.offset.reset', 'string', 'latest', 'medium',
    'Where to start when the group has no committed offset: earliest, latest, or none (fail).',
    { validator: v.oneOf('latest', 'earliest', 'none') }],
  ['enable.auto.commit', 'boolean', true, 'medium',
    'Commit the positions returned by poll() in the background every auto.commit.interval.ms.'],
  ['auto.commit.interval.ms', 'int', 5000, 'low',
    'How often auto-commit runs.',
    { validator: v.atLeast(0) }],
  ['max.poll.records', 'int', 500, 'medium',
    'Most records one poll() returns.',
    { validator: v.atLeast(1) }],
  ['max.poll.interval.ms', 'int', 300000, 'medium',
    'Longest gap allowed between poll() calls before the consumer leaves the group; also the rebalance timeout.',
    { validator: v.atLeast(1) }],
  ['session.timeout.ms', 'int', byVersion(10000, 45000), 'high',
    'If the coordinator hears no heartbeat for this long, it removes the member and rebalances.'],
  ['heartbeat.interval.ms', 'int', 3000, 'high',
    'How often the consumer heartbeats to the coordinator; keep it under a third of session.timeout.ms.'],
  ['fetch.min.bytes', 'int', 1, 'high',
    'The broker waits until it has at least this many bytes (or fetch.max.wait.ms passes) before answering a fetch.',
    { validator: v.atLeast(0) }],
  ['fetch.max.wait.ms', 'int', 500, 'low',
    'Longest the broker holds a fetch waiting for fetch.min.bytes.',
    { validator: v.atLeast(0) }],
  ['max.partition.fetch.bytes', 'int', 1048576, 'high',
    'Most bytes returned per partition in one fetch (a larger first batch is still returned whole).',
    { validator: v.atLeast(0) }],
  ['fetch.max.bytes', 'int', 52428800, 'medium',
    'Most bytes returned by one fetch across all partitions.',
    { validator: v.atLeast(0) }],
  ['isolation.level', 'string', 'read_uncommitted', 'medium',
    'read_committed hides records of open or aborted transactions.',
    { validator: v.oneOf('read_committed', 'read_uncommitted') }],
  ['request.timeout.ms', 'int', 30000, 'medium',
    'How long to wait for a broker to answer one request.',
    { validator: v.atLeast(0) }],
  ['default.api.timeout.ms', 'int', 60000, 'medium',
    'Timeout for blocking consumer calls (commitSync, position, …) that take no explicit timeout.',
    { validator: v.atLeast(0) }],
  ['partition.assignment.strategy', 'list', byVersion([ASSIGNOR_CLASSES.range], [ASSIGNOR_CLASSES.range, ASSIGNOR_CLASSES['cooperative-sticky']]), 'medium',
    'Assignors this member supports, preferred first; the group uses the first one every member supports. An empty list allows only assign(): subscribe() fails.',
    { validator: v.listOf(...Object.values(ASSIGNOR_CLASSES)) }],
  ['retry.backoff.ms', 'long', 100, 'low',
    'Pause before retrying a failed request.',
    { validator: v.atLeast(0) }],
  ['metadata.max.age.ms', 'long', 300000, 'low',
    'Refresh cluster metadata at least this often, even without errors.',
    { validator: v.atLeast(0) }],
  notModelled('client.rack', 'string', '', 'The rack this consumer runs in, for fetching from the closest replica (KIP-392); the lab fetches from leaders.'),
  notModelled('check.crcs', 'boolean', true, 'Check the CRC of fetched batches.'),
  notModelled('exclude.internal.topics', 'boolean', true, 'Keep internal topics out of pattern subscriptions; the lab has no pattern subscriptions.'),
  notModelled('allow.auto.create.topics', 'boolean', true, 'Let a subscription to a missing topic create it (if the broker allows); the lab\'s consumers assign partitions by hand.'),
  notModelled('retry.backoff.max.ms', 'long', 1000, 'Cap for the growing pause between retries; the lab\'s consumer retries after retry.backoff.ms.', { since: '3.7', validator: v.atLeast(0) }),
  notModelled('group.protocol', 'string', 'classic', 'Rebalance protocol: classic, or consumer (KIP-848, KRaft clusters only); the lab runs ZooKeeper mode.', { since: '3.7', validator: v.oneOf('classic', 'consumer') }),
  notModelled('group.remote.assignor', 'string', null, 'Server-side assignor for group.protocol=consumer.', { since: '3.7' }),
  ...commonClientRows(65536),
  ['key.deserializer', 'class', STRING_DESERIALIZER, 'high',
    'Turns key bytes back into keys. The lab supports strings only.',
    { validator: v.oneOf(STRING_DESERIALIZER) }],
  ['value.deserializer', 'class', STRING_DESERIALIZER, 'high',
    'Turns value bytes back into values. The lab supports strings only.',
    { validator: v.oneOf(STRING_DESERIALIZER) }],
]);
