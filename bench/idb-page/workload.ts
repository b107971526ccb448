/**
 * The benchmark's workload, shared by both runs so they write the same bytes under the same
 * keys: 16 KiB batches of 100-byte records, round-robin over 3 brokers × 12 partitions, with
 * index files rewritten every 8 batches of a segment and a recovery-point checkpoint per broker
 * every flush.
 */
export const BROKERS = 3;
export const PARTITIONS_PER_BROKER = 12;
export const BATCH_BYTES = 16 * 1024;
export const RECORD_BYTES = 100;
export const RECORDS_PER_BATCH = Math.floor(BATCH_BYTES / RECORD_BYTES);
export const BATCHES_PER_FLUSH = 64;
const INDEX_EVERY_BATCHES = 8;
const INDEX_BYTES_MAX = 4096;

export interface WorkloadSink {
  append(broker: number, dir: string, position: number, bytes: Uint8Array): void;
  indexes(broker: number, dir: string, offsetIndex: Uint8Array, timeIndex: Uint8Array): void;
  file(broker: number, path: string, contents: string): void;
  flush(): Promise<void>;
}

export async function runWorkload(sink: WorkloadSink, totalBatches: number): Promise<void> {
  const pool = randomBatches(32);
  const segments = BROKERS * PARTITIONS_PER_BROKER;
  const positions = new Array<number>(segments).fill(0);
  const batchCounts = new Array<number>(segments).fill(0);
  for (let i = 0; i < totalBatches; i++) {
    const s = i % segments;
    const broker = Math.floor(s / PARTITIONS_PER_BROKER);
    const dir = `bench-${s % PARTITIONS_PER_BROKER}`;
    sink.append(broker, dir, positions[s]!, pool[i % pool.length]!);
    positions[s]! += BATCH_BYTES;
    batchCounts[s]! += 1;
    if (batchCounts[s]! % INDEX_EVERY_BATCHES === 0) {
      const entries = batchCounts[s]! / INDEX_EVERY_BATCHES;
      sink.indexes(broker, dir, new Uint8Array(Math.min(8 * entries, INDEX_BYTES_MAX)), new Uint8Array(Math.min(12 * entries, INDEX_BYTES_MAX)));
    }
    if ((i + 1) % BATCHES_PER_FLUSH === 0 || i === totalBatches - 1) {
      for (let b = 0; b < BROKERS; b++) sink.file(b, 'recovery-point-offset-checkpoint', checkpoint(b, batchCounts));
      await sink.flush();
    }
  }
}

function checkpoint(broker: number, batchCounts: number[]): string {
  const lines = ['0', String(PARTITIONS_PER_BROKER)];
  for (let p = 0; p < PARTITIONS_PER_BROKER; p++) lines.push(`bench ${p} ${batchCounts[broker * PARTITIONS_PER_BROKER + p]! * RECORDS_PER_BATCH}`);
  return `${lines.join('\n')}\n`;
}

/** Incompressible bytes (LevelDB compresses values), made up front so neither run pays for them. */
function randomBatches(count: number): Uint8Array[] {
  let x = 0x9e3779b9;
  return Array.from({ length: count }, () => {
    const batch = new Uint8Array(BATCH_BYTES);
    for (let i = 0; i < BATCH_BYTES; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      batch[i] = x;
    }
    return batch;
  });
}
