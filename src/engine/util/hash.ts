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

/** UTF-8 (StringSerializer) lives in utf8.ts; re-exported for the modules that import it from here. */
export { decodeUtf8, encodeUtf8Into, fromUtf8, putUtf8, utf8, utf8Length } from './utf8';
