import type {
  DescribedGroup,
  HeartbeatRequest,
  KafkaErrorName,
  LeaveGroupRequest,
  LeaveGroupResponse,
  ListGroupsResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from '../../protocol';
import { partitionsByTopic } from '../../protocol/topicPartition';
import type { GroupCoordinator } from './GroupCoordinator';
import { GroupMetadata, syncError, type OffsetAndMetadata } from './GroupMetadata';

/** SyncGroup: the leader's assignment is stored, then every member gets its part (GroupCoordinator.doSyncGroup). */
export function handleSyncGroup(c: GroupCoordinator, request: SyncGroupRequest, respond: (r: SyncGroupResponse) => void): void {
  const status = c.validateGroupStatus(request.groupId);
  if (status) return respond(syncError(status === 'COORDINATOR_LOAD_IN_PROGRESS' ? 'REBALANCE_IN_PROGRESS' : status));
  const group = c.store.getGroup(request.groupId);
  if (!group) return respond(syncError('UNKNOWN_MEMBER_ID'));
  const error = validateSync(c, group, request);
  if (error) return respond(syncError(error));
  const { memberId, generationId } = request;
  switch (group.state) {
    case 'Empty':
      return respond(syncError('UNKNOWN_MEMBER_ID'));
    case 'PreparingRebalance':
      return respond(syncError('REBALANCE_IN_PROGRESS'));
    case 'Stable': {
      group.removePendingSyncMember(memberId);
      const member = group.get(memberId);
      respond({ apiKey: 'SyncGroup', errorCode: 'NONE', protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
      return c.completeAndScheduleNextHeartbeat(group, member);
    }
    case 'CompletingRebalance':
      group.get(memberId).awaitingSyncCallback = respond;
      group.removePendingSyncMember(memberId);
      if (group.hasReceivedSyncFromAllMembers) c.kernel.cancel(group.syncTask);
      if (group.isLeader(memberId)) storeLeaderAssignment(c, group, generationId, request);
      return;
    default:
      throw new Error(`SyncGroup for Dead group ${group.groupId}`);
  }
}

function validateSync(c: GroupCoordinator, group: GroupMetadata, request: SyncGroupRequest): KafkaErrorName | null {
  if (group.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
  const memberError = c.validateCurrentMember(group, request.memberId, request.groupInstanceId);
  if (memberError) return memberError;
  if (request.generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  // 2.4's SyncGroup (v3) carries no protocol type or name; 3.9 checks them (v5+).
  if (c.config().kafkaVersion === '3.9') {
    if (request.protocolType !== null && request.protocolType !== group.protocolType) return 'INCONSISTENT_GROUP_PROTOCOL';
    if (request.protocolName !== null && request.protocolName !== group.protocolName) return 'INCONSISTENT_GROUP_PROTOCOL';
  }
  return null;
}

function storeLeaderAssignment(c: GroupCoordinator, group: GroupMetadata, generationId: number, request: SyncGroupRequest): void {
  const assignment = new Map(request.assignments.map((a) => [a.memberId, a.assignment] as const));
  for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, new Uint8Array(0));
  c.say(group, `the leader ${request.memberId} sent the assignment for generation ${generationId}; storing it in __consumer_offsets-${c.store.partitionFor(group.groupId)}`);
  c.store.storeGroup(group, assignment, (error) => {
    if (!group.is('CompletingRebalance') || generationId !== group.generationId) return;
    if (error !== 'NONE') {
      c.resetAndPropagateAssignmentError(group, error);
      return c.maybePrepareRebalance(group, `storing the assignment failed (${error})`);
    }
    for (const member of group.members.values()) {
      member.assignment = assignment.get(member.memberId) ?? new Uint8Array(0);
      const answer: SyncGroupResponse = { apiKey: 'SyncGroup', errorCode: 'NONE', protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment };
      if (group.maybeInvokeSyncCallback(member, answer)) c.completeAndScheduleNextHeartbeat(group, member);
    }
    group.transitionTo('Stable', c.kernel.nowMs);
    c.say(group, `Stable at generation ${generationId}: every member has its assignment`);
  });
}

/** Heartbeat: resets the member's session timer; tells it to rejoin while the group rebalances. */
export function handleHeartbeat(c: GroupCoordinator, request: HeartbeatRequest): KafkaErrorName {
  const status = c.validateGroupStatus(request.groupId);
  if (status) return status === 'COORDINATOR_LOAD_IN_PROGRESS' ? 'NONE' : status;
  const group = c.store.getGroup(request.groupId);
  if (!group) return 'UNKNOWN_MEMBER_ID';
  if (group.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
  const memberError = c.validateCurrentMember(group, request.memberId, request.groupInstanceId);
  if (memberError) return memberError;
  if (request.generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  const member = group.get(request.memberId);
  switch (group.state) {
    case 'Empty':
      return 'UNKNOWN_MEMBER_ID';
    case 'CompletingRebalance':
      // 2.4 answered REBALANCE_IN_PROGRESS without resetting the timer; since 2.7 it is a plain heartbeat.
      if (c.config().kafkaVersion === '2.4') return 'REBALANCE_IN_PROGRESS';
      c.completeAndScheduleNextHeartbeat(group, member);
      return 'NONE';
    case 'PreparingRebalance':
      c.completeAndScheduleNextHeartbeat(group, member);
      return 'REBALANCE_IN_PROGRESS';
    default:
      c.completeAndScheduleNextHeartbeat(group, member);
      return 'NONE';
  }
}

/** LeaveGroup (v3+: a batch of members, static ones by group.instance.id). */
export function handleLeaveGroup(c: GroupCoordinator, request: LeaveGroupRequest): LeaveGroupResponse {
  const status = c.validateGroupStatus(request.groupId);
  if (status) return { apiKey: 'LeaveGroup', errorCode: status, members: [] };
  const group = c.store.getGroup(request.groupId);
  const answer = (memberId: string, groupInstanceId: string | null, errorCode: KafkaErrorName) => ({ memberId, groupInstanceId, errorCode });
  if (!group) return { apiKey: 'LeaveGroup', errorCode: 'NONE', members: request.members.map((m) => answer(m.memberId, m.groupInstanceId, 'UNKNOWN_MEMBER_ID')) };
  if (group.is('Dead')) return { apiKey: 'LeaveGroup', errorCode: 'COORDINATOR_NOT_AVAILABLE', members: [] };
  const members = request.members.map(({ memberId, groupInstanceId }) => {
    const id = memberId === '' && groupInstanceId !== null ? group.currentStaticMemberId(groupInstanceId) : memberId;
    if (id === null) return answer(memberId, groupInstanceId, 'UNKNOWN_MEMBER_ID');
    if (group.isPendingMember(id)) {
      c.removePendingMemberAndUpdateGroup(group, id);
      return answer(memberId, groupInstanceId, 'NONE');
    }
    const error = memberId === '' ? null : c.validateCurrentMember(group, id, groupInstanceId);
    if (error) return answer(memberId, groupInstanceId, error);
    c.say(group, `${id} left the group (LeaveGroup)`);
    c.removeMemberAndUpdateGroup(group, group.get(id), `${id} left`);
    return answer(memberId, groupInstanceId, 'NONE');
  });
  return { apiKey: 'LeaveGroup', errorCode: 'NONE', members };
}

/** OffsetCommit, checked in Kafka's order (validateOffsetCommit), then written to __consumer_offsets. */
export function handleCommitOffsets(c: GroupCoordinator, request: OffsetCommitRequest, respond: (r: OffsetCommitResponse) => void): void {
  const all = (error: KafkaErrorName): OffsetCommitResponse => ({ apiKey: 'OffsetCommit', topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error })) })) });
  const status = c.validateGroupStatus(request.groupId, true);
  if (status) return respond(all(status));
  let group = c.store.getGroup(request.groupId);
  if (!group) {
    if (request.generationId >= 0) return respond(all('ILLEGAL_GENERATION'));
    group = c.store.addGroup(new GroupMetadata(request.groupId, 'Empty', c.kernel.nowMs));
  }
  const error = validateOffsetCommit(c, group, request);
  if (error) return respond(all(error));
  if (group.is('CompletingRebalance')) return respond(all('REBALANCE_IN_PROGRESS'));
  if (!group.is('Empty')) c.completeAndScheduleNextHeartbeat(group, group.get(request.memberId));
  const offsets = new Map<string, OffsetAndMetadata>();
  const tooLarge = new Set<string>();
  for (const t of request.topics) {
    for (const p of t.partitions) {
      const key = `${t.name}-${p.partitionIndex}`;
      const metadata = p.committedMetadata ?? '';
      // Kafka compares the String's length, not its bytes.
      if (metadata.length > c.config().offsetMetadataMaxBytes) tooLarge.add(key);
      else offsets.set(key, { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch < 0 ? null : p.committedLeaderEpoch, metadata, commitTimestamp: c.kernel.nowMs, expireTimestamp: null });
    }
  }
  c.store.storeOffsets(group, request.memberId, offsets, (errors) => {
    for (const key of tooLarge) errors.set(key, 'OFFSET_METADATA_TOO_LARGE');
    respond({ apiKey: 'OffsetCommit', topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: errors.get(`${t.name}-${p.partitionIndex}`) ?? 'NONE' })) })) });
  });
}

function validateOffsetCommit(c: GroupCoordinator, group: GroupMetadata, request: OffsetCommitRequest): KafkaErrorName | null {
  if (group.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
  if (request.generationId < 0 && group.is('Empty')) return null;
  if (request.generationId >= 0 || request.memberId !== '' || request.groupInstanceId !== null) {
    return c.validateCurrentMember(group, request.memberId, request.groupInstanceId) ?? (request.generationId !== group.generationId ? 'ILLEGAL_GENERATION' : null);
  }
  return group.is('Empty') ? null : 'UNKNOWN_MEMBER_ID';
}

/** OffsetFetch: the committed offsets (-1 where the group has none). */
export function handleFetchOffsets(c: GroupCoordinator, request: OffsetFetchRequest): OffsetFetchResponse {
  const status = c.validateGroupStatus(request.groupId, true);
  if (status) return { apiKey: 'OffsetFetch', errorCode: status, topics: [] };
  const group = c.store.getGroup(request.groupId);
  const offsets = group?.offsets ?? new Map<string, OffsetAndMetadata>();
  const wanted = request.topics ?? partitionsByTopic(offsets.keys());
  const topics = wanted.map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((partitionIndex) => {
      const o = offsets.get(`${t.name}-${partitionIndex}`);
      return { partitionIndex, committedOffset: o?.offset ?? -1, committedLeaderEpoch: o?.leaderEpoch ?? -1, metadata: o ? o.metadata : '', errorCode: 'NONE' as const };
    }),
  }));
  return { apiKey: 'OffsetFetch', errorCode: 'NONE', topics };
}

export function handleListGroups(c: GroupCoordinator): ListGroupsResponse {
  if (!c.store.isActive()) return { apiKey: 'ListGroups', errorCode: 'COORDINATOR_NOT_AVAILABLE', groups: [] };
  const groups = c.store.currentGroups().map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state }));
  return { apiKey: 'ListGroups', errorCode: 'NONE', groups };
}

/** DescribeGroups: member metadata and assignments only while Stable (GroupMetadata.summary). */
export function handleDescribeGroup(c: GroupCoordinator, groupId: string): DescribedGroup {
  const status = c.validateGroupStatus(groupId, true);
  const empty = { groupId, protocolType: '', protocolData: '', members: [] };
  if (status) return { errorCode: status, groupState: '', ...empty };
  const group = c.store.getGroup(groupId);
  if (!group) return { errorCode: 'NONE', groupState: 'Dead', ...empty };
  const stable = group.is('Stable');
  return {
    errorCode: 'NONE',
    groupId,
    groupState: group.state,
    protocolType: group.protocolType ?? '',
    protocolData: stable ? (group.protocolName ?? '') : '',
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      memberMetadata: stable && group.protocolName ? m.metadata(group.protocolName) : new Uint8Array(0),
      memberAssignment: stable ? m.assignment : new Uint8Array(0),
    })),
  };
}
