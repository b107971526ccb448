/**
 * The .timeindex of a segment (TimeIndex.java): 12-byte entries (timestamp int64, relative offset int32).
 * An entry (T, O) means every record with a timestamp above T sits after offset O. Entries are only
 * added when the timestamp grows, and the last slot is reserved for the entry written when the segment
 * stops being active, which is why isFull() fires one entry early.
 */
import { getInt32, getInt64, setInt32, setInt64 } from '../util/bytes';
import { AbstractIndex } from './AbstractIndex';
import { InvalidOffsetException } from './errors';
import { timeIndexFileName } from './LogFileNames';

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

const ENTRY_BYTES = 12;
/** RecordBatch.NO_TIMESTAMP */
const NO_TIMESTAMP = -1;

export class TimeIndex extends AbstractIndex {
  constructor(baseOffset: number, maxIndexBytes: number, stored?: Uint8Array) {
    super(baseOffset, maxIndexBytes, ENTRY_BYTES, stored);
  }

  get fileName(): string {
    return timeIndexFileName(this.baseOffset);
  }

  protected relativeOffsetAt(slot: number): number {
    return getInt32(this.buf, slot * ENTRY_BYTES + 8);
  }

  timestampAt(slot: number): number {
    return getInt64(this.buf, slot * ENTRY_BYTES);
  }

  entry(slot: number): TimestampOffset {
    return { timestamp: this.timestampAt(slot), offset: this.offsetAt(slot) };
  }

  /** The last entry, or (NO_TIMESTAMP, baseOffset) when empty. */
  get lastEntry(): TimestampOffset {
    return this.count === 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(this.count - 1);
  }

  /** Reserve the last slot for the roll-time entry (TimeIndex.isFull). */
  override isFull(): boolean {
    return this.count >= this.maxEntries - 1;
  }

  /** Adds (timestamp, offset) only if timestamp is larger than the last entry's. Returns whether it did. */
  maybeAppend(timestamp: number, offset: number, skipFullCheck = false): boolean {
    if (!skipFullCheck && this.isFull()) throw new Error(`Attempt to append to a full time index (size = ${this.count}).`);
    const last = this.lastEntry;
    if (this.count > 0 && offset < last.offset) {
      throw new InvalidOffsetException(
        `Attempt to append an offset (${offset}) to slot ${this.count} no larger than the last offset appended (${last.offset}) to ${this.fileName}.`,
      );
    }
    if (this.count > 0 && timestamp < last.timestamp) {
      throw new Error(`Attempt to append a timestamp (${timestamp}) to slot ${this.count} no larger than the last timestamp appended (${last.timestamp}) to ${this.fileName}.`);
    }
    if (timestamp <= last.timestamp) return false;
    const relative = this.toRelative(offset);
    this.ensureRoomForOne();
    setInt64(this.buf, this.count * ENTRY_BYTES, timestamp);
    setInt32(this.buf, this.count * ENTRY_BYTES + 8, relative);
    this.count++;
    return true;
  }

  /** The greatest entry with timestamp <= target, or (NO_TIMESTAMP, baseOffset). */
  lookup(targetTimestamp: number): TimestampOffset {
    const slot = this.largestLowerBoundSlot(targetTimestamp, (s) => this.timestampAt(s));
    return slot < 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(slot);
  }

  /** Removes every entry whose offset is >= offset. */
  truncateTo(offset: number): void {
    this.truncateToEntries(this.entriesBelow(offset));
  }

  entries(): TimestampOffset[] {
    const out: TimestampOffset[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.entry(i));
    return out;
  }

  /** Why a stored time index cannot be trusted (TimeIndex.sanityCheck, plus order checks), if it cannot. */
  sanityCheck(storedBytes: number): string | undefined {
    if (storedBytes % ENTRY_BYTES !== 0) return `time index file size ${storedBytes} is not a multiple of ${ENTRY_BYTES}`;
    for (let i = 0; i < this.count; i++) {
      if (this.relativeOffsetAt(i) < 0) return `entry ${i} is below the base offset`;
      if (i > 0 && this.timestampAt(i) < this.timestampAt(i - 1)) return `entry ${i} has a smaller timestamp than the one before`;
      if (i > 0 && this.relativeOffsetAt(i) < this.relativeOffsetAt(i - 1)) return `entry ${i} is out of order`;
    }
    return undefined;
  }
}
