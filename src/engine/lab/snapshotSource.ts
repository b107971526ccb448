/**
 * What the SnapshotBuilder reads from the lab: a narrow, read-only surface, so the builder
 * depends on these shapes and not on KafkaLab (KafkaLab satisfies it structurally; tests
 * can pass anything that does).
 */
import type { KafkaVersion } from '../config';
import type { ZkStore } from '../controller/ZkStore';
import type { UnifiedLog } from '../log';
import type { Envelope } from '../network/Envelope';
import type { ConsumerView, EventLogReader, GuaranteesView, ProducerView } from '../snapshot';
import type { GroupView } from './groupViews';
import type { SinkSource } from './SinkSnapshots';

export interface SnapshotPartitionSource {
  readonly tp: string;
  readonly isLeader: boolean;
  readonly leaderEpoch: number;
  readonly log: UnifiedLog | null;
  /** Bumped on every change views care about (LEO, HW, followers' positions, ISR). */
  readonly version: number;
  /** On the leader: each follower's LEO and last caught-up time, from its fetches. */
  readonly followers: ReadonlyMap<number, { readonly logEndOffset: number; readonly lastCaughtUpTimeMs: number; readonly lastFetchTimeMs: number }>;
}

export interface SnapshotBrokerSource {
  readonly id: number;
  readonly nodeId: string;
  readonly host: string;
  readonly port: number;
  readonly alive: boolean;
  readonly isolated?: boolean;
  readonly paused: boolean;
  readonly zkConnected: boolean;
  /** Non-null on the broker that currently runs the controller. */
  readonly controller: object | null;
  readonly replicaManager: {
    /** Bumps when the broker's set of replicas changes. */
    readonly version: number;
    readonly partitions: ReadonlyMap<string, SnapshotPartitionSource>;
    readonly slowFetchDelayMs: number;
    readonly fetchers: { leaders(): number[] };
  };
}

export interface SnapshotSource {
  readonly version: number;
  readonly kafkaVersion: KafkaVersion;
  readonly clusterId: string;
  readonly kernel: { readonly nowMs: number; readonly seed: number; readonly log: EventLogReader };
  readonly zk: Pick<ZkStore, 'version' | 'children' | 'getJson' | 'exists' | 'subtreeVersion'>;
  readonly brokers: readonly SnapshotBrokerSource[];
  readonly network: { inFlight(): Iterable<Envelope> };
  producers(): readonly { view(): ProducerView }[];
  consumers(): readonly { view(): ConsumerView }[];
  /** When ZooKeeper will end a silent broker's session (null when it is not counting down). */
  readonly lifecycle: { sessionExpiresAtMs(id: number): number | null; zkLinkCut(id: number): boolean };
  /** A consumer group as its live coordinator holds it (null: no running broker coordinates it). */
  group(groupId: string): GroupView | null;
  /** The consumer groups' sinks (absent in sources without groups). */
  readonly sinks?: { all(): readonly SinkSource[] };
  /** The guarantees checker's latest findings. */
  guarantees(): GuaranteesView;
}
