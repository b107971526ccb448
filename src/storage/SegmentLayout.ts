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
  /** The id of the pack row holding this closed segment (see SegmentPacks); absent while it has its own rows. */
  pack?: number;
  /** Closed, and found too large (or split) to pack: not looked at again until its state changes. */
  unpackable?: true;
}

export const ABSENT_SEGMENT: SegmentState = { exists: false, sizeBytes: 0, tail: null };

interface DirSegments {
  /** True when every segment of the dir is known: a missing entry means no such segment. */
  complete: boolean;
  segments: Map<number, SegmentState>;
  /** Existing segments with their own rows (not packed): the candidates for packing. */
  loose: Set<number>;
  /** Pack id → the bytes it holds. Complete when `packsKnown`. */
  packs: Map<number, number>;
  packsKnown: boolean;
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
    const dir = this.dirOf(seg.broker, seg.dir);
    dir.segments.set(seg.baseOffset, state);
    if (state.exists && state.pack === undefined) dir.loose.add(seg.baseOffset);
    else dir.loose.delete(seg.baseOffset);
  }

  /** Base offsets of the dir's existing segments that have their own rows. */
  looseSegments(broker: number, dir: string): ReadonlySet<number> {
    return this.dirs.get(dirKey(broker, dir))?.loose ?? EMPTY;
  }

  /** The dir's packs (id → bytes), or null while the database may hold packs this layout has not read. */
  packs(broker: number, dir: string): ReadonlyMap<number, number> | null {
    const d = this.dirs.get(dirKey(broker, dir));
    if (d) return d.packsKnown ? d.packs : null;
    return this.complete ? EMPTY_PACKS : null;
  }

  /** Records a pack's size (null: the pack is gone). */
  setPack(broker: number, dir: string, id: number, bytes: number | null): void {
    const d = this.dirOf(broker, dir);
    if (bytes === null) d.packs.delete(id);
    else d.packs.set(id, bytes);
  }

  /** Every pack of the dir has been read (or recorded with setPack). */
  markPacksKnown(broker: number, dir: string): void {
    this.dirOf(broker, dir).packsKnown = true;
  }

  /** The partition dir is gone with all its segments. */
  deleteDir(broker: number, dir: string): void {
    const key = dirKey(broker, dir);
    this.dirRows.delete(key);
    this.dirs.set(key, emptyDir(true));
  }

  private dirOf(broker: number, dir: string): DirSegments {
    const key = dirKey(broker, dir);
    let d = this.dirs.get(key);
    if (!d) {
      d = emptyDir(this.complete);
      this.dirs.set(key, d);
    }
    return d;
  }

  clone(): SegmentLayout {
    const copy = new SegmentLayout();
    copy.complete = this.complete;
    for (const b of this.brokers) copy.brokers.add(b);
    for (const d of this.dirRows) copy.dirRows.add(d);
    // States are replaced, never mutated, so sharing them is safe.
    for (const [key, dir] of this.dirs) {
      copy.dirs.set(key, {
        complete: dir.complete,
        segments: new Map(dir.segments),
        loose: new Set(dir.loose),
        packs: new Map(dir.packs),
        packsKnown: dir.packsKnown,
      });
    }
    return copy;
  }
}

const EMPTY: ReadonlySet<number> = new Set();
const EMPTY_PACKS: ReadonlyMap<number, number> = new Map();

function emptyDir(complete: boolean): DirSegments {
  return { complete, segments: new Map(), loose: new Set(), packs: new Map(), packsKnown: complete };
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
