import os from 'node:os';
import { formatFixedRateTable, runFixedRateBench, runEngineBench } from './engine';
import { runGroupBench } from './groups';

/**
 * `npm run bench`: engine throughput in Node (RF=1 and RF=3 acks=all), the fixed-rate table, then the
 * segment store and frames in headless Chromium. `npm run bench -- engine` runs only the first.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  if (only[0] === 'frames') return frames(only.slice(1));
  if (process.argv.includes('fixed-rate')) return printFixedRate();
  await printEngine();
  printGroups();
  // `npm run bench -- engine`: the Node engine throughput only (no fixed-rate table, no browser).
  if (only[0] === 'engine') return;
  printFixedRate();
  try {
    const { runIdbBench } = await import('./idb');
    const idb = await runIdbBench();
    console.log('Segment store (headless Chromium, IndexedDB)');
    console.log(`  store  : ${fmt(idb.storeRecordsPerSec)} records/s`);
    console.log(`  raw    : ${fmt(idb.rawRecordsPerSec)} records/s (batched IndexedDB puts of the same bytes)`);
    console.log(`  ratio  : ${(idb.ratio * 100).toFixed(1)} % of raw (target ≥ 50 %)`);
  } catch (error) {
    console.error(`Segment store benchmark failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
  await frames([]);
}

/** Engine throughput at RF=1 (acks=1) against its raw loop, and at RF=3 with acks=all, in one run. */
async function printEngine(): Promise<void> {
  const engine = await runEngineBench(Number(process.env['BENCH_RECORDS'] ?? 1_000_000));
  console.log('Engine (Node): produce → append → fetch, 3 brokers, 12 partitions, batching on, 100-byte values');
  console.log(`  engine : ${fmt(engine.engineRecordsPerSec)} records/s at RF=1, acks=1 (${engine.records.toLocaleString('en')} records, ${(engine.simulatedMs / 1000).toFixed(1)} s simulated)`);
  console.log(`  raw    : ${fmt(engine.rawRecordsPerSec)} records/s (encode v2 batches + append to buffers only)`);
  console.log(`  ratio  : ${(engine.ratio * 100).toFixed(1)} % of raw (target ≥ 10 %; engine target ≥ 1,000,000 records/s)`);
  console.log(`  RF=3   : ${fmt(engine.replicatedRecordsPerSec)} records/s at RF=3, acks=all (two followers fetch every record)`);
  console.log(`  cost   : ${engine.replicationCost.toFixed(2)}× RF=1 per record (target ≤ 2.5×)`);
  for (const [i, r] of engine.rounds.entries()) {
    console.log(`  round ${i + 1}: engine ${fmt(r.engineRecordsPerSec)}, raw ${fmt(r.rawRecordsPerSec)} (${((r.engineRecordsPerSec / r.rawRecordsPerSec) * 100).toFixed(1)} %), RF=3 ${fmt(r.replicatedRecordsPerSec)} (${(r.engineRecordsPerSec / r.replicatedRecordsPerSec).toFixed(2)}×)`);
  }
  console.log(`  machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

/** A consumer group of 6 members (subscribe, auto-commit) against one assign() consumer, 12 partitions. */
function printGroups(): void {
  const g = runGroupBench(Number(process.env['BENCH_GROUP_RECORDS'] ?? 300_000));
  console.log('Consumer group (Node): 6 members subscribe to 12 partitions with auto-commit, RF=1');
  console.log(`  group  : ${fmt(g.groupRecordsPerSec)} records/s (generation ${g.rebalancedGeneration}, ${g.records.toLocaleString('en')} records)`);
  console.log(`  single : ${fmt(g.standaloneRecordsPerSec)} records/s (one consumer assigned every partition)`);
  console.log(`  ratio  : ${(g.ratio * 100).toFixed(1)} % of the standalone consumer`);
}

/** The browser frame benchmark (`npm run bench -- frames [case…]` runs only this). */
async function frames(filters: string[]): Promise<void> {
  try {
    const { runFramesBench } = await import('./frames');
    console.log('Browser frames (production build, headless Chromium, 1280×720, 20 s per case)');
    const result = await runFramesBench(filters);
    console.log(`  machine: ${result.machine}`);
  } catch (error) {
    console.error(`Browser frame benchmark failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

/** `npm run bench -- fixed-rate` runs only this one (BENCH_FIXED_SECONDS simulated seconds per case). */
function printFixedRate(): void {
  const seconds = Number(process.env['BENCH_FIXED_SECONDS'] ?? 5);
  console.log(`Fixed-rate engine (Node): CPU ms per simulated second, keyed stream + polling consumer, 80 ± 20 ms links, 10× frames, median of ${seconds} s`);
  for (const line of formatFixedRateTable(runFixedRateBench({ simulatedSeconds: seconds }))) console.log(`  ${line}`);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

main();
