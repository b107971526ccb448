/**
 * Walks the records of one v2 batch in place (DefaultRecord.readFrom), with every check Kafka makes,
 * without allocating per record: key and value are reported as positions in the buffer, so a consumer
 * can decode strings straight from the fetched bytes. readRecords builds LogRecords on top of it.
 */
import { decodeUtf8 } from '../util/utf8';
import { InvalidRecordException, type RecordHeader } from './types';

/** Shared by records without headers. Frozen so an accidental push fails loudly instead of leaking. */
export const NO_HEADERS = Object.freeze([]) as unknown as RecordHeader[];

export class RecordCursor {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private end = 0;
  private left = 0;
  private baseOffset = 0;
  private baseTimestamp = 0;
  private logAppendTimeMs = -1;
  private isLogAppendTime = false;

  // The current record, valid after next() returned true.
  offset = 0;
  timestampMs = 0;
  /** -1 for a null key. */
  keyLength = -1;
  keyStart = 0;
  /** -1 for a null value. */
  valueLength = -1;
  valueStart = 0;
  headers: RecordHeader[] = NO_HEADERS;
  /** Bytes the record takes inside the (uncompressed) batch, including its length varint. */
  sizeInBytes = 0;

  /**
   * Starts on `count` records in bytes[start, end). Record timestamps are baseTimestamp + delta, except
   * under LogAppendTime (logAppendTimeMs defined) where every record reports it, as Kafka does.
   */
  reset(bytes: Uint8Array, start: number, end: number, count: number, baseOffset: number, baseTimestamp: number, logAppendTimeMs: number | undefined): this {
    this.buf = bytes;
    this.pos = start;
    this.end = end;
    this.left = count;
    this.baseOffset = baseOffset;
    this.baseTimestamp = baseTimestamp;
    this.isLogAppendTime = logAppendTimeMs !== undefined;
    this.logAppendTimeMs = logAppendTimeMs ?? -1;
    return this;
  }

  /** The bytes the positions refer to. */
  get bytes(): Uint8Array {
    return this.buf;
  }

  /** Parses the next record; false after the last one. Throws InvalidRecordException on malformed bytes. */
  next(): boolean {
    if (this.left <= 0) {
      if (this.pos !== this.end) throw new InvalidRecordException('Incorrect declared batch size, records still remaining in the batch');
      return false;
    }
    this.left--;
    const recordStart = this.pos;
    const bodySize = this.varint();
    const bodyStart = this.pos;
    if (bodySize < 0 || bodySize > this.end - bodyStart) {
      throw new InvalidRecordException(`Invalid record size: expected ${bodySize} bytes in record payload, but the batch has only ${this.end - bodyStart} remaining bytes`);
    }
    this.pos++; // attributes: unused in v2
    const timestampDelta = this.varlong();
    const offsetDelta = this.varint();
    this.keyLength = this.varint();
    this.keyStart = this.pos;
    if (this.keyLength >= 0) this.skip(this.keyLength);
    this.valueLength = this.varint();
    this.valueStart = this.pos;
    if (this.valueLength >= 0) this.skip(this.valueLength);
    this.headers = this.readHeaders();
    if (this.pos - bodyStart !== bodySize) {
      throw new InvalidRecordException(`Invalid record size: expected to read ${bodySize} bytes in record payload, but instead read ${this.pos - bodyStart}`);
    }
    this.offset = this.baseOffset + offsetDelta;
    this.timestampMs = this.isLogAppendTime ? this.logAppendTimeMs : this.baseTimestamp + timestampDelta;
    this.sizeInBytes = this.pos - recordStart;
    return true;
  }

  /** The current key as a view (null for a null key). */
  key(): Uint8Array | null {
    return this.keyLength < 0 ? null : this.buf.subarray(this.keyStart, this.keyStart + this.keyLength);
  }

  value(): Uint8Array | null {
    return this.valueLength < 0 ? null : this.buf.subarray(this.valueStart, this.valueStart + this.valueLength);
  }

  /** StringDeserializer on the current key, straight from the batch bytes. */
  keyString(): string | null {
    return this.keyLength < 0 ? null : decodeUtf8(this.buf, this.keyStart, this.keyStart + this.keyLength);
  }

  valueString(): string | null {
    return this.valueLength < 0 ? null : decodeUtf8(this.buf, this.valueStart, this.valueStart + this.valueLength);
  }

  private readHeaders(): RecordHeader[] {
    const count = this.varint();
    if (count < 0) throw new InvalidRecordException(`Found invalid number of record headers ${count}`);
    if (count === 0) return NO_HEADERS;
    const headers: RecordHeader[] = [];
    for (let i = 0; i < count; i++) {
      const keyLength = this.varint();
      if (keyLength < 0) throw new InvalidRecordException(`Invalid negative header key size ${keyLength}`);
      const keyStart = this.pos;
      this.skip(keyLength);
      const key = decodeUtf8(this.buf, keyStart, this.pos);
      const valueLength = this.varint();
      const valueStart = this.pos;
      if (valueLength >= 0) this.skip(valueLength);
      headers.push({ key, value: valueLength < 0 ? null : this.buf.subarray(valueStart, this.pos) });
    }
    return headers;
  }

  private skip(n: number): void {
    if (this.pos + n > this.end) throw truncated(n, this.pos, this.end);
    this.pos += n;
  }

  /** ByteUtils.readVarint: at most 5 bytes. */
  private varint(): number {
    const buf = this.buf;
    let raw = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 28) throw truncatedBy('Varint is too long, the most significant bit in the 5th byte is set');
      if (this.pos >= this.end) throw truncated(1, this.pos, this.end);
      const b = buf[this.pos++]!;
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** ByteUtils.readVarlong: at most 10 bytes; exact for results within ±2^53. */
  private varlong(): number {
    const buf = this.buf;
    let hi = 0;
    let lo = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 63) throw truncatedBy('Varlong is too long, most significant bit in the 10th byte is set');
      if (this.pos >= this.end) throw truncated(1, this.pos, this.end);
      const raw = buf[this.pos++]!;
      const b = raw & 0x7f;
      if (shift < 32) {
        lo |= b << shift;
        if (shift > 25) hi |= b >>> (32 - shift);
      } else hi |= b << (shift - 32);
      if ((raw & 0x80) === 0) break;
    }
    // Unzigzag: (raw >>> 1) ^ -(raw & 1), assembled from the halves.
    const half = (hi >>> 0) * 2147483648 + ((lo >>> 0) >>> 1);
    return (lo & 1) === 0 ? half : -half - 1;
  }
}

function truncatedBy(message: string): InvalidRecordException {
  return new InvalidRecordException(`Found a truncated record: ${message}`);
}

function truncated(n: number, pos: number, end: number): InvalidRecordException {
  return truncatedBy(`read of ${n} bytes at ${pos} overruns the end (${end})`);
}
