import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { TopicPartition } from '../engine/lab/types';

/** A few readable lines describing one partition's log, for traces. */
export function describeLog(lab: KafkaLab, tp: string): string[] {
  const view = lab.snapshot().topics.flatMap((t) => t.partitions).find((p) => p.tp === tp);
  if (!view) return [`${tp}: no such partition`];
  if (!view.log) return [`${tp}: leader ${view.leader}, no local log`];
  const log = view.log;
  const lines = [`${tp}: leader broker ${view.leader} (epoch ${view.leaderEpoch}), log start ${log.logStartOffset}, HW ${log.highWatermark}, LEO ${log.logEndOffset}, ${log.sizeBytes} bytes`];
  for (const s of log.segments) {
    lines.push(`  ${s.fileName}  ${s.nextOffset > s.baseOffset ? `offsets ${s.baseOffset}–${s.nextOffset - 1}` : `empty from offset ${s.baseOffset}`}  ${s.sizeBytes} B  ${s.indexEntries.length} index entr${s.indexEntries.length === 1 ? 'y' : 'ies'}${s.isActive ? '  (active)' : ''}`);
  }
  return lines;
}

/** KafkaConsumer.offsetsForTimes' answer, one partition per line: the earliest offset whose timestamp is ≥ the target. */
export function describeOffsetsForTimes(tps: readonly TopicPartition[], timestampMs: number, found: ReadonlyArray<{ offset: number; timestampMs: number } | null>): string[] {
  return tps.map((tp, i) => {
    const hit = found[i] ?? null;
    const name = `${tp.topic}-${tp.partition}`;
    return hit === null ? `${name}: no record with timestamp ≥ ${timestampMs} (null)` : `${name}: offset ${hit.offset} (timestamp ${hit.timestampMs}) for time ${timestampMs}`;
  });
}
