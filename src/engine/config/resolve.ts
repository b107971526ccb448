/**
 * Turns user input into parsed values over a scope's defaults (Kafka's AbstractConfig), and
 * remembers which keys the user set explicitly, because several Kafka rules
 * (idempotence, delivery.timeout.ms, auto-commit) depend on "set by the user" vs "default".
 */
import { BROKER_CONFIG_DEFS } from './brokerDefs';
import { closestName, ConfigException } from './ConfigException';
import { assignorClassName, CONSUMER_CONFIG_DEFS } from './consumerDefs';
import { formatForLog, isList, parseValue } from './parse';
import { PRODUCER_CONFIG_DEFS } from './producerDefs';
import { TOPIC_CONFIG_DEFS } from './topicDefs';
import { isAvailableIn, type ConfigDef, type ConfigInput, type ConfigScope, type ConfigValue, type KafkaVersion } from './types';

const DEFS_BY_SCOPE: Readonly<Record<ConfigScope, readonly ConfigDef[]>> = {
  broker: BROKER_CONFIG_DEFS,
  topic: TOPIC_CONFIG_DEFS,
  producer: PRODUCER_CONFIG_DEFS,
  consumer: CONSUMER_CONFIG_DEFS,
};

export function defsOf(scope: ConfigScope): readonly ConfigDef[] {
  return DEFS_BY_SCOPE[scope];
}

export function findDef(scope: ConfigScope, name: string): ConfigDef | undefined {
  return DEFS_BY_SCOPE[scope].find((def) => def.name === name);
}

export interface ResolvedConfig {
  readonly scope: ConfigScope;
  readonly version: KafkaVersion;
  readonly defs: ReadonlyMap<string, ConfigDef>;
  /** Every key available in this version: the user's value or the version's default. */
  readonly values: Map<string, ConfigValue>;
  /** Keys the user set (null/undefined inputs count as not set). */
  readonly explicit: ReadonlySet<string>;
}

export function resolveConfigs(scope: ConfigScope, version: KafkaVersion, input: ConfigInput = {}): ResolvedConfig {
  const defs = new Map<string, ConfigDef>();
  for (const def of DEFS_BY_SCOPE[scope]) if (isAvailableIn(def, version)) defs.set(def.name, def);
  const values = new Map<string, ConfigValue>();
  const explicit = new Set<string>();
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null || raw === undefined) continue;
    const def = defs.get(key);
    if (def === undefined) throw unknownKeyError(scope, version, key);
    values.set(key, parseValue(def, expandClassNames(def, raw)));
    explicit.add(key);
  }
  for (const [name, def] of defs) if (!values.has(name)) values.set(name, def.defaults[version]);
  return { scope, version, defs, values, explicit };
}

/** The lab accepts "StringSerializer" or "range" where Kafka wants a fully qualified class name. */
function expandClassNames(def: ConfigDef, raw: string | number | boolean): string | number | boolean {
  if (typeof raw !== 'string') return raw;
  if (def.name === 'partition.assignment.strategy') {
    return raw.split(',').map((item) => assignorClassName(item.trim()) ?? item.trim()).join(',');
  }
  if (def.type === 'class' && def.validator?.kind === 'in') {
    const text = raw.trim();
    return def.validator.values.find((full) => full === text || full.endsWith(`.${text}`)) ?? text;
  }
  return raw;
}

const SCOPE_NOUN: Readonly<Record<ConfigScope, string>> = {
  broker: 'a broker',
  topic: 'a topic',
  producer: 'a producer',
  consumer: 'a consumer',
};

export function unknownKeyError(scope: ConfigScope, version: KafkaVersion, key: string): ConfigException {
  const own = findDef(scope, key);
  if (own !== undefined && own.since !== null) {
    return new ConfigException(key,
      `Configuration "${key}" does not exist in Kafka ${version} for ${SCOPE_NOUN[scope]} (it was added in ${own.since}).`);
  }
  const available = DEFS_BY_SCOPE[scope].filter((def) => isAvailableIn(def, version)).map((def) => def.name);
  const base = `Unknown configuration "${key}" for ${SCOPE_NOUN[scope]}.`;
  const synonym = synonymHint(scope, key);
  if (synonym !== null) return new ConfigException(key, `${base} ${synonym}`);
  const suggestion = sameSettingOtherUnit(key, available) ?? closestName(key, available);
  if (suggestion !== null) return new ConfigException(key, `${base} Did you mean "${suggestion}"?`);
  const elsewhere = (Object.keys(DEFS_BY_SCOPE) as ConfigScope[]).find((other) => other !== scope && findDef(other, key));
  if (elsewhere !== undefined) return new ConfigException(key, `${base} "${key}" is ${SCOPE_NOUN[elsewhere]} config.`);
  return new ConfigException(key, base);
}

/** "retention.hours" on a topic means "retention.ms": topics take times in ms only. */
const UNIT_SUFFIX = /\.(ms|seconds|minutes|hours|days)$/;

function sameSettingOtherUnit(key: string, available: readonly string[]): string | null {
  if (!UNIT_SUFFIX.test(key)) return null;
  const stem = key.replace(UNIT_SUFFIX, '');
  return available.find((name) => name !== key && name.replace(UNIT_SUFFIX, '') === stem) ?? null;
}

/** Topic and broker names for the same setting differ (retention.ms vs log.retention.ms): point across. */
function synonymHint(scope: ConfigScope, key: string): string | null {
  if (scope === 'topic') {
    const topicDef = TOPIC_CONFIG_DEFS.find((def) => def.brokerSynonyms.includes(key));
    if (topicDef !== undefined) return `Did you mean "${topicDef.name}"? ("${key}" is the broker-wide default.)`;
  }
  if (scope === 'broker') {
    const topicDef = findDef('topic', key);
    if (topicDef?.brokerSynonym) return `Did you mean "${topicDef.brokerSynonym}"? ("${key}" is the per-topic name.)`;
  }
  return null;
}

function valueOf(config: ResolvedConfig, name: string): ConfigValue {
  if (!config.values.has(name)) throw new Error(`${name} is not a ${config.scope} config in Kafka ${config.version}`);
  return config.values.get(name) ?? null;
}

export function numberOf(config: ResolvedConfig, name: string): number {
  const value = valueOf(config, name);
  if (typeof value !== 'number') throw new Error(`${name} is not a number`);
  return value;
}

export function nullableNumberOf(config: ResolvedConfig, name: string): number | null {
  const value = valueOf(config, name);
  return value === null ? null : numberOf(config, name);
}

export function booleanOf(config: ResolvedConfig, name: string): boolean {
  const value = valueOf(config, name);
  if (typeof value !== 'boolean') throw new Error(`${name} is not a boolean`);
  return value;
}

export function stringOf(config: ResolvedConfig, name: string): string {
  const value = valueOf(config, name);
  if (typeof value !== 'string') throw new Error(`${name} is not a string`);
  return value;
}

export function nullableStringOf(config: ResolvedConfig, name: string): string | null {
  const value = valueOf(config, name);
  return value === null ? null : stringOf(config, name);
}

export function listOf(config: ResolvedConfig, name: string): readonly string[] {
  const value = valueOf(config, name);
  if (!isList(value)) throw new Error(`${name} is not a list`);
  return value;
}

/** Every key's value as Kafka prints it when it logs the config, sorted by key like Kafka's log. */
export function printedValues(config: ResolvedConfig): Record<string, string> {
  const printed: Record<string, string> = {};
  for (const name of [...config.defs.keys()].sort()) {
    const def = config.defs.get(name);
    if (def !== undefined) printed[name] = formatForLog(def, config.values.get(name) ?? null);
  }
  return printed;
}

/** Keys the user set that the lab accepts without modelling them, sorted (for "created (…)" events and forms). */
export function unmodelledKeys(config: ResolvedConfig): string[] {
  return [...config.explicit].filter((name) => config.defs.get(name)?.modelled === false).sort();
}

/** "" or "; accepted but not modelled by the lab: send.buffer.bytes, client.rack", to append to a client's description. */
export function describeUnmodelled(keys: readonly string[]): string {
  return keys.length === 0 ? '' : `; accepted but not modelled by the lab: ${keys.join(', ')}`;
}
