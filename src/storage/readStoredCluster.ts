import { unwrap } from 'idb';
import type { StoredCluster, StoredLogDir, StoredSegmentFiles } from '../engine/storage/StoragePort';
import { WRITER_EPOCH_META, type ChunkKey, type LabDb, type PackKey, type StoredPack } from './schema';
import { segmentKey } from './OpBuffer';
import { dirKey, SegmentLayout, type Chunk } from './SegmentLayout';
import { decodePack, packBytes, packedState } from './SegmentPacks';

/** Above this many .log chunk rows, read them all in one request instead of one get() each. */
const MANY_ROWS = 2000;

/**
 * Reads everything a full-cluster restart needs in one readonly transaction, and the layout
 * the store needs to keep appending without reading again. A few large chunks are fetched with
 * one get() each (many gets in one transaction read big values faster than cursors or one huge
 * getAll); many small ones in one request. Row count, not bytes, is what a reload of thousands
 * of small segments pays for, so keys and values come in one pass where the browser can.
 */
export async function readStoredCluster(db: LabDb): Promise<{ cluster: StoredCluster; layout: SegmentLayout }> {
  const tx = db.transaction(['segments', 'indexes', 'files', 'znodes', 'dirs', 'packs'], 'readonly');
  const segments = tx.objectStore('segments');
  const [chunkCount, indexes, files, znodes, dirKeys, packs] = await Promise.all([
    segments.count(),
    readAllRows(tx.objectStore('indexes')),
    readAllRows(tx.objectStore('files')),
    readAllRows(tx.objectStore('znodes')),
    tx.objectStore('dirs').getAllKeys(),
    readAllRows<PackKey, StoredPack>(tx.objectStore('packs')),
  ]);
  const { keys: indexKeys, values: indexValues } = indexes;
  const { keys: fileKeys, values: fileValues } = files;
  const { keys: znodeKeys, values: znodeValues } = znodes;
  let chunkKeys: ChunkKey[];
  let chunkValues: (Uint8Array | undefined)[];
  if (chunkCount > MANY_ROWS) {
    ({ keys: chunkKeys, values: chunkValues } = await readAllRows(segments));
  } else {
    chunkKeys = await segments.getAllKeys();
    chunkValues = await Promise.all(chunkKeys.map((key) => segments.get(key)));
  }
  await tx.done;

  const cluster: StoredCluster = { znodes: new Map(), logDirs: new Map() };
  const layout = new SegmentLayout();
  layout.complete = true;
  znodeKeys.forEach((path, i) => cluster.znodes.set(path, znodeValues[i]!));
  for (const [broker, dir] of dirKeys) {
    const logDir = ensureLogDir(cluster, layout, broker);
    if (dir !== '') partitionOf(logDir, layout, dir);
  }
  fileKeys.forEach(([broker, path], i) => ensureLogDir(cluster, layout, broker).files.set(path, fileValues[i]!));
  // A segment exists because its .log exists (chunks) or, when empty, because its index row does.
  // Either alone is enough: Kafka rebuilds a missing .index from the .log.
  const segmentFiles = new Map<string, StoredSegmentFiles>();
  const segmentOf = (broker: number, dir: string, baseOffset: number): StoredSegmentFiles => {
    const key = segmentKey({ broker, dir, baseOffset });
    let files = segmentFiles.get(key);
    if (!files) {
      files = { baseOffset, log: new Uint8Array(0) };
      segmentFiles.set(key, files);
      partitionOf(ensureLogDir(cluster, layout, broker), layout, dir).push(files);
      layout.set({ broker, dir, baseOffset }, { exists: true, sizeBytes: 0, tail: null });
    }
    return files;
  };
  indexKeys.forEach(([broker, dir, baseOffset], i) => {
    const files = segmentOf(broker, dir, baseOffset);
    const { offsetIndex, timeIndex } = indexValues[i] ?? {};
    if (offsetIndex instanceof Uint8Array) files.offsetIndex = offsetIndex;
    if (timeIndex instanceof Uint8Array) files.timeIndex = timeIndex;
  });
  for (const group of groupChunks(chunkKeys, chunkValues)) {
    const [broker, dir, baseOffset] = group.key;
    const files = segmentOf(broker, dir, baseOffset);
    const tail = group.chunks[group.chunks.length - 1]!;
    files.log = new Uint8Array(tail.position + tail.bytes.byteLength);
    for (const chunk of group.chunks) files.log.set(chunk.bytes, chunk.position);
    layout.set({ broker, dir, baseOffset }, { exists: true, sizeBytes: files.log.byteLength, tail });
  }
  packs.keys.forEach(([broker, dir, id], i) => {
    const entries = decodePack(packs.values[i]);
    layout.setPack(broker, dir, id, packBytes(entries));
    for (const entry of entries) {
      // Own rows win over a pack: the writer never leaves a segment in both.
      const seg = { broker, dir, baseOffset: entry.baseOffset };
      if (segmentFiles.has(segmentKey(seg))) continue;
      const files = segmentOf(broker, dir, entry.baseOffset);
      files.log = entry.log;
      if (entry.offsetIndex) files.offsetIndex = entry.offsetIndex;
      if (entry.timeIndex) files.timeIndex = entry.timeIndex;
      layout.set(seg, packedState(entry, id));
    }
  });
  for (const logDir of cluster.logDirs.values()) {
    for (const segments of logDir.partitions.values()) segments.sort((a, b) => a.baseOffset - b.baseOffset);
  }
  return { cluster, layout };
}

interface RowSource<K, V> {
  getAllKeys(): Promise<K[]>;
  getAll(): Promise<V[]>;
}

/**
 * Every row of a store, keys and values aligned. Chromium 141+ (getAllRecords) reads both in one pass;
 * elsewhere getAllKeys and getAll, which list rows in the same key order within one transaction.
 */
async function readAllRows<K, V>(store: RowSource<K, V>): Promise<{ keys: K[]; values: V[] }> {
  const native = unwrap(store as never) as unknown as IDBObjectStore & { getAllRecords?: () => IDBRequest<{ primaryKey: K; value: V }[]> };
  if (typeof native.getAllRecords === 'function') {
    const request = native.getAllRecords();
    const records = await new Promise<{ primaryKey: K; value: V }[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return { keys: records.map((r) => r.primaryKey), values: records.map((r) => r.value) };
  }
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
  return { keys, values };
}

/** Lab-level state written with setMeta, without the store's own bookkeeping rows. */
export async function readMeta(db: LabDb): Promise<Record<string, unknown>> {
  const tx = db.transaction('meta', 'readonly');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  const meta: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    if (key !== WRITER_EPOCH_META) meta[key] = values[i];
  });
  return meta;
}

function groupChunks(keys: ChunkKey[], values: (Uint8Array | undefined)[]): { key: ChunkKey; chunks: Chunk[] }[] {
  const groups: { key: ChunkKey; chunks: Chunk[] }[] = [];
  let current: { key: ChunkKey; chunks: Chunk[] } | undefined;
  keys.forEach((key, i) => {
    if (!current || current.key[0] !== key[0] || current.key[1] !== key[1] || current.key[2] !== key[2]) {
      current = { key, chunks: [] };
      groups.push(current);
    }
    current.chunks.push({ position: key[3], bytes: values[i]! });
  });
  return groups;
}

function ensureLogDir(cluster: StoredCluster, layout: SegmentLayout, broker: number): StoredLogDir {
  let logDir = cluster.logDirs.get(broker);
  if (!logDir) {
    logDir = { brokerId: broker, files: new Map(), partitions: new Map() };
    cluster.logDirs.set(broker, logDir);
    layout.brokers.add(broker);
  }
  return logDir;
}

function partitionOf(logDir: StoredLogDir, layout: SegmentLayout, dir: string): StoredSegmentFiles[] {
  let segments = logDir.partitions.get(dir);
  if (!segments) {
    segments = [];
    logDir.partitions.set(dir, segments);
    layout.dirRows.add(dirKey(logDir.brokerId, dir));
  }
  return segments;
}
