/**
 * Re-encoding one batch after the cleaner dropped some of its records, byte for byte as Kafka's
 * MemoryRecords.buildRetainedRecordsInto (3.9 clients/…/record/MemoryRecords.java) and
 * DefaultRecordBatch.writeEmptyHeader do:
 * - the base offset and the LAST offset of the original batch are kept (overrideLastOffset), so the
 *   producer's last sequence survives compaction and offsets never move;
 * - producer id, epoch, base sequence, partition leader epoch, compression and timestamp type are kept;
 * - the base timestamp is the first retained record's timestamp, or the delete horizon (KIP-534, 3.x)
 *   when one is stamped, with attribute bit 6 set; record timestamps stay the same (deltas change);
 * - an empty batch (kept only to remember a producer's last sequence) has no records, no compression,
 *   BaseTimestamp -1 and MaxTimestamp from the original batch.
 */
import { compress } from '../../record/compression/codecs';
import { bodySizeOf, writeRecordParts } from '../../record/DefaultRecord';
import type { RecordBatchView } from '../../record/RecordBatchView';
import {
  ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, COMPRESSION_CODEC_MASK,
  CONTROL_FLAG_MASK, CRC_OFFSET, DELETE_HORIZON_FLAG_MASK, LAST_OFFSET_DELTA_OFFSET, LENGTH_OFFSET, LOG_OVERHEAD,
  MAGIC_OFFSET, MAGIC_VALUE_V2, MAX_TIMESTAMP_OFFSET, NO_TIMESTAMP, PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET, RECORD_BATCH_OVERHEAD, RECORDS_COUNT_OFFSET, TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK, type LogRecord,
} from '../../record/types';
import { setInt16, setInt32, setInt64, sizeOfVarint } from '../../util/bytes';
import { crc32c } from '../../util/crc32c';

interface Header {
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  count: number;
}

/** DefaultRecordBatch.writeHeader: everything from the original batch except what `h` says, then the CRC. */
function writeHeader(out: Uint8Array, original: RecordBatchView, h: Header): void {
  setInt64(out, BASE_OFFSET_OFFSET, original.baseOffset);
  setInt32(out, LENGTH_OFFSET, out.length - LOG_OVERHEAD);
  setInt32(out, PARTITION_LEADER_EPOCH_OFFSET, original.partitionLeaderEpoch);
  out[MAGIC_OFFSET] = MAGIC_VALUE_V2;
  setInt16(out, ATTRIBUTES_OFFSET, h.attributes);
  setInt32(out, LAST_OFFSET_DELTA_OFFSET, original.lastOffsetDelta);
  setInt64(out, BASE_TIMESTAMP_OFFSET, h.baseTimestamp);
  setInt64(out, MAX_TIMESTAMP_OFFSET, h.maxTimestamp);
  setInt64(out, PRODUCER_ID_OFFSET, original.producerId);
  setInt16(out, PRODUCER_EPOCH_OFFSET, original.producerEpoch);
  setInt32(out, BASE_SEQUENCE_OFFSET, original.baseSequence);
  setInt32(out, RECORDS_COUNT_OFFSET, h.count);
  setInt32(out, CRC_OFFSET, crc32c(out, ATTRIBUTES_OFFSET, out.length));
}

/** The attributes kept from the original batch (compression, timestamp type, transactional, control). */
function keptAttributes(original: RecordBatchView, withCompression: boolean): number {
  const a = original.attributes;
  return (withCompression ? a & COMPRESSION_CODEC_MASK : 0) | (a & (TIMESTAMP_TYPE_MASK | TRANSACTIONAL_FLAG_MASK | CONTROL_FLAG_MASK));
}

/**
 * The retained records of `original` as one v2 batch. `deleteHorizonMs` is NO_TIMESTAMP (-1) when the
 * batch carries none. Records come from RecordBatchView.records(), so under LogAppendTime their timestamp
 * is already the batch's MaxTimestamp, exactly what Kafka's builder appends.
 */
export function buildRetainedBatch(original: RecordBatchView, retained: readonly LogRecord[], deleteHorizonMs: number): Uint8Array {
  if (retained.length === 0) throw new Error('a retained batch needs at least one record (use emptyBatchHeader)');
  const hasHorizon = deleteHorizonMs >= 0;
  const baseTimestamp = hasHorizon ? deleteHorizonMs : retained[0]!.timestampMs;
  let maxTimestamp = NO_TIMESTAMP;
  const bodies = new Array<number>(retained.length);
  let size = RECORD_BATCH_OVERHEAD;
  retained.forEach((r, i) => {
    if (r.timestampMs > maxTimestamp) maxTimestamp = r.timestampMs;
    bodies[i] = bodySizeOf(r.offset - original.baseOffset, r.timestampMs - baseTimestamp, r.key, r.value, r.headers);
    size += sizeOfVarint(bodies[i]!) + bodies[i]!;
  });
  const plain = new Uint8Array(size);
  let pos = RECORD_BATCH_OVERHEAD;
  retained.forEach((r, i) => {
    pos = writeRecordParts(plain, pos, bodies[i]!, r.offset - original.baseOffset, r.timestampMs - baseTimestamp, r.key, r.value, r.headers);
  });
  let out = plain;
  if (original.compression !== 'none') {
    const packed = compress(original.compression, plain.subarray(RECORD_BATCH_OVERHEAD));
    out = new Uint8Array(RECORD_BATCH_OVERHEAD + packed.length);
    out.set(packed, RECORD_BATCH_OVERHEAD);
  }
  const logAppendTime = original.timestampType === 'LogAppendTime';
  const attributes = keptAttributes(original, true) | (hasHorizon ? DELETE_HORIZON_FLAG_MASK : 0);
  writeHeader(out, original, { attributes, baseTimestamp, maxTimestamp: logAppendTime ? original.maxTimestamp : maxTimestamp, count: retained.length });
  return out;
}

/** DefaultRecordBatch.writeEmptyHeader: the batch's offsets and producer fields, no records. */
export function emptyBatchHeader(original: RecordBatchView): Uint8Array {
  const out = new Uint8Array(RECORD_BATCH_OVERHEAD);
  writeHeader(out, original, { attributes: keptAttributes(original, false), baseTimestamp: NO_TIMESTAMP, maxTimestamp: original.maxTimestamp, count: 0 });
  return out;
}
