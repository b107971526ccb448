/**
 * The cleaner's key → last offset map (Kafka's SkimpyOffsetMap). Kafka stores a 16-byte MD5 of each key
 * and an 8-byte offset per slot in log.cleaner.dedupe.buffer.size / log.cleaner.threads bytes; the lab
 * keys by the key bytes themselves (no hash collisions) but keeps the same capacity, so a log with more
 * distinct keys than fit is cleaned in several rounds, as in Kafka.
 */

/** SkimpyOffsetMap.bytesPerEntry: MD5 hash (16) + offset (8). */
export const OFFSET_MAP_BYTES_PER_ENTRY = 24;
const INT_MAX_VALUE = 2147483647;

/** Slots of one cleaner thread's map: min(dedupeBufferSize / threads, Int.MaxValue) / 24 (LogCleaner.Cleaner). */
export function offsetMapSlots(dedupeBufferSize: number, threads: number): number {
  const memory = Math.min(Math.floor(dedupeBufferSize / Math.max(1, threads)), INT_MAX_VALUE);
  return Math.floor(memory / OFFSET_MAP_BYTES_PER_ENTRY);
}

/** The key as a Map key: its bytes as a Latin-1 string (exact, and cheap for the short keys of the lab). */
function keyOf(key: Uint8Array): string {
  let s = '';
  for (let i = 0; i < key.length; i++) s += String.fromCharCode(key[i]!);
  return s;
}

export class OffsetMap {
  private readonly offsets = new Map<string, number>();
  private lastOffset = -1;

  constructor(readonly slots: number) {}

  get size(): number {
    return this.offsets.size;
  }

  /** The highest offset put or set by updateLatestOffset; -1 when empty. */
  get latestOffset(): number {
    return this.lastOffset;
  }

  /** Share of the slots in use (Kafka's buffer utilization). */
  get utilization(): number {
    return this.slots === 0 ? 1 : this.offsets.size / this.slots;
  }

  put(key: Uint8Array, offset: number): void {
    this.offsets.set(keyOf(key), offset);
    this.lastOffset = offset;
  }

  /** The last offset seen for key, or -1 (SkimpyOffsetMap.get). */
  get(key: Uint8Array): number {
    return this.offsets.get(keyOf(key)) ?? -1;
  }

  /** Moves the latest offset (to a batch's last offset, or past a gap at the end of a segment). */
  updateLatestOffset(offset: number): void {
    this.lastOffset = offset;
  }

  clear(): void {
    this.offsets.clear();
    this.lastOffset = -1;
  }
}
