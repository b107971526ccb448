/**
 * The config a client was explicitly given, so a settings change keeps earlier ones.
 *
 * `reconfigure(input)` builds a new client config from `input` alone (like constructing a
 * new KafkaProducer), so applying only the changed keys would silently reset every earlier
 * override (and the ready consumer's auto.offset.reset=earliest). The settings forms apply
 * "what this client was given" + "what changed". Kept outside React: panels unmount when
 * their sidebar tab closes.
 */
import { consumerConfig, producerConfig, type KafkaVersion } from '../engine/config';

export type ClientKind = 'producer' | 'consumer';

const applied = new Map<string, Readonly<Record<string, string>>>();

/**
 * For a client we have not reconfigured yet: the keys among `keys` whose printed value
 * differs from a client built with no config (how it was created).
 */
export function inferOverrides(
  kind: ClientKind,
  version: KafkaVersion,
  keys: readonly string[],
  current: Readonly<Record<string, string>>,
): Record<string, string> {
  const fresh = kind === 'producer' ? producerConfig(version, {}).values : consumerConfig(version, {}).values;
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = current[key];
    if (value !== undefined && value !== fresh[key]) out[key] = value;
  }
  return out;
}

/** The full input for `reconfigure`: the client's explicit config plus `changes`. */
export function withOverrides(
  kind: ClientKind,
  id: string,
  version: KafkaVersion,
  keys: readonly string[],
  current: Readonly<Record<string, string>>,
  changes: Readonly<Record<string, string>>,
): Record<string, string> {
  const base = applied.get(`${kind}/${id}`) ?? inferOverrides(kind, version, keys, current);
  return { ...base, ...changes };
}

/** After a successful reconfigure: remember what the client now has. */
export function rememberOverrides(kind: ClientKind, id: string, input: Readonly<Record<string, string>>): void {
  applied.set(`${kind}/${id}`, { ...input });
}
