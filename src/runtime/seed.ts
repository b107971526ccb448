/** Where the lab's seed comes from: the URL on a first run, stored meta on a restart. */
export const DEFAULT_SEED = 42;

/** `?seed=N` → N (an unsigned 32-bit integer), otherwise null. */
export function seedFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('seed');
  if (raw === null || !/^\d{1,10}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n <= 0xffffffff ? n : null;
}

/** A fresh seed for "Reset lab". Only the runtime picks seeds at random; the engine never does. */
export function randomSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return (buf[0] ?? 1) % 1_000_000;
}
