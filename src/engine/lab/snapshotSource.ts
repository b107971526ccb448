/**
 * What the SnapshotBuilder reads from the lab: a narrow, read-only surface, so the builder
 * depends on these shapes and not on KafkaLab (KafkaLab satisfies it structurally; tests
 * can pass anything that does).
 */
import type { KafkaVersion } from '../config';
import type { ZkStore } from '../controller/ZkStore';
import type { LabEvent } from '../kernel';
import type { UnifiedLog } from '../log';
import type { Envelope } from '../network/Envelope';
import type { ConsumerView, EventLogReader, ProducerView } from '../snapshot';

/** The kernel's event log as the builder reads it (see EventLogReader). */
export interface EventLogSource {
  readonly count: number;
  /** Retained events, oldest first (used until the log offers ranged reads itself). */
  recent?(): readonly LabEvent[];
  readonly firstRetainedSeq?: number;
  get?(seq: number): LabEvent | undefined;
  slice?(fromSeq: number, toSeqExclusive?: number): readonly LabEvent[];
}

export interface SnapshotPartitionSource {
  readonly tp: string;
  readonly isLeader: boolean;
  readonly leaderEpoch: number;
  readonly log: UnifiedLog | null;
}

export interface SnapshotBrokerSource {
  readonly id: number;
  readonly nodeId: string;
  readonly host: string;
  readonly port: number;
  readonly alive: boolean;
  /** Non-null on the broker that currently runs the controller. */
  readonly controller: object | null;
  readonly replicaManager: {
    /** Bumps when the broker's set of replicas changes. */
    readonly version: number;
    readonly partitions: ReadonlyMap<string, SnapshotPartitionSource>;
  };
}

export interface SnapshotSource {
  readonly version: number;
  readonly kafkaVersion: KafkaVersion;
  readonly clusterId: string;
  readonly kernel: { readonly nowMs: number; readonly seed: number; readonly log: EventLogSource };
  readonly zk: Pick<ZkStore, 'version' | 'children' | 'getJson' | 'exists' | 'subtreeVersion'>;
  readonly brokers: readonly SnapshotBrokerSource[];
  readonly network: { inFlight(): Iterable<Envelope> };
  producers(): readonly { view(): ProducerView }[];
  consumers(): readonly { view(): ConsumerView }[];
}

/**
 * A ranged reader over the kernel's event log. The kernel's EventLog offers `slice`/`get`
 * itself (it keeps the whole run); a source with only a `recent()` list is adapted.
 */
export function eventLogReader(log: EventLogSource): EventLogReader {
  if (log.slice && log.get && log.firstRetainedSeq !== undefined) return log as EventLogReader;
  const recent = (): readonly LabEvent[] => log.recent?.() ?? [];
  const first = (): number => log.count - recent().length;
  return {
    get count() {
      return log.count;
    },
    get firstRetainedSeq() {
      return first();
    },
    get: (seq) => recent()[seq - first()],
    slice: (fromSeq, toSeqExclusive = log.count) => {
      const base = first();
      return recent().slice(Math.max(0, fromSeq - base), Math.max(0, toSeqExclusive - base));
    },
  };
}
