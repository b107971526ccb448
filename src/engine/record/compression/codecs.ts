/**
 * Synchronous compress/decompress for the five Kafka codecs. Only zstd needs `await initCodecs()`
 * first (see zstdCodec.ts); the others work immediately.
 */
import { gunzipSync, gzipSync } from 'fflate';
import type { CompressionType } from './CompressionType';
import { lz4FrameCompress, lz4FrameDecompress } from './lz4Frame';
import { snappyXerialCompress, snappyXerialDecompress } from './snappyXerial';
import { initZstd, zstdCompress, zstdDecompress, type CodecInitOptions } from './zstdCodec';

export type { CodecInitOptions };

/** Await once before using zstd. Safe to call many times; the wasm is instantiated once. */
export function initCodecs(options?: CodecInitOptions): Promise<void> {
  return initZstd(options);
}

/** Kafka's default compression.gzip.level is Deflater.DEFAULT_COMPRESSION, i.e. 6. */
const GZIP_LEVEL = 6;

function gzip(data: Uint8Array): Uint8Array {
  // mtime 0 keeps output deterministic (fflate would otherwise read the wall clock).
  const out = gzipSync(data, { level: GZIP_LEVEL, mtime: 0 });
  // Match java.util.zip.GZIPOutputStream's header: XFL 0 and OS 0 (fflate writes OS 3 = Unix).
  out[8] = 0;
  out[9] = 0;
  return out;
}

export function compress(type: CompressionType, data: Uint8Array): Uint8Array {
  switch (type) {
    case 'none':
      return data;
    case 'gzip':
      return gzip(data);
    case 'snappy':
      return snappyXerialCompress(data);
    case 'lz4':
      return lz4FrameCompress(data);
    case 'zstd':
      return zstdCompress(data);
  }
}

export function decompress(type: CompressionType, data: Uint8Array): Uint8Array {
  switch (type) {
    case 'none':
      return data;
    case 'gzip':
      return gunzipSync(data);
    case 'snappy':
      return snappyXerialDecompress(data);
    case 'lz4':
      return lz4FrameDecompress(data);
    case 'zstd':
      return zstdDecompress(data);
  }
}
