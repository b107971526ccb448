import type { StorageOp } from '../engine/storage/StoragePort';

export interface SegmentRef {
  broker: number;
  dir: string;
  baseOffset: number;
}

/** Contiguous bytes appended to one segment, gathered from consecutive `append` ops. */
export interface RunAction extends SegmentRef {
  type: 'run';
  position: number;
  parts: Uint8Array[];
  sizeBytes: number;
}

export type IndexesAction = Extract<StorageOp, { type: 'indexes' }>;

/**
 * What a flush writes: the submitted ops themselves (StorageOp, declared once), except that appends are
 * gathered into runs, plus lab meta rows.
 */
export type BufferedAction = RunAction | Exclude<StorageOp, { type: 'append' }> | { type: 'meta'; name: string; value: unknown };

/** What one flush takes over: the actions in submit order and what they stand for. */
export interface DrainedOps {
  actions: BufferedAction[];
  ops: number;
  bytes: number;
}

export function segmentKey(seg: SegmentRef): string {
  return `${seg.broker}\u0000${seg.dir}\u0000${seg.baseOffset}`;
}

/** Appended bytes are copied into shared blocks of this size (or one block per larger append). */
export const ARENA_BLOCK_BYTES = 64 * 1024;

/**
 * Copies of appended bytes, packed into large blocks. A copy per append (`slice()`) allocated
 * an ArrayBuffer for every produced batch: at 100× that was the storage path's largest cost and
 * a steady source of garbage-collection pauses. The copies are views into a block; the flush
 * copies them again into standalone chunks (packChunks), so no view is ever stored as is.
 */
export class ByteArena {
  private block = new Uint8Array(0);
  private used = 0;

  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.byteLength;
    if (this.used + n > this.block.byteLength) {
      this.block = new Uint8Array(Math.max(ARENA_BLOCK_BYTES, n));
      this.used = 0;
    }
    this.block.set(bytes, this.used);
    const view = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

/**
 * Buffers storage ops between flushes. Submitting must stay cheap (the engine calls it from
 * its step), so the planning happens here, incrementally: appends that continue where the
 * previous one on that segment ended join one run, and a segment's index files are kept only
 * in their latest version. Actions on different keys may be written in any order inside the
 * flush's single transaction; only per-segment order is kept, and every op that changes a
 * segment's bytes or existence closes its open run.
 */
export class OpBuffer {
  private actions: BufferedAction[] = [];
  private ops = 0;
  private bytes = 0;
  private readonly openRuns = new Map<string, RunAction>();
  private readonly openIndexes = new Map<string, IndexesAction>();
  private readonly arena = new ByteArena();

  get pendingOps(): number {
    return this.ops;
  }

  get pendingBytes(): number {
    return this.bytes;
  }

  add(op: StorageOp): void {
    this.ops += 1;
    switch (op.type) {
      case 'append':
        return this.append(op, op.position, op.bytes);
      case 'indexes':
        return this.indexes(op);
      case 'truncate':
      case 'deleteSegment':
        this.closeSegment(op);
        if (op.type === 'deleteSegment') this.openIndexes.delete(segmentKey(op));
        break;
      case 'deleteDir':
        this.closeDir(op.broker, op.dir);
        break;
      case 'file':
        this.bytes += op.contents?.length ?? 0;
        break;
      case 'znode':
        this.bytes += op.data?.length ?? 0;
        break;
    }
    this.actions.push(op);
  }

  setMeta(name: string, value: unknown): void {
    this.ops += 1;
    this.actions.push({ type: 'meta', name, value });
  }

  /** Hands everything buffered to a flush and starts empty. */
  drain(): DrainedOps {
    const drained = { actions: this.actions, ops: this.ops, bytes: this.bytes };
    this.actions = [];
    this.ops = 0;
    this.bytes = 0;
    this.openRuns.clear();
    this.openIndexes.clear();
    return drained;
  }

  /** Puts a failed flush's actions back ahead of everything submitted since, for a retry. */
  restore(drained: DrainedOps): void {
    this.actions = drained.actions.concat(this.actions);
    this.ops += drained.ops;
    this.bytes += drained.bytes;
  }

  private append(seg: SegmentRef, position: number, bytes: Uint8Array): void {
    // Copied because the engine may reuse its buffer before the flush; MemoryStorage copies too.
    const copy = this.arena.copy(bytes);
    this.bytes += copy.byteLength;
    const key = segmentKey(seg);
    const run = this.openRuns.get(key);
    if (run && run.position + run.sizeBytes === position) {
      run.parts.push(copy);
      run.sizeBytes += copy.byteLength;
      return;
    }
    const next: RunAction = { type: 'run', broker: seg.broker, dir: seg.dir, baseOffset: seg.baseOffset, position, parts: [copy], sizeBytes: copy.byteLength };
    this.openRuns.set(key, next);
    this.actions.push(next);
  }

  private indexes(op: IndexesAction): void {
    const key = segmentKey(op);
    const previous = this.openIndexes.get(key);
    this.bytes += op.offsetIndex.byteLength + op.timeIndex.byteLength;
    const offsetIndex = op.offsetIndex.slice();
    const timeIndex = op.timeIndex.slice();
    if (previous) {
      // Last write wins: nothing between the two touched this segment's index row.
      this.bytes -= previous.offsetIndex.byteLength + previous.timeIndex.byteLength;
      previous.offsetIndex = offsetIndex;
      previous.timeIndex = timeIndex;
      return;
    }
    const action: IndexesAction = { type: 'indexes', broker: op.broker, dir: op.dir, baseOffset: op.baseOffset, offsetIndex, timeIndex };
    this.openIndexes.set(key, action);
    this.actions.push(action);
  }

  private closeSegment(seg: SegmentRef): void {
    this.openRuns.delete(segmentKey(seg));
  }

  private closeDir(broker: number, dir: string): void {
    for (const map of [this.openRuns, this.openIndexes] as Map<string, SegmentRef>[]) {
      for (const [key, action] of map) if (action.broker === broker && action.dir === dir) map.delete(key);
    }
  }
}
