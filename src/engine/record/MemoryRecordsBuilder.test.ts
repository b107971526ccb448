import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../kernel';
import { decodeUtf8, utf8 } from '../util/utf8';
import { COMPRESSION_TYPES } from './compression/CompressionType';
import { initCodecs } from './compression/codecs';
import { encodeRecordBatch, MemoryRecordsBuilder, RecordBatchView, RecordCursor, type SimpleRecord } from './RecordBatch';

beforeAll(() => initCodecs());

/** Records with every shape: null and empty keys/values, headers, long values, timestamps going backwards. */
function randomRecords(random: Random, count: number): SimpleRecord[] {
  const bytes = (max: number): Uint8Array | null => {
    const roll = random.nextFloat();
    if (roll < 0.1) return null;
    return Uint8Array.from({ length: Math.floor(random.nextFloat() * max) }, () => Math.floor(random.nextFloat() * 256));
  };
  const base = 1_700_000_000_000;
  return Array.from({ length: count }, (): SimpleRecord => {
    const record: SimpleRecord = { timestampMs: base + Math.floor((random.nextFloat() - 0.3) * 100_000), key: bytes(20), value: bytes(300) };
    if (random.nextFloat() < 0.2) record.headers = [{ key: 'h', value: bytes(5) }, { key: 'é', value: null }];
    return record;
  });
}

describe('MemoryRecordsBuilder', () => {
  it.each(COMPRESSION_TYPES)('writes the same bytes as encodeRecordBatch (%s), also when it must grow', (compression) => {
    const random = new Random(7);
    for (const count of [1, 2, 64, 65, 300]) {
      const records = randomRecords(random, count);
      const builder = new MemoryRecordsBuilder(100);
      for (const r of records) builder.append(r.timestampMs, r.key, r.value, r.headers);
      const options = { compression, producerId: 3, producerEpoch: 1, baseSequence: 9 };
      expect(builder.recordCount).toBe(count);
      expect(builder.build(options)).toEqual(encodeRecordBatch(records, options));
    }
  });

  it('leaves bytes it returned untouched when built again (a retry with a new producer id)', () => {
    const builder = new MemoryRecordsBuilder(1000);
    builder.append(5, utf8('k'), utf8('v'), undefined);
    const first = builder.build({ producerId: 1, baseSequence: 0 });
    const copy = first.slice();
    const second = builder.build({ producerId: 2, baseSequence: 0 });
    expect(first).toEqual(copy);
    expect(new RecordBatchView(second).producerId).toBe(2);
    expect(new RecordBatchView(second).isValid()).toBe(true);
    expect(() => builder.append(6, null, null, undefined)).toThrow(/already built/);
  });
});

describe('RecordCursor', () => {
  it('reads what records() reads, with keys and values as positions', () => {
    const records = randomRecords(new Random(3), 200);
    const batch = new RecordBatchView(encodeRecordBatch(records, { baseOffset: 100 }));
    const expected = batch.records();
    const cursor = batch.recordCursor(new RecordCursor());
    for (const r of expected) {
      expect(cursor.next()).toBe(true);
      expect([cursor.offset, cursor.timestampMs, cursor.sizeInBytes]).toEqual([r.offset, r.timestampMs, r.sizeInBytes]);
      expect([cursor.key(), cursor.value(), cursor.headers]).toEqual([r.key, r.value, r.headers]);
      const asString = (b: Uint8Array | null): string | null => (b === null ? null : decodeUtf8(b, 0, b.length));
      expect([cursor.keyString(), cursor.valueString()]).toEqual([asString(r.key), asString(r.value)]);
    }
    expect(cursor.next()).toBe(false);
  });

  it('rejects a batch whose record count is wrong', () => {
    const bytes = encodeRecordBatch([{ timestampMs: 0, key: null, value: utf8('a') }, { timestampMs: 0, key: null, value: utf8('b') }]);
    const batch = new RecordBatchView(bytes);
    const cursor = new RecordCursor().reset(bytes, 61, bytes.length, 1, 0, 0, undefined);
    expect(cursor.next()).toBe(true);
    expect(() => cursor.next()).toThrow(/records still remaining/);
    const tooMany = new RecordCursor().reset(bytes, 61, bytes.length, 3, 0, 0, undefined);
    expect(() => { while (tooMany.next()); }).toThrow(/truncated record/);
    expect(batch.records().length).toBe(2);
  });
});

describe('UTF-8', () => {
  it('decodes short and long, ASCII and not, like TextDecoder', () => {
    for (const s of ['', 'a', 'key-42', 'twelve chars', 'thirteen char', 'é', 'ключ-1', '𝄞 clef', 'v'.repeat(100), 'é'.repeat(40)]) {
      const bytes = new TextEncoder().encode(s);
      expect(utf8(s)).toEqual(bytes);
      expect(decodeUtf8(bytes, 0, bytes.length)).toBe(s);
    }
  });
});
