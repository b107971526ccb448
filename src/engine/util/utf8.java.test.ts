import { describe, expect, it } from 'vitest';
import { BuiltInPartitioner } from '../clients/producer/BuiltInPartitioner';
import { murmur2, toPositive } from './hash';
import { encodeUtf8Into, putUtf8, utf8, utf8Length } from './utf8';

/** What Java's "…".getBytes(StandardCharsets.UTF_8) (Kafka's StringSerializer) returns. */
const JAVA_BYTES: ReadonlyArray<readonly [string, number[]]> = [
  ['x\uD800y', [0x78, 0x3f, 0x79]], // lone high surrogate → '?'
  ['x\uDC00y', [0x78, 0x3f, 0x79]], // lone low surrogate → '?'
  ['\uD800', [0x3f]],
  ['\uD800\uD83D\uDE42', [0x3f, 0xf0, 0x9f, 0x99, 0x82]], // '?' then the well-formed pair 🙂
  ['\uDE42\uD83D', [0x3f, 0x3f]], // a pair in the wrong order is two lone surrogates
  ['a long key with a lone surrogate \uD800 in it', [...new TextEncoder().encode('a long key with a lone surrogate ? in it')]],
  ['輪詢🙂', [0xe8, 0xbc, 0xaa, 0xe8, 0xa9, 0xa2, 0xf0, 0x9f, 0x99, 0x82]],
];

describe("StringSerializer's bytes for lone UTF-16 surrogates (Java writes '?')", () => {
  it.each(JAVA_BYTES)('encodes %j as Java does', (text, bytes) => {
    expect([...utf8(text)]).toEqual(bytes);
    const buf = new Uint8Array(3 * text.length + 8);
    expect([...buf.subarray(2, encodeUtf8Into(text, buf, 2))]).toEqual(bytes);
    expect([...buf.subarray(1, putUtf8(buf, 1, text))]).toEqual(bytes);
    expect(utf8Length(text)).toBe(bytes.length);
  });

  it('routes a key with a lone surrogate where Java does: murmur2 of the Java bytes', () => {
    const javaBytes = Uint8Array.of(0x78, 0x3f, 0x79); // "x?y"
    for (const partitions of [3, 6, 7, 50]) {
      const java = toPositive(murmur2(javaBytes)) % partitions;
      expect(BuiltInPartitioner.partitionForKey(utf8('x\uD800y'), partitions)).toBe(java);
    }
    // TextEncoder's U+FFFD bytes hash elsewhere: the bug this guards against.
    expect(murmur2(Uint8Array.of(0x78, 0xef, 0xbf, 0xbd, 0x79))).not.toBe(murmur2(javaBytes));
  });
});
