/**
 * The sparse .index of a segment (OffsetIndex.java): 8-byte entries (relative offset int32, file position
 * int32). lookup(target) gives the greatest indexed offset <= target, or (baseOffset, 0) when none is.
 */
import { getInt32, setInt32 } from '../util/bytes';
import { AbstractIndex } from './AbstractIndex';
import { InvalidOffsetException } from './errors';
import { offsetIndexFileName } from './LogFileNames';

export interface OffsetPosition {
  offset: number;
  position: number;
}

const ENTRY_BYTES = 8;

export class OffsetIndex extends AbstractIndex {
  constructor(baseOffset: number, maxIndexBytes: number, stored?: Uint8Array) {
    super(baseOffset, maxIndexBytes, ENTRY_BYTES, stored);
  }

  get fileName(): string {
    return offsetIndexFileName(this.baseOffset);
  }

  protected relativeOffsetAt(slot: number): number {
    return getInt32(this.buf, slot * ENTRY_BYTES);
  }

  positionAt(slot: number): number {
    return getInt32(this.buf, slot * ENTRY_BYTES + 4);
  }

  entry(slot: number): OffsetPosition {
    return { offset: this.offsetAt(slot), position: this.positionAt(slot) };
  }

  /** The last indexed offset, or the base offset when the index is empty. */
  get lastOffset(): number {
    return this.count === 0 ? this.baseOffset : this.offsetAt(this.count - 1);
  }

  /** Appends (offset, position); offsets must strictly increase. */
  append(offset: number, position: number): void {
    if (this.isFull()) throw new Error(`Attempt to append to a full index (size = ${this.count}).`);
    if (this.count > 0 && offset <= this.lastOffset) {
      throw new InvalidOffsetException(
        `Attempt to append an offset (${offset}) to position ${this.count} no larger than the last offset appended (${this.lastOffset}) to ${this.fileName}.`,
      );
    }
    const relative = this.toRelative(offset);
    this.ensureRoomForOne();
    setInt32(this.buf, this.count * ENTRY_BYTES, relative);
    setInt32(this.buf, this.count * ENTRY_BYTES + 4, position);
    this.count++;
  }

  lookup(targetOffset: number): OffsetPosition {
    const slot = this.largestLowerBoundSlot(targetOffset, (s) => this.offsetAt(s));
    return slot < 0 ? { offset: this.baseOffset, position: 0 } : this.entry(slot);
  }

  /** Removes every entry whose offset is >= offset. */
  truncateTo(offset: number): void {
    this.truncateToEntries(this.entriesBelow(offset));
  }

  entries(): OffsetPosition[] {
    const out: OffsetPosition[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.entry(i));
    return out;
  }

  /** Why a stored index cannot be trusted (OffsetIndex.sanityCheck, plus order and bounds), if it cannot. */
  sanityCheck(storedBytes: number, logSizeBytes: number): string | undefined {
    if (storedBytes % ENTRY_BYTES !== 0) return `index file size ${storedBytes} is not a multiple of ${ENTRY_BYTES}`;
    for (let i = 0; i < this.count; i++) {
      if (this.relativeOffsetAt(i) < 0) return `entry ${i} is below the base offset`;
      if (i > 0 && this.relativeOffsetAt(i) <= this.relativeOffsetAt(i - 1)) return `entry ${i} is out of order`;
      if (this.positionAt(i) < 0 || this.positionAt(i) >= logSizeBytes) return `entry ${i} points past the end of the log`;
    }
    return undefined;
  }
}
