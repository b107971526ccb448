import type { StoredSegment, UnifiedLog } from '../log';
import type { StoredLogDir } from '../storage';

/**
 * A broker's log dir as its disk holds it when the process stops: every segment's bytes and
 * index files, and the small files as last written. After a power loss only what was flushed
 * is there (see flushedSegments).
 */
export function logDirImage(brokerId: number, logs: ReadonlyMap<string, UnifiedLog>, files: ReadonlyMap<string, string>, powerLoss: boolean): StoredLogDir {
  const partitions = new Map<string, StoredSegment[]>();
  for (const [dir, log] of logs) partitions.set(dir, powerLoss ? flushedSegments(log) : log.segments.map(storedSegment));
  return { brokerId, files: new Map(files), partitions };
}

function storedSegment(segment: UnifiedLog['segments'][number]): StoredSegment {
  return { baseOffset: segment.baseOffset, log: segment.log.toBytes(), offsetIndex: segment.offsetIndex.bytes(), timeIndex: segment.timeIndex.bytes() };
}

/**
 * What survives a power loss: the bytes the log flushed, i.e. below its recovery point (Kafka
 * flushes a segment when it rolls and on a clean shutdown; the rest sat in the page cache).
 * Segments that start at or above it are empty files; index files are rebuilt by recovery.
 */
function flushedSegments(log: UnifiedLog): StoredSegment[] {
  const flushedTo = log.recoveryPoint;
  return log.segments.map((segment) => {
    if (segment.baseOffset >= flushedTo) return { baseOffset: segment.baseOffset, log: new Uint8Array(0) };
    const cut = segment.translateOffset(flushedTo);
    // Wholly below the recovery point: flushed with its index files. Cut: its indexes are rebuilt.
    if (!cut) return storedSegment(segment);
    return { baseOffset: segment.baseOffset, log: segment.log.toBytes().slice(0, cut.position) };
  });
}
