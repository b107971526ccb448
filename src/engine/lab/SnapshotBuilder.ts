import { isInternalTopic } from '../controller/topicValidation';
import { ZkPaths, type TopicAssignmentZNode, type ZkStore } from '../controller/ZkStore';
import type { LabEvent } from '../kernel';
import type { UnifiedLog } from '../log';
import type { BrokerView, EventLogReader, LabSnapshot, MessageView, PartitionView, ReplicaView, TopicView } from '../snapshot';
import { tpName } from '../protocol';
import { GroupSnapshots } from './GroupSnapshots';
import { LogViews } from './LogViews';
import { SinkSnapshots } from './SinkSnapshots';
import type { SnapshotBrokerSource, SnapshotSource } from './snapshotSource';

/** How many recent events `LabSnapshot.events` carries (views wanting more read `eventLog`). */
const EVENTS_IN_SNAPSHOT = 500;

/**
 * Builds LabSnapshots incrementally: per frame, only what changed since the last snapshot is
 * rebuilt (logs that were appended to, topics whose ZooKeeper data changed), and every other
 * view object is reused so the UI's narrow selectors see the same references and skip
 * re-rendering. Reads the lab only through the narrow SnapshotSource.
 */
export class SnapshotBuilder {
  private readonly logViews = new LogViews();
  private readonly eventLog: EventLogReader;
  private events: { count: number; list: readonly LabEvent[] } = { count: -1, list: [] };
  private topics: { metas: readonly TopicMeta[] | null; list: readonly TopicView[] } = { metas: null, list: [] };
  private meta: { zkVersion: number; topics: readonly TopicMeta[] } = { zkVersion: -1, topics: [] };
  private readonly partitionViews = new Map<string, { meta: PartitionMeta; view: PartitionView; replicaKey: string }>();
  private brokers: { key: string; list: readonly BrokerView[] } = { key: '', list: [] };
  private readonly groups: GroupSnapshots;
  private readonly sinks = new SinkSnapshots();

  constructor(private readonly lab: SnapshotSource) {
    this.eventLog = lab.kernel.log;
    this.groups = new GroupSnapshots((groupId) => lab.group(groupId));
  }

  build(): LabSnapshot {
    const { kernel } = this.lab;
    const controller = this.lab.brokers.find((b) => b.controller !== null);
    const eventCount = kernel.log.count;
    const topics = this.buildTopics();
    const consumers = this.lab.consumers().map((c) => c.view());
    const snapshot = {
      version: this.lab.version,
      nowMs: kernel.nowMs,
      seed: kernel.seed,
      kafkaVersion: this.lab.kafkaVersion,
      clusterId: this.lab.clusterId,
      controllerId: controller?.id ?? -1,
      brokers: this.buildBrokers(controller?.id ?? -1),
      topics,
      producers: this.lab.producers().map((p) => p.view()),
      consumers,
      groups: this.groups.build(consumers, topics),
      sinks: this.sinks.build(this.lab.sinks?.all() ?? []),
      inFlight: this.buildInFlight(),
      guarantees: this.lab.guarantees(),
      eventCount,
      eventLog: this.eventLog,
    } as Omit<LabSnapshot, 'events'> as LabSnapshot;
    // The recent-events list is copied only if a view reads it (and once per new event count).
    Object.defineProperty(snapshot, 'events', { enumerable: true, get: () => this.recentEvents(eventCount) });
    return snapshot;
  }

  private buildBrokers(controllerId: number): readonly BrokerView[] {
    let key = String(controllerId);
    for (const b of this.lab.brokers) key += `|${b.id}:${this.lab.lifecycle.sessionExpiresAtMs(b.id)}:${this.lab.lifecycle.zkLinkCut(b.id)}:${b.alive}:${b.isolated === true}:${b.paused}:${b.zkConnected}:${b.replicaManager.slowFetchDelayMs}:${b.replicaManager.version}:${leaderKey(b)}:${b.replicaManager.fetchers.leaders().join(',')}`;
    if (key === this.brokers.key) return this.brokers.list;
    const list = this.lab.brokers.map((b): BrokerView => ({
      id: b.id,
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      alive: b.alive,
      ...(b.isolated ? { isolated: true } : {}),
      ...(b.paused ? { paused: true } : {}),
      ...(b.replicaManager.slowFetchDelayMs > 0 ? { slowFetchDelayMs: b.replicaManager.slowFetchDelayMs } : {}),
      ...(b.alive && !b.zkConnected ? { zkDisconnected: true } : {}),
      ...(b.alive && this.lab.lifecycle.zkLinkCut(b.id) ? { zkLinkCut: true } : {}),
      ...sessionExpiry(this.lab.lifecycle.sessionExpiresAtMs(b.id)),
      fetchingFrom: b.alive ? b.replicaManager.fetchers.leaders() : [],
      isController: b.id === controllerId,
      replicas: [...b.replicaManager.partitions.keys()].sort(),
      // A stopped broker's last state in memory is not a leadership anyone can use.
      leaderOf: b.alive ? [...b.replicaManager.partitions.values()].filter((p) => p.isLeader).map((p) => p.tp).sort() : [],
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
        const log = leader?.log ? this.logViews.view(meta.tp, leader.broker, leader.log) : null;
        const cached = this.partitionViews.get(meta.tp);
        const replicaKey = this.replicaKey(meta);
        if (cached && cached.meta === meta && cached.view.log === log && cached.replicaKey === replicaKey) return cached.view;
        changed = true;
        const view: PartitionView = { ...meta, log, replicaStates: this.replicaStates(meta) };
        this.partitionViews.set(meta.tp, { meta, view, replicaKey });
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
    this.logViews.prune(live);
  }

  /** Changes whenever any replica of the partition changed (its broker's state or its log). */
  private replicaKey(meta: PartitionMeta): string {
    let key = '';
    for (const id of meta.replicas) {
      const broker = this.lab.brokers[id];
      const p = broker?.replicaManager.partitions.get(meta.tp);
      key += `${broker?.alive === true}:${p?.version ?? -1}:${p?.log?.logEndOffset ?? -1}:${p?.log?.highWatermark ?? -1}:${p?.log?.logStartOffset ?? -1};`;
      // The leader's view of its followers changes without a version bump (caught-up times).
      if (p?.isLeader) for (const f of p.followers.values()) key += `${f.lastCaughtUpTimeMs},`;
    }
    return key;
  }

  private replicaStates(meta: PartitionMeta): readonly ReplicaView[] {
    const leader = meta.leader >= 0 ? this.lab.brokers[meta.leader] : undefined;
    const leaderPartition = leader?.alive ? leader.replicaManager.partitions.get(meta.tp) : undefined;
    return meta.replicas.map((id): ReplicaView => {
      const broker = this.lab.brokers[id];
      const p = broker?.alive ? broker.replicaManager.partitions.get(meta.tp) : undefined;
      const log = p?.log ?? null;
      const tracked = leaderPartition?.isLeader && id !== meta.leader ? leaderPartition.followers.get(id) : undefined;
      return {
        broker: id,
        role: !broker?.alive || !log ? 'offline' : p!.isLeader ? 'leader' : 'follower',
        inIsr: meta.isr.includes(id),
        logStartOffset: log?.logStartOffset ?? -1,
        logEndOffset: log?.logEndOffset ?? -1,
        highWatermark: log?.highWatermark ?? -1,
        leaderEpoch: p?.leaderEpoch ?? -1,
        epochs: log ? log.leaderEpochCache.entries().map((e) => ({ epoch: e.epoch, startOffset: e.startOffset })) : [],
        leaderSeenLeo: tracked ? tracked.logEndOffset : null,
        // 0 = never caught up under this leader (it has not heard from the follower): unknown.
        lastCaughtUpTimeMs: tracked && tracked.lastCaughtUpTimeMs > 0 ? tracked.lastCaughtUpTimeMs : null,
      };
    });
  }

  private findLeader(tp: string): { broker: number; log: UnifiedLog | null } | undefined {
    for (const broker of this.lab.brokers) {
      if (!broker.alive) continue;
      const partition = broker.replicaManager.partitions.get(tp);
      if (partition?.isLeader) return { broker: broker.id, log: partition.log };
    }
    return undefined;
  }

  private buildInFlight(): readonly MessageView[] {
    const list: MessageView[] = [];
    for (const e of this.lab.network.inFlight()) {
      list.push({ id: e.id, from: e.from, to: e.to, direction: e.direction, apiKey: e.apiKey, summary: e.summary, sizeBytes: e.sizeBytes, sendTimeMs: e.sendTimeMs, arriveTimeMs: e.arriveTimeMs, dropped: e.dropped });
    }
    return list;
  }

  private recentEvents(count: number): readonly LabEvent[] {
    if (count === this.events.count) return this.events.list;
    const list = this.eventLog.slice(Math.max(this.eventLog.firstRetainedSeq, count - EVENTS_IN_SNAPSHOT), count);
    this.events = { count, list };
    return list;
  }
}

function sessionExpiry(atMs: number | null): { zkSessionExpiresAtMs?: number } {
  return atMs === null ? {} : { zkSessionExpiresAtMs: atMs };
}

function parseTopic(zk: SnapshotSource['zk'], name: string): TopicMeta {
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
type PartitionMeta = Omit<PartitionView, 'log' | 'replicaStates'>;
type TopicMeta = Omit<TopicView, 'partitions'> & { partitions: readonly PartitionMeta[] };

function leaderKey(broker: SnapshotBrokerSource): string {
  let key = '';
  // The map's key is the partition's name: no `tp` string built per partition per frame.
  for (const [tp, p] of broker.replicaManager.partitions) if (p.isLeader) key += `${tp}@${p.leaderEpoch};`;
  return key;
}
