import type { KafkaBroker } from '../broker/KafkaBroker';
import type { Partition } from '../broker/Partition';
import { isInternalTopic } from '../controller/topicValidation';
import { ZkPaths, type TopicAssignmentZNode, type ZkStore } from '../controller/ZkStore';
import type { LabEvent } from '../kernel';
import type { LogSegment, UnifiedLog } from '../log';
import type { BatchView, BrokerView, LabSnapshot, LogView, MessageView, PartitionView, SegmentView, TopicView } from '../snapshot';
import { tpName } from '../protocol';
import type { KafkaLab } from './KafkaLab';

/** How many recent events and batches per segment a snapshot carries. */
const EVENTS_IN_SNAPSHOT = 500;
const BATCHES_PER_SEGMENT = 64;

/**
 * Builds LabSnapshots, reusing the view objects of everything that did not change so the
 * UI's narrow selectors see the same references and skip re-rendering.
 */
export class SnapshotBuilder {
  private readonly logViews = new Map<string, { key: string; view: LogView }>();
  private readonly segmentViews = new Map<string, { key: string; view: SegmentView; scannedTo: number; batches: BatchView[] }>();
  private events: { count: number; list: readonly LabEvent[] } = { count: -1, list: [] };
  private topics: { metas: readonly TopicMeta[] | null; list: readonly TopicView[] } = { metas: null, list: [] };
  private meta: { zkVersion: number; topics: readonly TopicMeta[] } = { zkVersion: -1, topics: [] };
  private readonly partitionViews = new Map<string, { meta: PartitionMeta; view: PartitionView }>();
  private brokers: { key: string; list: readonly BrokerView[] } = { key: '', list: [] };

  constructor(private readonly lab: KafkaLab) {}

  build(): LabSnapshot {
    const { kernel } = this.lab;
    const controller = this.lab.brokers.find((b) => b.controller !== null);
    return {
      version: this.lab.version,
      nowMs: kernel.nowMs,
      seed: kernel.seed,
      kafkaVersion: this.lab.kafkaVersion,
      clusterId: this.lab.clusterId,
      controllerId: controller?.id ?? -1,
      brokers: this.buildBrokers(controller?.id ?? -1),
      topics: this.buildTopics(),
      producers: this.lab.producers().map((p) => p.view()),
      consumers: this.lab.consumers().map((c) => c.view()),
      inFlight: this.buildInFlight(),
      events: this.buildEvents(),
      eventCount: kernel.log.count,
    };
  }

  private buildBrokers(controllerId: number): readonly BrokerView[] {
    const parts = this.lab.brokers.map((b) => `${b.id}:${b.alive}:${b.replicaManager.version}:${leaderKey(b)}`);
    const key = `${controllerId}|${parts.join(',')}`;
    if (key === this.brokers.key) return this.brokers.list;
    const list = this.lab.brokers.map((b): BrokerView => ({
      id: b.id,
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      alive: b.alive,
      isController: b.id === controllerId,
      replicas: [...b.replicaManager.partitions.keys()].sort(),
      leaderOf: [...b.replicaManager.partitions.values()].filter((p) => p.isLeader).map((p) => p.tp).sort(),
    }));
    this.brokers = { key, list };
    return list;
  }

  private buildTopics(): readonly TopicView[] {
    const metas = this.topicMeta();
    const previous = this.topics.metas;
    let changed = previous === null || previous.length !== metas.length || metas.some((m, i) => m !== previous[i]);
    const partitionLists = metas.map((topic) =>
      topic.partitions.map((meta) => {
        const leader = this.findLeader(meta.tp);
        const log = leader?.log ? this.logView(meta.tp, leader.broker, leader.partition, leader.log) : null;
        const cached = this.partitionViews.get(meta.tp);
        if (cached && cached.meta === meta && cached.view.log === log) return cached.view;
        changed = true;
        const view: PartitionView = { ...meta, log };
        this.partitionViews.set(meta.tp, { meta, view });
        return view;
      }),
    );
    if (!changed) return this.topics.list;
    const list = metas.map((topic, i): TopicView => ({ ...topic, partitions: partitionLists[i]! }));
    this.topics = { metas, list };
    return list;
  }

  /** What ZooKeeper says about every topic, parsed once per ZooKeeper change. */
  private topicMeta(): readonly TopicMeta[] {
    const { zk } = this.lab;
    if (this.meta.zkVersion === zk.version) return this.meta.topics;
    const before = new Map(this.meta.topics.map((t) => [t.name, t]));
    // A topic marked for deletion has left the brokers' metadata; its znodes wait for StopReplica.
    const names = zk.children(ZkPaths.topics).filter((name) => !zk.exists(ZkPaths.deleteTopic(name)));
    const since = this.meta.zkVersion;
    const topics = names.map((name) => {
      const old = before.get(name);
      // Re-parse only topics whose znodes changed since the last build (1,000 topics made this O(n²)).
      if (old && zk.subtreeVersion(ZkPaths.topic(name)) <= since && zk.subtreeVersion(ZkPaths.topicConfig(name)) <= since) return old;
      return reuseIfEqual(old, parseTopic(zk, name));
    });
    this.pruneDeleted(new Set(topics.flatMap((t) => t.partitions.map((p) => p.tp))));
    this.meta = { zkVersion: zk.version, topics };
    return topics;
  }

  /** Forget cached views of partitions whose topic was deleted. */
  private pruneDeleted(live: ReadonlySet<string>): void {
    for (const tp of this.partitionViews.keys()) if (!live.has(tp)) this.partitionViews.delete(tp);
    for (const tp of this.logViews.keys()) if (!live.has(tp)) this.logViews.delete(tp);
    for (const id of this.segmentViews.keys()) if (!live.has(id.slice(0, id.lastIndexOf('/')))) this.segmentViews.delete(id);
  }

  private findLeader(tp: string): { broker: number; partition: Partition; log: UnifiedLog | null } | undefined {
    for (const broker of this.lab.brokers) {
      const partition = broker.replicaManager.partitions.get(tp);
      if (partition?.isLeader) return { broker: broker.id, partition, log: partition.log };
    }
    return undefined;
  }

  private logView(tp: string, broker: number, partition: Partition, log: UnifiedLog): LogView {
    const key = `${broker}:${partition.version}:${log.logStartOffset}:${log.logEndOffset}:${log.highWatermark}:${log.recoveryPoint}:${log.size}:${log.segments.length}:${log.activeSegment.offsetIndex.entryCount}`;
    const cached = this.logViews.get(tp);
    if (cached && cached.key === key) return cached.view;
    const active = log.activeSegment;
    const view: LogView = {
      broker,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark,
      recoveryPoint: log.recoveryPoint,
      sizeBytes: log.size,
      segments: log.segments.map((s) => this.segmentView(tp, s, s === active)),
    };
    this.logViews.set(tp, { key, view });
    return view;
  }

  private segmentView(tp: string, segment: LogSegment, isActive: boolean): SegmentView {
    const id = `${tp}/${segment.baseOffset}`;
    const size = segment.size;
    const key = `${size}:${isActive}:${segment.offsetIndex.entryCount}`;
    const cached = this.segmentViews.get(id);
    if (cached && cached.key === key) return cached.view;
    // Scan only the bytes appended since the last snapshot; a truncation rescans.
    const resume = cached && cached.scannedTo <= size;
    const batches = resume ? [...cached.batches] : [];
    const scannedTo = scanBatches(segment, resume ? cached.scannedTo : 0, batches);
    const view: SegmentView = {
      baseOffset: segment.baseOffset,
      fileName: segment.fileName,
      sizeBytes: size,
      nextOffset: segment.nextOffset,
      largestTimestampMs: segment.largestTimestamp,
      isActive,
      indexEntries: segment.offsetIndex.entries().map((e) => ({ offset: e.offset, position: e.position })),
      timeIndexEntries: segment.timeIndex.entries().map((e) => ({ timestampMs: e.timestamp, offset: e.offset })),
      batches,
    };
    this.segmentViews.set(id, { key, view, scannedTo, batches });
    return view;
  }

  private buildInFlight(): readonly MessageView[] {
    const list: MessageView[] = [];
    for (const e of this.lab.network.inFlight()) {
      list.push({ id: e.id, from: e.from, to: e.to, direction: e.direction, apiKey: e.apiKey, summary: e.summary, sizeBytes: e.sizeBytes, sendTimeMs: e.sendTimeMs, arriveTimeMs: e.arriveTimeMs, dropped: e.dropped });
    }
    return list;
  }

  private buildEvents(): readonly LabEvent[] {
    const count = this.lab.kernel.log.count;
    if (count === this.events.count) return this.events.list;
    const recent = this.lab.kernel.log.recent();
    const list = recent.slice(Math.max(0, recent.length - EVENTS_IN_SNAPSHOT));
    this.events = { count, list };
    return list;
  }
}

/** Append views of the batches from `position` on, keeping the most recent BATCHES_PER_SEGMENT. */
function scanBatches(segment: LogSegment, position: number, out: BatchView[]): number {
  const records = segment.log;
  let pos = position;
  while (pos < records.sizeInBytes) {
    const size = records.batchSizeAt(pos);
    if (size <= 0 || pos + size > records.sizeInBytes) break;
    const batch = records.view(pos);
    out.push({
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      position: pos,
      sizeBytes: size,
      compression: batch.compression,
      maxTimestampMs: batch.maxTimestamp,
      partitionLeaderEpoch: batch.partitionLeaderEpoch,
      producerId: batch.producerId,
    });
    pos += size;
  }
  if (out.length > BATCHES_PER_SEGMENT) out.splice(0, out.length - BATCHES_PER_SEGMENT);
  return pos;
}

function parseTopic(zk: ZkStore, name: string): TopicMeta {
  const assignment = zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(name));
  const indexes = Object.keys(assignment?.partitions ?? {}).map(Number).sort((a, b) => a - b);
  return {
    name,
    isInternal: isInternalTopic(name),
    replicationFactor: assignment?.partitions['0']?.length ?? 0,
    configOverrides: zk.getJson<{ config: Record<string, string> }>(ZkPaths.topicConfig(name))?.config ?? {},
    partitions: indexes.map((index) => {
      const state = zk.getJson<{ leader: number; leader_epoch: number; isr: number[] }>(ZkPaths.partitionState(name, index));
      return {
        topic: name,
        partition: index,
        tp: tpName(name, index),
        leader: state?.leader ?? -1,
        leaderEpoch: state?.leader_epoch ?? -1,
        replicas: assignment?.partitions[String(index)] ?? [],
        isr: state?.isr ?? [],
      };
    }),
  };
}

/**
 * Keep the previous objects where ZooKeeper's data did not change (any znode write, even an
 * unrelated producer-id block, bumps the version), so views that depend on them are reused.
 */
function reuseIfEqual(old: TopicMeta | undefined, next: TopicMeta): TopicMeta {
  if (!old) return next;
  const partitions = next.partitions.map((p, i) => {
    const o = old.partitions[i];
    return o && o.partition === p.partition && o.leader === p.leader && o.leaderEpoch === p.leaderEpoch && sameIds(o.replicas, p.replicas) && sameIds(o.isr, p.isr) ? o : p;
  });
  const samePartitions = partitions.length === old.partitions.length && partitions.every((p, i) => p === old.partitions[i]);
  const sameConfigs = JSON.stringify(old.configOverrides) === JSON.stringify(next.configOverrides);
  if (samePartitions && sameConfigs && old.replicationFactor === next.replicationFactor) return old;
  return { ...next, partitions, configOverrides: sameConfigs ? old.configOverrides : next.configOverrides };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A partition as ZooKeeper describes it (everything in PartitionView but the log). */
type PartitionMeta = Omit<PartitionView, 'log'>;
type TopicMeta = Omit<TopicView, 'partitions'> & { partitions: readonly PartitionMeta[] };

function leaderKey(broker: KafkaBroker): string {
  let key = '';
  for (const p of broker.replicaManager.partitions.values()) if (p.isLeader) key += `${p.tp}@${p.leaderEpoch};`;
  return key;
}
