/**
 * The shapes of Kafka's configuration definitions (org.apache.kafka.common.config.ConfigDef),
 * reduced to what the lab needs: a declarative table per scope that the engine parses
 * against and the UI renders forms and tooltips from.
 */

/**
 * The Kafka release whose defaults the lab reproduces. '3.9' is the last release that
 * still runs in ZooKeeper mode; '2.4' is the release the seed articles were written for.
 */
export type KafkaVersion = '3.9' | '2.4';

export const KAFKA_VERSIONS: readonly KafkaVersion[] = ['2.4', '3.9'];
export const DEFAULT_KAFKA_VERSION: KafkaVersion = '3.9';

export type ConfigScope = 'broker' | 'topic' | 'producer' | 'consumer';

/** Kafka's ConfigDef.Type, lower-cased. 'class' holds a Java class name. */
export type ConfigType = 'int' | 'long' | 'short' | 'double' | 'boolean' | 'string' | 'list' | 'class' | 'password';

export type Importance = 'high' | 'medium' | 'low';

/** A parsed value. Lists are string arrays; `null` is Kafka's "not set" for nullable keys. */
export type ConfigValue = number | boolean | string | readonly string[] | null;

/** What users (forms, scenario scripts, tests) hand in. `null`/`undefined` mean "not set". */
export type ConfigInput = Record<string, string | number | boolean | null | undefined>;

/** Kafka's validators: Range.atLeast/between, ValidString.in, ValidList.in, NonEmptyString. */
export type Validator =
  | { readonly kind: 'range'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'in'; readonly values: readonly string[] }
  | { readonly kind: 'listIn'; readonly values: readonly string[] }
  | { readonly kind: 'nonEmpty' };

export interface ConfigDef {
  readonly name: string;
  readonly scope: ConfigScope;
  readonly type: ConfigType;
  /** The default each version profile uses (the same value twice when it never changed). */
  readonly defaults: Readonly<Record<KafkaVersion, ConfigValue>>;
  readonly validator: Validator | null;
  readonly importance: Importance;
  /** One plain sentence, short enough for a tooltip. */
  readonly doc: string;
  /** First Kafka release that knows this key; null when it predates every profile. */
  readonly since: string | null;
  /** Topic configs: the broker-wide key that supplies the default (e.g. log.segment.bytes). */
  readonly brokerSynonym: string | null;
  /** Topic configs: every broker key consulted, highest priority first (log.retention.ms, .minutes, .hours). */
  readonly brokerSynonyms: readonly string[];
  /** False for keys Kafka defines that the lab accepts but whose effect it does not simulate. */
  readonly modelled: boolean;
}

/** Long.MAX_VALUE (9223372036854775807) as the nearest double; printed back exactly. */
export const LONG_MAX_VALUE = 2 ** 63;
export const INT_MAX_VALUE = 2147483647;

const atLeast = (min: number): Validator => ({ kind: 'range', min });
const between = (min: number, max: number): Validator => ({ kind: 'range', min, max });
const oneOf = (...values: string[]): Validator => ({ kind: 'in', values });
const listOf = (...values: string[]): Validator => ({ kind: 'listIn', values });
const nonEmpty: Validator = { kind: 'nonEmpty' };
export const validators = { atLeast, between, oneOf, listOf, nonEmpty };

/** A default that differs between the two profiles. */
export function byVersion(v24: ConfigValue, v39: ConfigValue): Readonly<Record<KafkaVersion, ConfigValue>> {
  return { '2.4': v24, '3.9': v39 };
}

export interface RowOptions {
  readonly validator?: Validator;
  readonly since?: string;
  readonly synonyms?: readonly string[];
  /** Defaults to true; false = accepted, printed, but without effect in the lab. */
  readonly modelled?: boolean;
}

/** One table row: name, type, default (or byVersion), importance, doc, options. */
export type ConfigRow = readonly [
  name: string,
  type: ConfigType,
  defaultValue: ConfigValue | Readonly<Record<KafkaVersion, ConfigValue>>,
  importance: Importance,
  doc: string,
  options?: RowOptions,
];

function isVersioned(value: ConfigRow[2]): value is Readonly<Record<KafkaVersion, ConfigValue>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function defineConfigs(scope: ConfigScope, rows: readonly ConfigRow[]): readonly ConfigDef[] {
  return rows.map(([name, type, dflt, importance, doc, options]) => {
    const synonyms = options?.synonyms ?? [];
    return Object.freeze({
      name,
      scope,
      type,
      defaults: Object.freeze(isVersioned(dflt) ? { ...dflt } : { '2.4': dflt, '3.9': dflt }),
      validator: options?.validator ?? null,
      importance,
      doc,
      since: options?.since ?? null,
      brokerSynonym: synonyms[0] ?? null,
      brokerSynonyms: Object.freeze([...synonyms]),
      modelled: options?.modelled ?? true,
    });
  });
}

/** True when `version` is at or after `since` ("3.3" ≤ "3.9", "2.4" < "3.3"). */
export function isAvailableIn(def: ConfigDef, version: KafkaVersion): boolean {
  if (def.since === null) return true;
  return compareVersions(version, def.since) >= 0;
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function defaultValue(def: ConfigDef, version: KafkaVersion): ConfigValue {
  return def.defaults[version];
}
