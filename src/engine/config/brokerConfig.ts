/**
 * The broker's effective configuration (KafkaConfig), including the broker-wide log
 * defaults every partition falls back to, and how each topic config's default arises.
 */
import type { LogConfig } from '../log/LogConfig';
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
    controlledShutdownEnable: booleanOf(config, 'controlled.shutdown.enable'),
    zookeeperSessionTimeoutMs: numberOf(config, 'zookeeper.session.timeout.ms'),
    log,
    topicDefaults: topicDefaults(config, derived),
    values: printedValues(config),
  };
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
