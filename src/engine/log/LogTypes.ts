/** The log layer's ports and results: what it tells storage (LogSink), people (LogEventSink) and callers. */
import type { EpochEntry } from './LeaderEpochCache';

/**
 * One durable change, for a storage adapter to persist. Byte arrays are views the log never rewrites,
 * so they may be kept without copying. For 'indexes', the latest op for a segment supersedes earlier ones.
 */
export type LogSinkOp =
  | { type: 'append'; dir: string; baseOffset: number; position: number; bytes: Uint8Array }
  | { type: 'truncate'; dir: string; baseOffset: number; sizeBytes: number }
  | { type: 'indexes'; dir: string; baseOffset: number; offsetIndex: Uint8Array; timeIndex: Uint8Array }
  | { type: 'createSegment'; dir: string; baseOffset: number }
  | { type: 'deleteSegment'; dir: string; baseOffset: number; reason: 'retention' | 'truncation' | 'recovery' | 'cleaning' };

export interface LogSink {
  submit(op: LogSinkOp): void;
}

/** Plain-English descriptions of state changes, e.g. "rolled new segment 00000000000000000120.log (...)". */
export interface LogEventSink {
  (text: string): void;
}

export interface StoredSegment {
  baseOffset: number;
  log: Uint8Array;
  /** undefined = the file is missing (it will be rebuilt). */
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

export interface RecoveryReport {
  /** Clean shutdown: Kafka skipped recovery (the lab still checks every batch, see checkTrusted). */
  skipped: boolean;
  segmentsRecovered: number;
  batchesValidated: number;
  /** The log end offset after cutting at the first invalid batch, if one was found. */
  truncatedAtOffset?: number;
  truncatedBytes: number;
  segmentsDeleted: number;
  /** Segments whose .index/.timeindex were rebuilt (recovered, missing or corrupt). */
  indexesRebuilt: number;
  messages: string[];
}

export interface LogAppendInfo {
  /** Offset of the first record appended, -1 when nothing was. */
  firstOffset: number;
  lastOffset: number;
  numRecords: number;
  /** Largest timestamp appended (the append time under LogAppendTime), -1 without timestamps. */
  maxTimestamp: number;
  /** Last offset of the batch holding maxTimestamp (Kafka's shallowOffsetOfMaxTimestamp). */
  offsetOfMaxTimestamp: number;
  /** The broker time stamped into the batches under LogAppendTime, else -1. */
  logAppendTimeMs: number;
  /** Bytes of whole, valid batches appended. */
  validBytes: number;
  /** Base offset of the segment this append rolled to, when it rolled one. */
  rolledSegment?: number;
}

export function emptyAppendInfo(): LogAppendInfo {
  return { firstOffset: -1, lastOffset: -1, numRecords: 0, maxTimestamp: -1, offsetOfMaxTimestamp: -1, logAppendTimeMs: -1, validBytes: 0 };
}

export interface LogReadResult {
  /** Whole batches, a zero-copy view; empty when nothing is readable. */
  records: Uint8Array;
  /** Base offset of the first batch returned (it may start before the requested offset); the requested offset when empty. */
  firstOffset: number;
}

export interface UnifiedLogOptions {
  topic: string;
  partition: number;
  config: import('./LogConfig').LogConfig;
  nowMs: number;
  sink?: LogSink;
  onEvent?: LogEventSink;
  logStartOffset?: number;
  /** Seeded randomness for segment.jitter.ms (e.g. the kernel's Random); a hash of the segment is used without it. */
  random?: { nextUint32(): number };
}

export interface UnifiedLogLoadOptions extends UnifiedLogOptions {
  segments: StoredSegment[];
  recoveryPoint: number;
  logStartOffset: number;
  highWatermark: number;
  cleanShutdown: boolean;
  /** The leader-epoch-checkpoint, when persisted; otherwise the cache is rebuilt from batch epochs. */
  leaderEpochCheckpoint?: EpochEntry[];
  /** The log cleaner has cleaned it (it is in cleaner-offset-checkpoint): its offsets may have gaps. */
  compacted?: boolean;
}
