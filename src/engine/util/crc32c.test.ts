import { describe, expect, it } from 'vitest';
import { crc32c, crc32cUpdate } from './crc32c';
import { xxhash32 } from './xxhash32';
import { utf8 } from './hash';

describe('crc32c', () => {
  it('matches the known CRC-32C check values', () => {
    expect(crc32c(utf8('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('honours start/end and can be continued', () => {
    const data = utf8('xx123456789yy');
    expect(crc32c(data, 2, 11)).toBe(0xe3069283);
    const first = crc32c(data, 2, 5);
    expect(crc32cUpdate(first, data, 5, 11)).toBe(0xe3069283);
  });

  it('agrees with the bytewise definition at every length around the 8-byte stride', () => {
    const data = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let len = 0; len <= 40; len++) expect(crc32c(data, 0, len)).toBe(bitwiseCrc32c(data.subarray(0, len)));
  });

  it('agrees with the bytewise definition on the word path, at every alignment', () => {
    const data = Uint8Array.from({ length: 256 }, (_, i) => (i * 91 + 5) & 0xff);
    for (let start = 0; start < 8; start++) {
      for (const len of [63, 64, 65, 79, 80, 81, 100, 127, 128, 200]) {
        expect(crc32c(data, start, start + len)).toBe(bitwiseCrc32c(data.subarray(start, start + len)));
        expect(crc32c(data.subarray(start, start + len))).toBe(bitwiseCrc32c(data.subarray(start, start + len)));
      }
    }
  });
});

function bitwiseCrc32c(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('xxhash32', () => {
  it('matches reference values', () => {
    expect(xxhash32(new Uint8Array(0))).toBe(0x02cc5d05);
    expect(xxhash32(utf8('abc'))).toBe(0x32d153ff);
    expect(xxhash32(utf8('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });
});
