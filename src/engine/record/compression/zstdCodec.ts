/**
 * zstd through @bokuweb/zstd-wasm. The wasm must be instantiated asynchronously, exactly once (a second
 * init() breaks compress), so the engine keeps compress/decompress synchronous and asks the app to
 * `await initCodecs()` once at startup.
 *
 * Where the wasm comes from:
 * - Node (vitest, CLI): the package's node entry reads dist/common/zstd.wasm itself and ignores any path.
 * - Browser: the package's web entry fetches `new URL('./zstd.wasm', import.meta.url)`, which breaks when
 *   Vite pre-bundles the dependency (the README asks for optimizeDeps.exclude). So we pass our own URL,
 *   written as `new URL(<relative path>, import.meta.url)` in this file: Vite serves it in dev and emits
 *   it as an asset in builds. Callers may override it (a URL string, or the wasm bytes).
 */
export interface CodecInitOptions {
  /** URL of zstd.wasm or its bytes; browser only (Node ignores it). */
  zstdWasm?: string | URL | ArrayBuffer | Uint8Array;
}

interface ZstdModule {
  init(path?: unknown): Promise<void>;
  compress(buf: Uint8Array, level?: number): Uint8Array;
  decompress(buf: Uint8Array, opts?: { defaultHeapSize?: number }): Uint8Array;
}

let zstd: ZstdModule | undefined;
let initPromise: Promise<void> | undefined;

/** Kafka's default compression.zstd.level. */
const ZSTD_LEVEL = 3;

function defaultWasmUrl(): string {
  return new URL('../../../../node_modules/@bokuweb/zstd-wasm/dist/web/zstd.wasm', import.meta.url).href;
}

/** Idempotent: every call returns the same promise, so init() runs once. */
export function initZstd(options: CodecInitOptions = {}): Promise<void> {
  initPromise ??= (async () => {
    const imported = (await import('@bokuweb/zstd-wasm')) as unknown as ZstdModule & { default?: ZstdModule };
    const mod = typeof imported.init === 'function' ? imported : imported.default!;
    const source = options.zstdWasm ?? defaultWasmUrl();
    await mod.init(source instanceof URL ? source.href : source);
    zstd = mod;
  })();
  return initPromise;
}

function ready(): ZstdModule {
  if (!zstd) throw new Error('zstd codec not initialised: await initCodecs() first');
  return zstd;
}

export function zstdCompress(data: Uint8Array): Uint8Array {
  return ready().compress(data, ZSTD_LEVEL);
}

export function zstdDecompress(data: Uint8Array): Uint8Array {
  // Frames without a content size (Java's streaming writer) need a heap guess; ours carry the size.
  return ready().decompress(data, { defaultHeapSize: Math.max(1 << 20, data.length * 64) });
}
