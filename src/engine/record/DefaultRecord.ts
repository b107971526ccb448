/**
 * One record inside a v2 batch (DefaultRecord.java):
 *   Length varint | Attributes int8 | TimestampDelta varlong | OffsetDelta varint |
 *   KeyLength varint (-1 = null) | Key | ValueLength varint (-1 = null) | Value |
 *   HeadersCount varint | per header: KeyLength varint, Key utf8, ValueLength varint (-1 = null), Value
 */
import { ByteReader, putVarint, putVarlong, sizeOfVarint, sizeOfVarlong } from '../util/bytes';
import { fromUtf8, putUtf8, utf8Length } from '../util/hash';
import { InvalidRecordException, type LogRecord, type RecordHeader, type SimpleRecord } from './types';

function sizeOfBytes(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarint(bytes.length) + bytes.length;
}

function sizeOfHeaders(headers: readonly RecordHeader[] | undefined): number {
  if (headers === undefined) return 1;
  let size = sizeOfVarint(headers.length);
  for (const h of headers) {
    const keyBytes = utf8Length(h.key);
    size += sizeOfVarint(keyBytes) + keyBytes + sizeOfBytes(h.value);
  }
  return size;
}

/** Size of the record body (everything after the Length varint). */
export function recordBodySize(record: SimpleRecord, offsetDelta: number, timestampDelta: number): number {
  return (
    1 +
    sizeOfVarlong(timestampDelta) +
    sizeOfVarint(offsetDelta) +
    sizeOfBytes(record.key) +
    sizeOfBytes(record.value) +
    sizeOfHeaders(record.headers)
  );
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
  if (n <= 32) for (let i = 0; i < n; i++) buf[pos + i] = bytes[i]!;
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
  pos = putVarint(buf, pos, bodySize);
  buf[pos++] = 0; // attributes: unused in v2
  pos = putVarlong(buf, pos, timestampDelta);
  pos = putVarint(buf, pos, offsetDelta);
  pos = putBytes(buf, pos, record.key);
  pos = putBytes(buf, pos, record.value);
  const headers = record.headers;
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

/** Shared by records without headers. Frozen so an accidental push fails loudly instead of leaking. */
const NO_HEADERS = Object.freeze([]) as unknown as RecordHeader[];

function readNullableBytes(r: ByteReader): Uint8Array | null {
  const length = r.readVarint();
  if (length < 0) return null;
  return r.readBytes(length);
}

function readHeaders(r: ByteReader): RecordHeader[] {
  const count = r.readVarint();
  if (count < 0) throw new InvalidRecordException(`Found invalid number of record headers ${count}`);
  if (count === 0) return NO_HEADERS;
  const headers: RecordHeader[] = [];
  for (let i = 0; i < count; i++) {
    const keyLength = r.readVarint();
    if (keyLength < 0) throw new InvalidRecordException(`Invalid negative header key size ${keyLength}`);
    const key = fromUtf8(r.readBytes(keyLength));
    headers.push({ key, value: readNullableBytes(r) });
  }
  return headers;
}

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
  const r = new ByteReader(bytes, start, end);
  const records: LogRecord[] = new Array<LogRecord>(count);
  try {
    for (let i = 0; i < count; i++) {
      const bodyStart0 = r.pos;
      const bodySize = r.readVarint();
      const bodyStart = r.pos;
      if (bodySize < 0 || bodySize > r.remaining) {
        throw new InvalidRecordException(`Invalid record size: expected ${bodySize} bytes in record payload, but the batch has only ${r.remaining} remaining bytes`);
      }
      r.pos++; // attributes
      const timestampDelta = r.readVarlong();
      const offsetDelta = r.readVarint();
      const key = readNullableBytes(r);
      const value = readNullableBytes(r);
      const headers = readHeaders(r);
      if (r.pos - bodyStart !== bodySize) {
        throw new InvalidRecordException(`Invalid record size: expected to read ${bodySize} bytes in record payload, but instead read ${r.pos - bodyStart}`);
      }
      records[i] = {
        offset: baseOffset + offsetDelta,
        timestampMs: logAppendTimeMs ?? baseTimestamp + timestampDelta,
        key,
        value,
        headers,
        sizeInBytes: r.pos - bodyStart0,
      };
    }
  } catch (e) {
    if (e instanceof RangeError) throw new InvalidRecordException(`Found a truncated record: ${e.message}`);
    throw e;
  }
  if (r.remaining !== 0) throw new InvalidRecordException('Incorrect declared batch size, records still remaining in the batch');
  return records;
}
