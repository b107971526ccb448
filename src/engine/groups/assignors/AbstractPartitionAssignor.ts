import { javaStringHashCode } from '../../util/hash';
import { compareJavaStrings, javaHashOrder } from './javaCollections';
import { TopicPartitionPool, type TopicPartition } from './topicPartition';
import type {
  ConsumerPartitionAssignor,
  ConsumerSubscription,
  GroupAssignment,
  MemberSubscription,
  RebalanceProtocol,
} from './types';

/** One member's subscription inside an assignment (Java's Subscription, partitions parsed). */
export interface AssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  readonly ownedPartitions: readonly TopicPartition[];
  readonly userData: Uint8Array | null;
  readonly generationId?: number;
  readonly groupInstanceId?: string;
}

/** Topic → partition count, iterated in the order Java's HashMap of topics iterates. */
export type PartitionsPerTopic = ReadonlyMap<string, number>;

/** Member id → its subscription, iterated in the order Java's HashMap of member ids iterates. */
export type GroupMembers = ReadonlyMap<string, AssignorMember>;

/**
 * AbstractPartitionAssignor: the common prelude of every built-in assignor. It keeps only the topics some
 * member subscribes to that have partitions (as assign(Cluster, GroupSubscription) does with the metadata),
 * and presents members and topics in Java's HashMap order, which the assignors' exact lists depend on.
 */
export abstract class AbstractPartitionAssignor implements ConsumerPartitionAssignor {
  abstract readonly name: string;
  abstract readonly className: string;
  get supportedProtocols(): readonly RebalanceProtocol[] {
    return ['EAGER'];
  }

  assign(partitionsPerTopic: Record<string, number>, subscriptions: Record<string, MemberSubscription>): GroupAssignment {
    const group: Record<string, ConsumerSubscription> = {};
    for (const [memberId, subscription] of Object.entries(subscriptions)) {
      group[memberId] = this.toConsumerSubscription(subscription);
    }
    return this.assignGroup(partitionsPerTopic, group);
  }

  assignGroup(partitionsPerTopic: Record<string, number>, subscriptions: Record<string, ConsumerSubscription>): GroupAssignment {
    const pool = new TopicPartitionPool();
    const memberIds = javaHashOrder(Object.keys(subscriptions), javaStringHashCode);
    const members = new Map<string, AssignorMember>();
    for (const memberId of memberIds) members.set(memberId, toMember(memberId, subscriptions[memberId]!, pool));
    const topics = subscribedPartitionCounts(partitionsPerTopic, members);
    const result = members.size === 0 ? new Map<string, TopicPartition[]>() : this.assignPartitions(topics, members, pool);
    const assignment: GroupAssignment = {};
    for (const memberId of Object.keys(subscriptions)) {
      assignment[memberId] = (result.get(memberId) ?? []).map((tp) => tp.key);
    }
    return assignment;
  }

  subscriptionUserData(_topics: readonly string[]): Uint8Array | null {
    return null;
  }

  onAssignment(_partitions: readonly string[], _generationId: number): void {
    // Range and RoundRobin keep no state between rebalances.
  }

  /** The short form as the subscription a member of this assignor would send. */
  protected toConsumerSubscription(subscription: MemberSubscription): ConsumerSubscription {
    return {
      topics: subscription.topics,
      ownedPartitions: subscription.ownedPartitions ?? [],
      ...(subscription.generation !== undefined ? { generationId: subscription.generation } : {}),
      ...(subscription.groupInstanceId !== undefined ? { groupInstanceId: subscription.groupInstanceId } : {}),
    };
  }

  protected abstract assignPartitions(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
  ): Map<string, TopicPartition[]>;
}

function toMember(memberId: string, subscription: ConsumerSubscription, pool: TopicPartitionPool): AssignorMember {
  return {
    memberId,
    // The consumer sends its subscription as a set; a repeated topic must not count twice.
    topics: [...new Set(subscription.topics)],
    ownedPartitions: (subscription.ownedPartitions ?? []).map((name) => pool.parse(name)),
    userData: subscription.userData ?? null,
    // Subscription's constructor keeps a negative generationId as Optional.empty().
    ...(subscription.generationId !== undefined && subscription.generationId >= 0 ? { generationId: subscription.generationId } : {}),
    ...(subscription.groupInstanceId !== undefined ? { groupInstanceId: subscription.groupInstanceId } : {}),
  };
}

/**
 * assign(Cluster, GroupSubscription)'s partitionsPerTopic: a HashSet of every subscribed topic, then a
 * HashMap filled from it with the topics that have partitions (topics missing from the metadata, or
 * without partitions, are skipped: "no metadata is available"). Both orders are Java's.
 */
function subscribedPartitionCounts(partitionsPerTopic: Record<string, number>, members: GroupMembers): Map<string, number> {
  const allSubscribedTopics = new Set<string>();
  for (const member of members.values()) for (const topic of member.topics) allSubscribedTopics.add(topic);
  const withPartitions = javaHashOrder([...allSubscribedTopics], javaStringHashCode)
    .filter((topic) => (partitionsPerTopic[topic] ?? 0) > 0);
  const ordered = javaHashOrder(withPartitions, javaStringHashCode);
  return new Map(ordered.map((topic) => [topic, partitionsPerTopic[topic]!]));
}

/**
 * AbstractPartitionAssignor.MemberInfo.compareTo: static members (group.instance.id) first, by instance id;
 * then dynamic members by member id. Sorting by instance id keeps a restarted static member's partitions.
 */
export function compareMemberInfo(a: AssignorMember, b: AssignorMember): number {
  if (a.groupInstanceId !== undefined && b.groupInstanceId !== undefined) {
    return compareJavaStrings(a.groupInstanceId, b.groupInstanceId);
  }
  if (a.groupInstanceId !== undefined) return -1;
  if (b.groupInstanceId !== undefined) return 1;
  return compareJavaStrings(a.memberId, b.memberId);
}

/** AbstractPartitionAssignor.partitions: topic-0 … topic-(n-1). */
export function topicPartitions(pool: TopicPartitionPool, topic: string, count: number): TopicPartition[] {
  const partitions: TopicPartition[] = [];
  for (let i = 0; i < count; i++) partitions.push(pool.get(topic, i));
  return partitions;
}
