import { beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_TYPES, compressionTypeForId, compressionTypeId } from './CompressionType';
import { compress, decompress, initCodecs } from './codecs';
import { hasXerialHeader, snappyXerialCompress } from './snappyXerial';
import { compress as rawSnappy } from 'snappyjs';

function payload(size: number): Uint8Array {
  // Half repetitive, half pseudo-random: exercises both matches and literals.
  const out = new Uint8Array(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    out[i] = i % 200 < 100 ? i % 7 : x >>> 24;
  }
  return out;
}

// Runs before the beforeAll below (tests run in file order, and each test file has its own module state).
describe('before initCodecs', () => {
  it('zstd refuses with a clear error', () => {
    expect(() => compress('zstd', new Uint8Array(1))).toThrow('zstd codec not initialised: await initCodecs() first');
  });
});

describe('codecs', () => {
  beforeAll(async () => {
    await initCodecs();
    await initCodecs(); // idempotent: a second call must not re-instantiate the wasm
  });

  it('maps ids like CompressionType.forId', () => {
    expect(COMPRESSION_TYPES.map(compressionTypeId)).toEqual([0, 1, 2, 3, 4]);
    expect(compressionTypeForId(3)).toBe('lz4');
    expect(() => compressionTypeForId(5)).toThrow(/Unknown compression type id/);
  });

  for (const type of COMPRESSION_TYPES) {
    it.each([0, 1, 100, 70_000, 100 * 1024])(`${type} round-trips %d bytes`, (size) => {
      const data = payload(size);
      const packed = compress(type, data);
      expect([...decompress(type, packed)]).toEqual([...data]);
      if (type !== 'none' && size === 100 * 1024) expect(packed.length).toBeLessThan(size);
    });
  }

  it('gzip output is deterministic and carries Java-style header bytes', () => {
    const a = compress('gzip', payload(1000));
    const b = compress('gzip', payload(1000));
    expect([...a]).toEqual([...b]);
    expect([...a.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('snappy uses the xerial framing and decodes raw snappy too', () => {
    const data = payload(100 * 1024);
    const framed = compress('snappy', data);
    expect([...framed.subarray(0, 16)]).toEqual([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(hasXerialHeader(framed)).toBe(true);
    expect([...decompress('snappy', rawSnappy(data))]).toEqual([...data]);
    expect(snappyXerialCompress(new Uint8Array(0)).length).toBe(16);
  });

  it('lz4 writes a Kafka-style frame header with independent 64 KiB blocks', () => {
    const framed = compress('lz4', payload(100 * 1024));
    expect([...framed.subarray(0, 7)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
    expect([...framed.subarray(framed.length - 4)]).toEqual([0, 0, 0, 0]);
    expect(() => decompress('lz4', new Uint8Array([1, 2, 3, 4, 5, 6, 7]))).toThrow(/magic/);
  });

  it('zstd frames start with the zstd magic', () => {
    expect([...compress('zstd', payload(10)).subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
  });
});
