import type { KafkaVersion } from '../../config/types';
import type { SimKernel } from '../../kernel';
import type { KafkaErrorName } from '../../protocol';
import { parseTpName } from '../../protocol/topicPartition';
import { encodeRecordBatch, type SimpleRecord } from '../../record';
import { groupCoordinatorPartition } from '../coordinatorPartition';
import {
  groupMetadataKey,
  groupMetadataValue,
  offsetCommitKey,
  offsetCommitValue,
  readGroupMessageValue,
  readMessageKey,
  readOffsetMessageValue,
  type LoadedGroup,
} from '../schemas';
import { GroupMetadata, type OffsetAndMetadata } from './GroupMetadata';
import { MemberMetadata } from './MemberMetadata';
import type { GroupStore } from './GroupStore';

export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets';

/** A record of __consumer_offsets as the loader reads it. */
export interface OffsetsTopicRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
}

/** What the manager needs from its broker's ReplicaManager for the offsets topic. */
export interface OffsetsLog {
  /** Append as the coordinator (acks = offsets.commit.required.acks, timeout offsets.commit.timeout.ms). */
  append(partition: number, batch: Uint8Array, respond: (error: KafkaErrorName) => void): void;
  /** Every record of the partition's local log up to its log end (not the HW: Kafka loads to the LEO). */
  readAll(partition: number): OffsetsTopicRecord[];
}

export interface GroupMetadataManagerOptions {
  kernel: SimKernel;
  actor: string;
  kafkaVersion: KafkaVersion;
  numPartitions: () => number;
  log: OffsetsLog;
  /** Called for each group a load brings back (the coordinator restarts member sessions). */
  onGroupLoaded: (group: GroupMetadata) => void;
  /** Called for each group that leaves with its partition (it becomes Dead). */
  onGroupUnloaded: (group: GroupMetadata) => void;
}

/** How long a load takes before the groups answer: a base plus a little per record read. */
const LOAD_BASE_MS = 20;
const LOAD_MS_PER_100_RECORDS = 1;

/**
 * Kafka's GroupMetadataManager: which __consumer_offsets partitions this broker leads (and so
 * which groups it coordinates), loading a partition's groups and offsets when it becomes
 * leader, dropping them when it stops, and writing group metadata and offset commits as
 * records of the compacted topic.
 */
export class GroupMetadataManager implements GroupStore {
  private readonly groups = new Map<string, GroupMetadata>();
  private readonly owned = new Set<number>();
  private readonly loading = new Set<number>();
  private active = true;

  constructor(private readonly o: GroupMetadataManagerOptions) {}

  isActive(): boolean {
    return this.active;
  }

  partitionFor(groupId: string): number {
    return groupCoordinatorPartition(groupId, this.o.numPartitions());
  }

  isGroupLocal(groupId: string): boolean {
    return this.owned.has(this.partitionFor(groupId));
  }

  isGroupLoading(groupId: string): boolean {
    return this.loading.has(this.partitionFor(groupId));
  }

  isPartitionOwned(partition: number): boolean {
    return this.owned.has(partition);
  }

  getGroup(groupId: string): GroupMetadata | undefined {
    return this.groups.get(groupId);
  }

  addGroup(group: GroupMetadata): GroupMetadata {
    const existing = this.groups.get(group.groupId);
    if (existing) return existing;
    this.groups.set(group.groupId, group);
    return group;
  }

  currentGroups(): GroupMetadata[] {
    return [...this.groups.values()];
  }

  /** Became leader of __consumer_offsets-p: mark it loading at once (2.4), read it, then own its groups. */
  onElection(partition: number): void {
    if (this.owned.has(partition) || this.loading.has(partition)) return;
    this.loading.add(partition);
    const records = this.o.log.readAll(partition);
    const delayMs = LOAD_BASE_MS + Math.floor((records.length * LOAD_MS_PER_100_RECORDS) / 100);
    this.o.kernel.schedule(delayMs, `${this.o.actor} load ${GROUP_METADATA_TOPIC_NAME}-${partition}`, () => {
      if (!this.loading.delete(partition)) return;
      const loaded = this.load(partition, this.o.log.readAll(partition));
      this.owned.add(partition);
      // A partition with no groups yet loads silently (50 of them at once would flood the log).
      if (loaded.length > 0) this.o.kernel.emit('group', this.o.actor, `loaded ${GROUP_METADATA_TOPIC_NAME}-${partition}: now coordinator for ${loaded.map((g) => `${g.groupId} (${g.state}, generation ${g.generationId})`).join(', ')}`, `${GROUP_METADATA_TOPIC_NAME}-${partition}`);
      for (const group of loaded) this.o.onGroupLoaded(group);
    });
  }

  /** No longer leader of p (or it was deleted): its groups become Dead here and are forgotten. */
  onResignation(partition: number, quiet = false): void {
    const wasOwned = this.owned.delete(partition);
    this.loading.delete(partition);
    if (!wasOwned) return;
    const leaving = [...this.groups.values()].filter((g) => this.partitionFor(g.groupId) === partition);
    for (const group of leaving) {
      this.groups.delete(group.groupId);
      this.o.onGroupUnloaded(group);
    }
    if (leaving.length > 0 && !quiet) this.o.kernel.emit('group', this.o.actor, `no longer leads ${GROUP_METADATA_TOPIC_NAME}-${partition}: unloaded ${leaving.map((g) => g.groupId).join(', ')}`, `${GROUP_METADATA_TOPIC_NAME}-${partition}`);
  }

  /** The broker stopped: everything it coordinated is gone with the process (silently: a dead process says nothing). */
  shutdown(): void {
    this.active = false;
    for (const p of [...this.owned]) this.onResignation(p, true);
    this.loading.clear();
  }

  /** Replays the partition's records in order: the last record per key wins, a null value deletes. */
  private load(partition: number, records: readonly OffsetsTopicRecord[]): GroupMetadata[] {
    const offsets = new Map<string, Map<string, OffsetAndMetadata>>();
    const loadedGroups = new Map<string, LoadedGroup | null>();
    let unreadable = 0;
    for (const r of records) {
      if (!r.key) continue;
      try {
        this.replay(r, offsets, loadedGroups);
      } catch {
        // Not a coordinator record (Kafka fails the load; the lab skips it and says so below).
        unreadable++;
      }
    }
    if (unreadable > 0) this.o.kernel.emit('group', this.o.actor, `skipped ${unreadable} record(s) of ${GROUP_METADATA_TOPIC_NAME}-${partition} that are not group or offset records`, `${GROUP_METADATA_TOPIC_NAME}-${partition}`);
    const ids = new Set([...loadedGroups.keys(), ...[...offsets].filter(([, m]) => m.size > 0).map(([g]) => g)]);
    const out: GroupMetadata[] = [];
    for (const id of ids) {
      if (this.partitionFor(id) !== partition) continue;
      const group = this.fromLoaded(id, loadedGroups.get(id) ?? null);
      for (const [tp, o] of offsets.get(id) ?? []) group.offsets.set(tp, o);
      this.groups.set(id, group);
      out.push(group);
    }
    return out;
  }

  /** One record of the partition: the last record per key wins, a null value deletes. */
  private replay(r: OffsetsTopicRecord, offsets: Map<string, Map<string, OffsetAndMetadata>>, loadedGroups: Map<string, LoadedGroup | null>): void {
    const key = readMessageKey(r.key!, this.o.kafkaVersion);
    if (key.kind === 'offset') {
      const byTp = offsets.get(key.group) ?? new Map<string, OffsetAndMetadata>();
      offsets.set(key.group, byTp);
      const value = readOffsetMessageValue(r.value, this.o.kafkaVersion);
      if (value) byTp.set(`${key.topic}-${key.partition}`, value);
      else byTp.delete(`${key.topic}-${key.partition}`);
    } else if (key.kind === 'group') {
      loadedGroups.set(key.group, readGroupMessageValue(key.group, r.value, this.o.kafkaVersion));
    }
  }

  private fromLoaded(groupId: string, loaded: LoadedGroup | null): GroupMetadata {
    const nowMs = this.o.kernel.nowMs;
    if (!loaded) return new GroupMetadata(groupId, 'Empty', nowMs);
    const group = new GroupMetadata(groupId, loaded.initialState, loaded.currentStateTimestamp ?? nowMs);
    group.generationId = loaded.generationId;
    group.protocolType = loaded.protocolType;
    group.protocolName = loaded.protocol;
    for (const m of loaded.members) {
      const protocols = m.supportedProtocols.map(([name, metadata]) => ({ name: name ?? '', metadata }));
      const member = new MemberMetadata(m.memberId, m.groupInstanceId, m.clientId, m.clientHost, m.rebalanceTimeoutMs, m.sessionTimeoutMs, m.protocolType, protocols);
      member.assignment = m.assignment;
      group.add(member, null);
    }
    group.leaderId = loaded.leaderId;
    return group;
  }

  storeGroup(group: GroupMetadata, assignment: ReadonlyMap<string, Uint8Array>, callback: (error: KafkaErrorName) => void): void {
    const value = groupMetadataValue({
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.stateTimestampMs,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: group.protocolName ? m.metadata(group.protocolName) : new Uint8Array(0),
        assignment: assignment.get(m.memberId) ?? new Uint8Array(0),
      })),
    });
    const batch = this.batch([{ timestampMs: this.o.kernel.nowMs, key: groupMetadataKey(group.groupId), value }]);
    this.o.log.append(this.partitionFor(group.groupId), batch, (error) => callback(storeGroupError(error)));
  }

  storeOffsets(group: GroupMetadata, memberId: string, offsets: ReadonlyMap<string, OffsetAndMetadata>, callback: (errors: Map<string, KafkaErrorName>) => void): void {
    if (offsets.size === 0) return callback(new Map());
    const nowMs = this.o.kernel.nowMs;
    const records: SimpleRecord[] = [...offsets].map(([tp, o]) => {
      const { topic, partition } = parseTpName(tp);
      return { timestampMs: nowMs, key: offsetCommitKey(group.groupId, topic, partition), value: offsetCommitValue(o) };
    });
    this.o.log.append(this.partitionFor(group.groupId), this.batch(records), (appendError) => {
      const error = storeOffsetsError(appendError);
      if (error === 'NONE') {
        const moved = [...offsets].some(([tp, o]) => group.offsets.get(tp)?.offset !== o.offset);
        for (const [tp, o] of offsets) group.offsets.set(tp, o);
        group.offsetsVersion++;
        if (!moved) return callback(new Map([...offsets.keys()].map((tp) => [tp, error] as const)));
        const list = [...offsets].map(([tp, o]) => `${tp}=${o.offset}`).join(', ');
        this.o.kernel.emit('group', this.o.actor, `group ${group.groupId}: committed ${list}${memberId ? ` for ${memberId}` : ''} (written to ${GROUP_METADATA_TOPIC_NAME}-${this.partitionFor(group.groupId)})`);
      }
      callback(new Map([...offsets.keys()].map((tp) => [tp, error] as const)));
    });
  }

  private batch(records: SimpleRecord[]): Uint8Array {
    // offsets.topic.compression.codec 0: no compression.
    return encodeRecordBatch(records, { compression: 'none' });
  }
}

/** GroupMetadataManager.storeGroup's error mapping. */
function storeGroupError(error: KafkaErrorName): KafkaErrorName {
  switch (error) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return 'COORDINATOR_NOT_AVAILABLE';
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'KAFKA_STORAGE_ERROR':
      return 'NOT_COORDINATOR';
    case 'REQUEST_TIMED_OUT':
      return 'REBALANCE_IN_PROGRESS';
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return 'UNKNOWN_SERVER_ERROR';
    default:
      return error;
  }
}

/** GroupMetadataManager.storeOffsets' mapping: like storeGroup's, but a timeout passes through. */
function storeOffsetsError(error: KafkaErrorName): KafkaErrorName {
  switch (error) {
    case 'REQUEST_TIMED_OUT':
      return 'REQUEST_TIMED_OUT';
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return 'INVALID_COMMIT_OFFSET_SIZE';
    default:
      return storeGroupError(error);
  }
}
