import type { SegmentRef } from './OpBuffer';

/** One stored piece of a .log file: its first byte's position and its bytes. */
export interface Chunk {
  position: number;
  bytes: Uint8Array;
}

/**
 * What is stored for one segment. Chunks are kept contiguous from position 0 (gaps are written
 * as zeros), so `tail` is always the last chunk and ends at `sizeBytes`; null when empty.
 */
export interface SegmentState {
  exists: boolean;
  sizeBytes: number;
  tail: Chunk | null;
}

export const ABSENT_SEGMENT: SegmentState = { exists: false, sizeBytes: 0, tail: null };

interface DirSegments {
  /** True when every segment of the dir is known: a missing entry means no such segment. */
  complete: boolean;
  segments: Map<number, SegmentState>;
}

/**
 * The store's knowledge of what the database holds, so a flush can append at a segment's end
 * without reading it first. Built up by flushes and load(); a flush works on a clone and
 * keeps it only if its transaction commits, so an aborted flush leaves this untouched.
 * Segments not known yet are read inside the flush's transaction.
 */
export class SegmentLayout {
  /** Everything in the database is known (after load()): a missing entry means absent. */
  complete = false;
  readonly brokers = new Set<number>();
  readonly dirRows = new Set<string>();
  private readonly dirs = new Map<string, DirSegments>();

  /** Undefined when the segment must be read from the database. */
  get(seg: SegmentRef): SegmentState | undefined {
    const dir = this.dirs.get(dirKey(seg.broker, seg.dir));
    const state = dir?.segments.get(seg.baseOffset);
    if (state) return state;
    return this.complete || dir?.complete ? ABSENT_SEGMENT : undefined;
  }

  set(seg: SegmentRef, state: SegmentState): void {
    const key = dirKey(seg.broker, seg.dir);
    let dir = this.dirs.get(key);
    if (!dir) {
      dir = { complete: this.complete, segments: new Map() };
      this.dirs.set(key, dir);
    }
    dir.segments.set(seg.baseOffset, state);
  }

  /** The partition dir is gone with all its segments. */
  deleteDir(broker: number, dir: string): void {
    const key = dirKey(broker, dir);
    this.dirRows.delete(key);
    this.dirs.set(key, { complete: true, segments: new Map() });
  }

  clone(): SegmentLayout {
    const copy = new SegmentLayout();
    copy.complete = this.complete;
    for (const b of this.brokers) copy.brokers.add(b);
    for (const d of this.dirRows) copy.dirRows.add(d);
    // States are replaced, never mutated, so sharing them is safe.
    for (const [key, dir] of this.dirs) copy.dirs.set(key, { complete: dir.complete, segments: new Map(dir.segments) });
    return copy;
  }
}

export function dirKey(broker: number, dir: string): string {
  return `${broker}\u0000${dir}`;
}

/** Copies `parts` into standalone chunks of at most `maxChunkBytes` (a view would store its whole buffer). */
export function packChunks(parts: Uint8Array[], totalBytes: number, maxChunkBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let chunk = new Uint8Array(Math.min(maxChunkBytes, totalBytes));
  let filled = 0;
  let remaining = totalBytes;
  for (const part of parts) {
    let from = 0;
    while (from < part.byteLength) {
      if (chunk.byteLength === 0) throw new RangeError(`parts hold more than totalBytes (${totalBytes})`);
      const n = Math.min(part.byteLength - from, chunk.byteLength - filled);
      chunk.set(part.subarray(from, from + n), filled);
      filled += n;
      from += n;
      if (filled === chunk.byteLength) {
        chunks.push(chunk);
        remaining -= filled;
        chunk = new Uint8Array(Math.min(maxChunkBytes, remaining));
        filled = 0;
      }
    }
  }
  return chunks;
}
