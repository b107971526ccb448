/**
 * The bytes of one segment's .log file (Kafka's FileRecords). Stored as a list of chunks so appends never
 * copy what is already written: the first chunk doubles from 16 KiB up to 1 MiB (small segments stay
 * small), later chunks are 1 MiB (or one oversized append). An append never spans two chunks, so each
 * batch, and each append's bytes, is contiguous and reads are zero-copy subarray views.
 *
 * Invariant: bytes below sizeInBytes are never rewritten once a view of them may exist. Appends only
 * write past the end, chunk growth copies into a new array, and truncation moves the cut chunk to a fresh
 * array. So fetch responses and sink ops can hold views without copying.
 */
import { baseOffsetAt, batchSizeAt, lastOffsetAt, maxTimestampAt, RecordBatchView } from '../record/RecordBatchView';
import { getInt32 } from '../util/bytes';
import { LENGTH_OFFSET, LOG_OVERHEAD } from '../record/types';

export interface LogOffsetPosition {
  /** Last offset of the batch found. */
  offset: number;
  position: number;
  size: number;
}

export interface TimestampAndOffset {
  timestampMs: number;
  offset: number;
  /** The batch's PartitionLeaderEpoch when set (>= 0). */
  leaderEpoch?: number;
}

const FIRST_CHUNK_BYTES = 16 * 1024;
const CHUNK_BYTES = 1024 * 1024;

interface Chunk {
  /** Logical file position of buf[0]. */
  start: number;
  buf: Uint8Array;
  used: number;
}

export class FileRecords {
  private chunks: Chunk[] = [];
  private size = 0;
  /** Index of the chunk found last: scans move forward, so this makes lookups O(1). */
  private hint = 0;

  /** Takes `initial` over without copying (a loaded .log: nothing else writes to it; appends go to new arrays). */
  constructor(initial?: Uint8Array) {
    if (initial && initial.length > 0) {
      this.chunks.push({ start: 0, buf: initial, used: initial.length });
      this.size = initial.length;
    }
  }

  get sizeInBytes(): number {
    return this.size;
  }

  /** Bytes allocated for this file (at least sizeInBytes): what it costs in memory. */
  get capacityBytes(): number {
    let total = 0;
    for (const c of this.chunks) total += c.buf.length;
    return total;
  }

  /**
   * Drops the room kept for appends (a closed segment gets no more): the last chunk is copied to an array
   * of exactly its used size. Views handed out earlier keep the old array, whose bytes never change.
   */
  trimToSize(): void {
    const last = this.chunks[this.chunks.length - 1];
    if (!last || last.used === last.buf.length) return;
    last.buf = last.buf.slice(0, last.used);
  }

  /**
   * Copies bytes to the end; returns their file position. `prepare` may edit the copy in place (it
   * gets the chunk array and the local position) before anything else can see it.
   */
  append(bytes: Uint8Array, prepare?: (buffer: Uint8Array, localPosition: number) => void): number {
    const chunk = this.chunkWithRoomFor(bytes.length);
    const local = chunk.used;
    chunk.buf.set(bytes, local);
    chunk.used += bytes.length;
    const position = this.size;
    this.size += bytes.length;
    prepare?.(chunk.buf, local);
    return position;
  }

  private chunkWithRoomFor(n: number): Chunk {
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.used + n <= last.buf.length) return last;
    if (last && this.chunks.length === 1 && last.used + n <= CHUNK_BYTES) {
      let capacity = last.buf.length * 2;
      while (capacity < last.used + n) capacity *= 2;
      const grown = new Uint8Array(Math.min(capacity, CHUNK_BYTES));
      grown.set(last.buf.subarray(0, last.used));
      last.buf = grown;
      return last;
    }
    const capacity = Math.max(n, last ? CHUNK_BYTES : FIRST_CHUNK_BYTES);
    const chunk: Chunk = { start: this.size, buf: new Uint8Array(capacity), used: 0 };
    this.chunks.push(chunk);
    return chunk;
  }

  /** The chunk holding position (position < sizeInBytes), or undefined at/after the end. */
  private locate(position: number): Chunk | undefined {
    if (position < 0 || position >= this.size) return undefined;
    const hinted = this.chunks[this.hint];
    if (hinted && position >= hinted.start && position < hinted.start + hinted.used) return hinted;
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.chunks[mid]!.start <= position) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return this.chunks[lo];
  }

  /** Cuts the file to sizeBytes; returns the number of bytes removed. */
  truncateTo(sizeBytes: number): number {
    if (sizeBytes < 0 || sizeBytes > this.size) {
      throw new RangeError(`Attempt to truncate log segment to ${sizeBytes} bytes failed, size of this log segment is ${this.size} bytes.`);
    }
    const removed = this.size - sizeBytes;
    if (removed === 0) return 0;
    this.chunks = this.chunks.filter((c) => c.start < sizeBytes);
    const last = this.chunks[this.chunks.length - 1];
    if (last) {
      const keep = sizeBytes - last.start;
      const fresh = new Uint8Array(last.buf.length);
      fresh.set(last.buf.subarray(0, keep));
      last.buf = fresh;
      last.used = keep;
    }
    this.size = sizeBytes;
    this.hint = 0;
    return removed;
  }

  /** A copy of the whole file (for snapshots and tests; reads should use slice). */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const c of this.chunks) out.set(c.buf.subarray(0, c.used), c.start);
    return out;
  }

  /** Where the contiguous run of bytes holding position ends: reads cannot return bytes past it. */
  contiguousEnd(position: number): number {
    const chunk = this.locate(position);
    return chunk ? chunk.start + chunk.used : this.size;
  }

  /** A zero-copy view of [position, position + length), which must lie within one chunk. */
  slice(position: number, length: number): Uint8Array {
    const chunk = this.locate(position);
    if (!chunk || length === 0) return new Uint8Array(0);
    const local = position - chunk.start;
    if (local + length > chunk.used) throw new RangeError(`slice [${position}, ${position + length}) crosses a chunk boundary`);
    return chunk.buf.subarray(local, local + length);
  }

  /** Size of the batch at position, or -1 (torn / end of file) or -2 (impossible Length); see batchSizeAt. */
  batchSizeAt(position: number): number {
    const chunk = this.locate(position);
    return chunk ? batchSizeAt(chunk.buf, position - chunk.start, chunk.used) : -1;
  }

  /** LOG_OVERHEAD + the Length field of the batch at position, or -1 if fewer than 12 bytes remain. */
  declaredBatchSize(position: number): number {
    const chunk = this.locate(position);
    const local = chunk ? position - chunk.start : 0;
    if (!chunk || chunk.used - local < LOG_OVERHEAD) return -1;
    return LOG_OVERHEAD + getInt32(chunk.buf, local + LENGTH_OFFSET);
  }

  /** A view of the batch at position (its `position` field is local to the chunk array). */
  view(position: number): RecordBatchView {
    const chunk = this.locate(position);
    if (!chunk) throw new RangeError(`no batch at position ${position} (size ${this.size})`);
    return new RecordBatchView(chunk.buf, position - chunk.start);
  }

  baseOffsetAt(position: number): number {
    const chunk = this.locate(position)!;
    return baseOffsetAt(chunk.buf, position - chunk.start);
  }

  lastOffsetAt(position: number): number {
    const chunk = this.locate(position)!;
    return lastOffsetAt(chunk.buf, position - chunk.start);
  }

  maxTimestampAt(position: number): number {
    const chunk = this.locate(position)!;
    return maxTimestampAt(chunk.buf, position - chunk.start);
  }

  /** First batch at or after startingPosition whose last offset is >= targetOffset (searchForOffsetWithSize). */
  searchForOffset(targetOffset: number, startingPosition: number): LogOffsetPosition | undefined {
    for (let pos = startingPosition; ; ) {
      const size = this.batchSizeAt(pos);
      if (size < 0) return undefined;
      const last = this.lastOffsetAt(pos);
      if (last >= targetOffset) return { offset: last, position: pos, size };
      pos += size;
    }
  }

  /** First record at or after startingPosition with timestamp >= target and offset >= startingOffset. */
  searchForTimestamp(targetTimestamp: number, startingPosition: number, startingOffset: number): TimestampAndOffset | undefined {
    for (let pos = startingPosition; ; ) {
      const size = this.batchSizeAt(pos);
      if (size < 0) return undefined;
      if (this.maxTimestampAt(pos) >= targetTimestamp) {
        const batch = this.view(pos);
        const record = batch.records().find((r) => r.timestampMs >= targetTimestamp && r.offset >= startingOffset);
        if (record) {
          const epoch = batch.partitionLeaderEpoch;
          const found = { timestampMs: record.timestampMs, offset: record.offset };
          return epoch >= 0 ? { ...found, leaderEpoch: epoch } : found;
        }
      }
      pos += size;
    }
  }
}
