/**
 * Record keys on the log strip: a stable colour per key (from a hash of the key's bytes, so
 * "same key → same partition" shows as the same colour in every partition and every session),
 * and short, accessible text for keys of any length.
 */

export interface KeyColour {
  /** Cell background (light, so dark text stays readable). */
  readonly fill: string;
  /** A strong stripe along the top of the cell and the legend swatch. */
  readonly band: string;
  /** Palette slot, for tests and CSS hooks. */
  readonly slot: number;
}

/**
 * Twelve well-separated hues (hue, saturation, fill lightness, band lightness). Collisions
 * between keys are unavoidable with many keys; the key text on each cell tells them apart.
 */
const PALETTE: readonly (readonly [number, number, number, number])[] = [
  [212, 80, 84, 40], // blue
  [28, 95, 80, 45], // orange
  [130, 50, 80, 32], // green
  [320, 65, 86, 42], // magenta
  [50, 95, 74, 36], // yellow
  [176, 60, 76, 28], // teal
  [0, 80, 86, 45], // red
  [268, 60, 87, 48], // purple
  [22, 35, 78, 32], // brown
  [85, 60, 76, 30], // lime
  [196, 80, 80, 36], // sky
  [236, 45, 85, 45], // indigo
];

export const KEY_PALETTE_SIZE = PALETTE.length;

/** murmur3's finaliser: spreads a 32-bit hash so nearby keys ("user-1", "user-2") differ. */
function mix(hash: number): number {
  let h = hash >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const cache = new Map<number, KeyColour>();

/** The colour of a key whose bytes hash to `keyHash` (FNV-1a, see LogRecordReader). */
export function keyColour(keyHash: number): KeyColour {
  const hit = cache.get(keyHash);
  if (hit) return hit;
  const slot = mix(keyHash) % PALETTE.length;
  const [h, s, lf, lb] = PALETTE[slot]!;
  const colour = { fill: `hsl(${h} ${s}% ${lf}%)`, band: `hsl(${h} ${Math.min(100, s + 10)}% ${lb}%)`, slot };
  if (cache.size > 4096) cache.clear();
  cache.set(keyHash, colour);
  return colour;
}

/** Text that fits `widthPx` at `charWPx` per character: the whole text or its start and "…" ("" if not even 2 chars fit). */
export function fitText(text: string, widthPx: number, charWPx: number): string {
  const maxChars = Math.floor(widthPx / charWPx);
  if (text.length <= maxChars) return text;
  if (maxChars < 2) return '';
  return `${text.slice(0, maxChars - 1)}…`;
}

/** Longest key text put into an accessible name; the details popover shows the whole key. */
export const KEY_NAME_MAX_CHARS = 120;

/** A key for labels and accessible names: "user-1", or its start and its length ("kkk… (10,000 characters)"). */
export function keyName(key: string | null, maxChars = KEY_NAME_MAX_CHARS): string {
  if (key === null) return 'no key';
  if (key.length === 0) return 'empty key';
  if (key.length <= maxChars) return key;
  return `${key.slice(0, maxChars)}… (${key.length.toLocaleString('en-US')} characters)`;
}
