/**
 * Shared machinery of .index and .timeindex (Kafka's AbstractIndex): fixed-size big-endian entries with
 * offsets stored relative to the segment base, a capacity of floor(segment.index.bytes / entrySize)
 * entries, and binary search for the greatest entry <= a target.
 *
 * Kafka memory-maps a sparse file of segment.index.bytes; we grow a Uint8Array by doubling up to that
 * capacity instead, so hundreds of partitions do not each pin 20 MB. Bytes already handed out through
 * bytes() are never rewritten: truncation switches to a fresh buffer (copy-on-truncate), so a storage
 * adapter may keep the views it received.
 */
import { IndexOffsetOverflowException } from './errors';

const INITIAL_ENTRIES = 64;
const INT32_MAX = 2147483647;

export abstract class AbstractIndex {
  protected buf: Uint8Array;
  protected count = 0;
  readonly maxEntries: number;

  protected constructor(
    readonly baseOffset: number,
    maxIndexBytes: number,
    readonly entrySize: number,
    stored?: Uint8Array,
  ) {
    this.maxEntries = Math.floor(maxIndexBytes / entrySize);
    const storedEntries = stored ? Math.floor(stored.length / entrySize) : 0;
    if (stored) {
      // Loaded indexes are used as they are (they are ours: storage hands out fresh arrays, and the first
      // append past them grows into a new buffer). A reload of thousands of small segments then allocates
      // nothing per index.
      this.buf = stored.length === storedEntries * entrySize ? stored : stored.slice(0, storedEntries * entrySize);
      this.count = storedEntries;
    } else {
      this.buf = new Uint8Array(Math.min(this.maxEntries, INITIAL_ENTRIES) * entrySize);
    }
  }

  /** Number of entries. */
  get entryCount(): number {
    return this.count;
  }

  isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The used bytes, i.e. what Kafka's file holds after trimToValidSize. A view, never rewritten later. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.count * this.entrySize);
  }

  /** Drop every entry (done before a segment is recovered). */
  reset(): void {
    this.truncateToEntries(0);
  }

  /** Relative offset stored in the given slot. */
  protected abstract relativeOffsetAt(slot: number): number;

  /** Absolute offset stored in the given slot. */
  offsetAt(slot: number): number {
    return this.baseOffset + this.relativeOffsetAt(slot);
  }

  /** offset - baseOffset as an int32, or IndexOffsetOverflowException (AbstractIndex.toRelative). */
  toRelative(offset: number): number {
    const relative = offset - this.baseOffset;
    if (relative < 0 || relative > INT32_MAX) {
      throw new IndexOffsetOverflowException(`Integer overflow for offset: ${offset} (base offset ${this.baseOffset})`);
    }
    return relative;
  }

  canAppendOffset(offset: number): boolean {
    const relative = offset - this.baseOffset;
    return relative >= 0 && relative <= INT32_MAX;
  }

  /** Make room for one more entry, doubling the buffer (never past maxEntries unless forced). */
  protected ensureRoomForOne(): void {
    const needed = (this.count + 1) * this.entrySize;
    if (needed <= this.buf.length) return;
    const next = new Uint8Array(Math.max(needed, this.buf.length * 2, INITIAL_ENTRIES * this.entrySize));
    next.set(this.bytes());
    this.buf = next;
  }

  /** Keep the first n entries, moving to a fresh buffer so views handed out earlier stay intact. */
  protected truncateToEntries(n: number): void {
    if (n >= this.count) return;
    const next = new Uint8Array(this.buf.length);
    next.set(this.buf.subarray(0, n * this.entrySize));
    this.buf = next;
    this.count = n;
  }

  /** Slot of the greatest entry whose key(slot) <= target, or -1 (AbstractIndex.largestLowerBoundSlotFor). */
  protected largestLowerBoundSlot(target: number, key: (slot: number) => number): number {
    if (this.count === 0 || key(0) > target) return -1;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (key(mid) <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Slots to keep when truncating to `offset`: entries with offset >= it go (shared by both indexes). */
  protected entriesBelow(offset: number): number {
    const slot = this.largestLowerBoundSlot(offset, (s) => this.offsetAt(s));
    if (slot < 0) return 0;
    return this.offsetAt(slot) === offset ? slot : slot + 1;
  }
}
