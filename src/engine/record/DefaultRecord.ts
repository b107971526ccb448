/**
 * One record inside a v2 batch (DefaultRecord.java):
 *   Length varint | Attributes int8 | TimestampDelta varlong | OffsetDelta varint |
 *   KeyLength varint (-1 = null) | Key | ValueLength varint (-1 = null) | Value |
 *   HeadersCount varint | per header: KeyLength varint, Key utf8, ValueLength varint (-1 = null), Value
 */
import { putVarint, putVarlong, sizeOfVarint, sizeOfVarlong } from '../util/bytes';
import { putUtf8, utf8Length } from '../util/utf8';
import { RecordCursor } from './RecordCursor';
import type { LogRecord, RecordHeader, SimpleRecord } from './types';

function sizeOfBytes(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarint(bytes.length) + bytes.length;
}

function sizeOfHeaders(headers: readonly RecordHeader[] | undefined): number {
  if (headers === undefined || headers.length === 0) return 1;
  let size = sizeOfVarint(headers.length);
  for (const h of headers) {
    const keyBytes = utf8Length(h.key);
    size += sizeOfVarint(keyBytes) + keyBytes + sizeOfBytes(h.value);
  }
  return size;
}

/** Size of the record body (everything after the Length varint). */
export function recordBodySize(record: SimpleRecord, offsetDelta: number, timestampDelta: number): number {
  return bodySizeOf(offsetDelta, timestampDelta, record.key, record.value, record.headers);
}

/** recordBodySize from the record's parts, for callers that never build a SimpleRecord. */
export function bodySizeOf(
  offsetDelta: number,
  timestampDelta: number,
  key: Uint8Array | null,
  value: Uint8Array | null,
  headers: readonly RecordHeader[] | undefined,
): number {
  return 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + sizeOfBytes(key) + sizeOfBytes(value) + sizeOfHeaders(headers);
}

/**
 * Exact uncompressed size of one record inside a batch (DefaultRecord.sizeInBytes). The deltas default
 * to 0, which is exact for the first record and within a few bytes for the others: good enough for
 * batch.size accounting, as the producer's own estimate is.
 */
export function estimateRecordSize(record: SimpleRecord, offsetDelta = 0, timestampDelta = 0): number {
  const body = recordBodySize(record, offsetDelta, timestampDelta);
  return sizeOfVarint(body) + body;
}

function putBytes(buf: Uint8Array, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) return putVarint(buf, pos, -1);
  const n = bytes.length;
  pos = putVarint(buf, pos, n);
  // TypedArray.set has a fixed cost that dominates for short keys; a plain loop is faster there.
  if (n <= 16) for (let i = 0; i < n; i++) buf[pos + i] = bytes[i]!;
  else buf.set(bytes, pos);
  return pos + n;
}

/** Writes one record at pos (room must exist); returns the position after it. */
export function writeRecord(
  buf: Uint8Array,
  pos: number,
  record: SimpleRecord,
  bodySize: number,
  offsetDelta: number,
  timestampDelta: number,
): number {
  return writeRecordParts(buf, pos, bodySize, offsetDelta, timestampDelta, record.key, record.value, record.headers);
}

/** writeRecord from the record's parts (bodySize from bodySizeOf). */
export function writeRecordParts(
  buf: Uint8Array,
  pos: number,
  bodySize: number,
  offsetDelta: number,
  timestampDelta: number,
  key: Uint8Array | null,
  value: Uint8Array | null,
  headers: readonly RecordHeader[] | undefined,
): number {
  pos = putVarint(buf, pos, bodySize);
  buf[pos++] = 0; // attributes: unused in v2
  pos = putVarlong(buf, pos, timestampDelta);
  pos = putVarint(buf, pos, offsetDelta);
  pos = putBytes(buf, pos, key);
  pos = putBytes(buf, pos, value);
  if (headers === undefined) {
    buf[pos++] = 0; // varint 0
    return pos;
  }
  pos = putVarint(buf, pos, headers.length);
  for (const h of headers) {
    pos = putVarint(buf, pos, utf8Length(h.key));
    pos = putUtf8(buf, pos, h.key);
    pos = putBytes(buf, pos, h.value);
  }
  return pos;
}

const cursor = new RecordCursor();

/**
 * Parses `count` records from bytes[start, end). Record timestamps are baseTimestamp + delta, except
 * under LogAppendTime where every record reports the batch's MaxTimestamp (as Kafka does).
 */
export function readRecords(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
  logAppendTimeMs: number | undefined,
): LogRecord[] {
  const c = cursor.reset(bytes, start, end, count, baseOffset, baseTimestamp, logAppendTimeMs);
  const records: LogRecord[] = new Array<LogRecord>(count);
  for (let i = 0; c.next(); i++) {
    records[i] = { offset: c.offset, timestampMs: c.timestampMs, key: c.key(), value: c.value(), headers: c.headers, sizeInBytes: c.sizeInBytes };
  }
  return records;
}
