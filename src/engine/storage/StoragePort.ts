/**
 * What the engine needs from durable storage, declared by the engine and implemented
 * outside it (IndexedDB in the browser, memory in Node). The engine never waits on
 * storage: it submits operations and carries on; an adapter batches them into
 * transactions off the simulation's hot path.
 *
 * The layout mirrors Kafka's: each broker has a log dir holding one directory per
 * partition ("orders-3") of segments (.log/.index/.timeindex) plus small checkpoint
 * files; the controller's metadata lives in ZooKeeper-style znodes.
 */
import type { LogSinkOp } from '../log/LogTypes';

/** Every durable change: a log's segment ops (declared once, by the log layer) tagged with the broker, and the rest. */
export type StorageOp =
  | (LogSinkOp & { broker: number })
  /** A small text file in a broker's log dir, e.g. "recovery-point-offset-checkpoint"; null deletes it. */
  | { type: 'file'; broker: number; path: string; contents: string | null }
  /** Remove a whole partition directory (topic deletion). */
  | { type: 'deleteDir'; broker: number; dir: string }
  /** A ZooKeeper-style znode, e.g. "/brokers/topics/orders"; null deletes it. */
  | { type: 'znode'; path: string; data: string | null };

export interface StorageSink {
  submit(op: StorageOp): void;
}

export interface StoredSegmentFiles {
  baseOffset: number;
  log: Uint8Array;
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

export interface StoredLogDir {
  brokerId: number;
  /** Small files by path (checkpoints, clean-shutdown marker). */
  files: Map<string, string>;
  /** Partition dir name ("orders-3") → its segments sorted by base offset. */
  partitions: Map<string, StoredSegmentFiles[]>;
}

/** Everything persisted for one lab: what a full-cluster restart loads. */
export interface StoredCluster {
  znodes: Map<string, string>;
  logDirs: Map<number, StoredLogDir>;
}

/** A sink that drops everything (a lab with persistence off). */
export const NULL_SINK: StorageSink = { submit: () => {} };
