/**
 * LZ4 in the frame format, as Kafka's KafkaLZ4BlockOutputStream writes it for v2 batches:
 *   magic 0x184D2204 (LE), FLG 0x60 (version 01, block independence), BD 0x40 (64 KiB blocks),
 *   HC = (xxh32(FLG..BD) >> 8) & 0xff, then blocks [int32 LE size (high bit = stored raw)][data], end mark 0.
 * No block or content checksums, no content size, exactly like Kafka's defaults. Kafka's historical
 * header-checksum quirk (hashing the magic too) only applies to magic 0/1 batches, so it is not needed.
 * lz4js supplies the block compressor; its own frame writer uses 4 MiB dependent blocks, so we frame
 * ourselves and give every block a fresh hash table to keep blocks independent.
 */
import { compressBlock, compressBound, decompress as lz4Decompress } from 'lz4js';
import { xxhash32 } from '../../util/xxhash32';

const MAGIC = 0x184d2204;
const FLG = 0x60;
const BD = 0x40;
const BLOCK_BYTES = 64 * 1024;
const UNCOMPRESSED_FLAG = 0x80000000;

const hashTable = new Uint32Array(1 << 16);
const blockScratch = new Uint8Array(compressBound(BLOCK_BYTES));

function writeU32LE(out: Uint8Array, pos: number, value: number): void {
  out[pos] = value;
  out[pos + 1] = value >>> 8;
  out[pos + 2] = value >>> 16;
  out[pos + 3] = value >>> 24;
}

export function lz4FrameCompress(data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / BLOCK_BYTES);
  // Worst case every block is stored raw: 7 header bytes, 4 per block, 4 end mark.
  const out = new Uint8Array(7 + data.length + 4 * blocks + 4);
  writeU32LE(out, 0, MAGIC);
  out[4] = FLG;
  out[5] = BD;
  out[6] = (xxhash32(out, 0, 4, 6) >>> 8) & 0xff;
  let pos = 7;
  for (let start = 0; start < data.length; start += BLOCK_BYTES) {
    const length = Math.min(BLOCK_BYTES, data.length - start);
    hashTable.fill(0);
    const compressed = compressBlock(data, blockScratch, start, length, hashTable);
    if (compressed > 0 && compressed < length) {
      writeU32LE(out, pos, compressed);
      out.set(blockScratch.subarray(0, compressed), pos + 4);
      pos += 4 + compressed;
    } else {
      writeU32LE(out, pos, (UNCOMPRESSED_FLAG | length) >>> 0);
      out.set(data.subarray(start, start + length), pos + 4);
      pos += 4 + length;
    }
  }
  writeU32LE(out, pos, 0);
  return out.subarray(0, pos + 4);
}

export function lz4FrameDecompress(data: Uint8Array): Uint8Array {
  if (data.length < 7 || (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) !== MAGIC) {
    throw new Error('not an LZ4 frame (bad magic)');
  }
  return lz4Decompress(data);
}
