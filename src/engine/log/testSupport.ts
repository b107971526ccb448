/**
 * Helpers for the log layer's tests (not used by the engine): batch factories and an in-memory "disk"
 * that applies LogSinkOps, so tests can check that the sink stream alone reproduces the log.
 */
import { encodeRecordBatch } from '../record/RecordBatchBuilder';
import type { BatchOptions, SimpleRecord } from '../record/types';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './LogConfig';
import type { LogSink, LogSinkOp, StoredSegment } from './LogTypes';

export function testConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides };
}

/** A batch of `count` records whose total size is exactly `batchBytes` when count is 1 and value fits. */
export function batchOf(count: number, valueBytes: number, timestampMs: number, options: BatchOptions = {}): Uint8Array {
  const records: SimpleRecord[] = [];
  for (let i = 0; i < count; i++) records.push({ timestampMs: timestampMs + i, key: null, value: new Uint8Array(valueBytes).fill(i + 1) });
  return encodeRecordBatch(records, options);
}

/** One record per batch, value sized so the batch is exactly 1000 bytes. */
export function kiloBatch(timestampMs: number, options: BatchOptions = {}): Uint8Array {
  const b = batchOf(1, 930, timestampMs, options);
  if (b.length !== 1000) throw new Error(`expected a 1000-byte batch, got ${b.length}`);
  return b;
}

interface DiskFile {
  log: Uint8Array;
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

export class FakeDisk implements LogSink {
  readonly files = new Map<number, DiskFile>();
  readonly ops: LogSinkOp[] = [];

  /** A disk that already holds these files (what a broker finds at startup). */
  static holding(segments: readonly StoredSegment[]): FakeDisk {
    const disk = new FakeDisk();
    for (const s of segments) {
      disk.files.set(s.baseOffset, {
        log: s.log.slice(),
        ...(s.offsetIndex ? { offsetIndex: s.offsetIndex.slice() } : {}),
        ...(s.timeIndex ? { timeIndex: s.timeIndex.slice() } : {}),
      });
    }
    return disk;
  }

  submit(op: LogSinkOp): void {
    this.ops.push(op);
    const file = this.files.get(op.baseOffset);
    switch (op.type) {
      case 'createSegment':
        this.files.set(op.baseOffset, { log: new Uint8Array(0) });
        return;
      case 'deleteSegment':
        this.files.delete(op.baseOffset);
        return;
      case 'append': {
        if (!file) throw new Error(`append to missing segment ${op.baseOffset}`);
        if (op.position !== file.log.length) throw new Error(`append at ${op.position} but file has ${file.log.length} bytes`);
        const next = new Uint8Array(file.log.length + op.bytes.length);
        next.set(file.log);
        next.set(op.bytes, file.log.length);
        file.log = next;
        return;
      }
      case 'truncate':
        if (!file) throw new Error(`truncate of missing segment ${op.baseOffset}`);
        file.log = file.log.slice(0, op.sizeBytes);
        return;
      case 'indexes':
        if (!file) throw new Error(`indexes of missing segment ${op.baseOffset}`);
        file.offsetIndex = op.offsetIndex.slice();
        file.timeIndex = op.timeIndex.slice();
        return;
    }
  }

  /** The files as StoredSegments (indexes never written count as missing unless emptyIndexesPresent). */
  stored(emptyIndexesPresent = true): StoredSegment[] {
    return [...this.files.entries()].map(([baseOffset, f]) => ({
      baseOffset,
      log: f.log.slice(),
      ...(f.offsetIndex ? { offsetIndex: f.offsetIndex.slice() } : emptyIndexesPresent ? { offsetIndex: new Uint8Array(0) } : {}),
      ...(f.timeIndex ? { timeIndex: f.timeIndex.slice() } : emptyIndexesPresent ? { timeIndex: new Uint8Array(0) } : {}),
    }));
  }
}
