/**
 * Kafka's hashing helpers (Utils.java): murmur2 for keyed partitioning, toPositive for the partitioner,
 * Utils.abs for the group coordinator, and Java's String.hashCode. All arithmetic is 32-bit with
 * wraparound (Math.imul, >>>): plain JS multiplication overflows 2^53 and gives the wrong hash, which is
 * exactly the bug of kafkajs's legacy murmur2.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Utils.murmur2: signed 32-bit result, identical to Java for every byte array. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // Java's switch falls through: 3 tail bytes also run the 2- and 1-byte cases.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive: clears the sign bit. Not an absolute value (toPositive(-1) = 2147483647). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** Utils.abs: the absolute value, except Integer.MIN_VALUE maps to 0 (used for the coordinator). */
export function utilsAbs(n: number): number {
  n |= 0;
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** java.lang.String.hashCode over UTF-16 code units, which is what charCodeAt returns. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

const encoder = new TextEncoder();

/** UTF-8 bytes, what Kafka's StringSerializer produces. */
/** Strings up to this length take the ASCII fast path (TextEncoder's call cost dominates for short keys and values). */
const FAST_PATH_MAX_CHARS = 256;

export function utf8(s: string): Uint8Array {
  if (s.length <= FAST_PATH_MAX_CHARS) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return encoder.encode(s);
      out[i] = c;
    }
    return out;
  }
  return encoder.encode(s);
}

const decoder = new TextDecoder();

export function fromUtf8(bytes: Uint8Array): string {
  if (bytes.length <= FAST_PATH_MAX_CHARS) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    // String.fromCharCode over a small array is much cheaper than a TextDecoder call.
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  return decoder.decode(bytes);
}

/** UTF-8 length of a JS string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Encode s as UTF-8 into buf at pos (room must exist); returns the position after it. */
export function putUtf8(buf: Uint8Array, pos: number, s: string): number {
  return pos + encoder.encodeInto(s, buf.subarray(pos)).written;
}
