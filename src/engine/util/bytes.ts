/**
 * Big-endian fixed-width integers and Kafka's zigzag varints (ByteUtils.java) over plain Uint8Arrays.
 *
 * int64 values are JS numbers: offsets, timestamps and producer ids in the lab stay far below 2^53,
 * so every int64 the engine writes or reads must be a safe integer (|v| <= 2^53 - 1). Reading a wider
 * value loses precision; writing one is a programming error. Use BigInt-based code (as in LogFileNames)
 * for the rare place that needs Long.MAX_VALUE.
 *
 * The free functions (getInt32/setInt32/...) exist so hot paths can read headers without allocating a
 * DataView per batch.
 */

const TWO_32 = 4294967296;

export function getInt8(buf: Uint8Array, pos: number): number {
  return (buf[pos]! << 24) >> 24;
}

export function getInt16(buf: Uint8Array, pos: number): number {
  return ((buf[pos]! << 24) | (buf[pos + 1]! << 16)) >> 16;
}

export function getInt32(buf: Uint8Array, pos: number): number {
  return (buf[pos]! << 24) | (buf[pos + 1]! << 16) | (buf[pos + 2]! << 8) | buf[pos + 3]!;
}

export function getUint32(buf: Uint8Array, pos: number): number {
  return getInt32(buf, pos) >>> 0;
}

export function getInt64(buf: Uint8Array, pos: number): number {
  return getInt32(buf, pos) * TWO_32 + getUint32(buf, pos + 4);
}

export function setInt8(buf: Uint8Array, pos: number, value: number): void {
  buf[pos] = value;
}

export function setInt16(buf: Uint8Array, pos: number, value: number): void {
  buf[pos] = value >>> 8;
  buf[pos + 1] = value;
}

export function setInt32(buf: Uint8Array, pos: number, value: number): void {
  buf[pos] = value >>> 24;
  buf[pos + 1] = value >>> 16;
  buf[pos + 2] = value >>> 8;
  buf[pos + 3] = value;
}

export function setInt64(buf: Uint8Array, pos: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  setInt32(buf, pos, high);
  setInt32(buf, pos + 4, value - high * TWO_32);
}

/** Bytes Kafka's ByteUtils.sizeOfVarint needs for a signed int32 after zigzag. */
export function sizeOfVarint(value: number): number {
  const v = ((value << 1) ^ (value >> 31)) >>> 0;
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Bytes Kafka's ByteUtils.sizeOfVarlong needs for a safe-integer int64 after zigzag. */
export function sizeOfVarlong(value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return sizeOfVarint(value);
  zigzag64(value);
  let hi = zzHi;
  let lo = zzLo;
  let bytes = 1;
  while (hi !== 0 || lo >= 0x80) {
    lo = (lo >>> 7) | ((hi & 0x7f) << 25);
    hi >>>= 7;
    lo >>>= 0;
    bytes++;
  }
  return bytes;
}

// Zigzag of a 64-bit value, as two unsigned 32-bit halves: doubles cannot hold 2|v|+1 exactly above 2^52.
let zzHi = 0;
let zzLo = 0;

/** (v << 1) ^ (v >> 63) for a safe integer, left in zzHi/zzLo (no allocation). */
function zigzag64(value: number): void {
  const hi = Math.floor(value / TWO_32);
  const lo = value - hi * TWO_32;
  const sign = hi >> 31;
  zzHi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
  zzLo = ((lo << 1) ^ sign) >>> 0;
}

/** Writes a zigzag varint at pos; returns the position after it. */
export function putVarint(buf: Uint8Array, pos: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/** Writes a zigzag varlong at pos; returns the position after it. */
export function putVarlong(buf: Uint8Array, pos: number, value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return putVarint(buf, pos, value);
  zigzag64(value);
  let hi = zzHi;
  let lo = zzLo;
  while (hi !== 0 || lo >= 0x80) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | ((hi & 0x7f) << 25)) >>> 0;
    hi >>>= 7;
  }
  buf[pos++] = lo;
  return pos;
}

/** A growable big-endian writer. Reuse one instance (reset()) on hot paths to avoid reallocations. */
export class ByteWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  get position(): number {
    return this.pos;
  }

  reset(): void {
    this.pos = 0;
  }

  /** Make room for n more bytes, doubling so appends stay amortised O(1). */
  ensure(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  writeInt8(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  writeInt16(value: number): void {
    this.ensure(2);
    setInt16(this.buf, this.pos, value);
    this.pos += 2;
  }

  writeInt32(value: number): void {
    this.ensure(4);
    setInt32(this.buf, this.pos, value);
    this.pos += 4;
  }

  writeInt64(value: number): void {
    this.ensure(8);
    setInt64(this.buf, this.pos, value);
    this.pos += 8;
  }

  writeVarint(value: number): void {
    this.ensure(5);
    this.pos = putVarint(this.buf, this.pos, value);
  }

  writeVarlong(value: number): void {
    this.ensure(10);
    this.pos = putVarlong(this.buf, this.pos, value);
  }

  writeBytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A view of the written bytes; valid until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** A copy of the written bytes that the writer will never touch again. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Sequential big-endian reader over a Uint8Array. Throws RangeError on reads past `end`. */
export class ByteReader {
  pos: number;
  readonly end: number;

  constructor(readonly buf: Uint8Array, start = 0, end = buf.length) {
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) {
      throw new RangeError(`read of ${n} bytes at ${this.pos} overruns the end (${this.end})`);
    }
  }

  readInt8(): number {
    this.need(1);
    return getInt8(this.buf, this.pos++);
  }

  readInt16(): number {
    this.need(2);
    const v = getInt16(this.buf, this.pos);
    this.pos += 2;
    return v;
  }

  readInt32(): number {
    this.need(4);
    const v = getInt32(this.buf, this.pos);
    this.pos += 4;
    return v;
  }

  readInt64(): number {
    this.need(8);
    const v = getInt64(this.buf, this.pos);
    this.pos += 8;
    return v;
  }

  /** Kafka's ByteUtils.readVarint: at most 5 bytes, else "Varint is too long". */
  readVarint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++]!;
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new RangeError('Varint is too long, the most significant bit in the 5th byte is set');
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Kafka's ByteUtils.readVarlong: at most 10 bytes. Exact for results within ±2^53. */
  readVarlong(): number {
    let hi = 0;
    let lo = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 63) throw new RangeError('Varlong is too long, most significant bit in the 10th byte is set');
      this.need(1);
      const b = this.buf[this.pos++]! & 0x7f;
      if (shift < 32) {
        lo |= b << shift;
        if (shift > 25) hi |= b >>> (32 - shift);
      } else hi |= b << (shift - 32);
      if ((this.buf[this.pos - 1]! & 0x80) === 0) break;
    }
    // Unzigzag: (raw >>> 1) ^ -(raw & 1), assembled from the halves.
    const half = (hi >>> 0) * 2147483648 + ((lo >>> 0) >>> 1);
    return (lo & 1) === 0 ? half : -half - 1;
  }

  /** A zero-copy view of the next n bytes. */
  readBytes(n: number): Uint8Array {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}
