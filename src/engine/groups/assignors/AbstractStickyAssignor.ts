import type { KafkaVersion } from '../../config';
import { javaStringHashCode } from '../../util/hash';
import { javaHashOrder } from './javaCollections';
import { AbstractPartitionAssignor, type AssignorMember, type GroupMembers, type PartitionsPerTopic } from './AbstractPartitionAssignor';
import { ConstrainedAssignmentBuilder } from './ConstrainedAssignmentBuilder';
import { GeneralAssignmentBuilder } from './GeneralAssignmentBuilder';
import type { PartitionMovements } from './PartitionMovements';
import { StickyAssignmentBuilder24 } from './StickyAssignmentBuilder24';
import { removeFromList, type TopicPartition, type TopicPartitionPool } from './topicPartition';
import { DEFAULT_GENERATION } from './types';

/** AbstractStickyAssignor.MemberData: a member's previous partitions and the generation they belong to. */
export interface MemberData {
  readonly partitions: readonly TopicPartition[];
  readonly generation?: number;
}

/** Which release's sticky algorithm an assignor runs (the lab's version profiles). */
export interface StickyAssignorOptions {
  version?: KafkaVersion;
}

/**
 * AbstractStickyAssignor: balance first, then keep as many partitions where they were as possible.
 * 3.9: when every member subscribes to the same topics, the constrained algorithm (KAFKA-9987, 2.7: quotas
 * min/max of partitions per member, owned partitions kept up to the quota, the rest dealt round robin);
 * otherwise the general algorithm (keep, assign to the least loaded, then move partitions while that
 * improves balance). 2.4: the older iterative algorithm for every case (StickyAssignmentBuilder24): a
 * partition claimed by several members goes to the newest generation's claimant (on a tie the first, or
 * the last when they report no generation),
 * where 3.9 takes a partition claimed twice in one generation from both. Racks are not modelled (3.5's
 * rack-aware passes never run).
 */
export abstract class AbstractStickyAssignor extends AbstractPartitionAssignor {
  /**
   * The highest generation any member has reported to this assignor instance. As in Kafka it is a field that
   * is never reset, so it spans the rebalances a leader runs with the same assignor.
   */
  private maxGenerationSeen = DEFAULT_GENERATION;

  /**
   * Partitions the last assignment moves from one member to another: filled by the constrained algorithm,
   * null after the general one (the cooperative assignor then computes it from owned vs assigned).
   */
  protected partitionsTransferringOwnership: Map<TopicPartition, string> | null = new Map();

  /** The general (or 2.4) algorithm's moves in the last assignment; null after the constrained one. */
  private partitionMovements: PartitionMovements | null = null;

  /** The release whose algorithm runs: '3.9' (default) or '2.4'. */
  readonly version: KafkaVersion;

  constructor(options: StickyAssignorOptions = {}) {
    super();
    this.version = options.version ?? '3.9';
  }

  get maxGeneration(): number {
    return this.maxGenerationSeen;
  }

  /** The last assignment's partitions in transfer ("topic-N" → new owner), or null after the general algorithm. */
  lastPartitionsTransferringOwnership(): Record<string, string> | null {
    if (!this.partitionsTransferringOwnership) return null;
    const out: Record<string, string> = {};
    for (const [tp, consumer] of this.partitionsTransferringOwnership) out[tp.key] = consumer;
    return out;
  }

  /** AbstractStickyAssignor.isSticky: the last assignment moved no topic's partitions back and forth between two members. */
  isSticky(): boolean {
    return this.partitionMovements?.isSticky() ?? true;
  }

  /** How this assignor reads a member's previous partitions and generation from its subscription. */
  protected abstract memberData(member: AssignorMember, pool: TopicPartitionPool): MemberData;

  protected assignPartitions(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
  ): Map<string, TopicPartition[]> {
    if (this.version === '2.4') {
      // 2.4 has no partitionsTransferringOwnership: the cooperative assignor computes it from owned vs assigned.
      this.partitionsTransferringOwnership = null;
      const builder = new StickyAssignmentBuilder24(partitionsPerTopic, pool, members, (member) => this.memberData(member, pool));
      this.partitionMovements = builder.partitionMovements;
      return builder.build();
    }
    const consumerToOwnedPartitions = new Map<string, TopicPartition[]>();
    const partitionsWithMultiplePreviousOwners = new Set<TopicPartition>();
    if (this.allSubscriptionsEqual(partitionsPerTopic, members, pool, consumerToOwnedPartitions, partitionsWithMultiplePreviousOwners)) {
      const transferring = new Map<TopicPartition, string>();
      this.partitionsTransferringOwnership = transferring;
      this.partitionMovements = null;
      // The constrained builder walks consumerToOwnedPartitions, a HashMap of its own, filled in member order.
      const byMember = new Map(javaHashOrder([...consumerToOwnedPartitions.keys()], javaStringHashCode)
        .map((consumer) => [consumer, consumerToOwnedPartitions.get(consumer)!] as const));
      return new ConstrainedAssignmentBuilder(
        partitionsPerTopic, pool, byMember, partitionsWithMultiplePreviousOwners, transferring,
      ).build();
    }
    this.partitionsTransferringOwnership = null;
    const builder = new GeneralAssignmentBuilder(partitionsPerTopic, pool, consumerToOwnedPartitions, members, {
      maxGeneration: this.maxGenerationSeen,
      memberData: (member) => this.memberData(member, pool),
    });
    this.partitionMovements = builder.partitionMovements;
    return builder.build();
  }

  /**
   * True iff every member subscribes to the same topics. Also fills each member's previously owned,
   * still-subscribed partitions: a partition two members claim is kept by the higher generation, and one
   * claimed twice in the same generation is taken from both (and recorded) so it is reassigned afresh.
   */
  private allSubscriptionsEqual(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
    consumerToOwnedPartitions: Map<string, TopicPartition[]>,
    partitionsWithMultiplePreviousOwners: Set<TopicPartition>,
  ): boolean {
    let isAllSubscriptionsEqual = true;
    const subscribedTopics = new Set<string>();
    const allPreviousPartitionsToOwner = new Map<TopicPartition, string>();
    for (const [consumer, member] of members) {
      // As in Kafka, the first member with a non-empty subscription sets the reference set.
      if (subscribedTopics.size === 0) {
        for (const topic of member.topics) subscribedTopics.add(topic);
      } else if (isAllSubscriptionsEqual && !(member.topics.length === subscribedTopics.size && member.topics.every((t) => subscribedTopics.has(t)))) {
        isAllSubscriptionsEqual = false;
      }
      const memberData = this.memberData(member, pool);
      const memberGeneration = memberData.generation ?? DEFAULT_GENERATION;
      this.maxGenerationSeen = Math.max(this.maxGenerationSeen, memberGeneration);
      const ownedPartitions: TopicPartition[] = [];
      consumerToOwnedPartitions.set(consumer, ownedPartitions);
      for (const tp of memberData.partitions) {
        // Kafka checks the topic only; a partition beyond the topic's count (a topic re-created smaller) is dropped here.
        const count = partitionsPerTopic.get(tp.topic);
        if (count === undefined || tp.partition >= count) continue;
        const otherConsumer = allPreviousPartitionsToOwner.get(tp);
        if (otherConsumer === undefined) {
          ownedPartitions.push(tp);
          allPreviousPartitionsToOwner.set(tp, consumer);
          continue;
        }
        // Kafka compares with the other member's protocol generationId here, not its memberData generation.
        const otherMemberGeneration = members.get(otherConsumer)!.generationId ?? DEFAULT_GENERATION;
        if (memberGeneration === otherMemberGeneration) {
          partitionsWithMultiplePreviousOwners.add(tp);
          removeFromList(consumerToOwnedPartitions.get(otherConsumer)!, tp);
          allPreviousPartitionsToOwner.set(tp, consumer);
        } else if (memberGeneration > otherMemberGeneration) {
          ownedPartitions.push(tp);
          removeFromList(consumerToOwnedPartitions.get(otherConsumer)!, tp);
          allPreviousPartitionsToOwner.set(tp, consumer);
        }
        // else: the other member, of a higher generation, keeps it.
      }
    }
    return isAllSubscriptionsEqual;
  }
}
