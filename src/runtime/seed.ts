/** Where the lab's seed comes from: the URL on a first run, stored meta on a restart. */
export const DEFAULT_SEED = 42;

/** `?seed=N` → N (an unsigned 32-bit integer), otherwise null. */
export function seedFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('seed');
  if (raw === null || !/^\d{1,10}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n <= 0xffffffff ? n : null;
}

/** Brokers a lab can have (KafkaLab accepts 1 to 9); the app starts with 3. */
export const BROKER_COUNT_MIN = 1;
export const BROKER_COUNT_MAX = 9;
export const DEFAULT_BROKER_COUNT = 3;

/** `brokers` text → a whole number from 1 to 9, otherwise null (Reset lab and `?brokers=`). */
export function parseBrokerCount(raw: string | null): number | null {
  if (raw === null || !/^\d{1,2}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= BROKER_COUNT_MIN && n <= BROKER_COUNT_MAX ? n : null;
}

/** `?brokers=5` → 5 when it is 1–9, otherwise null. */
export function brokersFromSearch(search: string): number | null {
  return parseBrokerCount(new URLSearchParams(search).get('brokers'));
}

/** Why a seed typed in Reset lab is refused, or null when it is a valid seed. */
export function seedProblem(raw: string): string | null {
  const t = raw.trim();
  if (t === '') return 'Enter a seed: a whole number from 0 to 4294967295.';
  if (!/^\d+$/.test(t)) return `"${t.length > 20 ? `${t.slice(0, 20)}…` : t}" is not a seed: use digits only (a whole number from 0 to 4294967295).`;
  if (t.length > 10 || Number(t) > 0xffffffff) return 'That seed is too large: the largest is 4294967295.';
  return null;
}

export const KAFKA_VERSION_PROFILES = ['3.9', '2.4'] as const;
export type VersionProfile = (typeof KAFKA_VERSION_PROFILES)[number];

/** `?version=2.4` → '2.4' when it is a profile the lab knows, otherwise null. */
export function versionFromSearch(search: string): VersionProfile | null {
  const raw = new URLSearchParams(search).get('version');
  return (KAFKA_VERSION_PROFILES as readonly string[]).includes(raw ?? '') ? (raw as VersionProfile) : null;
}

/**
 * Plain-words warnings about link parameters that were not used: a malformed value, or a
 * value for a fresh lab while this browser already holds one (`hasStoredLab`).
 */
export function linkWarnings(search: string, hasStoredLab: boolean): string[] {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const seed = params.get('seed');
  const version = params.get('version');
  const brokers = params.get('brokers');
  if (seed !== null && seedFromSearch(search) === null) {
    warnings.push(`Ignored seed=${seed} from the link: a seed is a whole number from 0 to 4294967295.`);
  }
  if (version !== null && versionFromSearch(search) === null) {
    warnings.push(`Ignored version=${version} from the link: the lab knows Kafka ${KAFKA_VERSION_PROFILES.join(' and ')}.`);
  }
  if (brokers !== null && brokersFromSearch(search) === null) {
    warnings.push(`Ignored brokers=${brokers} from the link: a lab has ${BROKER_COUNT_MIN} to ${BROKER_COUNT_MAX} brokers.`);
  }
  const usable = [
    seedFromSearch(search) !== null ? 'seed' : null,
    versionFromSearch(search) !== null ? 'version' : null,
    brokersFromSearch(search) !== null ? 'broker count' : null,
  ].filter(Boolean);
  if (hasStoredLab && usable.length > 0) {
    const verb = usable.length === 1 ? 'applies' : 'apply';
    const named = usable.length > 1 ? `${usable.slice(0, -1).join(', ')} and ${usable[usable.length - 1]}` : usable[0];
    warnings.push(`This browser already holds a lab, so the link's ${named} only ${verb} to a fresh one: use Reset lab to start over.`);
  }
  return warnings;
}

/** A fresh seed for "Reset lab". Only the runtime picks seeds at random; the engine never does. */
export function randomSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return (buf[0] ?? 1) % 1_000_000;
}
