import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, getInt64, setInt64, sizeOfVarint, sizeOfVarlong } from './bytes';

/** Kafka's ByteUtils.writeVarlong done in BigInt, the reference for our double-based version. */
function kafkaVarlong(value: bigint): number[] {
  let v = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const out: number[] = [];
  while ((v & ~0x7fn) !== 0n) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

// From Kafka's ByteUtilsTest.testVarintSerde.
const VARINTS: Array<[number, number[]]> = [
  [0, [0x00]],
  [-1, [0x01]],
  [1, [0x02]],
  [63, [0x7e]],
  [-64, [0x7f]],
  [64, [0x80, 0x01]],
  [-65, [0x81, 0x01]],
  [8191, [0xfe, 0x7f]],
  [-8192, [0xff, 0x7f]],
  [8192, [0x80, 0x80, 0x01]],
  [134217728, [0x80, 0x80, 0x80, 0x80, 0x01]],
  [-134217729, [0x81, 0x80, 0x80, 0x80, 0x01]],
  [2147483647, [0xfe, 0xff, 0xff, 0xff, 0x0f]],
  [-2147483648, [0xff, 0xff, 0xff, 0xff, 0x0f]],
];

describe('varint', () => {
  it.each(VARINTS)('%d encodes as Kafka does', (value, bytes) => {
    const w = new ByteWriter(1);
    w.writeVarint(value);
    expect([...w.view()]).toEqual(bytes);
    expect(sizeOfVarint(value)).toBe(bytes.length);
    expect(new ByteReader(w.view()).readVarint()).toBe(value);
  });

  it('rejects a sixth continuation byte', () => {
    const r = new ByteReader(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(() => r.readVarint()).toThrow(/too long/);
  });
});

describe('varlong', () => {
  const values = [0, -1, 1, 63, -64, 64, -65, 2147483647, -2147483648, 2 ** 31, -(2 ** 31) - 1,
    4398046511103, -4398046511104, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  it.each(values)('%d matches the BigInt reference', (value) => {
    const w = new ByteWriter(1);
    w.writeVarlong(value);
    const expected = kafkaVarlong(BigInt(value));
    expect([...w.view()]).toEqual(expected);
    expect(sizeOfVarlong(value)).toBe(expected.length);
    expect(new ByteReader(w.view()).readVarlong()).toBe(value);
  });
});

describe('fixed width', () => {
  it('writes big-endian int8/16/32/64 and reads them back', () => {
    const w = new ByteWriter(2);
    w.writeInt8(-2);
    w.writeInt16(-2);
    w.writeInt32(0x01020304);
    w.writeInt64(-1);
    w.writeInt64(2 ** 40 + 7);
    const b = w.toBytes();
    expect([...b.subarray(0, 7)]).toEqual([0xfe, 0xff, 0xfe, 1, 2, 3, 4]);
    expect([...b.subarray(7, 15)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const r = new ByteReader(b);
    expect([r.readInt8(), r.readInt16(), r.readInt32(), r.readInt64(), r.readInt64()]).toEqual([-2, -2, 0x01020304, -1, 2 ** 40 + 7]);
    expect(() => r.readInt8()).toThrow(RangeError);
  });

  it('round-trips safe int64 extremes', () => {
    const b = new Uint8Array(8);
    for (const v of [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -(2 ** 32), 2 ** 32 - 1, 0]) {
      setInt64(b, 0, v);
      expect(getInt64(b, 0)).toBe(v);
    }
  });

  it('readBytes is a zero-copy view', () => {
    const src = Uint8Array.from([1, 2, 3, 4]);
    const view = new ByteReader(src, 1).readBytes(2);
    src[1] = 9;
    expect([...view]).toEqual([9, 3]);
  });
});
