/**
 * UTF-8 for Kafka's StringSerializer / StringDeserializer. Short strings take plain loops because the
 * native TextEncoder/TextDecoder calls have a fixed cost (~150 ns) that dominates for keys like
 * "key-42"; longer ones go native, which is several times faster per byte than any JS loop.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Up to this many chars/bytes a JS loop beats the native call (measured in Node 20). */
const SHORT = 12;

const ANY_SURROGATE = /[\uD800-\uDFFF]/;
/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Java's String.getBytes(UTF_8) (StringSerializer) writes '?' (0x3F) for a lone surrogate where
 * TextEncoder writes U+FFFD (EF BF BD): match Java, or such keys would hash to other partitions.
 */
function asJavaEncodes(s: string): string {
  return ANY_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '?') : s;
}

/** UTF-8 bytes of s, what Kafka's StringSerializer produces. */
export function utf8(s: string): Uint8Array {
  if (s.length <= SHORT) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return encoder.encode(asJavaEncodes(s));
      out[i] = c;
    }
    return out;
  }
  return encoder.encode(asJavaEncodes(s));
}

/**
 * Encodes s at buf[pos] and returns the position after it. The caller guarantees room for
 * 3 × s.length bytes (the UTF-8 worst case per UTF-16 code unit).
 */
export function encodeUtf8Into(s: string, buf: Uint8Array, pos: number): number {
  if (s.length <= SHORT) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return pos + i + encoder.encodeInto(asJavaEncodes(s.slice(i)), buf.subarray(pos + i)).written;
      buf[pos + i] = c;
    }
    return pos + s.length;
  }
  // At 0 the buffer itself will do: a subarray costs as much as encoding 30 chars.
  return pos + encoder.encodeInto(asJavaEncodes(s), pos === 0 ? buf : buf.subarray(pos)).written;
}

/** Encode s as UTF-8 into buf at pos (room must exist); returns the position after it. */
export function putUtf8(buf: Uint8Array, pos: number, s: string): number {
  return pos + encoder.encodeInto(asJavaEncodes(s), buf.subarray(pos)).written;
}

/** The string in buf[start, end). Invalid sequences become U+FFFD, as TextDecoder does. */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0x80) return decoder.decode(buf.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(buf.subarray(start, end));
}

export function fromUtf8(bytes: Uint8Array): string {
  return decodeUtf8(bytes, 0, bytes.length);
}

/** UTF-8 length of a JS string without encoding it (a lone surrogate is Java's '?', 1 byte). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c < 0xe000) n += 1;
    else n += 3;
  }
  return n;
}
