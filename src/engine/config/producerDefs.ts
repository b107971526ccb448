/**
 * Producer configs ([SRC] clients/…/producer/ProducerConfig.java, CommonClientConfigs.java).
 * Defaults that changed: acks 1 → all and enable.idempotence false → true in 3.0 (KIP-679);
 * the partitioner.* keys arrived with the uniform sticky partitioner in 3.3 (KIP-794);
 * retry.backoff.max.ms arrived in 3.7 (KIP-580).
 */
import { commonClientRows, notModelled } from './clientCommonDefs';
import { byVersion, defineConfigs, INT_MAX_VALUE, validators as v } from './types';

export const STRING_SERIALIZER = 'org.apache.kafka.common.serialization.StringSerializer';

/** The partitioners Kafka ships (partitioner.class). 3.9 deprecates the first two (KIP-794) but still honours them. */
export const PARTITIONER_CLASSES = {
  default: 'org.apache.kafka.clients.producer.internals.DefaultPartitioner',
  uniformSticky: 'org.apache.kafka.clients.producer.UniformStickyPartitioner',
  roundRobin: 'org.apache.kafka.clients.producer.RoundRobinPartitioner',
} as const;

/** A partitioner's class name from its full or simple name; null when Kafka ships no such class. */
export function partitionerClassName(name: string): string | null {
  const text = name.trim();
  return Object.values(PARTITIONER_CLASSES).find((full) => full === text || full.endsWith(`.${text}`)) ?? null;
}

export const PRODUCER_CONFIG_DEFS = defineConfigs('producer', [
  ['bootstrap.servers', 'list', [], 'high',
    'Brokers to contact first to learn the cluster layout. In the lab, empty means the whole simulated cluster.'],
  ['client.id', 'string', '', 'medium',
    'A name for this producer that brokers show in logs and quotas.'],
  ['acks', 'string', byVersion('1', 'all'), 'high',
    'How many replicas must have the write before the leader answers: 0 (none), 1 (the leader), all (every in-sync replica). -1 means all.',
    { validator: v.oneOf('all', '-1', '0', '1') }],
  ['enable.idempotence', 'boolean', byVersion(false, true), 'low',
    'Give each batch a producer id and sequence number so retries cannot write duplicates. Needs acks=all, retries > 0 and at most 5 requests in flight.'],
  ['batch.size', 'int', 16384, 'medium',
    'Upper size of one batch per partition, in bytes. 0 disables batching (each record goes alone).',
    { validator: v.atLeast(0) }],
  ['linger.ms', 'long', 0, 'medium',
    'How long to wait for more records before sending a batch that is not full yet.',
    { validator: v.atLeast(0) }],
  ['max.in.flight.requests.per.connection', 'int', 5, 'low',
    'How many unanswered produce requests one connection may have. Above 1 without idempotence, a retry can reorder records.',
    { validator: v.atLeast(1) }],
  ['retries', 'int', INT_MAX_VALUE, 'high',
    'How many times a failed batch is resent; delivery.timeout.ms usually stops it first.',
    { validator: v.between(0, INT_MAX_VALUE) }],
  ['retry.backoff.ms', 'long', 100, 'low',
    'Pause before retrying a failed request.',
    { validator: v.atLeast(0) }],
  ['retry.backoff.max.ms', 'long', 1000, 'low',
    'Cap for the exponentially growing pause between retries.',
    { validator: v.atLeast(0), since: '3.7' }],
  ['request.timeout.ms', 'int', 30000, 'medium',
    'How long to wait for a broker to answer one request before retrying it.',
    { validator: v.atLeast(0) }],
  ['delivery.timeout.ms', 'int', 120000, 'medium',
    'Total time a record may take from send() to success or failure, retries included. Must be at least linger.ms + request.timeout.ms.',
    { validator: v.atLeast(0) }],
  ['max.block.ms', 'long', 60000, 'medium',
    'How long send() may block waiting for metadata or buffer space.',
    { validator: v.atLeast(0) }],
  ['buffer.memory', 'long', 33554432, 'high',
    'Memory for records waiting to be sent; send() blocks when it is full.',
    { validator: v.atLeast(0) }],
  ['max.request.size', 'int', 1048576, 'medium',
    'Largest produce request (and so largest record) the producer will send, in bytes.',
    { validator: v.atLeast(0) }],
  ['compression.type', 'string', 'none', 'high',
    'Codec the producer compresses whole batches with.',
    { validator: v.oneOf('none', 'gzip', 'snappy', 'lz4', 'zstd') }],
  ['partitioner.ignore.keys', 'boolean', false, 'medium',
    'Spread keyed records like unkeyed ones instead of hashing the key.',
    { since: '3.3' }],
  ['partitioner.adaptive.partitioning.enable', 'boolean', true, 'low',
    'Send more unkeyed records to partitions whose brokers answer faster.',
    { since: '3.3' }],
  ['partitioner.availability.timeout.ms', 'long', 0, 'low',
    'Skip a partition for unkeyed records if its broker has had nothing ready this long. 0 turns this off.',
    { validator: v.atLeast(0), since: '3.3' }],
  ['metadata.max.age.ms', 'long', 300000, 'low',
    'Refresh cluster metadata at least this often, even without errors.',
    { validator: v.atLeast(0) }],
  ['key.serializer', 'class', STRING_SERIALIZER, 'high',
    'Turns keys into bytes. The lab supports strings only.',
    { validator: v.oneOf(STRING_SERIALIZER) }],
  ['value.serializer', 'class', STRING_SERIALIZER, 'high',
    'Turns values into bytes. The lab supports strings only.',
    { validator: v.oneOf(STRING_SERIALIZER) }],
  ['partitioner.class', 'class', byVersion(PARTITIONER_CLASSES.default, null), 'medium',
    'Which partitioner picks partitions. 2.4 defaults to DefaultPartitioner (hash the key, else sticky); 3.9 to none (the built-in uniform sticky one). RoundRobinPartitioner spreads every record in turn, keys ignored.'],
  notModelled('transaction.timeout.ms', 'int', 60000, 'Longest a transaction may stay open before the coordinator aborts it; the lab does not simulate transactions yet.'),
  notModelled('metadata.max.idle.ms', 'long', 300000, 'Forget the metadata of a topic not produced to for this long.', { since: '2.5', validator: v.atLeast(5000) }),
  notModelled('compression.gzip.level', 'int', -1, 'gzip level (-1 = the codec default); the lab always compresses at the default level.', { since: '3.8', validator: v.between(-1, 9) }),
  notModelled('compression.lz4.level', 'int', 9, 'lz4 level; the lab always compresses at the default level.', { since: '3.8', validator: v.between(1, 17) }),
  notModelled('compression.zstd.level', 'int', 3, 'zstd level; the lab always compresses at the default level.', { since: '3.8', validator: v.between(-131072, 22) }),
  ...commonClientRows(32768),
  ['transactional.id', 'string', null, 'low',
    'Id for transactions; implies idempotence. Accepted, but the lab does not simulate transactions yet.',
    { validator: v.nonEmpty }],
]);
