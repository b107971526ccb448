/**
 * Reads the records of a small window of a partition's log for display (the partition log strip's
 * keys, values, headers and batch details). Snapshots carry no record contents: views ask for just
 * the offsets on screen, when they need them.
 */
import type { LogSegment, UnifiedLog } from '../log';
import { floorSegmentIndex } from '../log/LogReads';
import { RecordCursor } from '../record/RecordCursor';
import type { RecordBatchView } from '../record/RecordBatchView';
import { decodeUtf8 } from '../util/utf8';

/** Longest key / value text handed to a view; the byte sizes are always exact. */
export const MAX_KEY_CHARS = 20_000;
export const MAX_VALUE_CHARS = 4_000;
/** Upper bound for one read: a strip never shows more cells than this. */
export const MAX_RECORDS_PER_READ = 1_000;

export interface BatchDetail {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly recordCount: number;
  readonly compression: string;
  readonly timestampType: 'CreateTime' | 'LogAppendTime';
  readonly maxTimestampMs: number;
  readonly partitionLeaderEpoch: number;
  /** -1 (RecordBatch.NO_PRODUCER_ID) when the producer is not idempotent. */
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  /** Byte position in the segment file and the batch's size on disk. */
  readonly position: number;
  readonly sizeBytes: number;
  /** "00000000000000000012.log" */
  readonly segment: string;
}

export interface RecordDetail {
  readonly offset: number;
  readonly timestampMs: number;
  /** StringDeserializer's view of the key (at most MAX_KEY_CHARS), or null for a keyless record. */
  readonly key: string | null;
  /** Serialized key size; -1 for a null key. */
  readonly keySizeBytes: number;
  /** FNV-1a of the key bytes: the same bytes always give the same number (for stable colours). */
  readonly keyHash: number;
  readonly value: string | null;
  readonly valueSizeBytes: number;
  readonly headers: readonly { readonly key: string; readonly value: string | null }[];
  readonly batch: BatchDetail;
}

/** Records with offsets in [fromOffset, fromOffset + count), clipped to the log; oldest first. */
/** Names a record's key from its bytes (the __consumer_offsets structs), or null for the UTF-8 text. */
export type KeyNamer = (key: Uint8Array) => string | null;

export function readRecordWindow(log: UnifiedLog, fromOffset: number, count: number, nameKey?: KeyNamer): RecordDetail[] {
  const from = Math.max(log.logStartOffset, Math.floor(fromOffset));
  const until = Math.min(log.logEndOffset, from + Math.min(MAX_RECORDS_PER_READ, Math.max(0, Math.floor(count))));
  const out: RecordDetail[] = [];
  if (from >= until) return out;
  const segments = log.segments;
  const cursor = new RecordCursor();
  for (let i = Math.max(0, floorSegmentIndex(segments, from)); i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.baseOffset >= until) break;
    if (!readSegment(segment, from, until, cursor, out, nameKey)) break;
  }
  return out;
}

/** Appends the segment's records in [from, until); false once `until` is reached. */
function readSegment(segment: LogSegment, from: number, until: number, cursor: RecordCursor, out: RecordDetail[], nameKey?: KeyNamer): boolean {
  const start = segment.translateOffset(from);
  if (!start) return true;
  for (let pos = start.position; ; ) {
    const size = segment.log.batchSizeAt(pos);
    if (size < 0) return true;
    const view = segment.log.view(pos);
    if (view.baseOffset >= until) return false;
    if (view.lastOffset >= from) {
      const batch = batchDetail(view, pos, size, segment.fileName);
      try {
        view.recordCursor(cursor);
        while (cursor.next()) {
          if (cursor.offset >= until) return false;
          if (cursor.offset >= from) out.push(recordDetail(cursor, batch, nameKey));
        }
      } catch {
        // A damaged batch (recovery reports it): show the records read so far, skip the rest.
      }
    }
    pos += size;
  }
}

function batchDetail(view: RecordBatchView, position: number, sizeBytes: number, segment: string): BatchDetail {
  return {
    baseOffset: view.baseOffset,
    lastOffset: view.lastOffset,
    recordCount: view.recordCount,
    compression: view.compression,
    timestampType: view.timestampType,
    maxTimestampMs: view.maxTimestamp,
    partitionLeaderEpoch: view.partitionLeaderEpoch,
    producerId: view.producerId,
    producerEpoch: view.producerEpoch,
    baseSequence: view.baseSequence,
    isTransactional: view.isTransactional,
    isControl: view.isControl,
    position,
    sizeBytes,
    segment,
  };
}

function recordDetail(c: RecordCursor, batch: BatchDetail, nameKey?: KeyNamer): RecordDetail {
  const bytes = c.bytes;
  const named = nameKey && c.keyLength >= 0 ? nameKey(bytes.subarray(c.keyStart, c.keyStart + c.keyLength)) : null;
  return {
    offset: c.offset,
    timestampMs: c.timestampMs,
    key: named ?? (c.keyLength < 0 ? null : text(bytes, c.keyStart, c.keyLength, MAX_KEY_CHARS)),
    keySizeBytes: c.keyLength,
    keyHash: c.keyLength < 0 ? 0 : fnv1a(bytes, c.keyStart, c.keyStart + c.keyLength),
    value: c.valueLength < 0 ? null : text(bytes, c.valueStart, c.valueLength, MAX_VALUE_CHARS),
    valueSizeBytes: c.valueLength,
    headers: c.headers.map((h) => ({ key: h.key, value: h.value === null ? null : text(h.value, 0, h.value.length, MAX_VALUE_CHARS) })),
    batch,
  };
}

/** Decodes at most ~maxChars characters (UTF-8 needs at most 4 bytes a character). */
function text(bytes: Uint8Array, start: number, length: number, maxChars: number): string {
  const s = decodeUtf8(bytes, start, start + Math.min(length, maxChars * 4));
  return s.length > maxChars ? s.slice(0, maxChars) : s;
}

/** 32-bit FNV-1a over bytes[start, end). */
export function fnv1a(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
