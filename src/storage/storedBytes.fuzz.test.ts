/**
 * Stored-bytes fuzz: seeded random damage to a stored lab (flipped bytes, truncated or zeroed .log
 * ranges, missing segments and index rows, dropped checkpoint files, wrong segment base offsets),
 * then a full-cluster restart from it. Invariants: nothing throws; every log has LEO >= 0 and
 * strictly increasing offsets; every acknowledged record below the partition's first damaged offset
 * is still there with its value; a consumer from earliest reaches the high watermark without
 * stalling. `FUZZ_RUNS` cases (default 40; `npm run fuzz` runs 1,800); a failure names its seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../engine/kernel/Random';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { settleInSimulation } from '../engine/lab/settle';
import { batchSizeAt, baseOffsetAt, lastOffsetAt, RecordBatchView } from '../engine/record/RecordBatchView';
import { cloneCluster, MemoryStorage, type StoredCluster, type StoredSegmentFiles } from '../engine/storage';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
const FIRST_SEED = Number(process.env['FUZZ_SEED'] ?? 1);
const TOPIC = 'orders';
const PARTITIONS = 3;

interface Acked {
  partition: number;
  offset: number;
  value: string;
}

interface BaseLab {
  stored: StoredCluster;
  nowMs: number;
  acked: Acked[];
}

/** A lab that produced `records` acknowledged records into 1 KiB segments, then stopped cleanly or crashed. */
async function baseLab(seed: number, records: number, clean: boolean): Promise<BaseLab> {
  const storage = new MemoryStorage();
  const lab = KafkaLab.create({ seed, storage });
  lab.kernel.advanceBy(500);
  const settle = <T>(p: Promise<T>) => settleInSimulation(lab.kernel, p, { maxMs: 120_000 });
  await settle(lab.admin.createTopic({ name: TOPIC, partitions: PARTITIONS, configs: { 'segment.bytes': '1024' } }));
  const producer = lab.createProducer({ 'linger.ms': 5, 'batch.size': 400 });
  const acked: Acked[] = [];
  for (let sent = 0; sent < records; sent += 25) {
    const sends = [];
    for (let i = sent; i < sent + 25; i++) {
      const value = `order-${seed}-${i}`;
      sends.push(producer.send({ topic: TOPIC, key: `user-${i % 7}`, value }).then((m) => acked.push({ partition: m.partition, offset: m.offset, value })));
    }
    await settle(Promise.all(sends));
  }
  if (clean) lab.shutdown();
  else lab.checkpoint(); // a crash after the last periodic checkpoint: recovery runs from the recovery point
  return { stored: cloneCluster(storage.state), nowMs: lab.kernel.nowMs, acked };
}

interface BatchSpan {
  position: number;
  end: number;
  baseOffset: number;
}

function batchesOf(log: Uint8Array): BatchSpan[] {
  const out: BatchSpan[] = [];
  for (let pos = 0, size = batchSizeAt(log, pos); size >= 0; pos += size, size = batchSizeAt(log, pos)) {
    out.push({ position: pos, end: pos + size, baseOffset: baseOffsetAt(log, pos) });
  }
  return out;
}

/** The first offset a damage at byte `position` of `segment` can take away. */
function offsetAtByte(segment: StoredSegmentFiles, position: number): number {
  const batch = batchesOf(segment.log).find((b) => b.end > position);
  return batch ? batch.baseOffset : Number.POSITIVE_INFINITY;
}

type Damage = (random: Random, stored: StoredCluster) => { partition: number; firstOffset: number; what: string } | null;

function pickSegment(random: Random, stored: StoredCluster): { dir: string; broker: number; segments: StoredSegmentFiles[]; index: number } | null {
  const candidates: { dir: string; broker: number; segments: StoredSegmentFiles[] }[] = [];
  for (const [broker, logDir] of stored.logDirs) for (const [dir, segments] of logDir.partitions) if (segments.length > 0) candidates.push({ dir, broker, segments });
  if (candidates.length === 0) return null;
  const c = candidates[random.nextInt(candidates.length)]!;
  return { ...c, index: random.nextInt(c.segments.length) };
}

const partitionOf = (dir: string): number => Number(dir.slice(dir.lastIndexOf('-') + 1));

const DAMAGES: Record<string, Damage> = {
  flipLogByte(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg || seg.log.length === 0) return null;
    const at = random.nextInt(seg.log.length);
    const firstOffset = offsetAtByte(seg, at);
    seg.log[at]! ^= 1 + random.nextInt(255);
    return { partition: partitionOf(t.dir), firstOffset, what: `flipped byte ${at} of ${t.dir}@${seg.baseOffset}` };
  },
  flipBaseOffset(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    const batches = seg ? batchesOf(seg.log) : [];
    if (!t || !seg || batches.length === 0) return null;
    const batch = batches[random.nextInt(batches.length)]!;
    seg.log[batch.position + random.nextInt(8)]! ^= 1 << random.nextInt(8);
    return { partition: partitionOf(t.dir), firstOffset: batch.baseOffset, what: `flipped BaseOffset of batch ${batch.baseOffset} in ${t.dir}` };
  },
  truncateLog(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg) return null;
    const size = random.nextInt(seg.log.length + 1);
    const firstOffset = offsetAtByte(seg, size);
    seg.log = seg.log.slice(0, size);
    return { partition: partitionOf(t.dir), firstOffset, what: `truncated ${t.dir}@${seg.baseOffset} to ${size} bytes` };
  },
  zeroRange(random, stored) {
    // A chunk row missing from the middle of a .log reads back as zeros.
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg || seg.log.length === 0) return null;
    const from = random.nextInt(seg.log.length);
    const firstOffset = offsetAtByte(seg, from);
    seg.log.fill(0, from, from + 1 + random.nextInt(300));
    return { partition: partitionOf(t.dir), firstOffset, what: `zeroed ${t.dir}@${seg.baseOffset} from byte ${from}` };
  },
  dropSegment(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg) return null;
    t.segments.splice(t.index, 1);
    return { partition: partitionOf(t.dir), firstOffset: seg.baseOffset, what: `dropped segment ${t.dir}@${seg.baseOffset}` };
  },
  dropIndex(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg) return null;
    if (random.nextInt(2) === 0) delete seg.offsetIndex;
    else delete seg.timeIndex;
    return { partition: partitionOf(t.dir), firstOffset: Number.POSITIVE_INFINITY, what: `dropped an index of ${t.dir}@${seg.baseOffset}` };
  },
  flipIndexByte(random, stored) {
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    const index = random.nextInt(2) === 0 ? seg?.offsetIndex : seg?.timeIndex;
    if (!t || !seg || !index || index.length === 0) return null;
    index[random.nextInt(index.length)]! ^= 1 + random.nextInt(255);
    return { partition: partitionOf(t.dir), firstOffset: Number.POSITIVE_INFINITY, what: `flipped an index byte of ${t.dir}@${seg.baseOffset}` };
  },
  wrongBaseOffset(random, stored) {
    // Between its neighbours, so the segment order stays; a lower base also cuts into the previous segment.
    const t = pickSegment(random, stored);
    const seg = t?.segments[t.index];
    if (!t || !seg) return null;
    const prev = t.segments[t.index - 1];
    const next = t.segments[t.index + 1];
    const base = Math.max(0, seg.baseOffset + random.nextInt(81) - 40);
    if (base === seg.baseOffset || (prev && base <= prev.baseOffset) || (next && base >= next.baseOffset)) return null;
    const cutInPrev = prev ? batchesOf(prev.log).find((b) => lastOffsetAt(prev.log, b.position) >= base)?.baseOffset : undefined;
    const old = seg.baseOffset;
    seg.baseOffset = base;
    return { partition: partitionOf(t.dir), firstOffset: Math.min(old, base, cutInPrev ?? Infinity), what: `renamed ${t.dir}@${old} to base ${base}` };
  },
  dropFile(random, stored) {
    const logDirs = [...stored.logDirs.values()].filter((d) => d.files.size > 0);
    if (logDirs.length === 0) return null;
    const dir = logDirs[random.nextInt(logDirs.length)]!;
    const path = [...dir.files.keys()][random.nextInt(dir.files.size)]!;
    dir.files.delete(path);
    return { partition: -1, firstOffset: Number.POSITIVE_INFINITY, what: `dropped file ${path} of broker ${dir.brokerId}` };
  },
};

const DAMAGE_NAMES = Object.keys(DAMAGES);

function damage(random: Random, stored: StoredCluster): { firstDamage: Map<number, number>; what: string[] } {
  const firstDamage = new Map<number, number>();
  const what: string[] = [];
  for (let n = 1 + random.nextInt(3); n > 0; ) {
    const result = DAMAGES[DAMAGE_NAMES[random.nextInt(DAMAGE_NAMES.length)]!]!(random, stored);
    if (!result) continue;
    n--;
    what.push(result.what);
    if (result.partition >= 0) firstDamage.set(result.partition, Math.min(firstDamage.get(result.partition) ?? Infinity, result.firstOffset));
  }
  return { firstDamage, what };
}

/** Every record in the partition's local log, offset → value, checking offsets only ever increase. */
function readLog(lab: KafkaLab, partition: number): { values: Map<number, string | null>; logEndOffset: number; highWatermark: number } {
  const dir = `${TOPIC}-${partition}`;
  for (let b = 0; b < 3; b++) {
    const log = lab.broker(b).replicaManager.partitions.get(dir)?.log;
    if (!log) continue;
    expect(log.logEndOffset, `${dir} LEO`).toBeGreaterThanOrEqual(0);
    const values = new Map<number, string | null>();
    let next = -1;
    for (const segment of log.segments) {
      expect(segment.baseOffset, `${dir} segment order`).toBeGreaterThanOrEqual(next);
      for (let pos = 0, size = segment.log.batchSizeAt(pos); size >= 0; pos += size, size = segment.log.batchSizeAt(pos)) {
        const view: RecordBatchView = segment.log.view(pos);
        expect(view.baseOffset, `${dir} batch offsets increase`).toBeGreaterThanOrEqual(Math.max(next, segment.baseOffset));
        expect(lastOffsetAt(view.buffer, view.position)).toBeLessThan(segment.nextOffset);
        for (const r of view.records()) values.set(r.offset, r.value === null ? null : new TextDecoder().decode(r.value));
        next = view.nextOffset;
      }
    }
    expect(next, `${dir} LEO matches its last batch`).toBeLessThanOrEqual(log.logEndOffset);
    return { values, logEndOffset: log.logEndOffset, highWatermark: log.highWatermark };
  }
  throw new Error(`no broker hosts ${dir} after the restart`);
}

async function consumeToHighWatermark(lab: KafkaLab, hw: Map<number, number>): Promise<void> {
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' });
  const tps = [...hw.keys()].map((partition) => ({ topic: TOPIC, partition }));
  consumer.assign(tps);
  for (let polls = 0; ; polls++) {
    const done = tps.every((tp) => (consumer.position(tp) ?? -1) >= hw.get(tp.partition)!);
    if (done) return;
    if (polls >= 300) throw new Error(`consumer stalled at ${tps.map((tp) => `${tp.partition}:${consumer.position(tp)}/${hw.get(tp.partition)}`).join(' ')}`);
    await settleInSimulation(lab.kernel, consumer.poll(100), { maxMs: 60_000 });
  }
}

async function runCase(seed: number, base: BaseLab): Promise<void> {
  const random = new Random(seed);
  const stored = cloneCluster(base.stored);
  const { firstDamage, what } = damage(random, stored);
  const context = `seed ${seed} (FUZZ_SEED=${seed} FUZZ_RUNS=1): ${what.join('; ')}`;
  try {
    const lab = KafkaLab.create({ seed: 42, storage: new MemoryStorage(), restore: stored, startTimeMs: base.nowMs });
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 60_000);
    const hw = new Map<number, number>();
    for (let p = 0; p < PARTITIONS; p++) {
      const { values, highWatermark } = readLog(lab, p);
      hw.set(p, highWatermark);
      const limit = firstDamage.get(p) ?? Infinity;
      const lost = base.acked.filter((a) => a.partition === p && a.offset < limit && values.get(a.offset) !== a.value);
      expect(lost.map((a) => a.offset), `partition ${p}: acked records before the first damage (${limit}) lost`).toEqual([]);
    }
    if (process.env['FUZZ_DEBUG']) {
      for (let p = 0; p < PARTITIONS; p++) for (let b = 0; b < 3; b++) {
        const log = lab.broker(b).replicaManager.partitions.get(`${TOPIC}-${p}`)?.log;
        if (log) console.log(p, b, log.logStartOffset, log.logEndOffset, log.highWatermark, log.segments.map((x) => `${x.baseOffset}-${x.nextOffset}`).join(' '));
      }
      console.log(lab.recoveryReport.join('\n'));
    }
    await consumeToHighWatermark(lab, hw);
  } catch (error) {
    throw new Error(`${context}\n${(error as Error).stack ?? error}`);
  }
}

describe('stored-bytes fuzz', () => {
  const bases: BaseLab[] = [];
  beforeAll(async () => {
    bases.push(await baseLab(7, 200, true), await baseLab(8, 200, false));
  }, 60_000);

  it(`${RUNS} seeded damage cases from seed ${FIRST_SEED}: no exception, no lost valid record, no stall`, async () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) await runCase(seed, bases[seed % bases.length]!);
  }, 600_000);
});
