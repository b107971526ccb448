import { beforeAll, describe, expect, it } from 'vitest';
import { crc32c } from '../util/crc32c';
import { utf8 } from '../util/hash';
import { COMPRESSION_TYPES } from './compression/CompressionType';
import { initCodecs } from './compression/codecs';
import {
  estimateRecordSize, encodeRecordBatch, iterateBatches, LOG_OVERHEAD, RECORD_BATCH_OVERHEAD, RecordBatchView,
  setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch, type SimpleRecord,
} from './RecordBatch';

beforeAll(() => initCodecs());

const text = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));

function sample(): SimpleRecord[] {
  return [
    { timestampMs: 1_700_000_000_000, key: utf8('k1'), value: utf8('hello') },
    { timestampMs: 1_700_000_000_005, key: null, value: utf8('no key') },
    { timestampMs: 1_699_999_999_990, key: utf8('tomb'), value: null },
    { timestampMs: 1_700_000_000_001, key: utf8(''), value: new Uint8Array(0), headers: [
      { key: 'trace-id', value: utf8('abc') }, { key: 'ключ', value: null }] },
  ];
}

describe('encode / decode round trip', () => {
  it.each(COMPRESSION_TYPES)('%s', (compression) => {
    const records = sample();
    const bytes = encodeRecordBatch(records, { baseOffset: 40, compression, producerId: 7, producerEpoch: 2, baseSequence: 11 });
    const batch = new RecordBatchView(bytes);
    expect(batch.isValid()).toBe(true);
    expect(batch.sizeInBytes).toBe(bytes.length);
    expect(batch.compression).toBe(compression);
    expect([batch.baseOffset, batch.lastOffset, batch.lastOffsetDelta, batch.recordCount]).toEqual([40, 43, 3, 4]);
    expect([batch.baseTimestamp, batch.maxTimestamp]).toEqual([1_700_000_000_000, 1_700_000_000_005]);
    expect([batch.producerId, batch.producerEpoch, batch.baseSequence, batch.partitionLeaderEpoch]).toEqual([7, 2, 11, -1]);
    expect([batch.magic, batch.timestampType, batch.isTransactional, batch.isControl]).toEqual([2, 'CreateTime', false, false]);
    const decoded = batch.records();
    expect(decoded.map((r) => r.offset)).toEqual([40, 41, 42, 43]);
    expect(decoded.map((r) => r.timestampMs)).toEqual(records.map((r) => r.timestampMs));
    expect(decoded.map((r) => text(r.key))).toEqual(['k1', null, 'tomb', '']);
    expect(decoded.map((r) => text(r.value))).toEqual(['hello', 'no key', null, '']);
    expect(decoded[3]!.headers.map((h) => [h.key, text(h.value)])).toEqual([['trace-id', 'abc'], ['ключ', null]]);
    expect(decoded[0]!.headers).toEqual([]);
    if (compression === 'none') {
      expect(decoded.reduce((n, r) => n + r.sizeInBytes, 0)).toBe(bytes.length - RECORD_BATCH_OVERHEAD);
    }
  });

  it('writes the snappy xerial magic right after RecordsCount', () => {
    const bytes = encodeRecordBatch(sample(), { compression: 'snappy' });
    expect(bytes[RECORD_BATCH_OVERHEAD]).toBe(0x82);
    expect(new RecordBatchView(bytes).recordCount).toBe(4);
  });

  it('sets transactional and control flags', () => {
    const b = new RecordBatchView(encodeRecordBatch(sample(), { isTransactional: true, isControl: true }));
    expect([b.isTransactional, b.isControl, b.attributes]).toEqual([true, true, 0x30]);
  });

  it('estimateRecordSize is exact given the deltas', () => {
    const records = sample();
    const bytes = encodeRecordBatch(records);
    const sum = records.reduce((n, r, i) => n + estimateRecordSize(r, i, r.timestampMs - records[0]!.timestampMs), 0);
    expect(RECORD_BATCH_OVERHEAD + sum).toBe(bytes.length);
    expect(estimateRecordSize({ timestampMs: 0, key: null, value: new Uint8Array(100) })).toBe(2 + (1 + 1 + 1 + 1 + 2 + 100 + 1));
  });

  it('refuses an empty batch', () => {
    expect(() => encodeRecordBatch([])).toThrow(/at least one record/);
  });
});

describe('byte layout', () => {
  // One record, key "k", value "v", timestamp 1000: body = attrs 1 + tsDelta 1 + offsetDelta 1 +
  // key (len 1 + 1) + value (len 1 + 1) + header count 1 = 8 bytes, plus 1 byte of Length varint.
  const expectedRecord = [0x10, 0x00, 0x00, 0x00, 0x02, 0x6b, 0x02, 0x76, 0x00];
  const bytes = encodeRecordBatch([{ timestampMs: 1000, key: utf8('k'), value: utf8('v') }], { baseOffset: 5 });

  it('puts every header field at its DefaultRecordBatch offset', () => {
    const expected = [
      0, 0, 0, 0, 0, 0, 0, 5, // BaseOffset @0
      0, 0, 0, 70 - 12, // Length @8 = bytes after this field
      0xff, 0xff, 0xff, 0xff, // PartitionLeaderEpoch @12
      2, // Magic @16
      0, 0, 0, 0, // CRC @17 (checked below)
      0, 0, // Attributes @21
      0, 0, 0, 0, // LastOffsetDelta @23
      0, 0, 0, 0, 0, 0, 0x03, 0xe8, // BaseTimestamp @27
      0, 0, 0, 0, 0, 0, 0x03, 0xe8, // MaxTimestamp @35
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // ProducerId @43
      0xff, 0xff, // ProducerEpoch @51
      0xff, 0xff, 0xff, 0xff, // BaseSequence @53
      0, 0, 0, 1, // RecordsCount @57
      ...expectedRecord, // Records @61
    ];
    const crc = crc32c(Uint8Array.from(expected), 21, expected.length);
    expected.splice(17, 4, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff);
    expect([...bytes]).toEqual(expected);
    expect(new RecordBatchView(bytes).crc).toBe(crc);
  });

  it('CRC covers Attributes..end but not BaseOffset or PartitionLeaderEpoch', () => {
    const copy = bytes.slice();
    setPartitionLeaderEpoch(copy, 0, 7);
    setBaseOffset(copy, 0, 123);
    const view = new RecordBatchView(copy);
    expect([view.isValid(), view.partitionLeaderEpoch, view.baseOffset]).toEqual([true, 7, 123]);
    for (const pos of [21, 30, 60, copy.length - 1]) {
      const bad = copy.slice();
      bad[pos]! ^= 0x01;
      expect(new RecordBatchView(bad).isValid()).toBe(false);
      expect(new RecordBatchView(bad).invalidReason()).toMatch(/CRC mismatch/);
    }
    const wrongMagic = copy.slice();
    wrongMagic[16] = 1;
    expect(new RecordBatchView(wrongMagic).invalidReason()).toMatch(/magic/);
  });

  it('setLogAppendTime sets bit 3 and MaxTimestamp and keeps the CRC valid', () => {
    const copy = encodeRecordBatch(sample()).slice();
    setLogAppendTime(copy, 0, 5_000);
    const view = new RecordBatchView(copy);
    expect([view.isValid(), view.timestampType, view.maxTimestamp, view.attributes & 0x08]).toEqual([true, 'LogAppendTime', 5_000, 8]);
    expect(view.records().map((r) => r.timestampMs)).toEqual([5_000, 5_000, 5_000, 5_000]);
  });
});

describe('iterateBatches', () => {
  // Built in beforeAll, after the codecs are loaded (gzip included).
  let a: Uint8Array = new Uint8Array(0);
  let b: Uint8Array = new Uint8Array(0);
  let joined: Uint8Array = new Uint8Array(0);
  beforeAll(() => {
    a = encodeRecordBatch(sample(), { baseOffset: 0 });
    b = encodeRecordBatch(sample().slice(0, 2), { baseOffset: 4, compression: 'gzip' });
    joined = new Uint8Array(a.length + b.length + 7);
    joined.set(a, 0);
    joined.set(b, a.length);
    joined.set(b.subarray(0, 7), a.length + b.length); // a torn third batch
  });

  it('walks consecutive batches and stops at a torn tail', () => {
    const seen = [...iterateBatches(joined)].map((v) => [v.position, v.baseOffset, v.lastOffset]);
    expect(seen).toEqual([[0, 0, 3], [a.length, 4, 5]]);
  });

  it('honours start and end', () => {
    expect([...iterateBatches(joined, a.length)].length).toBe(1);
    expect([...iterateBatches(joined, 0, a.length + b.length - 1)].length).toBe(1);
    expect([...iterateBatches(joined, 0, LOG_OVERHEAD)].length).toBe(0);
  });

  it('stops at an impossible Length field', () => {
    const bad = joined.slice();
    bad[a.length + 11] = 3; // Length 3 < 49
    bad[a.length + 8] = 0;
    bad[a.length + 9] = 0;
    bad[a.length + 10] = 0;
    expect([...iterateBatches(bad)].length).toBe(1);
  });
});
