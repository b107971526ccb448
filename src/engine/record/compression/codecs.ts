/**
 * Synchronous compress/decompress for the five Kafka codecs, after one `await initCodecs()`:
 * zstd's wasm must be instantiated asynchronously, and gzip, lz4 and snappy are loaded then too,
 * so the app's first screen does not carry codecs a lab may never use.
 */
import type { CompressionType } from './CompressionType';
import { initZstd, zstdCompress, zstdDecompress, type CodecInitOptions } from './zstdCodec';

export type { CodecInitOptions };

interface SyncCodecs {
  gzipSync: typeof import('fflate').gzipSync;
  gunzipSync: typeof import('fflate').gunzipSync;
  lz4: typeof import('./lz4Frame');
  snappy: typeof import('./snappyXerial');
}

let codecs: SyncCodecs | undefined;
let loading: Promise<void> | undefined;

/** Await once before compressing or decompressing. Safe to call many times; everything loads once. */
export function initCodecs(options?: CodecInitOptions): Promise<void> {
  loading ??= (async () => {
    const [fflate, lz4, snappy] = await Promise.all([import('fflate'), import('./lz4Frame'), import('./snappyXerial')]);
    codecs = { gzipSync: fflate.gzipSync, gunzipSync: fflate.gunzipSync, lz4, snappy };
  })();
  return Promise.all([loading, initZstd(options)]).then(() => undefined);
}

function loaded(): SyncCodecs {
  if (!codecs) throw new Error('Compression codecs are not loaded: await initCodecs() once before compressing or decompressing.');
  return codecs;
}

/** Kafka's default compression.gzip.level is Deflater.DEFAULT_COMPRESSION, i.e. 6. */
const GZIP_LEVEL = 6;

function gzip(data: Uint8Array): Uint8Array {
  // mtime 0 keeps output deterministic (fflate would otherwise read the wall clock).
  const out = loaded().gzipSync(data, { level: GZIP_LEVEL, mtime: 0 });
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
      return loaded().snappy.snappyXerialCompress(data);
    case 'lz4':
      return loaded().lz4.lz4FrameCompress(data);
    case 'zstd':
      return zstdCompress(data);
  }
}

export function decompress(type: CompressionType, data: Uint8Array): Uint8Array {
  switch (type) {
    case 'none':
      return data;
    case 'gzip':
      return loaded().gunzipSync(data);
    case 'snappy':
      return loaded().snappy.snappyXerialDecompress(data);
    case 'lz4':
      return loaded().lz4.lz4FrameDecompress(data);
    case 'zstd':
      return zstdDecompress(data);
  }
}
