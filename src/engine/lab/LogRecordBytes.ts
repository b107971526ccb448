/**
 * One record's key and value bytes, read as LogRecordReader reads its window (segment, batch,
 * record cursor), for views that decode a record themselves: the __consumer_offsets records are
 * binary structs, which LogRecordReader's text (StringDeserializer) would garble.
 */
import { GROUP_METADATA_TOPIC_NAME } from '../controller/topicValidation';
import { describeOffsetsRecord, readMessageKey, type OffsetsRecordDescription } from '../groups/schemas';
import type { KafkaVersion } from '../config';
import type { UnifiedLog } from '../log';
import { floorSegmentIndex } from '../log/LogReads';
import { RecordCursor } from '../record/RecordCursor';
import type { RecordBatchView } from '../record/RecordBatchView';

export interface RecordBytes {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
}

/** The key and value (copies) of the record at `offset`, or null when the log does not hold it. */
export function readRecordBytes(log: UnifiedLog, offset: number): RecordBytes | null {
  if (offset < log.logStartOffset || offset >= log.logEndOffset) return null;
  const segments = log.segments;
  const segment = segments[floorSegmentIndex(segments, offset)];
  const start = segment?.translateOffset(offset);
  if (!segment || !start) return null;
  const cursor = new RecordCursor();
  for (let pos = start.position; ; ) {
    const size = segment.log.batchSizeAt(pos);
    if (size < 0) return null;
    const view = segment.log.view(pos);
    if (view.baseOffset > offset) return null;
    if (view.lastOffset >= offset) return recordIn(view, cursor, offset);
    pos += size;
  }
}

function recordIn(view: RecordBatchView, cursor: RecordCursor, offset: number): RecordBytes | null {
  try {
    view.recordCursor(cursor);
    while (cursor.next()) {
      if (cursor.offset > offset) return null;
      if (cursor.offset === offset) return { key: cursor.key()?.slice() ?? null, value: cursor.value()?.slice() ?? null };
    }
  } catch {
    // A damaged batch: nothing to describe (the details panel shows what it could read).
  }
  return null;
}

/** True for a partition of the group coordinator's topic ("__consumer_offsets-N"). */
export function isOffsetsTopicPartition(tp: string): boolean {
  return tp.startsWith(`${GROUP_METADATA_TOPIC_NAME}-`) && /^\d+$/.test(tp.slice(GROUP_METADATA_TOPIC_NAME.length + 1));
}

/** What a __consumer_offsets record means (a commit, a group's metadata, a tombstone), or null when unreadable. */
export function describeOffsetsRecordAt(log: UnifiedLog, offset: number, profile: KafkaVersion): OffsetsRecordDescription | null {
  const bytes = readRecordBytes(log, offset);
  return bytes ? describeOffsetsRecord(bytes.key, bytes.value, profile) : null;
}

/** A short readable name for a __consumer_offsets record's key: "g1 · orders-3" (a commit) or "g1 · group". */
export function offsetsKeyName(key: Uint8Array, profile: KafkaVersion): string | null {
  try {
    const k = readMessageKey(key, profile);
    if (k.kind === 'offset') return `${k.group} · ${k.topic}-${k.partition}`;
    if (k.kind === 'group') return `${k.group} · group`;
  } catch {
    // Not a coordinator record: keep the raw text.
  }
  return null;
}
