/**
 * Snappy the way Kafka's producer writes it: snappy-java's SnappyOutputStream ("xerial" framing),
 * not raw snappy and not the official snappy framing format. Layout:
 *   header: 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00, int32 version = 1, int32 min compatible version = 1
 *   blocks: int32 BE compressed length, then one raw snappy block of up to 32 KiB of input
 * Decoding also accepts unframed raw snappy, which snappy-java's SnappyInputStream tolerates too.
 */
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappyjs';
import { getInt32, setInt32 } from '../../util/bytes';

const MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];
const HEADER_BYTES = 16;
/** snappy-java's default block size (SnappyOutputStream.DEFAULT_BLOCK_SIZE). */
const BLOCK_BYTES = 32 * 1024;

export function hasXerialHeader(data: Uint8Array): boolean {
  if (data.length < HEADER_BYTES) return false;
  for (let i = 0; i < MAGIC.length; i++) if (data[i] !== MAGIC[i]) return false;
  return true;
}

export function snappyXerialCompress(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  let total = HEADER_BYTES;
  for (let start = 0; start < data.length; start += BLOCK_BYTES) {
    const block = snappyCompress(data.subarray(start, Math.min(data.length, start + BLOCK_BYTES)));
    blocks.push(block);
    total += 4 + block.length;
  }
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  setInt32(out, 8, 1);
  setInt32(out, 12, 1);
  let pos = HEADER_BYTES;
  for (const block of blocks) {
    setInt32(out, pos, block.length);
    out.set(block, pos + 4);
    pos += 4 + block.length;
  }
  return out;
}

export function snappyXerialDecompress(data: Uint8Array): Uint8Array {
  if (!hasXerialHeader(data)) return snappyUncompress(data);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let pos = HEADER_BYTES; pos < data.length; ) {
    if (pos + 4 > data.length) throw new Error('truncated xerial snappy block length');
    const length = getInt32(data, pos);
    if (length < 0 || pos + 4 + length > data.length) throw new Error('truncated xerial snappy block');
    const part = snappyUncompress(data.subarray(pos + 4, pos + 4 + length));
    parts.push(part);
    total += part.length;
    pos += 4 + length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
