import type { KafkaErrorName } from './errors';

/**
 * The classic group protocol's requests and responses (FindCoordinator, JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch, ListGroups, DescribeGroups). Field names
 * follow Kafka's JSON message schemas in camelCase; protocol metadata and assignments travel as
 * the bytes ConsumerProtocol writes (the coordinator never reads them: it is protocol-agnostic).
 */

// ---------------------------------------------------------------- FindCoordinator
export interface FindCoordinatorRequest {
  apiKey: 'FindCoordinator';
  key: string;
  /** 0 = group, 1 = transaction. */
  keyType: 0 | 1;
}
export interface FindCoordinatorResponse {
  apiKey: 'FindCoordinator';
  errorCode: KafkaErrorName;
  errorMessage: string | null;
  nodeId: number;
  host: string;
  port: number;
}

// ---------------------------------------------------------------- JoinGroup
export interface JoinGroupProtocol {
  name: string;
  metadata: Uint8Array;
}
export interface JoinGroupRequest {
  apiKey: 'JoinGroup';
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** '' for a member joining for the first time. */
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: JoinGroupProtocol[];
  /** KIP-800 (3.x): why the member (re)joins. */
  reason?: string | null;
  /** The request header's client.id (the lab's envelopes carry no header). */
  clientId?: string;
}
export interface JoinGroupResponseMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Uint8Array;
}
export interface JoinGroupResponse {
  apiKey: 'JoinGroup';
  errorCode: KafkaErrorName;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Every member's metadata, for the leader only (empty for the others). */
  members: JoinGroupResponseMember[];
}

// ---------------------------------------------------------------- SyncGroup
export interface SyncGroupAssignment {
  memberId: string;
  assignment: Uint8Array;
}
export interface SyncGroupRequest {
  apiKey: 'SyncGroup';
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  /** The leader's assignment for every member; empty from the others. */
  assignments: SyncGroupAssignment[];
}
export interface SyncGroupResponse {
  apiKey: 'SyncGroup';
  errorCode: KafkaErrorName;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Uint8Array;
}

// ---------------------------------------------------------------- Heartbeat
export interface HeartbeatRequest {
  apiKey: 'Heartbeat';
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}
export interface HeartbeatResponse {
  apiKey: 'Heartbeat';
  errorCode: KafkaErrorName;
}

// ---------------------------------------------------------------- LeaveGroup
export interface MemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
  reason?: string | null;
}
export interface LeaveGroupRequest {
  apiKey: 'LeaveGroup';
  groupId: string;
  members: MemberIdentity[];
}
export interface LeaveGroupResponse {
  apiKey: 'LeaveGroup';
  errorCode: KafkaErrorName;
  members: { memberId: string; groupInstanceId: string | null; errorCode: KafkaErrorName }[];
}

// ---------------------------------------------------------------- OffsetCommit
export interface OffsetCommitPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  committedMetadata: string | null;
}
export interface OffsetCommitRequest {
  apiKey: 'OffsetCommit';
  groupId: string;
  /** -1 for a commit from outside any generation (a standalone consumer with a group.id). */
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  topics: { name: string; partitions: OffsetCommitPartition[] }[];
}
export interface OffsetCommitResponse {
  apiKey: 'OffsetCommit';
  topics: { name: string; partitions: { partitionIndex: number; errorCode: KafkaErrorName }[] }[];
}

// ---------------------------------------------------------------- OffsetFetch
export interface OffsetFetchRequest {
  apiKey: 'OffsetFetch';
  groupId: string;
  /** null: every partition the group has committed. */
  topics: { name: string; partitionIndexes: number[] }[] | null;
}
export interface OffsetFetchPartition {
  partitionIndex: number;
  /** -1 when the group has no commit for the partition. */
  committedOffset: number;
  committedLeaderEpoch: number;
  metadata: string | null;
  errorCode: KafkaErrorName;
}
export interface OffsetFetchResponse {
  apiKey: 'OffsetFetch';
  errorCode: KafkaErrorName;
  topics: { name: string; partitions: OffsetFetchPartition[] }[];
}

// ---------------------------------------------------------------- ListGroups / DescribeGroups
export interface ListGroupsRequest {
  apiKey: 'ListGroups';
}
export interface ListGroupsResponse {
  apiKey: 'ListGroups';
  errorCode: KafkaErrorName;
  groups: { groupId: string; protocolType: string; groupState: string }[];
}
export interface DescribeGroupsRequest {
  apiKey: 'DescribeGroups';
  groups: string[];
}
export interface DescribedGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Uint8Array;
  memberAssignment: Uint8Array;
}
export interface DescribedGroup {
  errorCode: KafkaErrorName;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: DescribedGroupMember[];
}
export interface DescribeGroupsResponse {
  apiKey: 'DescribeGroups';
  groups: DescribedGroup[];
}

export type GroupRequest =
  | FindCoordinatorRequest
  | JoinGroupRequest
  | SyncGroupRequest
  | HeartbeatRequest
  | LeaveGroupRequest
  | OffsetCommitRequest
  | OffsetFetchRequest
  | ListGroupsRequest
  | DescribeGroupsRequest;

export type GroupResponse =
  | FindCoordinatorResponse
  | JoinGroupResponse
  | SyncGroupResponse
  | HeartbeatResponse
  | LeaveGroupResponse
  | OffsetCommitResponse
  | OffsetFetchResponse
  | ListGroupsResponse
  | DescribeGroupsResponse;
