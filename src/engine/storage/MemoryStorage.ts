import type { StorageOp, StorageSink, StoredCluster, StoredLogDir, StoredSegmentFiles } from './StoragePort';

/**
 * In-memory implementation of the storage port. Node tests and the headless runner use it
 * to restart a cluster from "disk"; it applies operations exactly as a durable adapter must.
 */
export class MemoryStorage implements StorageSink {
  readonly state: StoredCluster = { znodes: new Map(), logDirs: new Map() };

  submit(op: StorageOp): void {
    applyStorageOp(this.state, op);
  }

  /** A deep copy, as a fresh process would read it back. */
  load(): StoredCluster {
    return cloneCluster(this.state);
  }
}

export function applyStorageOp(state: StoredCluster, op: StorageOp): void {
  if (op.type === 'znode') {
    if (op.data === null) state.znodes.delete(op.path);
    else state.znodes.set(op.path, op.data);
    return;
  }
  const dir = logDir(state, op.broker);
  switch (op.type) {
    case 'file':
      if (op.contents === null) dir.files.delete(op.path);
      else dir.files.set(op.path, op.contents);
      return;
    case 'deleteDir':
      dir.partitions.delete(op.dir);
      // Files inside the partition directory (leader-epoch-checkpoint) go with it.
      for (const path of [...dir.files.keys()]) if (path.startsWith(`${op.dir}/`)) dir.files.delete(path);
      return;
    case 'createSegment':
      segment(dir, op.dir, op.baseOffset);
      return;
    case 'deleteSegment': {
      const segments = dir.partitions.get(op.dir);
      if (segments) dir.partitions.set(op.dir, segments.filter((s) => s.baseOffset !== op.baseOffset));
      return;
    }
    case 'append': {
      const seg = segment(dir, op.dir, op.baseOffset);
      const next = new Uint8Array(op.position + op.bytes.byteLength);
      next.set(seg.log.subarray(0, op.position));
      next.set(op.bytes, op.position);
      seg.log = next;
      return;
    }
    case 'truncate': {
      const seg = segment(dir, op.dir, op.baseOffset);
      seg.log = seg.log.slice(0, op.sizeBytes);
      return;
    }
    case 'indexes': {
      const seg = segment(dir, op.dir, op.baseOffset);
      seg.offsetIndex = op.offsetIndex.slice();
      seg.timeIndex = op.timeIndex.slice();
      return;
    }
  }
}

function logDir(state: StoredCluster, broker: number): StoredLogDir {
  let dir = state.logDirs.get(broker);
  if (!dir) {
    dir = { brokerId: broker, files: new Map(), partitions: new Map() };
    state.logDirs.set(broker, dir);
  }
  return dir;
}

function segment(dir: StoredLogDir, partitionDir: string, baseOffset: number): StoredSegmentFiles {
  let segments = dir.partitions.get(partitionDir);
  if (!segments) {
    segments = [];
    dir.partitions.set(partitionDir, segments);
  }
  let seg = segments.find((s) => s.baseOffset === baseOffset);
  if (!seg) {
    seg = { baseOffset, log: new Uint8Array(0) };
    segments.push(seg);
    segments.sort((a, b) => a.baseOffset - b.baseOffset);
  }
  return seg;
}

export function cloneCluster(state: StoredCluster): StoredCluster {
  const logDirs = new Map<number, StoredLogDir>();
  for (const [id, dir] of state.logDirs) {
    const partitions = new Map<string, StoredSegmentFiles[]>();
    for (const [name, segments] of dir.partitions) {
      partitions.set(
        name,
        segments.map((s) => ({
          baseOffset: s.baseOffset,
          log: s.log.slice(),
          ...(s.offsetIndex ? { offsetIndex: s.offsetIndex.slice() } : {}),
          ...(s.timeIndex ? { timeIndex: s.timeIndex.slice() } : {}),
        })),
      );
    }
    logDirs.set(id, { brokerId: id, files: new Map(dir.files), partitions });
  }
  return { znodes: new Map(state.znodes), logDirs };
}
