import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import { fnv1a, MAX_KEY_CHARS } from './LogRecordReader';
import { settle, startedLab } from './testing';

beforeAll(async () => {
  await initCodecs();
});

async function labWithRecords() {
  const lab = startedLab();
  await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 1, configs: { 'segment.bytes': '1024' } }));
  const producer = lab.createProducer({ 'compression.type': 'lz4', 'linger.ms': '0' });
  await settle(lab, producer.send({ topic: 'orders', key: 'user-1', value: 'hello', headers: { trace: 't-1', empty: '' } }));
  await settle(lab, producer.send({ topic: 'orders', key: null, value: 'keyless' }));
  await settle(lab, producer.send({ topic: 'orders', key: 'k'.repeat(MAX_KEY_CHARS + 50), value: null }));
  for (let i = 0; i < 30; i++) await settle(lab, producer.send({ topic: 'orders', key: `user-${i % 3}`, value: `v${i}`.padEnd(60, '.') }));
  return { lab, producer };
}

describe('KafkaLab.readRecords', () => {
  it('returns keys, values, timestamps, headers and batch details for a window of offsets', async () => {
    const { lab } = await labWithRecords();
    const [first, keyless, long] = lab.readRecords('orders-0', 0, 3);
    expect(first).toMatchObject({ offset: 0, key: 'user-1', keySizeBytes: 6, value: 'hello', valueSizeBytes: 5 });
    expect(first!.headers).toEqual([
      { key: 'trace', value: 't-1' },
      { key: 'empty', value: '' },
    ]);
    expect(first!.batch).toMatchObject({ baseOffset: 0, lastOffset: 0, recordCount: 1, compression: 'lz4', timestampType: 'CreateTime', segment: '00000000000000000000.log' });
    // The idempotent producer (3.x default) stamps its id, epoch and sequence on the batch.
    expect(first!.batch.producerId).toBeGreaterThanOrEqual(0);
    expect(first!.batch.baseSequence).toBe(0);
    expect(first!.timestampMs).toBe(first!.batch.maxTimestampMs);
    expect(keyless).toMatchObject({ offset: 1, key: null, keySizeBytes: -1, value: 'keyless' });
    expect(long!.key).toHaveLength(MAX_KEY_CHARS);
    expect(long!.keySizeBytes).toBe(MAX_KEY_CHARS + 50);
    expect(long!.value).toBeNull();
  });

  it('reads across segments, clips to the log and caps the count', async () => {
    const { lab } = await labWithRecords();
    const snap = lab.snapshot().topics[0]!.partitions[0]!.log!;
    expect(snap.segments.length).toBeGreaterThan(1);
    const leo = snap.logEndOffset;
    const all = lab.readRecords('orders-0', -5, 10_000);
    expect(all.map((r) => r.offset)).toEqual(Array.from({ length: leo }, (_, i) => i));
    expect(lab.readRecords('orders-0', leo - 2, 5).map((r) => r.offset)).toEqual([leo - 2, leo - 1]);
    const second = snap.segments[1]!;
    const around = lab.readRecords('orders-0', second.baseOffset - 1, 2);
    expect(around.map((r) => r.batch.segment)).toEqual([snap.segments[0]!.fileName, second.fileName]);
    expect(lab.readRecords('orders-0', leo, 5)).toEqual([]);
    expect(lab.readRecords('nope-0', 0, 5)).toEqual([]);
  });

  it('hashes equal key bytes to equal numbers', async () => {
    const { lab } = await labWithRecords();
    const rs = lab.readRecords('orders-0', 3, 30);
    const byKey = new Map<string, Set<number>>();
    for (const r of rs) (byKey.get(r.key!) ?? byKey.set(r.key!, new Set()).get(r.key!)!).add(r.keyHash);
    expect([...byKey.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set(rs.map((r) => r.keyHash)).size).toBe(3);
    expect(fnv1a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
  });
});
