/**
 * A read-only picture of the whole lab at one simulated instant, built by the engine for
 * views. Objects that did not change since the previous snapshot are reused (same
 * reference), so narrow selectors in the UI stay cheap.
 */
import type { KafkaVersion } from './config';
import type { SinkRow, SinkView } from './groups/sink/types';
import type { LabEvent } from './kernel';

export interface LabSnapshot {
  readonly version: number;
  readonly nowMs: number;
  readonly seed: number;
  readonly kafkaVersion: KafkaVersion;
  readonly clusterId: string;
  readonly controllerId: number;
  readonly brokers: readonly BrokerView[];
  readonly topics: readonly TopicView[];
  readonly producers: readonly ProducerView[];
  readonly consumers: readonly ConsumerView[];
  /** Consumer groups the lab's consumers belong to (their group.id), as their coordinators hold them. */
  readonly groups: readonly GroupSnapshotView[];
  /** Each consumer group's sink (the application's table; a lab model, not Kafka), sorted by group id. */
  readonly sinks: readonly SinkSnapshotView[];
  readonly inFlight: readonly MessageView[];
  /** The live guarantees check: acknowledged records lost, consumed records truncated, invariants broken. */
  readonly guarantees: GuaranteesView;
  /**
   * The last few hundred events, oldest first. Built only when read (and then once per
   * change of eventCount); views that show more read ranges through `eventLog`.
   */
  readonly events: readonly LabEvent[];
  /** Events emitted up to this snapshot: this snapshot shows seq < eventCount. */
  readonly eventCount: number;
  /**
   * The kernel's event log, read by range (never copied into the snapshot). It keeps growing
   * after the snapshot was taken: read `slice(from, eventCount)` to stay at this snapshot.
   */
  readonly eventLog: EventLogReader;
}

/** Ranged, read-only access to the run's retained events (seq numbers count from 0). */
export interface EventLogReader {
  /** Events emitted so far (the next event's seq). */
  readonly count: number;
  /** Oldest event still kept; earlier ones were dropped to bound memory. */
  readonly firstRetainedSeq: number;
  get(seq: number): LabEvent | undefined;
  /** Retained events with fromSeq ≤ seq < toSeqExclusive, oldest first. */
  slice(fromSeq: number, toSeqExclusive?: number): readonly LabEvent[];
}

/** A log with no events (previews and tests that build snapshots by hand). */
export const EMPTY_EVENT_LOG: EventLogReader = {
  count: 0,
  firstRetainedSeq: 0,
  get: () => undefined,
  slice: () => [],
};

export interface BrokerView {
  readonly id: number;
  readonly nodeId: string;
  readonly host: string;
  readonly port: number;
  readonly alive: boolean;
  /** Cut off from every node, ZooKeeper included (still running). */
  readonly isolated?: boolean;
  /** In a long stop-the-world pause (pause-broker): runs nothing until resumed. */
  readonly paused?: boolean;
  /** A slow follower: each of its fetches waits this much more (slow-broker). */
  readonly slowFetchDelayMs?: number;
  /** Running but without a ZooKeeper connection (isolated, paused, or its ZooKeeper link cut). */
  readonly zkDisconnected?: boolean;
  /** Its link to ZooKeeper alone is cut (cut-link broker-N zookeeper). */
  readonly zkLinkCut?: boolean;
  /** ZooKeeper hears nothing from it: its session ends at this simulated time unless it reconnects. */
  readonly zkSessionExpiresAtMs?: number;
  /** Leader brokers this broker's replica fetchers fetch from. */
  readonly fetchingFrom: readonly number[];
  readonly isController: boolean;
  /** Partitions this broker hosts a replica of, as "topic-partition". */
  readonly replicas: readonly string[];
  /** Partitions this broker leads. */
  readonly leaderOf: readonly string[];
}

export interface TopicView {
  readonly name: string;
  readonly isInternal: boolean;
  readonly replicationFactor: number;
  /** Topic-level overrides only (what `kafka-configs --describe` lists as dynamic). */
  readonly configOverrides: Readonly<Record<string, string>>;
  readonly partitions: readonly PartitionView[];
}

export interface PartitionView {
  readonly topic: string;
  readonly partition: number;
  /** "orders-3" */
  readonly tp: string;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** The leader replica's log (RF=1: the only replica). */
  readonly log: LogView | null;
  /** Every assigned replica's own view, in assignment order (the first is the preferred leader). */
  readonly replicaStates: readonly ReplicaView[];
}

/** One replica of a partition as its broker holds it, plus what the leader knows of it. */
export interface ReplicaView {
  readonly broker: number;
  /** leader: leads now; follower: fetching (or waiting for a leader); offline: its broker is down. */
  readonly role: 'leader' | 'follower' | 'offline';
  /** In the ISR as ZooKeeper records it. */
  readonly inIsr: boolean;
  /** -1 when the broker holds no log for it (down, or not created yet). */
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
  /** The leader epoch this replica last applied (from LeaderAndIsr). */
  readonly leaderEpoch: number;
  /** Its leader-epoch cache: where each epoch starts in its log. */
  readonly epochs: readonly { readonly epoch: number; readonly startOffset: number }[];
  /** On the leader, for a follower: its LEO as the leader learnt it from its last fetch (-1 unknown). */
  readonly leaderSeenLeo: number | null;
  /** On the leader, for a follower: when it was last caught up (replica.lag.time.max.ms counts from here). */
  readonly lastCaughtUpTimeMs: number | null;
}

/** What the guarantees checker found (the "live guarantees panel"). */
export interface GuaranteesView {
  /** Acknowledged records checked (the most recent ones when there are very many). */
  readonly ackedChecked: number;
  readonly consumedChecked: number;
  /** Exact totals (the lists below keep the latest 200). */
  readonly lostAckedCount: number;
  readonly truncatedConsumedCount: number;
  readonly lostAcked: readonly LedgerIssueView[];
  readonly truncatedConsumed: readonly LedgerIssueView[];
  readonly violations: readonly ViolationView[];
}

export interface LedgerIssueView {
  /** The producer or consumer. */
  readonly client: string;
  readonly tp: string;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  /** What is at that offset now (null: the log ends before it). */
  readonly nowValue: string | null;
  /** Simulated time it was acknowledged / returned. */
  readonly atMs: number;
  /** The event log entry (seq) that most likely caused it: the election or truncation. */
  readonly causeSeq: number | null;
  readonly cause: string | null;
}

export interface ViolationView {
  /** Kafka's invariant name (LeaderInIsr, StrongIsr, ValidHighWatermark, MonotonicLeaderEpoch, …). */
  readonly invariant: string;
  readonly tp: string;
  readonly text: string;
  readonly atMs: number;
  readonly seq: number | null;
}

export interface LogView {
  readonly broker: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
  readonly recoveryPoint: number;
  readonly sizeBytes: number;
  readonly segments: readonly SegmentView[];
}

export interface SegmentView {
  readonly baseOffset: number;
  /** "00000000000000000000.log" */
  readonly fileName: string;
  readonly sizeBytes: number;
  /** Offset after the last batch in this segment. */
  readonly nextOffset: number;
  readonly largestTimestampMs: number;
  readonly isActive: boolean;
  readonly indexEntries: readonly { readonly offset: number; readonly position: number }[];
  readonly timeIndexEntries: readonly { readonly timestampMs: number; readonly offset: number }[];
  /** The most recent batches (bounded) for drawing individual cells. */
  readonly batches: readonly BatchView[];
}

export interface BatchView {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly position: number;
  readonly sizeBytes: number;
  readonly compression: string;
  readonly maxTimestampMs: number;
  readonly partitionLeaderEpoch: number;
  readonly producerId: number;
}

export interface ProducerView {
  readonly id: string;
  readonly clientId: string;
  readonly config: Readonly<Record<string, string>>;
  readonly producerId: number;
  /** Batches waiting in the RecordAccumulator, by partition. */
  readonly accumulator: readonly { readonly tp: string; readonly records: number; readonly bytes: number; readonly createdMs: number }[];
  readonly inFlightRequests: number;
  readonly sent: number;
  readonly acked: number;
  readonly failed: number;
  /** A steady stream, if one is running. */
  readonly stream: { readonly recordsPerSecond: number; readonly keys: readonly string[] | null; readonly topic: string } | null;
  readonly lastError: string | null;
}

export interface ConsumerView {
  readonly id: string;
  readonly clientId: string;
  readonly config: Readonly<Record<string, string>>;
  readonly assignment: readonly {
    readonly tp: string;
    readonly position: number | null;
    readonly highWatermark: number | null;
    readonly lag: number | null;
  }[];
  readonly polling: boolean;
  readonly recordsConsumed: number;
  /** The most recent records returned by poll (bounded). */
  readonly recentRecords: readonly ConsumedRecordView[];
  readonly lastError: string | null;
  /** Its group membership as the consumer itself sees it (absent without a group.id). */
  readonly group?: ConsumerGroupInfo;
  /** The application's processing time per polled record (slow-consumer); absent when 0. */
  readonly perRecordMs?: number;
  /** close() (LeaveGroup) or crash() (no LeaveGroup) ended it; absent while it runs. */
  readonly ended?: 'closed' | 'crashed';
}

/** A consumer's own view of its group: what ConsumerCoordinator knows. */
export interface ConsumerGroupInfo {
  readonly groupId: string;
  /** '' until the coordinator gave it one (JoinGroup's MEMBER_ID_REQUIRED). */
  readonly memberId: string;
  /** -1 before its first completed join. */
  readonly generation: number;
  /** AbstractCoordinator's MemberState: UNJOINED, PREPARING_REBALANCE, COMPLETING_REBALANCE, STABLE. */
  readonly memberState: string;
  /** Topics it subscribed to (empty: not subscribed; it may still commit for assigned partitions). */
  readonly subscription: readonly string[];
  /** The broker it talks to as its coordinator (null: not known yet). */
  readonly coordinator: number | null;
}

/** A consumer group as its coordinator holds it, with lag worked out from the partitions' HW. */
export interface GroupSnapshotView {
  readonly groupId: string;
  /** The broker that coordinates it (leads its __consumer_offsets partition); -1 when none is running. */
  readonly coordinator: number;
  /** Kafka's group state: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead ('Unknown' with no coordinator). */
  readonly state: string;
  readonly generation: number;
  /** The chosen assignor ("range", "cooperative-sticky", …); null before the first join. */
  readonly protocol: string | null;
  readonly leaderClientId: string | null;
  readonly members: readonly GroupMemberSnapshotView[];
  /** Committed offsets per partition, sorted by topic then partition. */
  readonly committed: readonly GroupPartitionView[];
}

/** A group's sink as views show it: exact counts and only the latest few rows. */
export interface SinkSnapshotView extends Omit<SinkView, 'latestRows'> {
  /** The latest rows, oldest first (at most SINK_ROWS_IN_SNAPSHOT). */
  readonly latestRows: readonly SinkRowView[];
  /** The latest rows that duplicated a record the table already held (its second copies), oldest first (at most SINK_ROWS_IN_SNAPSHOT). */
  readonly duplicateRows: readonly SinkRowView[];
}

export interface SinkRowView extends SinkRow {
  /** Rows the table holds for this row's record now: more than 1 means the record is stored twice (a duplicate). */
  readonly copies: number;
}

export interface GroupMemberSnapshotView {
  readonly memberId: string;
  readonly clientId: string;
  /** The lab consumer behind it (null when no consumer of this lab has that client id). */
  readonly consumerId: string | null;
  readonly groupInstanceId: string | null;
  readonly partitions: readonly GroupPartitionView[];
  /** Sum of its partitions' lag (unknown lags count 0). */
  readonly lag: number;
}

export interface GroupPartitionView {
  readonly tp: string;
  /** The group's committed offset (null: nothing committed yet). */
  readonly committed: number | null;
  /** The owning member's fetch position (null: unknown or not owned). */
  readonly position: number | null;
  /** The partition leader's high watermark (null: no leader). */
  readonly highWatermark: number | null;
  /** HW − position, or HW − committed when the position is unknown (what kafka-consumer-groups shows). */
  readonly lag: number | null;
}

export interface ConsumedRecordView {
  readonly tp: string;
  readonly offset: number;
  readonly timestampMs: number;
  readonly key: string | null;
  readonly value: string | null;
}

export interface MessageView {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly direction: 'request' | 'response';
  readonly apiKey: string;
  readonly summary: string;
  readonly sizeBytes: number;
  readonly sendTimeMs: number;
  readonly arriveTimeMs: number;
  readonly dropped: boolean;
}

/** Nothing checked yet (previews, and labs with no clients). */
export const EMPTY_GUARANTEES: GuaranteesView = { ackedChecked: 0, consumedChecked: 0, lostAckedCount: 0, truncatedConsumedCount: 0, lostAcked: [], truncatedConsumed: [], violations: [] };
