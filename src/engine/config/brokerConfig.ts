/**
 * The broker's effective configuration (KafkaConfig), including the broker-wide log
 * defaults every partition falls back to, and how each topic config's default arises.
 */
import type { LogConfig } from '../log/LogConfig';
import { COMPRESSION_TYPES, type CompressionType } from '../record/compression/CompressionType';
import { ConfigException } from './ConfigException';
import { formatForDescribe } from './parse';
import {
  booleanOf, listOf, nullableNumberOf, numberOf, printedValues, resolveConfigs, stringOf,
  type ResolvedConfig,
} from './resolve';
import { TOPIC_CONFIG_DEFS } from './topicDefs';
import type { ConfigInput, ConfigValue, KafkaVersion } from './types';

/** Where a topic's value comes from when the topic has no override of its own. */
export interface TopicDefault {
  value: string;
  source: 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
}

export interface BrokerConfig {
  version: KafkaVersion;
  brokerId: number;
  numPartitions: number;
  defaultReplicationFactor: number;
  autoCreateTopicsEnable: boolean;
  minInsyncReplicas: number;
  uncleanLeaderElectionEnable: boolean;
  messageMaxBytes: number;
  logRetentionCheckIntervalMs: number;
  /** The log cleaner (CleanerConfig): log.cleaner.enable, .backoff.ms, .threads, .dedupe.buffer.size, .io.buffer.load.factor. */
  logCleaner: { enable: boolean; backoffMs: number; threads: number; dedupeBufferSize: number; dedupeBufferLoadFactor: number };
  replicaLagTimeMaxMs: number;
  replicaFetchWaitMaxMs: number;
  replicaFetchMinBytes: number;
  replicaFetchMaxBytes: number;
  replicaFetchBackoffMs: number;
  autoLeaderRebalanceEnable: boolean;
  leaderImbalancePerBrokerPercentage: number;
  leaderImbalanceCheckIntervalSeconds: number;
  /** Lab-only: 'hw' brings back the pre-KIP-101 "truncate to the HW" on becoming a follower. */
  labTruncation: 'epoch' | 'hw';
  offsetsTopicNumPartitions: number;
  offsetsTopicReplicationFactor: number;
  groupInitialRebalanceDelayMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupMaxSize: number;
  /** 3.9 (since 3.8): always ['classic'] in ZooKeeper mode; [] in 2.4, which has no such setting. */
  groupCoordinatorRebalanceProtocols: string[];
  offsetsTopicSegmentBytes: number;
  /** offsets.topic.compression.codec as the codec the coordinator writes __consumer_offsets batches with. */
  offsetsTopicCompressionType: CompressionType;
  offsetsLoadBufferSize: number;
  offsetMetadataMaxBytes: number;
  offsetCommitTimeoutMs: number;
  offsetCommitRequiredAcks: number;
  /** offsets.retention.minutes in ms. */
  offsetsRetentionMs: number;
  offsetsRetentionCheckIntervalMs: number;
  controlledShutdownEnable: boolean;
  zookeeperSessionTimeoutMs: number;
  /** Broker-level log defaults. */
  log: LogConfig;
  /** Every topic config's value for a topic without overrides, in DescribeConfigs form. */
  topicDefaults: Record<string, TopicDefault>;
  /** Every key's effective value as Kafka would print it. */
  values: Record<string, string>;
}

const MS_PER_MINUTE = 60 * 1000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

export function brokerConfig(version: KafkaVersion, input: ConfigInput = {}): BrokerConfig {
  const config = resolveConfigs('broker', version, input);
  const derived = derivedTimes(config);
  const replicaFetchWaitMaxMs = numberOf(config, 'replica.fetch.wait.max.ms');
  const replicaLagTimeMaxMs = numberOf(config, 'replica.lag.time.max.ms');
  if (replicaFetchWaitMaxMs > replicaLagTimeMaxMs) {
    throw ConfigException.invalidValue('replica.fetch.wait.max.ms', replicaFetchWaitMaxMs,
      'replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR');
  }
  // KafkaConfig.validateValues: 0 would delete every segment as soon as it rolls.
  if (derived.retentionMs !== -1 && derived.retentionMs < 1) {
    throw ConfigException.invalidValue('log.retention.ms', derived.retentionMs,
      'log.retention.ms must be unlimited (-1) or, equal or greater than 1');
  }
  const log: LogConfig = {
    segmentBytes: numberOf(config, 'log.segment.bytes'),
    segmentMs: derived.segmentMs,
    segmentJitterMs: derived.segmentJitterMs,
    segmentIndexBytes: numberOf(config, 'log.index.size.max.bytes'),
    indexIntervalBytes: numberOf(config, 'log.index.interval.bytes'),
    retentionMs: derived.retentionMs,
    retentionBytes: numberOf(config, 'log.retention.bytes'),
    cleanupPolicy: listOf(config, 'log.cleanup.policy').join(','),
    maxMessageBytes: numberOf(config, 'message.max.bytes'),
    messageTimestampType: stringOf(config, 'log.message.timestamp.type') as LogConfig['messageTimestampType'],
    fileDeleteDelayMs: numberOf(config, 'log.segment.delete.delay.ms'),
    minCleanableDirtyRatio: numberOf(config, 'log.cleaner.min.cleanable.ratio'),
    minCompactionLagMs: numberOf(config, 'log.cleaner.min.compaction.lag.ms'),
    maxCompactionLagMs: numberOf(config, 'log.cleaner.max.compaction.lag.ms'),
    deleteRetentionMs: numberOf(config, 'log.cleaner.delete.retention.ms'),
  };
  return {
    version,
    brokerId: numberOf(config, 'broker.id'),
    numPartitions: numberOf(config, 'num.partitions'),
    defaultReplicationFactor: numberOf(config, 'default.replication.factor'),
    autoCreateTopicsEnable: booleanOf(config, 'auto.create.topics.enable'),
    minInsyncReplicas: numberOf(config, 'min.insync.replicas'),
    uncleanLeaderElectionEnable: booleanOf(config, 'unclean.leader.election.enable'),
    messageMaxBytes: log.maxMessageBytes,
    logRetentionCheckIntervalMs: numberOf(config, 'log.retention.check.interval.ms'),
    logCleaner: {
      enable: booleanOf(config, 'log.cleaner.enable'),
      backoffMs: numberOf(config, 'log.cleaner.backoff.ms'),
      threads: numberOf(config, 'log.cleaner.threads'),
      dedupeBufferSize: numberOf(config, 'log.cleaner.dedupe.buffer.size'),
      dedupeBufferLoadFactor: numberOf(config, 'log.cleaner.io.buffer.load.factor'),
    },
    replicaLagTimeMaxMs,
    replicaFetchWaitMaxMs,
    replicaFetchMinBytes: numberOf(config, 'replica.fetch.min.bytes'),
    replicaFetchMaxBytes: numberOf(config, 'replica.fetch.max.bytes'),
    replicaFetchBackoffMs: numberOf(config, 'replica.fetch.backoff.ms'),
    autoLeaderRebalanceEnable: booleanOf(config, 'auto.leader.rebalance.enable'),
    leaderImbalancePerBrokerPercentage: numberOf(config, 'leader.imbalance.per.broker.percentage'),
    leaderImbalanceCheckIntervalSeconds: numberOf(config, 'leader.imbalance.check.interval.seconds'),
    labTruncation: stringOf(config, 'lab.truncation') as 'epoch' | 'hw',
    offsetsTopicNumPartitions: numberOf(config, 'offsets.topic.num.partitions'),
    offsetsTopicReplicationFactor: numberOf(config, 'offsets.topic.replication.factor'),
    groupInitialRebalanceDelayMs: numberOf(config, 'group.initial.rebalance.delay.ms'),
    groupMinSessionTimeoutMs: numberOf(config, 'group.min.session.timeout.ms'),
    groupMaxSessionTimeoutMs: numberOf(config, 'group.max.session.timeout.ms'),
    ...groupCoordinatorConfig(config),
    controlledShutdownEnable: booleanOf(config, 'controlled.shutdown.enable'),
    zookeeperSessionTimeoutMs: numberOf(config, 'zookeeper.session.timeout.ms'),
    log,
    topicDefaults: topicDefaults(config, derived),
    values: printedValues(config),
  };
}

type GroupCoordinatorSettings = Pick<BrokerConfig,
  | 'groupMaxSize' | 'groupCoordinatorRebalanceProtocols' | 'offsetsTopicSegmentBytes' | 'offsetsTopicCompressionType'
  | 'offsetsLoadBufferSize' | 'offsetMetadataMaxBytes' | 'offsetCommitTimeoutMs' | 'offsetCommitRequiredAcks'
  | 'offsetsRetentionMs' | 'offsetsRetentionCheckIntervalMs'>;

/** The group and offset settings, with the checks KafkaConfig makes on them (validateValues and friends). */
function groupCoordinatorConfig(config: ResolvedConfig): GroupCoordinatorSettings {
  const acks = numberOf(config, 'offsets.commit.required.acks');
  const replicationFactor = numberOf(config, 'offsets.topic.replication.factor');
  if (acks < -1 || acks > replicationFactor) {
    throw ConfigException.invalidValue('offsets.commit.required.acks', acks,
      'offsets.commit.required.acks must be greater or equal -1 and less or equal to offsets.topic.replication.factor');
  }
  // CompressionCodec.getCompressionCodec: ids 0-4 only (zstd, 4, needs IBP 2.1+, which both profiles have).
  const codec = numberOf(config, 'offsets.topic.compression.codec');
  const compression = COMPRESSION_TYPES[codec];
  if (compression === undefined) {
    throw ConfigException.invalidValue('offsets.topic.compression.codec', codec, `${codec} is an unknown compression codec`);
  }
  return {
    groupMaxSize: numberOf(config, 'group.max.size'),
    groupCoordinatorRebalanceProtocols: rebalanceProtocols(config),
    offsetsTopicSegmentBytes: numberOf(config, 'offsets.topic.segment.bytes'),
    offsetsTopicCompressionType: compression,
    offsetsLoadBufferSize: numberOf(config, 'offsets.load.buffer.size'),
    offsetMetadataMaxBytes: numberOf(config, 'offsets.metadata.max.bytes'),
    offsetCommitTimeoutMs: numberOf(config, 'offsets.commit.timeout.ms'),
    offsetCommitRequiredAcks: acks,
    offsetsRetentionMs: numberOf(config, 'offsets.retention.minutes') * MS_PER_MINUTE,
    offsetsRetentionCheckIntervalMs: numberOf(config, 'offsets.retention.check.interval.ms'),
  };
}

/** KafkaConfig.groupCoordinatorRebalanceProtocols (3.9): classic cannot be disabled; consumer needs KRaft. */
function rebalanceProtocols(config: ResolvedConfig): string[] {
  if (!config.defs.has('group.coordinator.rebalance.protocols')) return [];
  const protocols = [...new Set(listOf(config, 'group.coordinator.rebalance.protocols').map((name) => name.toLowerCase()))];
  if (!protocols.includes('classic')) {
    throw new ConfigException('group.coordinator.rebalance.protocols', "Disabling the 'classic' protocol is not supported.");
  }
  if (protocols.includes('consumer')) {
    throw new ConfigException('group.coordinator.rebalance.protocols',
      "The new 'consumer' rebalance protocol is only supported in KRaft cluster.");
  }
  return protocols;
}

interface DerivedTimes {
  segmentMs: number;
  segmentJitterMs: number;
  retentionMs: number;
  flushMs: number;
}

/** KafkaConfig's ms-over-minutes-over-hours precedence (logRetentionTimeMillis, logRollTimeMillis, …). */
function derivedTimes(config: ResolvedConfig): DerivedTimes {
  const retentionMinutes = nullableNumberOf(config, 'log.retention.minutes');
  const retentionMs = nullableNumberOf(config, 'log.retention.ms')
    ?? (retentionMinutes !== null ? retentionMinutes * MS_PER_MINUTE : numberOf(config, 'log.retention.hours') * MS_PER_HOUR);
  return {
    segmentMs: nullableNumberOf(config, 'log.roll.ms') ?? numberOf(config, 'log.roll.hours') * MS_PER_HOUR,
    segmentJitterMs: nullableNumberOf(config, 'log.roll.jitter.ms') ?? numberOf(config, 'log.roll.jitter.hours') * MS_PER_HOUR,
    // Any negative retention means "unlimited", which Kafka normalises to -1.
    retentionMs: retentionMs < 0 ? -1 : retentionMs,
    flushMs: nullableNumberOf(config, 'log.flush.interval.ms') ?? numberOf(config, 'log.flush.scheduler.interval.ms'),
  };
}

const DERIVED_TOPIC_KEYS: Readonly<Record<string, keyof DerivedTimes>> = {
  'segment.ms': 'segmentMs',
  'segment.jitter.ms': 'segmentJitterMs',
  'retention.ms': 'retentionMs',
  'flush.ms': 'flushMs',
};

function topicDefaults(config: ResolvedConfig, derived: DerivedTimes): Record<string, TopicDefault> {
  const defaults: Record<string, TopicDefault> = {};
  for (const topicDef of TOPIC_CONFIG_DEFS) {
    const derivedKey = DERIVED_TOPIC_KEYS[topicDef.name];
    const synonym = topicDef.brokerSynonym ?? topicDef.name;
    const value: ConfigValue = derivedKey !== undefined ? derived[derivedKey] : config.values.get(synonym) ?? null;
    const fromBroker = topicDef.brokerSynonyms.some((name) => config.explicit.has(name));
    defaults[topicDef.name] = {
      value: formatForDescribe(topicDef, value),
      source: fromBroker ? 'STATIC_BROKER_CONFIG' : 'DEFAULT_CONFIG',
    };
  }
  return defaults;
}
