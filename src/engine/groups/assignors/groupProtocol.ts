import type { KafkaVersion } from '../../config';
import { javaStringHashCode } from '../../util/hash';
import { deserializeAssignment, deserializeSubscription, serializeAssignment, serializeSubscription } from './consumerProtocol';
import { compareJavaStrings, javaHashSetCopyOrder } from './javaCollections';
import type { ConsumerPartitionAssignor, ConsumerSubscription, GroupAssignment } from './types';

/**
 * The assignor's part of ConsumerCoordinator: what a member sends in JoinGroup (metadata()) and what the
 * leader does with the members' metadata (onLeaderElected / performAssignment). The rest of the group
 * protocol (JoinGroup, SyncGroup, the state machine) is the GroupCoordinator's and the consumer's.
 */

/** One entry of JoinGroup's protocols: an assignor's name and the member's Subscription bytes for it. */
export interface JoinGroupProtocol {
  name: string;
  metadata: Uint8Array;
}

/** What the member knows when it (re)joins. */
export interface JoiningMemberState {
  /** The topics it subscribes to (SubscriptionState.subscription). */
  topics: readonly string[];
  /** The partitions it owns now (assignedPartitionsList): empty for eager members, which revoked everything. */
  ownedPartitions: readonly string[];
  /** The generation it last joined (-1 when none). 3.9 sends it; 2.4's protocol has no field for it. */
  generationId: number;
  rackId?: string;
}

/**
 * The order the member lists its topics in: 3.9 keeps its subscription in a TreeSet (sorted); 2.4 in the
 * `new HashSet<>(topics)` that subscribe() made (Java's HashSet order).
 */
export function subscriptionTopicOrder(topics: readonly string[], version: KafkaVersion): string[] {
  return version === '2.4' ? javaHashSetCopyOrder(topics, javaStringHashCode) : [...new Set(topics)].sort(compareJavaStrings);
}

/** The Subscription a member sends for one assignor (before ConsumerProtocol turns it into bytes). */
export function memberSubscription(assignor: ConsumerPartitionAssignor, state: JoiningMemberState, version: KafkaVersion): ConsumerSubscription {
  const topics = subscriptionTopicOrder(state.topics, version);
  return {
    topics,
    userData: assignor.subscriptionUserData(topics),
    ownedPartitions: [...state.ownedPartitions],
    ...(version !== '2.4' && state.generationId >= 0 ? { generationId: state.generationId } : {}),
    ...(version !== '2.4' && state.rackId !== undefined ? { rackId: state.rackId } : {}),
  };
}

/** ConsumerCoordinator.metadata(): one protocol per configured assignor, in the configured (preference) order. */
export function joinGroupProtocols(assignors: readonly ConsumerPartitionAssignor[], state: JoiningMemberState,
  version: KafkaVersion): JoinGroupProtocol[] {
  return assignors.map((assignor) => ({
    name: assignor.name,
    metadata: serializeSubscription(memberSubscription(assignor, state, version), version),
  }));
}

/** A member as the JoinGroup response lists it to the leader. */
export interface JoinGroupMember {
  memberId: string;
  groupInstanceId?: string | null;
  metadata: Uint8Array;
}

export interface LeaderAssignment {
  /** Member id → its partitions, in the order the member will read them from the SyncGroup bytes. */
  partitions: GroupAssignment;
  /** Member id → the Assignment bytes for SyncGroup. */
  assignments: Record<string, Uint8Array>;
}

/**
 * The leader's assignment (ConsumerCoordinator.onLeaderElected in 3.9, performAssignment in 2.4): decode
 * every member's metadata, attach its group.instance.id, run the group's chosen assignor and encode each
 * member's Assignment. Pass the members in the JoinGroup response's order: Kafka puts them in a HashMap in
 * that order, which decides ties in the assignors' iteration order.
 */
export function performAssignment(assignor: ConsumerPartitionAssignor, partitionsPerTopic: Record<string, number> | ((topic: string) => number | null),
  members: readonly JoinGroupMember[], version: KafkaVersion): LeaderAssignment {
  const subscriptions: Record<string, ConsumerSubscription> = {};
  for (const member of members) {
    const subscription = deserializeSubscription(member.metadata, version);
    subscriptions[member.memberId] = member.groupInstanceId ? { ...subscription, groupInstanceId: member.groupInstanceId } : subscription;
  }
  const counts = typeof partitionsPerTopic === 'function' ? countsFor(subscriptions, partitionsPerTopic) : partitionsPerTopic;
  const result = assignor.assignGroup(counts, subscriptions);
  const partitions: GroupAssignment = {};
  const assignments: Record<string, Uint8Array> = {};
  for (const [memberId, assigned] of Object.entries(result)) {
    const bytes = serializeAssignment({ partitions: assigned }, version);
    assignments[memberId] = bytes;
    // 2.4 regroups the partitions by a HashMap of topics on the wire; the member sees that order.
    partitions[memberId] = deserializeAssignment(bytes).partitions;
  }
  return { partitions, assignments };
}

/** The partition counts of every topic some member subscribes to (the leader's metadata; unknown topics left out). */
function countsFor(subscriptions: Record<string, ConsumerSubscription>, partitionCount: (topic: string) => number | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of Object.values(subscriptions)) {
    for (const topic of s.topics) {
      const n = partitionCount(topic);
      if (n !== null) counts[topic] = n;
    }
  }
  return counts;
}
