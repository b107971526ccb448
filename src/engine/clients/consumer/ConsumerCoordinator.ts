import type { ConsumerConfig } from '../../config/consumerConfig';
import { assignorByName, selectRebalanceProtocol } from '../../groups/assignors';
import { joinGroupProtocols, performAssignment } from '../../groups/assignors/groupProtocol';
import type { ConsumerPartitionAssignor, RebalanceProtocol } from '../../groups/assignors/types';
import { deserializeAssignment } from '../../groups/schemas';
import type { SimKernel, TaskId } from '../../kernel';
import type { TopicPartition } from '../../lab/types';
import type { NetworkClient, NodeId } from '../../network';
import { brokerNodeId } from '../../network';
import type { JoinGroupRequest, JoinGroupResponse, KafkaErrorName, SyncGroupRequest } from '../../protocol';
import type { RequestOutcome } from '../../network/NetworkClient';
import { tpKey } from '../common';
import { ClientException } from '../errors';
import type { Metadata } from '../Metadata';
import { OffsetCommitter, type CommitCallback } from './OffsetCommitter';
import type { SubscriptionState } from './SubscriptionState';

export type MemberState = 'UNJOINED' | 'PREPARING_REBALANCE' | 'COMPLETING_REBALANCE' | 'STABLE';

export interface Generation {
  generationId: number;
  memberId: string;
  protocolName: string | null;
}

export const NO_GENERATION: Generation = { generationId: -1, memberId: '', protocolName: null };

/** AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE: JoinGroup may wait the rebalance timeout plus this. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5000;

export interface ConsumerCoordinatorOptions {
  kernel: SimKernel;
  nodeId: NodeId;
  client: NetworkClient;
  metadata: Metadata;
  subscriptions: SubscriptionState;
  config: ConsumerConfig;
  /** Something changed that poll() may act on (an assignment, positions, an error). */
  wake: () => void;
  /** Subscribe to connection resets (a broker's process stopped); returns an unsubscribe function. */
  onDisconnect?: (listener: (node: NodeId, reason: string) => void) => () => void;
  /** Why connecting to `node` fails at once (a stopped broker's host refuses), or undefined. */
  refusalOf?: (node: NodeId) => string | undefined;
}

/**
 * The consumer's side of the classic group protocol (Kafka's AbstractCoordinator and
 * ConsumerCoordinator): find the coordinator, join (rejoining with the member id KIP-394 hands
 * out), run the assignor when leader, sync, heartbeat in the background, leave when poll() is not
 * called within max.poll.interval.ms, and commit offsets (OffsetCommitter).
 */
export class ConsumerCoordinator {
  state: MemberState = 'UNJOINED';
  generation: Generation = NO_GENERATION;
  coordinator: NodeId | null = null;
  readonly groupId: string;
  readonly assignors: ConsumerPartitionAssignor[];
  readonly protocol: RebalanceProtocol;
  readonly committer: OffsetCommitter;
  fatalError: ClientException | null = null;
  private rejoinNeeded = true;
  /** Out of the group (poll timeout, fenced): the next join first gives up everything (onPartitionsLost). */
  private partitionsLost = false;
  private joinInFlight = false;
  private findInFlight = false;
  private retryAtMs = 0;
  private heartbeatTask: TaskId | undefined;
  private lastPollMs = 0;
  private lastHeartbeatOkMs = 0;
  private closed = false;
  private topics: string[] = [];
  private readonly k: SimKernel;
  private readonly stopListening: () => void;
  /** The coordinator whose refused connection was already reported (rediscovery repeats it quietly). */
  private refusedReported: NodeId | null = null;

  constructor(private readonly o: ConsumerCoordinatorOptions) {
    this.k = o.kernel;
    this.groupId = o.config.groupId!;
    this.assignors = o.config.partitionAssignmentStrategy.map((name) => {
      const a = assignorByName(name, o.config.version);
      if (!a) throw new ClientException('KafkaException', `Unknown partition.assignment.strategy ${name}`);
      return a;
    });
    this.protocol = selectRebalanceProtocol(this.assignors) ?? 'EAGER';
    this.committer = new OffsetCommitter({ ...o, coordinator: this });
    // AbstractCoordinator: a failed connection to the coordinator marks it unknown at once.
    this.stopListening = o.onDisconnect?.((node, reason) => {
      if (node !== this.coordinator || this.closed) return;
      this.markCoordinatorUnknown(`connection reset: ${reason}`);
      this.o.wake();
    }) ?? (() => {});
  }

  get actor(): string {
    return this.o.nodeId;
  }

  say(text: string): void {
    this.k.emit('group', this.actor, text);
  }

  subscribe(topics: readonly string[]): void {
    this.topics = [...new Set(topics)].sort();
    for (const t of this.topics) this.o.metadata.add(t);
    this.requestRejoin(`subscribed to ${this.topics.join(', ') || 'nothing'}`);
  }

  subscription(): readonly string[] {
    return this.topics;
  }

  requestRejoin(reason: string): void {
    if (!this.rejoinNeeded) this.say(`will rejoin group ${this.groupId}: ${reason}`);
    this.rejoinNeeded = true;
    this.o.wake();
  }

  /** One pass from KafkaConsumer.poll: coordinator, group membership, auto-commit. True once fetching may go on. */
  poll(): boolean {
    if (this.closed) return false;
    this.lastPollMs = this.k.nowMs;
    if (this.fatalError) {
      const error = this.fatalError;
      this.fatalError = null;
      throw error;
    }
    if (this.topics.length === 0) return false;
    if (!this.ensureCoordinatorReady()) return false;
    if (this.rejoinNeeded && !this.joinInFlight && this.k.nowMs >= this.retryAtMs) this.joinGroup();
    this.committer.maybeAutoCommit();
    return this.state === 'STABLE' && !this.rejoinNeeded;
  }

  ensureCoordinatorReady(): boolean {
    // coordinatorUnknown(): a coordinator whose connection keeps failing is as good as unknown.
    const refused = this.coordinator !== null ? this.o.refusalOf?.(this.coordinator) : undefined;
    if (refused !== undefined) {
      // Rediscovery keeps naming the dead broker until the controller moves the partition: say it once.
      const quiet = this.refusedReported === this.coordinator;
      this.refusedReported = this.coordinator;
      this.markCoordinatorUnknown(`connection refused: ${refused}; retrying until its __consumer_offsets partition has a new leader`, quiet);
      this.retryAtMs = this.k.nowMs + this.o.config.retryBackoffMs;
      this.k.schedule(this.o.config.retryBackoffMs, `${this.actor} group retry`, () => this.o.wake());
    }
    if (this.coordinator !== null) return true;
    if (this.findInFlight || this.k.nowMs < this.retryAtMs) return false;
    const node = this.o.metadata.leastLoadedNode();
    if (!node) return false;
    this.findInFlight = true;
    this.o.client.send(node, { apiKey: 'FindCoordinator', key: this.groupId, keyType: 0 }, `FindCoordinator ${this.groupId}`, this.o.config.requestTimeoutMs, (outcome) => {
      this.findInFlight = false;
      if (this.closed) return;
      if (outcome.ok && outcome.response.errorCode === 'NONE') {
        this.coordinator = brokerNodeId(outcome.response.nodeId);
        this.lastHeartbeatOkMs = this.k.nowMs;
        if (this.refusedReported !== this.coordinator) this.say(`discovered group coordinator broker ${outcome.response.nodeId} for group ${this.groupId}`);
        if (this.o.refusalOf?.(this.coordinator) === undefined) this.refusedReported = null;
      } else this.backoff(outcome.ok ? outcome.response.errorCode : outcome.error, 'FindCoordinator');
      this.o.wake();
    });
    return false;
  }

  markCoordinatorUnknown(reason: string, quiet = false): void {
    if (this.coordinator === null) return;
    if (!quiet) this.say(`group coordinator ${this.coordinator} is unavailable or invalid (${reason}): will attempt rediscovery`);
    this.coordinator = null;
  }

  private backoff(error: KafkaErrorName | string, what: string): void {
    this.retryAtMs = this.k.nowMs + this.o.config.retryBackoffMs;
    if (error === 'NOT_COORDINATOR' || error === 'COORDINATOR_NOT_AVAILABLE' || error === 'REQUEST_TIMED_OUT' || error === 'NETWORK_EXCEPTION') this.markCoordinatorUnknown(`${what}: ${error}`);
    this.k.schedule(this.o.config.retryBackoffMs, `${this.actor} group retry`, () => this.o.wake());
  }

  /** onJoinPrepare, then JoinGroup with one protocol per configured assignor. */
  private joinGroup(): void {
    this.joinInFlight = true;
    this.committer.beforeRebalance(() => {
      if (this.closed) return;
      this.onJoinPrepare();
      this.sendJoinGroup();
    });
  }

  /** Eager: give up every partition before joining. Cooperative: keep them (only what moves is revoked later). */
  private onJoinPrepare(): void {
    const owned = this.o.subscriptions.assignedPartitions();
    if (this.partitionsLost) {
      // The member was thrown out (poll timeout, fenced generation): what it held may be someone else's now.
      this.partitionsLost = false;
      if (owned.length > 0) this.revoke(owned, 'onPartitionsLost');
      this.state = 'PREPARING_REBALANCE';
      return;
    }
    const unsubscribed = owned.filter((tp) => !this.topics.includes(tp.topic));
    const revoked = this.protocol === 'EAGER' ? owned : unsubscribed;
    if (revoked.length > 0) this.revoke(revoked, 'onPartitionsRevoked');
    this.state = 'PREPARING_REBALANCE';
  }

  private revoke(tps: readonly TopicPartition[], callback: string): void {
    const keep = new Set(tps.map(tpKey));
    this.o.subscriptions.assignFromSubscribed(this.o.subscriptions.assignedPartitions().filter((tp) => !keep.has(tpKey(tp))));
    this.say(`${callback}: ${tps.map(tpKey).join(', ')}`);
  }

  private sendJoinGroup(): void {
    const missing = this.topics.filter((t) => this.o.metadata.partitionCount(t) === null);
    if (missing.length > 0) {
      // The leader needs every subscribed topic's partitions: wait for metadata first.
      this.joinInFlight = false;
      this.o.metadata.requestUpdate();
      this.retryAtMs = this.k.nowMs + this.o.config.retryBackoffMs;
      this.k.schedule(this.o.config.retryBackoffMs, `${this.actor} join waits for metadata`, () => this.o.wake());
      return;
    }
    const owned = this.protocol === 'COOPERATIVE' ? this.o.subscriptions.assignedPartitions().map(tpKey) : [];
    const protocols = joinGroupProtocols(this.assignors, { topics: this.topics, ownedPartitions: owned, generationId: this.generation.generationId }, this.o.config.version);
    const request = {
      apiKey: 'JoinGroup' as const,
      groupId: this.groupId,
      sessionTimeoutMs: this.o.config.sessionTimeoutMs,
      rebalanceTimeoutMs: this.o.config.maxPollIntervalMs,
      memberId: this.generation.memberId,
      groupInstanceId: this.o.config.groupInstanceId,
      protocolType: 'consumer',
      protocols,
      clientId: this.o.config.clientId,
    };
    this.say(`(Re-)joining group ${this.groupId}${this.generation.memberId ? ` as ${this.generation.memberId}` : ''}`);
    const timeoutMs = Math.max(this.o.config.requestTimeoutMs, this.o.config.maxPollIntervalMs + JOIN_GROUP_TIMEOUT_LAPSE_MS);
    this.o.client.send(this.coordinator!, request, `JoinGroup ${this.groupId}`, timeoutMs, (outcome) => this.onJoinResponse(outcome));
  }

  private onJoinResponse(outcome: RequestOutcome<JoinGroupRequest>): void {
    if (this.closed) return;
    if (!outcome.ok) return this.joinFailed(outcome.error);
    const r = outcome.response;
    if (r.errorCode === 'NONE') return this.onJoinSuccess(r);
    if (r.errorCode === 'MEMBER_ID_REQUIRED') {
      this.generation = { ...NO_GENERATION, memberId: r.memberId };
      this.joinInFlight = false;
      this.sendJoinAgain();
      return;
    }
    if (r.errorCode === 'UNKNOWN_MEMBER_ID' || r.errorCode === 'ILLEGAL_GENERATION') this.resetGeneration(`JoinGroup: ${r.errorCode}`);
    if (['FENCED_INSTANCE_ID', 'INVALID_SESSION_TIMEOUT', 'INCONSISTENT_GROUP_PROTOCOL', 'GROUP_MAX_SIZE_REACHED', 'INVALID_GROUP_ID'].includes(r.errorCode)) {
      this.fatalError = new ClientException('KafkaException', `JoinGroup failed: ${r.errorCode}`);
    }
    this.joinFailed(r.errorCode);
  }

  private sendJoinAgain(): void {
    this.joinInFlight = true;
    this.sendJoinGroup();
  }

  private joinFailed(error: KafkaErrorName | string): void {
    this.joinInFlight = false;
    this.state = 'UNJOINED';
    this.rejoinNeeded = true;
    this.say(`JoinGroup failed (${error}); will retry`);
    this.backoff(error, 'JoinGroup');
  }

  private onJoinSuccess(r: JoinGroupResponse): void {
    this.generation = { generationId: r.generationId, memberId: r.memberId, protocolName: r.protocolName };
    this.state = 'COMPLETING_REBALANCE';
    this.startHeartbeats();
    const isLeader = r.leader === r.memberId;
    this.say(`joined group ${this.groupId} at generation ${r.generationId} as ${r.memberId}${isLeader ? ', the leader: running the ' + r.protocolName + ' assignor' : ''}`);
    const assignments = isLeader ? this.performAssignment(r) : [];
    const request: SyncGroupRequest = {
      apiKey: 'SyncGroup',
      groupId: this.groupId,
      generationId: r.generationId,
      memberId: r.memberId,
      groupInstanceId: this.o.config.groupInstanceId,
      protocolType: 'consumer',
      protocolName: r.protocolName,
      assignments,
    };
    this.o.client.send(this.coordinator!, request, `SyncGroup ${this.groupId}`, this.o.config.requestTimeoutMs, (outcome) => {
      if (this.closed) return;
      if (!outcome.ok) return this.joinFailed(outcome.error);
      const s = outcome.response;
      if (s.errorCode !== 'NONE') {
        if (s.errorCode === 'UNKNOWN_MEMBER_ID' || s.errorCode === 'ILLEGAL_GENERATION') this.resetGeneration(`SyncGroup: ${s.errorCode}`);
        return this.joinFailed(s.errorCode);
      }
      this.onJoinComplete(s.assignment);
    });
  }

  /** The leader's job: run the chosen assignor over every member's subscription (ConsumerCoordinator.onLeaderElected). */
  private performAssignment(r: JoinGroupResponse): { memberId: string; assignment: Uint8Array }[] {
    const assignor = this.assignors.find((a) => a.name === r.protocolName) ?? assignorByName(r.protocolName ?? '', this.o.config.version);
    if (!assignor) throw new ClientException('IllegalStateException', `Coordinator selected invalid assignment protocol: ${r.protocolName}`);
    const result = performAssignment(assignor, (topic) => this.o.metadata.partitionCount(topic), r.members, this.o.config.version);
    this.say(`as leader, assigned with ${assignor.name}: ${Object.entries(result.partitions).map(([id, tps]) => `${id} → [${tps.join(', ')}]`).join('; ')}`);
    return Object.entries(result.assignments).map(([memberId, assignment]) => ({ memberId, assignment }));
  }


  /** onJoinComplete: take the assignment; cooperative members first give up what moved and rejoin. */
  private onJoinComplete(bytes: Uint8Array): void {
    this.joinInFlight = false;
    const assigned = deserializeAssignment(bytes, this.o.config.version).partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
    const ownedBefore = this.o.subscriptions.assignedPartitions();
    const newKeys = new Set(assigned.map(tpKey));
    const ownedKeys = new Set(ownedBefore.map(tpKey));
    const added = assigned.filter((tp) => !ownedKeys.has(tpKey(tp)));
    const revoked = ownedBefore.filter((tp) => !newKeys.has(tpKey(tp)));
    for (const a of this.assignors) if (a.name === this.generation.protocolName) a.onAssignment(assigned.map(tpKey), this.generation.generationId);
    this.state = 'STABLE';
    this.rejoinNeeded = false;
    this.o.subscriptions.assignFromSubscribed(assigned);
    this.say(`Adding newly assigned partitions: ${added.map(tpKey).join(', ') || '(none)'} (generation ${this.generation.generationId})`);
    if (this.protocol === 'COOPERATIVE' && revoked.length > 0) {
      this.say(`onPartitionsRevoked: ${revoked.map(tpKey).join(', ')} (cooperative: they move to another member, so rejoin for a second round)`);
      this.requestRejoin('partitions were revoked');
    }
    this.o.wake();
  }

  resetGeneration(reason: string): void {
    this.say(`resetting generation (${reason}): the next join starts from no member id`);
    this.generation = NO_GENERATION;
    this.state = 'UNJOINED';
    this.rejoinNeeded = true;
  }

  /** The "heartbeat thread": every heartbeat.interval.ms while in the group; also checks the poll timer. */
  private startHeartbeats(): void {
    if (this.heartbeatTask !== undefined) return;
    this.lastHeartbeatOkMs = this.k.nowMs;
    const tick = (): void => {
      this.heartbeatTask = undefined;
      if (this.closed || this.state === 'UNJOINED') return;
      this.heartbeatTask = this.k.schedule(this.o.config.heartbeatIntervalMs, `${this.actor} heartbeat`, tick);
      this.heartbeatOnce();
    };
    this.heartbeatTask = this.k.schedule(this.o.config.heartbeatIntervalMs, `${this.actor} heartbeat`, tick);
  }

  private heartbeatOnce(): void {
    const now = this.k.nowMs;
    if (now - this.lastPollMs > this.o.config.maxPollIntervalMs) return this.onPollTimeout();
    if (this.coordinator === null || this.state === 'PREPARING_REBALANCE') return;
    if (now - this.lastHeartbeatOkMs > this.o.config.sessionTimeoutMs) return this.markCoordinatorUnknown('no heartbeat answer within session.timeout.ms');
    const gen = this.generation;
    const request = { apiKey: 'Heartbeat' as const, groupId: this.groupId, generationId: gen.generationId, memberId: gen.memberId, groupInstanceId: this.o.config.groupInstanceId };
    this.o.client.send(this.coordinator, request, 'Heartbeat', this.o.config.requestTimeoutMs, (outcome) => {
      if (this.closed || gen !== this.generation) return;
      if (!outcome.ok) return this.markCoordinatorUnknown(`Heartbeat: ${outcome.error}`);
      const e = outcome.response.errorCode;
      if (e === 'NONE') this.lastHeartbeatOkMs = this.k.nowMs;
      else if (e === 'REBALANCE_IN_PROGRESS') {
        this.lastHeartbeatOkMs = this.k.nowMs;
        if (this.state === 'STABLE') this.requestRejoin('the group is rebalancing (Heartbeat: REBALANCE_IN_PROGRESS)');
      } else if (e === 'ILLEGAL_GENERATION' || e === 'UNKNOWN_MEMBER_ID' || e === 'FENCED_INSTANCE_ID') {
        this.loseAssignment(`Heartbeat: ${e}`);
      } else if (e === 'NOT_COORDINATOR' || e === 'COORDINATOR_NOT_AVAILABLE') this.markCoordinatorUnknown(`Heartbeat: ${e}`);
    });
  }

  /** poll() was not called within max.poll.interval.ms: leave the group so the others can take over. */
  private onPollTimeout(): void {
    if (this.state === 'UNJOINED') return;
    this.say(`consumer poll timeout has expired: the last poll was ${this.k.nowMs - this.lastPollMs} ms ago, more than max.poll.interval.ms (${this.o.config.maxPollIntervalMs}); leaving the group so its partitions can go to other members`);
    this.maybeLeaveGroup('consumer poll timeout has expired');
    this.loseAssignment('poll timeout');
  }

  /**
   * The member is out of the group. Like Kafka, it keeps its partitions until its next poll()
   * (onPartitionsLost there); a commit made meanwhile fails with CommitFailedException.
   */
  private loseAssignment(reason: string): void {
    this.partitionsLost = true;
    this.resetGeneration(reason);
    this.o.wake();
  }

  /** LeaveGroup, unless static (a static member's session ends by timeout, KIP-345). */
  maybeLeaveGroup(reason: string): void {
    const gen = this.generation;
    if (this.coordinator !== null && gen.memberId !== '' && this.o.config.groupInstanceId === null) {
      this.say(`Member ${gen.memberId} sending LeaveGroup request to coordinator due to ${reason}`);
      const request = { apiKey: 'LeaveGroup' as const, groupId: this.groupId, members: [{ memberId: gen.memberId, groupInstanceId: null, reason }] };
      this.o.client.send(this.coordinator, request, 'LeaveGroup', this.o.config.requestTimeoutMs, () => {});
    }
  }

  /** close(): commit (auto-commit), leave, stop heartbeating. */
  close(callback: () => void): void {
    this.committer.beforeClose(() => {
      this.maybeLeaveGroup('the consumer is being closed');
      this.shutdown();
      callback();
    });
  }

  /** Stop without a word to the coordinator (a crashed process): its session will expire. */
  shutdown(): void {
    this.closed = true;
    this.stopListening();
    this.k.cancel(this.heartbeatTask);
    this.heartbeatTask = undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  commit(offsets: Map<string, { offset: number; leaderEpoch: number | null }>, callback: CommitCallback): void {
    this.committer.commit(offsets, callback);
  }
}
