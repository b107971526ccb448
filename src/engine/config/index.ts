/**
 * Kafka's configuration per version profile: declarative definitions (for the engine and
 * for UI forms) and the effective producer, consumer, broker and topic configs.
 */
import { defsOf } from './resolve';
import { isAvailableIn, type ConfigDef, type ConfigScope, type KafkaVersion } from './types';

export { ConfigException } from './ConfigException';
export {
  byVersion, compareVersions, defaultValue, isAvailableIn,
  DEFAULT_KAFKA_VERSION, INT_MAX_VALUE, KAFKA_VERSIONS, LONG_MAX_VALUE,
} from './types';
export type {
  ConfigDef, ConfigInput, ConfigScope, ConfigType, ConfigValue, Importance, KafkaVersion, Validator,
} from './types';
export { formatForDescribe, formatForLog } from './parse';
export { describeUnmodelled } from './resolve';
export { producerConfig, parseAcks, MAX_IN_FLIGHT_FOR_IDEMPOTENCE } from './producerConfig';
export type { Acks, ProducerCompressionType, ProducerConfig } from './producerConfig';
export { consumerConfig, NO_ASSIGNORS_CONFIGURED } from './consumerConfig';
export type { AutoOffsetReset, ConsumerConfig, IsolationLevel } from './consumerConfig';
export { ASSIGNOR_CLASSES, assignorClassName, assignorProtocolName, STRING_DESERIALIZER } from './consumerDefs';
export type { AssignorProtocolName } from './consumerDefs';
export { STRING_SERIALIZER } from './producerDefs';
export { brokerConfig } from './brokerConfig';
export type { BrokerConfig, TopicDefault } from './brokerConfig';
export { describeTopicConfigs, effectiveLogConfig, validateTopicConfigs } from './topicConfig';
export type { TopicConfigEntry } from './topicConfig';
export { DEFAULT_MAX_MESSAGE_BYTES, SEGMENT_BYTES_MIN } from './topicDefs';

/**
 * The definition table of one scope, for UI forms and tooltips. With a version, only the
 * keys that release knows (partitioner.* is absent from 2.4, for instance).
 */
export function configDefs(scope: ConfigScope, version?: KafkaVersion): readonly ConfigDef[] {
  const defs = defsOf(scope);
  return version === undefined ? defs : defs.filter((def) => isAvailableIn(def, version));
}
