import { openDB } from 'idb';
import { IdbLogStore } from '../../src/storage/IdbLogStore';
import { CHUNK_BYTES_MAX } from '../../src/storage/writeActions';
import { upgradeSchema, type LabDbSchema } from '../../src/storage/schema';
import { selfCheck } from './selfCheck';
import { BATCH_BYTES, RECORDS_PER_BATCH, runWorkload } from './workload';

export interface BenchRun {
  records: number;
  bytes: number;
  durationMs: number;
}

/** The workload through IdbLogStore: submit ops, flush every 64 batches. */
async function runStore(totalBatches: number): Promise<BenchRun> {
  const store = await IdbLogStore.open({ dbName: 'bench-store' });
  await store.claimWriterEpoch();
  const startedMs = performance.now();
  await runWorkload(
    {
      append: (broker, dir, position, bytes) => store.submit({ type: 'append', broker, dir, baseOffset: 0, position, bytes }),
      indexes: (broker, dir, offsetIndex, timeIndex) => store.submit({ type: 'indexes', broker, dir, baseOffset: 0, offsetIndex, timeIndex }),
      file: (broker, path, contents) => store.submit({ type: 'file', broker, path, contents }),
      flush: async () => {
        const result = await store.flush();
        if (!result.ok) throw new Error(result.status.message);
      },
    },
    totalBatches,
  );
  return finish(startedMs, totalBatches);
}

/** The same bytes, keys and transactions with plain idb and nothing else: the ceiling. */
async function runRaw(totalBatches: number): Promise<BenchRun> {
  const db = await openDB<LabDbSchema>('bench-raw', 1, { upgrade: (d, oldVersion) => upgradeSchema(d, oldVersion) });
  let runs = new Map<string, { key: [number, string, number, number]; parts: Uint8Array[]; bytes: number }>();
  let indexes = new Map<string, { key: [number, string, number]; offsetIndex: Uint8Array; timeIndex: Uint8Array }>();
  let files: { key: [number, string]; contents: string }[] = [];
  const startedMs = performance.now();
  await runWorkload(
    {
      append(broker, dir, position, bytes) {
        const id = `${broker}/${dir}`;
        const run = runs.get(id);
        if (run) {
          run.parts.push(bytes);
          run.bytes += bytes.byteLength;
        } else runs.set(id, { key: [broker, dir, 0, position], parts: [bytes], bytes: bytes.byteLength });
      },
      indexes: (broker, dir, offsetIndex, timeIndex) => indexes.set(`${broker}/${dir}`, { key: [broker, dir, 0], offsetIndex, timeIndex }),
      file: (broker, path, contents) => files.push({ key: [broker, path], contents }),
      async flush() {
        const tx = db.transaction(['segments', 'indexes', 'files'], 'readwrite');
        const writes: Promise<unknown>[] = [];
        for (const run of runs.values()) {
          let position = run.key[3];
          for (const chunk of concatInChunks(run.parts, run.bytes)) {
            writes.push(tx.objectStore('segments').put(chunk, [run.key[0], run.key[1], 0, position]));
            position += chunk.byteLength;
          }
        }
        for (const i of indexes.values()) writes.push(tx.objectStore('indexes').put({ offsetIndex: i.offsetIndex, timeIndex: i.timeIndex }, i.key));
        for (const f of files) writes.push(tx.objectStore('files').put(f.contents, f.key));
        await Promise.all([...writes, tx.done]);
        runs = new Map();
        indexes = new Map();
        files = [];
      },
    },
    totalBatches,
  );
  db.close();
  return finish(startedMs, totalBatches);
}

function concatInChunks(parts: Uint8Array[], totalBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let from = 0; from < totalBytes; from += CHUNK_BYTES_MAX) chunks.push(new Uint8Array(Math.min(CHUNK_BYTES_MAX, totalBytes - from)));
  let offset = 0;
  for (const part of parts) {
    // Parts are whole batches and CHUNK_BYTES_MAX is a multiple of BATCH_BYTES, so none straddles.
    const chunk = chunks[Math.floor(offset / CHUNK_BYTES_MAX)]!;
    chunk.set(part, offset % CHUNK_BYTES_MAX);
    offset += part.byteLength;
  }
  return chunks;
}

function finish(startedMs: number, totalBatches: number): BenchRun {
  return { records: totalBatches * RECORDS_PER_BATCH, bytes: totalBatches * BATCH_BYTES, durationMs: performance.now() - startedMs };
}

declare global {
  interface Window {
    idbBench: { runStore: typeof runStore; runRaw: typeof runRaw; selfCheck: typeof selfCheck };
  }
}

window.idbBench = { runStore, runRaw, selfCheck };
