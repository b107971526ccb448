import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * The lab's IndexedDB layout. Object stores can only be created in a version upgrade, so the
 * layout is fixed and keyed by broker/dir/segment instead of one store per topic. Versions stay
 * declared once written (as Dexie does): a browser holding v1 data upgrades step by step.
 */

/** [broker, partition dir, segment base offset, byte position of the chunk's first byte]. */
export type ChunkKey = [number, string, number, number];
/** [broker, partition dir, segment base offset]. */
export type SegmentKey = [number, string, number];
/** [broker, partition dir, pack id]. */
export type PackKey = [number, string, number];
/** [broker, partition dir], or [broker, ''] for the broker's log dir itself. */
export type DirKey = [number, string];

/**
 * A segment's index files. A segment exists when it has .log chunks or this row: the row is
 * what proves an empty segment (just rolled, or truncated to 0) exists. A segment with chunks
 * but no row is loaded anyway and its indexes rebuilt from the .log, as Kafka does.
 */
export interface SegmentIndexes {
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

/**
 * Several closed small segments of one partition dir in one row (v2): `bytes` holds each
 * segment's .log, .index and .timeindex back to back; `entries` has four numbers per segment:
 * base offset, then the three files' lengths (-1: the index file is missing). A reload reads
 * rows, not bytes, so 1 KiB segments cost one row per ~64 KiB instead of two rows each.
 */
export interface StoredPack {
  bytes: Uint8Array;
  entries: number[];
}

export interface LabDbSchema extends DBSchema {
  /** The .log files, in chunks of up to ~128 KiB (IndexedDB's sweet spot for value size). */
  segments: { key: ChunkKey; value: Uint8Array };
  indexes: { key: SegmentKey; value: SegmentIndexes };
  /** Small text files in a broker's log dir (checkpoints, the clean-shutdown marker). */
  files: { key: [number, string]; value: string };
  /** ZooKeeper-style cluster metadata by path. */
  znodes: { key: string; value: string };
  /** Lab-level state ({seed, kafkaVersion, brokerCount, clockMs}, the writer epoch). */
  meta: { key: string; value: unknown };
  /**
   * Which log dirs and partition dirs exist, so a restart sees a partition whose segments were
   * all deleted, or a broker with no files yet, exactly as the engine left them.
   */
  dirs: { key: DirKey; value: 1 };
  packs: { key: PackKey; value: StoredPack };
}

export type StoreName = 'segments' | 'indexes' | 'files' | 'znodes' | 'meta' | 'dirs' | 'packs';
export const ALL_STORES: StoreName[] = ['segments', 'indexes', 'files', 'znodes', 'meta', 'dirs', 'packs'];

export type LabDb = IDBPDatabase<LabDbSchema>;
export type WriteTx = IDBPTransaction<LabDbSchema, StoreName[], 'readwrite'>;
export type ReadTx = IDBPTransaction<LabDbSchema, StoreName[], 'readonly'>;

interface SchemaVersion {
  version: number;
  upgrade(db: IDBPDatabase<LabDbSchema>): void;
}

/** Append only: never edit a version that has shipped, add the next one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    upgrade(db) {
      db.createObjectStore('segments');
      db.createObjectStore('indexes');
      db.createObjectStore('files');
      db.createObjectStore('znodes');
      db.createObjectStore('meta');
      db.createObjectStore('dirs');
    },
  },
  {
    version: 2,
    upgrade(db) {
      db.createObjectStore('packs');
    },
  },
];

export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export function upgradeSchema(db: IDBPDatabase<LabDbSchema>, oldVersion: number): void {
  for (const step of SCHEMA_VERSIONS) if (step.version > oldVersion) step.upgrade(db);
}

/** The meta row holding the epoch of the tab allowed to write (see IdbLogStore.claimWriterEpoch). */
export const WRITER_EPOCH_META = 'kafka-lab.writerEpoch';

// Key ranges. Arrays sort after numbers and strings, so [b, dir, []] is above every key under
// [b, dir], and a shorter array sorts before any longer one it prefixes.
const ABOVE: never[] = [];

export function segmentChunkRange(broker: number, dir: string, baseOffset: number, fromPosition = -Infinity): IDBKeyRange {
  return IDBKeyRange.bound([broker, dir, baseOffset, fromPosition], [broker, dir, baseOffset, Infinity]);
}

/** Chunks of one segment starting strictly before `position`. */
export function chunksBefore(broker: number, dir: string, baseOffset: number, position: number): IDBKeyRange {
  return IDBKeyRange.bound([broker, dir, baseOffset, -Infinity], [broker, dir, baseOffset, position], false, true);
}

/** Files kept inside a partition directory, e.g. "orders-3/leader-epoch-checkpoint". */
export function dirFilesRange(broker: number, dir: string): IDBKeyRange {
  return IDBKeyRange.bound([broker, `${dir}/`], [broker, `${dir}/\uffff`]);
}

/** Every key under [broker, dir] in the segments, indexes or packs store. */
export function dirContentsRange(broker: number, dir: string): IDBKeyRange {
  return IDBKeyRange.bound([broker, dir], [broker, dir, ABOVE], true, false);
}
