/**
 * Topic-level overrides: validation (CreateTopics configs, AlterConfigs), the log config a
 * partition actually uses (topic override, else broker synonym, else Kafka's default), and
 * `kafka-configs --describe --all`.
 */
import type { LogConfig } from '../log/LogConfig';
import type { BrokerConfig } from './brokerConfig';
import { ConfigException } from './ConfigException';
import { formatForDescribe, isList, parseValue } from './parse';
import { findDef, unknownKeyError } from './resolve';
import { TOPIC_CONFIG_DEFS } from './topicDefs';
import { isAvailableIn, type ConfigInput, type ConfigValue, type KafkaVersion } from './types';

export interface TopicConfigEntry {
  name: string;
  value: string;
  source: 'DYNAMIC_TOPIC_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
  isDefault: boolean;
  doc: string;
}

/**
 * Validate topic-level overrides. Returns normalized string values (what Kafka stores in
 * ZooKeeper: "compact, delete" becomes "compact,delete", "TRUE" becomes "true").
 * Throws ConfigException for an unknown key or a bad value.
 */
export function validateTopicConfigs(version: KafkaVersion, input: ConfigInput): Record<string, string> {
  const normalized: Record<string, string> = {};
  const parsed = new Map<string, ConfigValue>();
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null || raw === undefined) continue;
    const def = findDef('topic', key);
    if (def === undefined || !isAvailableIn(def, version)) throw unknownKeyError('topic', version, key);
    const value = parseValue(def, raw);
    parsed.set(key, value);
    normalized[key] = formatForDescribe(def, value);
  }
  checkCompactionLags(version, parsed);
  return normalized;
}

/** LogConfig.validateValues: a record cannot have to wait longer than it may wait. */
function checkCompactionLags(version: KafkaVersion, parsed: ReadonlyMap<string, ConfigValue>): void {
  if (!parsed.has('min.compaction.lag.ms') && !parsed.has('max.compaction.lag.ms')) return;
  const lag = (name: string): number => {
    const value = parsed.get(name) ?? findDef('topic', name)?.defaults[version];
    return typeof value === 'number' ? value : 0;
  };
  const minLagMs = lag('min.compaction.lag.ms');
  const maxLagMs = lag('max.compaction.lag.ms');
  if (minLagMs > maxLagMs) {
    throw new ConfigException('min.compaction.lag.ms',
      `conflict topic config setting min.compaction.lag.ms (${minLagMs}) > max.compaction.lag.ms (${maxLagMs})`);
  }
}

/** The log config a partition uses: topic overrides over broker defaults (Kafka's synonym precedence). */
export function effectiveLogConfig(broker: BrokerConfig, topicOverrides: Record<string, string>): LogConfig {
  const base = broker.log;
  const number = (name: string, fallback: number): number => {
    const value = override(name, topicOverrides);
    return typeof value === 'number' ? value : fallback;
  };
  const text = (name: string, fallback: string): string => {
    const value = override(name, topicOverrides);
    if (value === undefined || value === null) return fallback;
    return isList(value) ? value.join(',') : String(value);
  };
  return {
    segmentBytes: number('segment.bytes', base.segmentBytes),
    segmentMs: number('segment.ms', base.segmentMs),
    segmentJitterMs: number('segment.jitter.ms', base.segmentJitterMs),
    segmentIndexBytes: number('segment.index.bytes', base.segmentIndexBytes),
    indexIntervalBytes: number('index.interval.bytes', base.indexIntervalBytes),
    retentionMs: number('retention.ms', base.retentionMs),
    retentionBytes: number('retention.bytes', base.retentionBytes),
    cleanupPolicy: text('cleanup.policy', base.cleanupPolicy),
    maxMessageBytes: number('max.message.bytes', base.maxMessageBytes),
    messageTimestampType: text('message.timestamp.type', base.messageTimestampType) as LogConfig['messageTimestampType'],
    fileDeleteDelayMs: number('file.delete.delay.ms', base.fileDeleteDelayMs),
    minCleanableDirtyRatio: number('min.cleanable.dirty.ratio', base.minCleanableDirtyRatio),
    minCompactionLagMs: number('min.compaction.lag.ms', base.minCompactionLagMs),
    maxCompactionLagMs: number('max.compaction.lag.ms', base.maxCompactionLagMs),
    deleteRetentionMs: number('delete.retention.ms', base.deleteRetentionMs),
  };
}

function override(name: string, topicOverrides: Record<string, string>): ConfigValue | undefined {
  const raw = topicOverrides[name];
  const def = findDef('topic', name);
  if (raw === undefined || def === undefined) return undefined;
  return parseValue(def, raw);
}

/** Every topic config sorted by name, with its source, like `kafka-configs --describe --all`. */
export function describeTopicConfigs(broker: BrokerConfig, topicOverrides: Record<string, string>): TopicConfigEntry[] {
  return [...TOPIC_CONFIG_DEFS]
    .filter((def) => isAvailableIn(def, broker.version))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((def): TopicConfigEntry => {
      const raw = topicOverrides[def.name];
      if (raw !== undefined) {
        return { name: def.name, value: formatForDescribe(def, parseValue(def, raw)), source: 'DYNAMIC_TOPIC_CONFIG', isDefault: false, doc: def.doc };
      }
      const fallback = broker.topicDefaults[def.name];
      const source = fallback?.source ?? 'DEFAULT_CONFIG';
      const value = fallback?.value ?? formatForDescribe(def, def.defaults[broker.version]);
      return { name: def.name, value, source, isDefault: source === 'DEFAULT_CONFIG', doc: def.doc };
    });
}
