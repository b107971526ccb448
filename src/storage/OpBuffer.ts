import type { StorageOp } from '../engine/storage/StoragePort';

export interface SegmentRef {
  broker: number;
  dir: string;
  baseOffset: number;
}

/** Contiguous bytes appended to one segment, gathered from consecutive `append` ops. */
export interface RunAction {
  kind: 'run';
  seg: SegmentRef;
  position: number;
  parts: Uint8Array[];
  sizeBytes: number;
}

export interface IndexesAction {
  kind: 'indexes';
  seg: SegmentRef;
  offsetIndex: Uint8Array;
  timeIndex: Uint8Array;
}

export type BufferedAction =
  | RunAction
  | IndexesAction
  | { kind: 'truncate'; seg: SegmentRef; sizeBytes: number }
  | { kind: 'createSegment'; seg: SegmentRef }
  | { kind: 'deleteSegment'; seg: SegmentRef }
  | { kind: 'deleteDir'; broker: number; dir: string }
  | { kind: 'file'; broker: number; path: string; contents: string | null }
  | { kind: 'znode'; path: string; data: string | null }
  | { kind: 'meta'; name: string; value: unknown };

/** What one flush takes over: the actions in submit order and what they stand for. */
export interface DrainedOps {
  actions: BufferedAction[];
  ops: number;
  bytes: number;
}

export function segmentKey(seg: SegmentRef): string {
  return `${seg.broker}\u0000${seg.dir}\u0000${seg.baseOffset}`;
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
      case 'truncate':
        this.closeSegment(op);
        this.actions.push({ kind: 'truncate', seg: ref(op), sizeBytes: op.sizeBytes });
        return;
      case 'indexes':
        return this.indexes(op, op.offsetIndex, op.timeIndex);
      case 'createSegment':
        this.actions.push({ kind: 'createSegment', seg: ref(op) });
        return;
      case 'deleteSegment':
        this.closeSegment(op);
        this.openIndexes.delete(segmentKey(op));
        this.actions.push({ kind: 'deleteSegment', seg: ref(op) });
        return;
      case 'deleteDir':
        this.closeDir(op.broker, op.dir);
        this.actions.push({ kind: 'deleteDir', broker: op.broker, dir: op.dir });
        return;
      case 'file':
        this.bytes += op.contents?.length ?? 0;
        this.actions.push({ kind: 'file', broker: op.broker, path: op.path, contents: op.contents });
        return;
      case 'znode':
        this.bytes += op.data?.length ?? 0;
        this.actions.push({ kind: 'znode', path: op.path, data: op.data });
        return;
    }
  }

  setMeta(name: string, value: unknown): void {
    this.ops += 1;
    this.actions.push({ kind: 'meta', name, value });
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
    const copy = bytes.slice();
    this.bytes += copy.byteLength;
    const key = segmentKey(seg);
    const run = this.openRuns.get(key);
    if (run && run.position + run.sizeBytes === position) {
      run.parts.push(copy);
      run.sizeBytes += copy.byteLength;
      return;
    }
    const next: RunAction = { kind: 'run', seg: ref(seg), position, parts: [copy], sizeBytes: copy.byteLength };
    this.openRuns.set(key, next);
    this.actions.push(next);
  }

  private indexes(seg: SegmentRef, offsetIndex: Uint8Array, timeIndex: Uint8Array): void {
    const key = segmentKey(seg);
    const previous = this.openIndexes.get(key);
    this.bytes += offsetIndex.byteLength + timeIndex.byteLength;
    if (previous) {
      // Last write wins: nothing between the two touched this segment's index row.
      this.bytes -= previous.offsetIndex.byteLength + previous.timeIndex.byteLength;
      previous.offsetIndex = offsetIndex.slice();
      previous.timeIndex = timeIndex.slice();
      return;
    }
    const action: IndexesAction = { kind: 'indexes', seg: ref(seg), offsetIndex: offsetIndex.slice(), timeIndex: timeIndex.slice() };
    this.openIndexes.set(key, action);
    this.actions.push(action);
  }

  private closeSegment(seg: SegmentRef): void {
    this.openRuns.delete(segmentKey(seg));
  }

  private closeDir(broker: number, dir: string): void {
    for (const map of [this.openRuns, this.openIndexes] as Map<string, { seg: SegmentRef }>[]) {
      for (const [key, action] of map) if (action.seg.broker === broker && action.seg.dir === dir) map.delete(key);
    }
  }
}

function ref(seg: SegmentRef): SegmentRef {
  return { broker: seg.broker, dir: seg.dir, baseOffset: seg.baseOffset };
}
