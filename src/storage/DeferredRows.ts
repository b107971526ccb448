import type { SegmentRef } from './OpBuffer';
import { segmentKey } from './OpBuffer';
import type { SegmentIndexes, WriteTx } from './schema';

interface HeldRows {
  seg: SegmentRef;
  chunks: Map<number, Uint8Array>;
  indexes?: SegmentIndexes;
}

/**
 * A flush's writes of a segment's own rows (.log chunks, the index row), held back to the end
 * of the flush. At high speed a small segment is often appended to, rolled and packed within
 * one flush: held back, its bytes are written once (in the pack) instead of as chunk rows that
 * the same transaction then deletes. Anything that reads or deletes a segment's rows first
 * issues (`issue`) or forgets (`drop`) what is held for it, so the order of requests on one key
 * is the order of the ops.
 */
export class DeferredRows {
  private readonly held = new Map<string, HeldRows>();

  constructor(
    private readonly tx: WriteTx,
    private readonly requests: Promise<unknown>[],
  ) {}

  putChunk(seg: SegmentRef, position: number, bytes: Uint8Array): void {
    this.of(seg).chunks.set(position, bytes);
  }

  putIndexes(seg: SegmentRef, row: SegmentIndexes): void {
    this.of(seg).indexes = row;
  }

  /** The index row this flush has written for the segment, if any. */
  indexesOf(seg: SegmentRef): SegmentIndexes | undefined {
    return this.held.get(segmentKey(seg))?.indexes;
  }

  /** Writes what is held for the segment now: its rows are about to be read or partly deleted. */
  issue(seg: SegmentRef): void {
    const key = segmentKey(seg);
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    this.write(held);
  }

  /** Forgets what is held for the segment: it is deleted or packed. */
  drop(seg: SegmentRef): void {
    this.held.delete(segmentKey(seg));
  }

  dropDir(broker: number, dir: string): void {
    for (const [key, held] of this.held) if (held.seg.broker === broker && held.seg.dir === dir) this.held.delete(key);
  }

  issueAll(): void {
    for (const held of this.held.values()) this.write(held);
    this.held.clear();
  }

  private write({ seg, chunks, indexes }: HeldRows): void {
    const { broker, dir, baseOffset } = seg;
    const segments = this.tx.objectStore('segments');
    for (const [position, bytes] of chunks) this.requests.push(segments.put(bytes, [broker, dir, baseOffset, position]));
    if (indexes) this.requests.push(this.tx.objectStore('indexes').put(indexes, [broker, dir, baseOffset]));
  }

  private of(seg: SegmentRef): HeldRows {
    const key = segmentKey(seg);
    let held = this.held.get(key);
    if (!held) {
      held = { seg: { broker: seg.broker, dir: seg.dir, baseOffset: seg.baseOffset }, chunks: new Map() };
      this.held.set(key, held);
    }
    return held;
  }
}
