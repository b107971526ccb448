/**
 * `npm run bench:restore`: how long a reload takes on the engine side. Builds a lab holding
 * RESTORE_RECORDS records in 1 KiB segments (the demo topic's size, so ~16 records per segment),
 * shuts it down cleanly into MemoryStorage, then times a full-cluster restart from it:
 * KafkaLab.create({ restore }) (every broker loads and checks its logs), settling until every
 * partition has a leader again, and the first snapshot. IndexedDB's own read is measured in
 * Chromium by bench/idb.ts.
 */
import { KafkaLab } from '../src/engine/lab/KafkaLab';
import { settleInSimulation } from '../src/engine/lab/settle';
import { cloneCluster, MemoryStorage, type StoredCluster } from '../src/engine/storage';

export interface RestoreBench {
  records: number;
  segments: number;
  storedBytes: number;
  createMs: number;
  settleMs: number;
  snapshotMs: number;
  totalMs: number;
}

export async function storedLab(records: number, cleanShutdown: boolean): Promise<{ stored: StoredCluster; nowMs: number }> {
  const storage = new MemoryStorage();
  const lab = KafkaLab.create({ seed: 42, storage });
  lab.kernel.advanceBy(500);
  await settleInSimulation(lab.kernel, lab.admin.createTopic({ name: 'orders', partitions: 6, configs: { 'segment.bytes': '1024' } }), { maxMs: 60_000 });
  const producer = lab.createProducer({ 'linger.ms': 5, 'batch.size': 600 });
  const window = 2000;
  for (let sent = 0; sent < records; sent += window) {
    const sends: Promise<unknown>[] = [];
    for (let i = sent; i < Math.min(records, sent + window); i++) sends.push(producer.send({ topic: 'orders', key: `user-${i % 4}`, value: `order ${i}` }));
    await settleInSimulation(lab.kernel, Promise.all(sends), { maxMs: 600_000 });
  }
  if (cleanShutdown) lab.shutdown();
  else lab.checkpoint();
  return { stored: storage.state, nowMs: lab.kernel.nowMs };
}

function countSegments(stored: StoredCluster): { segments: number; bytes: number } {
  let segments = 0;
  let bytes = 0;
  for (const dir of stored.logDirs.values()) {
    for (const segs of dir.partitions.values()) {
      segments += segs.length;
      for (const s of segs) bytes += s.log.byteLength;
    }
  }
  return { segments, bytes };
}

export async function runRestoreBench(records: number, cleanShutdown = true, rounds = 3): Promise<RestoreBench[]> {
  const { stored, nowMs } = await storedLab(records, cleanShutdown);
  const { segments, bytes } = countSegments(stored);
  const results: RestoreBench[] = [];
  for (let round = 0; round < rounds; round++) {
    const restore = cloneCluster(stored); // what IndexedDB hands back: fresh arrays each time
    const t0 = performance.now();
    const lab = KafkaLab.create({ seed: 42, storage: new MemoryStorage(), restore, startTimeMs: nowMs });
    const t1 = performance.now();
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 30_000);
    const t2 = performance.now();
    lab.snapshot();
    const t3 = performance.now();
    results.push({ records, segments, storedBytes: bytes, createMs: t1 - t0, settleMs: t2 - t1, snapshotMs: t3 - t2, totalMs: t3 - t0 });
  }
  return results;
}

async function main(): Promise<void> {
  const records = Number(process.env['RESTORE_RECORDS'] ?? 200_000);
  for (const clean of [true, false]) {
    const rounds = await runRestoreBench(records, clean);
    const r = rounds[0]!;
    console.log(`Reload (${clean ? 'clean shutdown' : 'after a crash: recovery from the recovery point'}): ${r.records.toLocaleString('en')} records, ${r.segments.toLocaleString('en')} segments, ${(r.storedBytes / 1e6).toFixed(1)} MB`);
    for (const [i, x] of rounds.entries()) {
      console.log(`  round ${i + 1}: create ${x.createMs.toFixed(0)} ms, settle ${x.settleMs.toFixed(0)} ms, snapshot ${x.snapshotMs.toFixed(0)} ms, total ${x.totalMs.toFixed(0)} ms`);
    }
  }
}

if (process.argv[1]?.endsWith('bench/restore.ts')) void main();
