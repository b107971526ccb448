import type { SimKernel } from '../../kernel';
import type { JoinGroupRequest, JoinGroupResponse, KafkaErrorName } from '../../protocol';
import { GroupMetadata, joinError, syncError } from './GroupMetadata';
import { MemberMetadata, type JoinCallback } from './MemberMetadata';
import type { GroupStore } from './GroupStore';

/** GroupCoordinator.NewMemberJoinTimeoutMs: a new member's first join expires after 5 minutes. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;

export interface GroupConfig {
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupMaxSize: number;
  groupInitialRebalanceDelayMs: number;
  /** offsets.metadata.max.bytes: longer commit metadata gets OFFSET_METADATA_TOO_LARGE. */
  offsetMetadataMaxBytes: number;
  /** Where 2.4.1 and 3.9 differ (heartbeats in CompletingRebalance, static rejoin, pending sync). */
  kafkaVersion: '2.4' | '3.9';
}

export interface JoinContext {
  clientId: string;
  clientHost: string;
}

/**
 * The classic group coordinator's membership half (Kafka's GroupCoordinator.scala, ZooKeeper
 * mode in 2.4.1 and 3.9): JoinGroup with KIP-394's MEMBER_ID_REQUIRED and KIP-345's static
 * members, the join phase with the initial rebalance delay, the generation's start, session
 * expiry. SyncGroup, Heartbeat, LeaveGroup and offsets are in GroupRequests.ts.
 */
export class GroupCoordinator {
  constructor(
    readonly brokerId: number,
    readonly kernel: SimKernel,
    readonly config: () => GroupConfig,
    readonly store: GroupStore,
  ) {}

  get actor(): string {
    return `coordinator ${this.brokerId}`;
  }

  say(group: GroupMetadata, text: string): void {
    this.kernel.emit('group', this.actor, `group ${group.groupId}: ${text}`);
  }

  /** Kafka's validateGroupStatus: a valid id, a running coordinator, a loaded partition this broker owns. */
  validateGroupStatus(groupId: string, allowEmptyId = false): KafkaErrorName | null {
    if (!allowEmptyId && groupId === '') return 'INVALID_GROUP_ID';
    if (!this.store.isActive()) return 'COORDINATOR_NOT_AVAILABLE';
    if (this.store.isGroupLoading(groupId)) return 'COORDINATOR_LOAD_IN_PROGRESS';
    if (!this.store.isGroupLocal(groupId)) return 'NOT_COORDINATOR';
    return null;
  }

  handleJoinGroup(request: JoinGroupRequest, context: JoinContext, respond: JoinCallback): void {
    const error = this.validateGroupStatus(request.groupId);
    if (error) return respond(joinError(request.memberId, error));
    const config = this.config();
    if (request.sessionTimeoutMs < config.groupMinSessionTimeoutMs || request.sessionTimeoutMs > config.groupMaxSessionTimeoutMs) {
      return respond(joinError(request.memberId, 'INVALID_SESSION_TIMEOUT'));
    }
    const isUnknownMember = request.memberId === '';
    let group = this.store.getGroup(request.groupId);
    if (!group) {
      if (!isUnknownMember) return respond(joinError(request.memberId, 'UNKNOWN_MEMBER_ID'));
      group = this.store.addGroup(new GroupMetadata(request.groupId, 'Empty', this.kernel.nowMs));
    }
    if (!this.acceptJoiningMember(group, request.memberId)) {
      group.remove(request.memberId);
      return respond(joinError('', 'GROUP_MAX_SIZE_REACHED'));
    }
    if (isUnknownMember) this.doNewMemberJoinGroup(group, request, context, respond);
    else this.doCurrentMemberJoinGroup(group, request, context, respond);
    if (group.is('PreparingRebalance')) this.checkJoin(group);
  }

  private acceptJoiningMember(group: GroupMetadata, memberId: string): boolean {
    const max = this.config().groupMaxSize;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        // 3.9 counts only the members waiting to join; 2.4 counted the whole group.
        if (this.config().kafkaVersion === '2.4') return group.has(memberId) || group.size < max;
        return (group.has(memberId) && group.get(memberId).isAwaitingJoin) || group.numAwaiting < max;
      default:
        return group.has(memberId) || group.size < max;
    }
  }

  private doNewMemberJoinGroup(group: GroupMetadata, request: JoinGroupRequest, context: JoinContext, respond: JoinCallback): void {
    if (group.is('Dead')) return respond(joinError('', 'COORDINATOR_NOT_AVAILABLE'));
    if (!group.supportsProtocols(request.protocolType, request.protocols)) return respond(joinError('', 'INCONSISTENT_GROUP_PROTOCOL'));
    const newMemberId = `${request.groupInstanceId ?? context.clientId}-${this.uuid()}`;
    if (request.groupInstanceId !== null) {
      const oldMemberId = group.currentStaticMemberId(request.groupInstanceId);
      if (oldMemberId !== null) return this.updateStaticMemberAndRebalance(group, oldMemberId, newMemberId, request, respond);
      return this.addMemberAndRebalance(group, newMemberId, request, context, respond);
    }
    // KIP-394 (JoinGroup v4+): hand out the id and make the member come back with it.
    group.addPendingMember(newMemberId);
    this.kernel.schedule(request.sessionTimeoutMs, `${this.actor} pending member expiry`, () => {
      if (group.isPendingMember(newMemberId)) this.removePendingMemberAndUpdateGroup(group, newMemberId);
    });
    this.say(group, `${context.clientId} asked to join without a member id: it gets ${newMemberId} and must rejoin with it (MEMBER_ID_REQUIRED)`);
    respond(joinError(newMemberId, 'MEMBER_ID_REQUIRED'));
  }

  private doCurrentMemberJoinGroup(group: GroupMetadata, request: JoinGroupRequest, context: JoinContext, respond: JoinCallback): void {
    const { memberId } = request;
    if (group.is('Dead')) return respond(joinError(memberId, 'COORDINATOR_NOT_AVAILABLE'));
    if (!group.supportsProtocols(request.protocolType, request.protocols)) return respond(joinError(memberId, 'INCONSISTENT_GROUP_PROTOCOL'));
    if (group.isPendingMember(memberId)) return this.addMemberAndRebalance(group, memberId, request, context, respond);
    const memberError = this.validateCurrentMember(group, memberId, request.groupInstanceId);
    if (memberError) return respond(joinError(memberId, memberError));
    const member = group.get(memberId);
    const update = (why: string): void => this.updateMemberAndRebalance(group, member, request, respond, why);
    switch (group.state) {
      case 'PreparingRebalance':
        return update(`${memberId} rejoined`);
      case 'CompletingRebalance':
        if (member.matches(request.protocols)) return respond(this.joinResult(group, memberId));
        return update(`${memberId} rejoined with new metadata`);
      case 'Stable':
        if (group.isLeader(memberId)) return update(`the leader ${memberId} rejoined`);
        if (!member.matches(request.protocols)) return update(`${memberId} rejoined with new metadata (its subscription changed)`);
        return respond({ ...this.joinResult(group, memberId), members: [] });
      default:
        return respond(joinError(memberId, 'UNKNOWN_MEMBER_ID'));
    }
  }

  /** Static members are known by group.instance.id: another member id for it is a fenced zombie. */
  validateCurrentMember(group: GroupMetadata, memberId: string, groupInstanceId: string | null): KafkaErrorName | null {
    if (groupInstanceId !== null) {
      const current = group.currentStaticMemberId(groupInstanceId);
      if (current === null) return 'UNKNOWN_MEMBER_ID';
      return current === memberId ? null : 'FENCED_INSTANCE_ID';
    }
    return group.has(memberId) ? null : 'UNKNOWN_MEMBER_ID';
  }

  private addMemberAndRebalance(group: GroupMetadata, memberId: string, request: JoinGroupRequest, context: JoinContext, respond: JoinCallback): void {
    const member = new MemberMetadata(memberId, request.groupInstanceId, context.clientId, context.clientHost, request.rebalanceTimeoutMs, request.sessionTimeoutMs, request.protocolType, request.protocols);
    member.isNew = true;
    // Only generation 0 extends the initial delay for newcomers (see docs/FIDELITY.md).
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    this.scheduleHeartbeatExpiration(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.maybePrepareRebalance(group, `${memberId} joined${request.groupInstanceId !== null ? ` (static, group.instance.id=${request.groupInstanceId})` : ''}`);
  }

  private updateMemberAndRebalance(group: GroupMetadata, member: MemberMetadata, request: JoinGroupRequest, respond: JoinCallback, why: string): void {
    group.updateMember(member, request.protocols, request.rebalanceTimeoutMs, request.sessionTimeoutMs, respond);
    this.maybePrepareRebalance(group, why);
  }

  /**
   * A known static member restarts with a new member id. In a Stable group with the same
   * protocol this needs no rebalance: the old id is fenced and the new one keeps the assignment.
   */
  private updateStaticMemberAndRebalance(group: GroupMetadata, oldMemberId: string, newMemberId: string, request: JoinGroupRequest, respond: JoinCallback): void {
    const instanceId = request.groupInstanceId!;
    const member = group.replaceStaticMember(instanceId, oldMemberId, newMemberId);
    this.completeAndScheduleNextHeartbeat(group, member);
    group.updateMember(member, request.protocols, request.rebalanceTimeoutMs, request.sessionTimeoutMs, respond);
    const noRebalance = group.is('Stable') || (group.is('CompletingRebalance') && this.config().kafkaVersion === '2.4');
    if (group.is('Stable') && group.protocolName !== group.selectProtocol()) {
      return this.maybePrepareRebalance(group, `static member ${instanceId} rejoined with another protocol`);
    }
    if (noRebalance) {
      this.say(group, `static member ${instanceId} came back as ${newMemberId} (${oldMemberId} is fenced); it keeps its partitions, no rebalance`);
      const assignment = new Map([...group.members.values()].map((m) => [m.memberId, m.assignment] as const));
      this.store.storeGroup(group, assignment, (error) => {
        if (error !== 'NONE') return group.maybeInvokeJoinCallback(member, joinError('', error));
        group.maybeInvokeJoinCallback(member, { ...this.joinResult(group, newMemberId), members: [] });
      });
      return;
    }
    if (group.is('CompletingRebalance')) this.prepareRebalance(group, `static member ${instanceId} rejoined during CompletingRebalance`);
  }

  /** The JoinGroup answer for `memberId` in the current generation (the leader gets every member's metadata). */
  joinResult(group: GroupMetadata, memberId: string): JoinGroupResponse {
    return {
      apiKey: 'JoinGroup',
      errorCode: 'NONE',
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId,
      members: group.isLeader(memberId) ? group.currentMemberMetadata() : [],
    };
  }

  maybePrepareRebalance(group: GroupMetadata, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason);
  }

  /**
   * Into PreparingRebalance: members have until the join phase ends to rejoin. From Empty the
   * phase lasts group.initial.rebalance.delay.ms, extended while newcomers keep arriving
   * (InitialDelayedJoin); otherwise it ends when every member has rejoined or after the
   * rebalance timeout (the largest max.poll.interval.ms).
   */
  prepareRebalance(group: GroupMetadata, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, 'REBALANCE_IN_PROGRESS');
    this.removeSyncExpiration(group);
    const wasEmpty = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.kernel.nowMs);
    this.kernel.cancel(group.joinTask);
    const delayMs = this.config().groupInitialRebalanceDelayMs;
    if (wasEmpty) {
      this.say(group, `${reason}; preparing a rebalance, waiting ${delayMs} ms for more members to join (group.initial.rebalance.delay.ms)`);
      this.scheduleInitialJoin(group, delayMs, Math.max(group.rebalanceTimeoutMs - delayMs, 0));
    } else {
      this.say(group, `${reason}; rebalancing: every member must rejoin within ${group.rebalanceTimeoutMs} ms (the rebalance timeout, max.poll.interval.ms)`);
      this.scheduleJoin(group);
    }
  }

  private scheduleInitialJoin(group: GroupMetadata, delayMs: number, remainingMs: number): void {
    group.initialDelay = true;
    group.joinTask = this.kernel.schedule(delayMs, `${this.actor} initial join delay`, () => {
      group.joinTask = undefined;
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false;
        const next = Math.min(this.config().groupInitialRebalanceDelayMs, remainingMs);
        this.say(group, `more members joined during the delay: waiting another ${next} ms`);
        this.scheduleInitialJoin(group, next, Math.max(remainingMs - delayMs, 0));
      } else this.onCompleteJoin(group);
    });
  }

  private scheduleJoin(group: GroupMetadata): void {
    if (group.hasAllMembersJoined) return this.onCompleteJoin(group);
    group.joinTask = this.kernel.schedule(group.rebalanceTimeoutMs, `${this.actor} join phase timeout`, () => {
      group.joinTask = undefined;
      this.onCompleteJoin(group);
    });
  }

  /** DelayedJoin.tryComplete: a (non-initial) join phase ends as soon as every member has rejoined. */
  checkJoin(group: GroupMetadata): void {
    if (group.joinTask === undefined || !group.hasAllMembersJoined || this.inInitialDelay(group)) return;
    this.kernel.cancel(group.joinTask);
    group.joinTask = undefined;
    this.onCompleteJoin(group);
  }

  /** InitialDelayedJoin.tryComplete is always false: its window never ends early. */
  private inInitialDelay(group: GroupMetadata): boolean {
    return group.initialDelay;
  }

  /** The join phase is over: drop who did not rejoin, start the next generation, answer every JoinGroup. */
  onCompleteJoin(group: GroupMetadata): void {
    group.initialDelay = false;
    for (const m of group.notYetRejoinedMembers()) {
      if (m.isStaticMember) continue;
      group.remove(m.memberId);
      this.kernel.cancel(m.heartbeatTask);
      this.say(group, `${m.memberId} did not rejoin in time and leaves the group`);
    }
    if (group.is('Dead')) return;
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      this.say(group, 'no member rejoined: waiting another rebalance timeout');
      return this.scheduleJoin(group);
    }
    group.initNextGeneration(this.kernel.nowMs);
    if (group.is('Empty')) {
      this.say(group, `generation ${group.generationId} has no members: the group is Empty`);
      return this.store.storeGroup(group, new Map(), () => {});
    }
    this.say(group, `generation ${group.generationId} starts with ${group.size} member${group.size === 1 ? '' : 's'}, protocol ${group.protocolName}, leader ${group.leaderId}; waiting for the leader's assignment (CompletingRebalance)`);
    for (const member of [...group.members.values()]) {
      group.maybeInvokeJoinCallback(member, this.joinResult(group, member.memberId));
      this.completeAndScheduleNextHeartbeat(group, member);
      member.isNew = false;
      group.addPendingSyncMember(member.memberId);
    }
    if (this.config().kafkaVersion === '3.9') this.schedulePendingSync(group);
  }

  /** KAFKA-12890 (3.9): members that send no SyncGroup within the rebalance timeout are removed. */
  private schedulePendingSync(group: GroupMetadata): void {
    const generation = group.generationId;
    group.syncTask = this.kernel.schedule(group.rebalanceTimeoutMs, `${this.actor} pending sync expiry`, () => {
      group.syncTask = undefined;
      if (generation !== group.generationId || group.hasReceivedSyncFromAllMembers) return;
      if (!group.is('CompletingRebalance') && !group.is('Stable')) return;
      const missing = group.allPendingSyncMembers();
      for (const id of missing) this.removeMember(group, id);
      this.prepareRebalance(group, `${missing.join(', ')} sent no SyncGroup in time and left`);
    });
  }

  removeSyncExpiration(group: GroupMetadata): void {
    group.clearPendingSyncMembers();
    this.kernel.cancel(group.syncTask);
    group.syncTask = undefined;
  }

  resetAndPropagateAssignmentError(group: GroupMetadata, error: KafkaErrorName): void {
    for (const member of group.members.values()) {
      member.assignment = new Uint8Array(0);
      if (group.maybeInvokeSyncCallback(member, syncError(error))) this.completeAndScheduleNextHeartbeat(group, member);
    }
  }

  completeAndScheduleNextHeartbeat(group: GroupMetadata, member: MemberMetadata): void {
    this.scheduleHeartbeatExpiration(group, member, member.sessionTimeoutMs);
  }

  /**
   * The member's session deadline. When it passes without a heartbeat the member is removed;
   * a member waiting on a JoinGroup or SyncGroup answer never expires, unless it is new.
   */
  scheduleHeartbeatExpiration(group: GroupMetadata, member: MemberMetadata, timeoutMs: number): void {
    this.kernel.cancel(member.heartbeatTask);
    member.lastHeartbeatMs = this.kernel.nowMs;
    member.heartbeatTask = this.kernel.schedule(timeoutMs, `${this.actor} session expiry`, () => {
      member.heartbeatTask = undefined;
      if (group.is('Dead') || group.members.get(member.memberId) !== member) return;
      if (!member.isNew && (member.isAwaitingJoin || member.isAwaitingSync)) return;
      this.say(group, `${member.memberId} sent no heartbeat for ${timeoutMs} ms (${member.isNew ? 'its first join timed out' : 'session.timeout.ms'}): its session expired`);
      this.removeMemberAndUpdateGroup(group, member, `${member.memberId}'s session expired`);
    });
  }

  removeMemberAndUpdateGroup(group: GroupMetadata, member: MemberMetadata, reason: string): void {
    group.maybeInvokeJoinCallback(member, joinError('', 'UNKNOWN_MEMBER_ID'));
    this.removeMember(group, member.memberId);
    if (group.is('Stable') || group.is('CompletingRebalance')) this.maybePrepareRebalance(group, reason);
    else if (group.is('PreparingRebalance')) this.checkJoin(group);
  }

  private removeMember(group: GroupMetadata, memberId: string): void {
    const member = group.members.get(memberId);
    if (member) this.kernel.cancel(member.heartbeatTask);
    group.remove(memberId);
  }

  removePendingMemberAndUpdateGroup(group: GroupMetadata, memberId: string): void {
    group.remove(memberId);
    if (group.is('PreparingRebalance')) this.checkJoin(group);
  }

  /** A loaded group's members get fresh session deadlines (they may have gone meanwhile). */
  onGroupLoaded(group: GroupMetadata): void {
    for (const member of group.members.values()) this.completeAndScheduleNextHeartbeat(group, member);
  }

  /** The group's partition moved away: it is Dead here; whoever waits is told NOT_COORDINATOR. */
  onGroupUnloaded(group: GroupMetadata): void {
    const previous = group.state;
    group.transitionTo('Dead', this.kernel.nowMs);
    this.kernel.cancel(group.joinTask);
    this.removeSyncExpiration(group);
    for (const member of [...group.members.values()]) {
      this.kernel.cancel(member.heartbeatTask);
      if (previous === 'PreparingRebalance') group.maybeInvokeJoinCallback(member, joinError(member.memberId, 'NOT_COORDINATOR'));
      if (previous === 'Stable' || previous === 'CompletingRebalance') group.maybeInvokeSyncCallback(member, syncError('NOT_COORDINATOR'));
    }
  }

  /** A member id: the client id (or group.instance.id) and a UUID from the seeded random source. */
  private uuid(): string {
    const r = this.kernel.random;
    const hex = (n: number): string => Array.from({ length: n }, () => r.nextInt(16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + r.nextInt(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }
}
