/**
 * Topic-level configs ([SRC] storage/LogConfig.java, server-common/…/ServerLogConfigs.java).
 * Each one falls back to a broker-wide synonym (LogConfig.TopicConfigSynonyms); the defaults
 * here are the broker defaults a topic sees when neither level is set.
 */
import { byVersion, defineConfigs, LONG_MAX_VALUE, validators as v } from './types';

/** LegacyRecord.RECORD_OVERHEAD_V0: the smallest segment that can hold one record (3.x; 1 MB from 4.0). */
export const SEGMENT_BYTES_MIN = 14;
/** 1 MiB plus Records.LOG_OVERHEAD (offset + size = 12 bytes): the default since 2.5 (KAFKA-4203). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
/** Kafka 2.4's default: 1000000 + Records.LOG_OVERHEAD (KafkaConfig.MessageMaxBytes, 2.4.1). */
export const DEFAULT_MAX_MESSAGE_BYTES_24 = 1000000 + 12;
/** message.max.bytes / max.message.bytes per version profile. */
export const MAX_MESSAGE_BYTES_DEFAULTS = byVersion(DEFAULT_MAX_MESSAGE_BYTES_24, DEFAULT_MAX_MESSAGE_BYTES);

export const TOPIC_CONFIG_DEFS = defineConfigs('topic', [
  ['segment.bytes', 'int', 1073741824, 'medium',
    'Roll to a new segment file once the active one reaches this size.',
    { validator: v.atLeast(SEGMENT_BYTES_MIN), synonyms: ['log.segment.bytes'] }],
  ['segment.ms', 'long', 604800000, 'medium',
    'Roll to a new segment after this long even if it is not full, so retention and compaction can act on it.',
    { validator: v.atLeast(1), synonyms: ['log.roll.ms', 'log.roll.hours'] }],
  ['segment.jitter.ms', 'long', 0, 'medium',
    'Random amount subtracted from segment.ms so partitions do not all roll at once.',
    { validator: v.atLeast(0), synonyms: ['log.roll.jitter.ms', 'log.roll.jitter.hours'] }],
  ['segment.index.bytes', 'int', 10485760, 'medium',
    'Size of each segment\'s offset index; a full index also rolls the segment.',
    { validator: v.atLeast(4), synonyms: ['log.index.size.max.bytes'] }],
  ['index.interval.bytes', 'int', 4096, 'medium',
    'Add an offset-index entry after roughly this many bytes of appends.',
    { validator: v.atLeast(0), synonyms: ['log.index.interval.bytes'] }],
  ['retention.ms', 'long', 604800000, 'medium',
    'Delete segments whose newest record is older than this. -1 keeps data forever.',
    { validator: v.atLeast(-1), synonyms: ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'] }],
  ['retention.bytes', 'long', -1, 'medium',
    'Delete the oldest segments once a partition is larger than this. -1 means no size limit.',
    { synonyms: ['log.retention.bytes'] }],
  ['cleanup.policy', 'list', ['delete'], 'medium',
    'delete removes old segments; compact keeps the latest record per key; both is allowed.',
    { validator: v.listOf('compact', 'delete'), synonyms: ['log.cleanup.policy'] }],
  ['min.cleanable.dirty.ratio', 'double', 0.5, 'medium',
    'Compact once this share of the log is uncompacted ("dirty").',
    { validator: v.between(0, 1), synonyms: ['log.cleaner.min.cleanable.ratio'] }],
  ['delete.retention.ms', 'long', 86400000, 'medium',
    'How long tombstones (null values) survive compaction, so consumers can see the delete.',
    { validator: v.atLeast(0), synonyms: ['log.cleaner.delete.retention.ms'] }],
  ['min.compaction.lag.ms', 'long', 0, 'medium',
    'A record stays uncompacted for at least this long.',
    { validator: v.atLeast(0), synonyms: ['log.cleaner.min.compaction.lag.ms'] }],
  ['max.compaction.lag.ms', 'long', LONG_MAX_VALUE, 'medium',
    'A record becomes eligible for compaction after at most this long.',
    { validator: v.atLeast(1), synonyms: ['log.cleaner.max.compaction.lag.ms'] }],
  ['file.delete.delay.ms', 'long', 60000, 'medium',
    'Wait this long after removing a segment from the log before deleting its files.',
    { validator: v.atLeast(0), synonyms: ['log.segment.delete.delay.ms'] }],
  ['max.message.bytes', 'int', MAX_MESSAGE_BYTES_DEFAULTS, 'medium',
    'Largest record batch (after compression) the broker accepts for this topic.',
    { validator: v.atLeast(0), synonyms: ['message.max.bytes'] }],
  ['min.insync.replicas', 'int', 1, 'medium',
    'With acks=all, a write fails with NOT_ENOUGH_REPLICAS when fewer in-sync replicas remain.',
    { validator: v.atLeast(1), synonyms: ['min.insync.replicas'] }],
  ['unclean.leader.election.enable', 'boolean', false, 'medium',
    'Let an out-of-sync replica become leader when no in-sync one is left: available again, but acknowledged data can be lost.',
    { synonyms: ['unclean.leader.election.enable'] }],
  ['compression.type', 'string', 'producer', 'medium',
    'Codec the broker stores batches with; producer keeps whatever the producer used.',
    { validator: v.oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'), synonyms: ['compression.type'] }],
  ['message.timestamp.type', 'string', 'CreateTime', 'medium',
    'CreateTime keeps the producer\'s timestamp; LogAppendTime stamps the broker\'s clock at append.',
    { validator: v.oneOf('CreateTime', 'LogAppendTime'), synonyms: ['log.message.timestamp.type'] }],
  ['flush.messages', 'long', LONG_MAX_VALUE, 'medium',
    'Force an fsync after this many records. Kafka leaves flushing to the OS and relies on replication.',
    { validator: v.atLeast(1), synonyms: ['log.flush.interval.messages'] }],
  ['flush.ms', 'long', LONG_MAX_VALUE, 'medium',
    'Force an fsync after this long. Kafka leaves flushing to the OS and relies on replication.',
    { validator: v.atLeast(0), synonyms: ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'] }],
]);
