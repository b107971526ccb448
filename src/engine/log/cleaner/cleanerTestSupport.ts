/** Helpers for the cleaner's tests (not used by the engine): keyed batches, compacted logs, reading back. */
import type { KafkaVersion } from '../../config/types';
import { encodeRecordBatch } from '../../record/RecordBatchBuilder';
import { iterateBatches } from '../../record/RecordBatchView';
import type { BatchOptions, LogRecord } from '../../record/types';
import type { LogConfig } from '../LogConfig';
import type { LogSink } from '../LogTypes';
import { testConfig } from '../testSupport';
import { UnifiedLog } from '../UnifiedLog';
import { LogCleaner, type CleaningSummary } from './LogCleaner';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** [key, value] pairs; a null value is a tombstone. */
export type KeyedEntry = readonly [string, string | null];

export function keyedBatch(entries: readonly KeyedEntry[], timestampMs: number, options: BatchOptions = {}): Uint8Array {
  return encodeRecordBatch(
    entries.map(([k, v], i) => ({ timestampMs: timestampMs + i, key: encoder.encode(k), value: v === null ? null : encoder.encode(v) })),
    options,
  );
}

export function compactLog(overrides: Partial<LogConfig> = {}, sink?: LogSink, topic = 'compacted'): UnifiedLog {
  return new UnifiedLog({ topic, partition: 0, config: testConfig({ cleanupPolicy: 'compact', retentionMs: -1, ...overrides }), nowMs: 0, ...(sink ? { sink } : {}) });
}

/** Appends one batch per entry (so segments roll on segment.bytes), then moves the HW to the LEO. */
export function appendEach(log: UnifiedLog, entries: readonly KeyedEntry[], timestampMs: number, options: BatchOptions = {}): void {
  entries.forEach((e, i) => log.appendAsLeader(keyedBatch([e], timestampMs + i, options), 0, timestampMs + i));
  log.updateHighWatermark(log.logEndOffset);
}

export interface ReadRecord {
  offset: number;
  key: string;
  value: string | null;
}

function decode(r: LogRecord): ReadRecord {
  return { offset: r.offset, key: r.key === null ? '' : decoder.decode(r.key), value: r.value === null ? null : decoder.decode(r.value) };
}

/** Every record of the log, read as a consumer does: Fetch from the log start, next fetch at the last batch's end. */
export function fetchAll(log: UnifiedLog, maxBytes = 300): ReadRecord[] {
  const out: ReadRecord[] = [];
  let fetchOffset = log.logStartOffset;
  while (fetchOffset < log.logEndOffset) {
    const { records } = log.read(fetchOffset, maxBytes, log.logEndOffset, true);
    if (records.length === 0) break;
    let next = fetchOffset;
    for (const batch of iterateBatches(records)) {
      for (const r of batch.records()) if (r.offset >= fetchOffset) out.push(decode(r));
      next = batch.nextOffset;
    }
    fetchOffset = next;
  }
  return out;
}

/** The last value per key of a record stream (a tombstone maps to null). */
export function latestByKey(records: readonly ReadRecord[]): Map<string, ReadRecord> {
  const latest = new Map<string, ReadRecord>();
  for (const r of records) latest.set(r.key, r);
  return latest;
}

export const DEFAULT_TEST_SETTINGS = { threads: 1, dedupeBufferSize: 134217728, dedupeBufferLoadFactor: 0.9 };

/** A cleaner for a few logs, recording its checkpoint writes. */
export function testCleaner(profile: KafkaVersion = '3.9', settings = DEFAULT_TEST_SETTINGS): { cleaner: LogCleaner; checkpoints: Map<string, number>[] } {
  const checkpoints: Map<string, number>[] = [];
  const cleaner = new LogCleaner({
    settings: () => settings,
    profile: () => profile,
    onCheckpoint: (entries) => checkpoints.push(new Map(entries)),
    onError: (tp, error) => { throw new Error(`cleaning ${tp} failed: ${String(error)}`); },
  });
  return { cleaner, checkpoints };
}

export function cleanOnce(log: UnifiedLog, nowMs: number, profile: KafkaVersion = '3.9'): CleaningSummary[] {
  return testCleaner(profile).cleaner.run(new Map([[log.dir, log]]), nowMs);
}
