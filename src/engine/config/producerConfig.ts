/**
 * The producer's effective configuration, with the post-processing Kafka does on top of
 * plain parsing: idempotence vs acks/retries/in-flight (ProducerConfig in 3.x,
 * KafkaProducer.configureAcks & co. in 2.4) and KafkaProducer.configureDeliveryTimeout.
 */
import { ConfigException } from './ConfigException';
import {
  booleanOf, nullableStringOf, numberOf, printedValues, resolveConfigs, stringOf, unmodelledKeys,
  type ResolvedConfig,
} from './resolve';
import { PARTITIONER_CLASSES, partitionerClassName } from './producerDefs';
import { INT_MAX_VALUE, type ConfigInput, type KafkaVersion } from './types';

export type Acks = 0 | 1 | -1;
export type ProducerCompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface ProducerConfig {
  version: KafkaVersion;
  clientId: string;
  acks: Acks;
  enableIdempotence: boolean;
  batchSize: number;
  lingerMs: number;
  maxInFlightRequestsPerConnection: number;
  retries: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  requestTimeoutMs: number;
  deliveryTimeoutMs: number;
  maxBlockMs: number;
  bufferMemory: number;
  maxRequestSize: number;
  compressionType: ProducerCompressionType;
  partitionerIgnoreKeys: boolean;
  partitionerAdaptivePartitioningEnable: boolean;
  partitionerAvailabilityTimeoutMs: number;
  metadataMaxAgeMs: number;
  /**
   * How records without an explicit partition pick one: KIP-480's sticky partitioner
   * (DefaultPartitioner, UniformStickyPartitioner), KIP-794's built-in one (3.3+, no
   * partitioner.class), or RoundRobinPartitioner (every record, keys ignored).
   */
  keylessPartitioner: 'sticky' | 'uniform-sticky' | 'round-robin';
  /** partitioner.class as a full class name; null = the built-in partitioner (3.3+). */
  partitionerClass: string | null;
  /** Keys the user set that Kafka defines but the lab does not model (accepted, no effect). */
  unmodelledKeys: readonly string[];
  /** Every key's effective value as Kafka would print it. */
  values: Record<string, string>;
}

/** ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE. */
export const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

const ACKS_CONFLICT = 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.';
const RETRIES_CONFLICT = 'Must set retries to non-zero when using the idempotent producer.';
const IN_FLIGHT_CONFLICT =
  `Must set max.in.flight.requests.per.connection to at most ${MAX_IN_FLIGHT_FOR_IDEMPOTENCE} to use the idempotent producer.`;
const TXN_WITHOUT_IDEMPOTENCE = 'Cannot set a transactional.id without also enabling idempotence.';

export function producerConfig(version: KafkaVersion, input: ConfigInput = {}): ProducerConfig {
  const config = resolveConfigs('producer', version, input);
  const { enableIdempotence, acks } = version === '2.4' ? idempotence24(config) : idempotence39(config);
  const lingerMs = numberOf(config, 'linger.ms');
  const requestTimeoutMs = numberOf(config, 'request.timeout.ms');
  const deliveryTimeoutMs = configureDeliveryTimeout(config, lingerMs, requestTimeoutMs);
  const partitionerClass = partitionerOf(config);
  // KIP-794's knobs only steer the built-in partitioner: "no effect if a custom partitioner is used".
  const hasPartitionerKeys = config.defs.has('partitioner.ignore.keys') && partitionerClass === null;
  const retryBackoffMs = numberOf(config, 'retry.backoff.ms');

  const values = printedValues(config);
  values['acks'] = version === '2.4' && config.explicit.has('acks') && acks === -1 ? stringOf(config, 'acks') : String(acks);
  values['enable.idempotence'] = String(enableIdempotence);
  values['delivery.timeout.ms'] = String(deliveryTimeoutMs);
  values['partitioner.class'] = partitionerClass ?? 'null';

  return {
    version,
    clientId: stringOf(config, 'client.id'),
    acks,
    enableIdempotence,
    // KafkaProducer uses max(1, batch.size): a batch always holds at least one record.
    batchSize: Math.max(1, numberOf(config, 'batch.size')),
    lingerMs,
    maxInFlightRequestsPerConnection: numberOf(config, 'max.in.flight.requests.per.connection'),
    retries: numberOf(config, 'retries'),
    retryBackoffMs,
    // Before KIP-580 (3.7) the backoff was constant: its cap is the backoff itself.
    retryBackoffMaxMs: config.defs.has('retry.backoff.max.ms') ? numberOf(config, 'retry.backoff.max.ms') : retryBackoffMs,
    requestTimeoutMs,
    deliveryTimeoutMs,
    maxBlockMs: numberOf(config, 'max.block.ms'),
    bufferMemory: numberOf(config, 'buffer.memory'),
    maxRequestSize: numberOf(config, 'max.request.size'),
    compressionType: stringOf(config, 'compression.type') as ProducerCompressionType,
    // 2.4's sticky partitioner has none of KIP-794's knobs: keys always hash, no adaptivity.
    partitionerIgnoreKeys: partitionerClass === PARTITIONER_CLASSES.uniformSticky || (hasPartitionerKeys && booleanOf(config, 'partitioner.ignore.keys')),
    partitionerAdaptivePartitioningEnable: hasPartitionerKeys && booleanOf(config, 'partitioner.adaptive.partitioning.enable'),
    partitionerAvailabilityTimeoutMs: hasPartitionerKeys ? numberOf(config, 'partitioner.availability.timeout.ms') : 0,
    metadataMaxAgeMs: numberOf(config, 'metadata.max.age.ms'),
    keylessPartitioner: partitionerClass === null ? 'uniform-sticky' : partitionerClass === PARTITIONER_CLASSES.roundRobin ? 'round-robin' : 'sticky',
    partitionerClass,
    values,
    unmodelledKeys: unmodelledKeys(config),
  };
}

/** partitioner.class: Kafka loads the class, so a name it does not ship fails as "could not be found". */
function partitionerOf(config: ResolvedConfig): string | null {
  const raw = nullableStringOf(config, 'partitioner.class');
  if (raw === null || raw === '') return null;
  const className = partitionerClassName(raw);
  if (className === null) {
    throw ConfigException.invalidValue('partitioner.class', raw,
      `Class ${raw} could not be found. The lab has Kafka's ${Object.values(PARTITIONER_CLASSES).map((c) => c.slice(c.lastIndexOf('.') + 1)).join(', ')}.`);
  }
  return className;
}

export function parseAcks(text: string): Acks {
  return text === 'all' ? -1 : (Number(text) as Acks);
}

interface Idempotence {
  enableIdempotence: boolean;
  acks: Acks;
}

/**
 * 3.x (ProducerConfig.postProcessAndValidateIdempotenceConfigs): idempotence is on by
 * default; a conflicting setting silently turns it off unless the user asked for it.
 */
function idempotence39(config: ResolvedConfig): Idempotence {
  const userSetIdempotence = config.explicit.has('enable.idempotence');
  const acks = parseAcks(stringOf(config, 'acks'));
  let enabled = booleanOf(config, 'enable.idempotence');
  if (enabled) {
    const conflict = firstConflict([
      ['retries', numberOf(config, 'retries') === 0, RETRIES_CONFLICT],
      ['acks', acks !== -1, ACKS_CONFLICT],
      ['max.in.flight.requests.per.connection',
        numberOf(config, 'max.in.flight.requests.per.connection') > MAX_IN_FLIGHT_FOR_IDEMPOTENCE, IN_FLIGHT_CONFLICT],
    ]);
    if (conflict !== null) {
      if (userSetIdempotence) throw conflict;
      enabled = false;
    }
  }
  if (!enabled && config.explicit.has('transactional.id')) throw new ConfigException('transactional.id', TXN_WITHOUT_IDEMPOTENCE);
  return { enableIdempotence: enabled, acks };
}

/**
 * 2.4 (KafkaProducer.configureRetries/configureInflightRequests/configureAcks): idempotence
 * is off unless requested (or implied by transactional.id); once on, an unset acks becomes
 * all and any explicit conflict is an error.
 */
function idempotence24(config: ResolvedConfig): Idempotence {
  const userSetIdempotence = config.explicit.has('enable.idempotence');
  const userSetTransactions = config.explicit.has('transactional.id');
  const requested = userSetIdempotence && booleanOf(config, 'enable.idempotence');
  if (userSetIdempotence && !requested && userSetTransactions) {
    throw new ConfigException('transactional.id', TXN_WITHOUT_IDEMPOTENCE);
  }
  const enabled = requested || userSetTransactions;
  let acks = parseAcks(stringOf(config, 'acks'));
  if (!enabled) return { enableIdempotence: false, acks };
  const conflict = firstConflict([
    ['retries', numberOf(config, 'retries') === 0, RETRIES_CONFLICT],
    ['max.in.flight.requests.per.connection',
      numberOf(config, 'max.in.flight.requests.per.connection') > MAX_IN_FLIGHT_FOR_IDEMPOTENCE, IN_FLIGHT_CONFLICT],
    ['acks', config.explicit.has('acks') && acks !== -1, ACKS_CONFLICT],
  ]);
  if (conflict !== null) throw conflict;
  if (!config.explicit.has('acks')) acks = -1;
  return { enableIdempotence: true, acks };
}

function firstConflict(checks: ReadonlyArray<readonly [string, boolean, string]>): ConfigException | null {
  const hit = checks.find(([, conflicting]) => conflicting);
  return hit === undefined ? null : new ConfigException(hit[0], hit[2]);
}

/** KafkaProducer.configureDeliveryTimeout: an explicit value that is too small is an error; a default is raised. */
function configureDeliveryTimeout(config: ResolvedConfig, lingerMs: number, requestTimeoutMs: number): number {
  const deliveryTimeoutMs = numberOf(config, 'delivery.timeout.ms');
  const lingerAndRequestTimeoutMs = Math.min(lingerMs + requestTimeoutMs, INT_MAX_VALUE);
  if (deliveryTimeoutMs >= lingerAndRequestTimeoutMs) return deliveryTimeoutMs;
  if (config.explicit.has('delivery.timeout.ms')) {
    throw ConfigException.invalidValue('delivery.timeout.ms', deliveryTimeoutMs,
      `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (${lingerMs} + ${requestTimeoutMs} = ${lingerAndRequestTimeoutMs})`);
  }
  return lingerAndRequestTimeoutMs;
}
