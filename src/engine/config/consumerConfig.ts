/**
 * The consumer's effective configuration, with the checks KafkaConsumer and its
 * coordinator make beyond plain parsing.
 */
import { ConfigException } from './ConfigException';
import { validateGroupInstanceId } from './groupInstanceId';
import {
  booleanOf, listOf, nullableStringOf, numberOf, printedValues, resolveConfigs, stringOf, unmodelledKeys,
} from './resolve';
import type { ConfigInput, KafkaVersion } from './types';

/**
 * KafkaConsumer.throwIfNoAssignorsConfigured: subscribe() with an empty partition.assignment.strategy throws
 * IllegalStateException with this message (the config itself accepts the empty list).
 */
export const NO_ASSIGNORS_CONFIGURED =
  'Must configure at least one partition assigner class name to partition.assignment.strategy configuration property';

export type AutoOffsetReset = 'earliest' | 'latest' | 'none';
export type IsolationLevel = 'read_uncommitted' | 'read_committed';

export interface ConsumerConfig {
  version: KafkaVersion;
  clientId: string;
  groupId: string | null;
  groupInstanceId: string | null;
  autoOffsetReset: AutoOffsetReset;
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  maxPollRecords: number;
  maxPollIntervalMs: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  maxPartitionFetchBytes: number;
  fetchMaxBytes: number;
  isolationLevel: IsolationLevel;
  requestTimeoutMs: number;
  defaultApiTimeoutMs: number;
  /** Fully qualified assignor class names, preferred first (see assignorProtocolName). */
  partitionAssignmentStrategy: string[];
  retryBackoffMs: number;
  metadataMaxAgeMs: number;
  /** Every key's effective value as Kafka would print it. */
  /** Keys the user set that Kafka defines but the lab does not model (accepted, no effect). */
  unmodelledKeys: readonly string[];
  values: Record<string, string>;
}

export function consumerConfig(version: KafkaVersion, input: ConfigInput = {}): ConsumerConfig {
  const config = resolveConfigs('consumer', version, input);
  const groupId = nullableStringOf(config, 'group.id');
  const enableAutoCommit = configureAutoCommit(groupId, booleanOf(config, 'enable.auto.commit'), config.explicit.has('enable.auto.commit'));
  const sessionTimeoutMs = numberOf(config, 'session.timeout.ms');
  const heartbeatIntervalMs = numberOf(config, 'heartbeat.interval.ms');
  // Only a consumer in a group heartbeats, so Kafka checks this when it builds the coordinator (Heartbeat's constructor).
  if (groupId !== null && heartbeatIntervalMs >= sessionTimeoutMs) {
    throw ConfigException.invalidValue('heartbeat.interval.ms', heartbeatIntervalMs,
      `Heartbeat must be set lower than the session timeout (session.timeout.ms = ${sessionTimeoutMs})`);
  }
  // An empty list is a valid config: only subscribe() needs an assignor (NO_ASSIGNORS_CONFIGURED).
  const strategy = [...listOf(config, 'partition.assignment.strategy')];
  const groupInstanceId = nullableStringOf(config, 'group.instance.id');
  if (groupInstanceId !== null) validateGroupInstanceId(groupInstanceId, version);

  const values = printedValues(config);
  values['enable.auto.commit'] = String(enableAutoCommit);
  if (!config.explicit.has('partition.assignment.strategy')) {
    // The default is a list of Class objects, which Java prints with a "class " prefix.
    values['partition.assignment.strategy'] = `[${strategy.map((name) => `class ${name}`).join(', ')}]`;
  }

  return {
    version,
    clientId: stringOf(config, 'client.id'),
    groupId,
    groupInstanceId,
    autoOffsetReset: stringOf(config, 'auto.offset.reset') as AutoOffsetReset,
    enableAutoCommit,
    autoCommitIntervalMs: numberOf(config, 'auto.commit.interval.ms'),
    maxPollRecords: numberOf(config, 'max.poll.records'),
    maxPollIntervalMs: numberOf(config, 'max.poll.interval.ms'),
    sessionTimeoutMs,
    heartbeatIntervalMs,
    fetchMinBytes: numberOf(config, 'fetch.min.bytes'),
    fetchMaxWaitMs: numberOf(config, 'fetch.max.wait.ms'),
    maxPartitionFetchBytes: numberOf(config, 'max.partition.fetch.bytes'),
    fetchMaxBytes: numberOf(config, 'fetch.max.bytes'),
    isolationLevel: stringOf(config, 'isolation.level') as IsolationLevel,
    requestTimeoutMs: numberOf(config, 'request.timeout.ms'),
    defaultApiTimeoutMs: numberOf(config, 'default.api.timeout.ms'),
    partitionAssignmentStrategy: strategy,
    retryBackoffMs: numberOf(config, 'retry.backoff.ms'),
    metadataMaxAgeMs: numberOf(config, 'metadata.max.age.ms'),
    values,
    unmodelledKeys: unmodelledKeys(config),
  };
}

/**
 * KafkaConsumer.maybeOverrideEnableAutoCommit: without a group there is nowhere to commit,
 * so auto-commit is switched off, and asking for it explicitly is an error.
 */
function configureAutoCommit(groupId: string | null, enableAutoCommit: boolean, userSet: boolean): boolean {
  if (groupId !== null) return enableAutoCommit;
  if (userSet && enableAutoCommit) {
    throw new ConfigException('enable.auto.commit',
      'enable.auto.commit cannot be set to true when default group id (null) is used.');
  }
  return false;
}
