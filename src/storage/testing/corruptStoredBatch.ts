import { CHECKPOINT_FILES, formatOffsetCheckpoint, parseOffsetCheckpoint } from '../../engine/broker/checkpoints';
import { LAST_OFFSET_DELTA_OFFSET, LENGTH_OFFSET, LOG_OVERHEAD, RECORD_BATCH_OVERHEAD } from '../../engine/record/types';
import { getInt32, getInt64 } from '../../engine/util/bytes';
import type { IdbLogStore } from '../IdbLogStore';
import { dirContentsRange, type ChunkKey, type WriteTx } from '../schema';
import { decodePack } from '../SegmentPacks';

export interface CorruptTarget {
  broker: number;
  /** Partition dir, e.g. "orders-3". */
  dir: string;
  /** Any offset inside the batch to damage. */
  offset: number;
}

export interface CorruptedBatch {
  /** The damaged batch's base offset and its byte position in the segment's .log. */
  baseOffset: number;
  position: number;
  segmentBaseOffset: number;
}

/**
 * Test API: damages one stored batch as a torn write would, then makes the stored state look
 * like a crash before that data was flushed, so the next start must run Kafka's log recovery
 * over it: the clean-shutdown marker goes and the recovery point drops to the segment's base
 * offset. One transaction. Unless `keepWriting`, the store is then fenced, because a crashed
 * broker writes nothing more (and a pagehide flush would otherwise put the marker back).
 */
export async function corruptStoredBatch(store: IdbLogStore, target: CorruptTarget, options: { keepWriting?: boolean } = {}): Promise<CorruptedBatch> {
  const result = await store.runMaintenance((tx) => corruptInTransaction(tx, target));
  if (!options.keepWriting) store.fence('Stopped saving to simulate a crash (test API). Reload to recover.');
  return result;
}

async function corruptInTransaction(tx: WriteTx, { broker, dir, offset }: CorruptTarget): Promise<CorruptedBatch> {
  const stored = await storedLog(tx, broker, dir, offset);
  if (!stored) throw new Error(`broker ${broker} stores no segment of ${dir} holding offset ${offset}`);
  const { segmentBaseOffset, log } = stored;
  const batch = findBatch(log, offset);
  if (!batch) throw new Error(`offset ${offset} is not in the stored .log of ${dir} (segment ${segmentBaseOffset}) on broker ${broker}`);
  // Inside the records, past the 61-byte header, so only the CRC-32C at +17 gives it away.
  const flipAt = batch.position + RECORD_BATCH_OVERHEAD + Math.floor((batch.sizeBytes - RECORD_BATCH_OVERHEAD) / 2);
  const writes: Promise<unknown>[] = [stored.flip(flipAt)];

  const files = tx.objectStore('files');
  writes.push(files.delete([broker, CHECKPOINT_FILES.cleanShutdown]));
  const recoveryPoints = parseOffsetCheckpoint(await files.get([broker, CHECKPOINT_FILES.recoveryPoint]));
  recoveryPoints.set(dir, Math.min(recoveryPoints.get(dir) ?? segmentBaseOffset, segmentBaseOffset));
  writes.push(files.put(formatOffsetCheckpoint(recoveryPoints), [broker, CHECKPOINT_FILES.recoveryPoint]));
  await Promise.all(writes);
  return { baseOffset: batch.baseOffset, position: batch.position, segmentBaseOffset };
}

/** Walks v2 batch headers: BaseOffset int64 at +0, Length int32 at +8, LastOffsetDelta int32 at +23. */
function findBatch(log: Uint8Array, offset: number): { baseOffset: number; position: number; sizeBytes: number } | null {
  let position = 0;
  while (position + RECORD_BATCH_OVERHEAD <= log.byteLength) {
    const baseOffset = getInt64(log, position);
    const sizeBytes = LOG_OVERHEAD + getInt32(log, position + LENGTH_OFFSET);
    if (sizeBytes <= RECORD_BATCH_OVERHEAD || position + sizeBytes > log.byteLength) return null;
    const lastOffset = baseOffset + getInt32(log, position + LAST_OFFSET_DELTA_OFFSET);
    if (offset >= baseOffset && offset <= lastOffset) return { baseOffset, position, sizeBytes };
    position += sizeBytes;
  }
  return null;
}

interface StoredLog {
  segmentBaseOffset: number;
  log: Uint8Array;
  /** Writes the stored bytes back with the byte at `position` of the .log inverted. */
  flip(position: number): Promise<unknown>;
}

/** The stored .log of the segment holding `offset`: its own chunk rows, or its place in a pack. */
async function storedLog(tx: WriteTx, broker: number, dir: string, offset: number): Promise<StoredLog | null> {
  const segments = tx.objectStore('segments');
  const packs = tx.objectStore('packs');
  const range = dirContentsRange(broker, dir);
  const [keys, packKeys, packValues] = await Promise.all([segments.getAllKeys(range), packs.getAllKeys(range), packs.getAll(range)]);
  const packed = packKeys.flatMap((key, i) => decodePack(packValues[i]).map((entry) => ({ key, pack: packValues[i]!, entry })));
  const below = (base: number) => base <= offset;
  const segmentBaseOffset = Math.max(-1, ...keys.map((k) => k[2]).filter(below), ...packed.map((p) => p.entry.baseOffset).filter(below));
  if (segmentBaseOffset < 0) return null;
  const inPack = packed.find((p) => p.entry.baseOffset === segmentBaseOffset);
  if (inPack) {
    const { key, pack, entry } = inPack;
    return {
      segmentBaseOffset,
      log: entry.log,
      flip: (position) => {
        pack.bytes[entry.log.byteOffset - pack.bytes.byteOffset + position]! ^= 0xff;
        return packs.put(pack, key);
      },
    };
  }
  const chunkKeys = keys.filter((k) => k[2] === segmentBaseOffset);
  const chunks = await Promise.all(chunkKeys.map((k) => segments.get(k)));
  return {
    segmentBaseOffset,
    log: concatChunks(chunkKeys, chunks),
    flip: (position) => {
      const i = chunkKeys.findLastIndex((k) => k[3] <= position);
      const damaged = chunks[i]!.slice();
      damaged[position - chunkKeys[i]![3]]! ^= 0xff;
      return segments.put(damaged, chunkKeys[i]!);
    },
  };
}

function concatChunks(keys: ChunkKey[], chunks: (Uint8Array | undefined)[]): Uint8Array {
  const last = keys.length - 1;
  const log = new Uint8Array(last < 0 ? 0 : keys[last]![3] + chunks[last]!.byteLength);
  keys.forEach((key, i) => log.set(chunks[i]!, key[3]));
  return log;
}
