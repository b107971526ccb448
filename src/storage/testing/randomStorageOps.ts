import type { Random } from '../../engine/kernel/Random';
import type { StorageOp, StoredCluster } from '../../engine/storage/StoragePort';

/* Random storage ops and a comparable picture of a cluster: for the Node tests and the in-browser self-check. */

/** A plain, order-independent picture of a cluster, for toEqual. */
export function describeCluster(cluster: StoredCluster): unknown {
  const sortBy = <T>(entries: [string | number, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    znodes: sortBy([...cluster.znodes]),
    logDirs: sortBy([...cluster.logDirs]).map(([id, dir]) => ({
      id,
      files: sortBy([...dir.files]),
      partitions: sortBy([...dir.partitions]).map(([name, segments]) => ({
        name,
        segments: segments.map((s) => ({
          baseOffset: s.baseOffset,
          log: digest(s.log),
          offsetIndex: s.offsetIndex ? digest(s.offsetIndex) : null,
          timeIndex: s.timeIndex ? digest(s.timeIndex) : null,
        })),
      })),
    })),
  };
}

/** Length and FNV-1a hash: logs run to megabytes, and a mismatch only needs to point at the segment. */
function digest(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return `${bytes.length} bytes, fnv1a ${(hash >>> 0).toString(16)}`;
}

const DIRS = ['orders-0', 'pay-ments-1'];
const BASE_OFFSETS = [0, 250];

/**
 * Random ops shaped like the engine's: mostly appends at the segment's end, sometimes big ones
 * spanning chunks, sometimes at other positions (overwrite, gap), plus the rarer ops.
 */
export class RandomOps {
  private readonly sizes = new Map<string, number>();
  private readonly baseOffsets: readonly number[];
  private readonly appendBytesMax: number;

  /** `small`: many small segments per dir (what gets packed, see SegmentPacks), no multi-chunk appends. */
  constructor(
    private readonly random: Random,
    options: { small?: boolean } = {},
  ) {
    this.baseOffsets = options.small ? Array.from({ length: 12 }, (_, i) => i * 10) : BASE_OFFSETS;
    this.appendBytesMax = options.small ? 3_000 : 20_000;
  }

  next(): StorageOp {
    const r = this.random;
    const broker = r.nextInt(2);
    const dir = DIRS[r.nextInt(DIRS.length)]!;
    const baseOffset = this.baseOffsets[r.nextInt(this.baseOffsets.length)]!;
    const key = `${broker}/${dir}/${baseOffset}`;
    const size = this.sizes.get(key) ?? 0;
    const roll = r.nextInt(100);
    if (roll < 55) {
      const big = this.appendBytesMax > 10_000 && r.nextInt(10) === 0;
      const length = big ? 100_000 + r.nextInt(200_000) : 1 + r.nextInt(this.appendBytesMax);
      const position = r.nextInt(10) === 0 ? r.nextInt(size + 5_000) : size;
      this.sizes.set(key, position + length);
      return { type: 'append', broker, dir, baseOffset, position, bytes: this.bytes(length) };
    }
    if (roll < 68) {
      const sizeBytes = r.nextInt(size + 100);
      this.sizes.set(key, Math.min(size, sizeBytes));
      return { type: 'truncate', broker, dir, baseOffset, sizeBytes };
    }
    if (roll < 75) return { type: 'indexes', broker, dir, baseOffset, offsetIndex: this.bytes(r.nextInt(64)), timeIndex: this.bytes(r.nextInt(96)) };
    if (roll < 79) return { type: 'createSegment', broker, dir, baseOffset };
    if (roll < 84) {
      this.sizes.delete(key);
      return { type: 'deleteSegment', broker, dir, baseOffset, reason: 'retention' };
    }
    if (roll < 86) {
      for (const b of this.baseOffsets) this.sizes.delete(`${broker}/${dir}/${b}`);
      return { type: 'deleteDir', broker, dir };
    }
    if (roll < 94) {
      const path = ['recovery-point-offset-checkpoint', '.kafka_cleanshutdown'][r.nextInt(2)]!;
      return { type: 'file', broker, path, contents: r.nextInt(4) === 0 ? null : `0\n1\norders 0 ${r.nextInt(1000)}\n` };
    }
    return { type: 'znode', path: `/brokers/ids/${broker}`, data: r.nextInt(4) === 0 ? null : `{"epoch":${r.nextInt(100)}}` };
  }

  private bytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = this.random.nextUint32();
      bytes[i] = word;
      bytes[i + 1] = word >>> 8;
      bytes[i + 2] = word >>> 16;
      bytes[i + 3] = word >>> 24;
    }
    return bytes;
  }
}
