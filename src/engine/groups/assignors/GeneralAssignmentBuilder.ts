import type { AssignorMember, GroupMembers, PartitionsPerTopic } from './AbstractPartitionAssignor';
import type { MemberData } from './AbstractStickyAssignor';
import { compareJavaStrings } from './javaCollections';
import { PartitionMovements } from './PartitionMovements';
import { SortedConsumers } from './SortedConsumers';
import { removeFromList, type TopicPartition, type TopicPartitionPool } from './topicPartition';
import { DEFAULT_GENERATION } from './types';

interface ConsumerGenerationPair {
  readonly consumer: string;
  readonly generation: number;
}

export interface GeneralBuilderContext {
  readonly maxGeneration: number;
  readonly memberData: (member: AssignorMember) => MemberData;
}

/**
 * AbstractStickyAssignor.GeneralAssignmentBuilder (without racks), for members with different
 * subscriptions: keep each member's still-subscribed partitions, give each unassigned partition to the
 * least loaded member that can take it (topics with the fewest candidates first), then move partitions
 * from the most to the least loaded members while that improves balance, preferring to hand a partition
 * back to its previous-generation owner and never bouncing one topic's partitions between two members.
 */
export class GeneralAssignmentBuilder {
  private readonly topic2AllPotentialConsumers = new Map<string, string[]>();
  private readonly consumer2AllPotentialTopics = new Map<string, string[]>();
  private readonly currentPartitionConsumer = new Map<TopicPartition, string>();
  private readonly sortedAllPartitions: TopicPartition[];
  private readonly sortedCurrentSubscriptions: SortedConsumers;
  /** The moves the balancing made (AbstractStickyAssignor.isSticky reads them). */
  readonly partitionMovements = new PartitionMovements();
  private readonly totalPartitionsCount: number;
  private revocationRequired = false;

  constructor(
    private readonly partitionsPerTopic: PartitionsPerTopic,
    private readonly pool: TopicPartitionPool,
    private readonly currentAssignment: Map<string, TopicPartition[]>,
    private readonly subscriptions: GroupMembers,
    private readonly context: GeneralBuilderContext,
  ) {
    this.totalPartitionsCount = [...partitionsPerTopic.values()].reduce((a, b) => a + b, 0);
    for (const topic of partitionsPerTopic.keys()) this.topic2AllPotentialConsumers.set(topic, []);
    for (const [consumerId, subscription] of subscriptions) {
      const subscribedTopics = subscription.topics.filter((topic) => partitionsPerTopic.has(topic));
      this.consumer2AllPotentialTopics.set(consumerId, subscribedTopics);
      for (const topic of subscribedTopics) this.topic2AllPotentialConsumers.get(topic)!.push(consumerId);
      if (!currentAssignment.has(consumerId)) currentAssignment.set(consumerId, []);
    }
    for (const [consumer, partitions] of currentAssignment) {
      for (const tp of partitions) this.currentPartitionConsumer.set(tp, consumer);
    }
    // TopicComparator: topics with fewer potential consumers first, then by name.
    const sortedAllTopics = [...this.topic2AllPotentialConsumers.keys()].sort(
      (a, b) => this.topic2AllPotentialConsumers.get(a)!.length - this.topic2AllPotentialConsumers.get(b)!.length || compareJavaStrings(a, b),
    );
    this.sortedAllPartitions = [];
    for (const topic of sortedAllTopics) {
      for (let i = 0; i < partitionsPerTopic.get(topic)!; i++) this.sortedAllPartitions.push(pool.get(topic, i));
    }
    this.sortedCurrentSubscriptions = new SortedConsumers((consumer) => this.currentAssignment.get(consumer)!.length);
  }

  build(): Map<string, TopicPartition[]> {
    const prevAssignment = this.prepopulateCurrentAssignments();
    const assignedPartitions = this.assignOwnedPartitions();
    const unassignedPartitions = this.getUnassignedPartitions(assignedPartitions);
    for (const consumer of this.currentAssignment.keys()) this.sortedCurrentSubscriptions.add(consumer);
    this.balance(prevAssignment, unassignedPartitions);
    return this.currentAssignment;
  }

  /** Drops owned partitions whose topic the member no longer subscribes to (a revocation); returns the kept ones. */
  private assignOwnedPartitions(): TopicPartition[] {
    const assignedPartitions: TopicPartition[] = [];
    for (const [consumer, partitions] of this.currentAssignment) {
      const subscription = this.subscriptions.get(consumer)!;
      for (const partition of [...partitions]) {
        if (!this.topic2AllPotentialConsumers.has(partition.topic)) {
          removeFromList(partitions, partition);
          this.currentPartitionConsumer.delete(partition);
        } else if (!subscription.topics.includes(partition.topic)) {
          removeFromList(partitions, partition);
          this.revocationRequired = true;
        } else {
          assignedPartitions.push(partition);
        }
      }
    }
    return assignedPartitions;
  }

  /** sortedAllPartitions minus the kept ones; the very same list when nothing is kept (Kafka aliases it too). */
  private getUnassignedPartitions(assignedPartitions: readonly TopicPartition[]): TopicPartition[] {
    if (assignedPartitions.length === 0) return this.sortedAllPartitions;
    const assigned = new Set(assignedPartitions);
    return this.sortedAllPartitions.filter((tp) => !assigned.has(tp));
  }

  /** For each partition, the owner with the highest generation below the newest one (where it may go back). */
  private prepopulateCurrentAssignments(): Map<TopicPartition, ConsumerGenerationPair> {
    const prevAssignment = new Map<TopicPartition, ConsumerGenerationPair>();
    const update = (partitions: readonly TopicPartition[], consumer: string, generation: number): void => {
      for (const partition of partitions) {
        const existing = prevAssignment.get(partition);
        if (!existing || generation > existing.generation) prevAssignment.set(partition, { consumer, generation });
      }
    };
    for (const [consumer, member] of this.subscriptions) {
      const memberData = this.context.memberData(member);
      if (memberData.generation !== undefined && memberData.generation < this.context.maxGeneration) {
        update(memberData.partitions, consumer, memberData.generation);
      } else if (memberData.generation === undefined && this.context.maxGeneration > DEFAULT_GENERATION) {
        update(memberData.partitions, consumer, DEFAULT_GENERATION);
      }
    }
    return prevAssignment;
  }

  private sizeOf(consumer: string): number {
    return this.currentAssignment.get(consumer)!.length;
  }

  /** Balanced: counts differ by at most one, or no partition could move to a member with 2+ fewer. */
  private isBalanced(): boolean {
    const min = this.sizeOf(this.sortedCurrentSubscriptions.first());
    const max = this.sizeOf(this.sortedCurrentSubscriptions.last());
    if (min >= max - 1) return true;
    const allPartitions = new Map<TopicPartition, string>();
    for (const [consumer, partitions] of this.currentAssignment) for (const tp of partitions) allPartitions.set(tp, consumer);
    for (const consumer of this.sortedCurrentSubscriptions.values()) {
      const consumerPartitions = this.currentAssignment.get(consumer)!;
      const consumerPartitionCount = consumerPartitions.length;
      const allSubscribedTopics = this.consumer2AllPotentialTopics.get(consumer)!;
      if (consumerPartitionCount === this.getMaxAssignmentSize(allSubscribedTopics)) continue;
      for (const topic of allSubscribedTopics) {
        for (let i = 0; i < this.partitionsPerTopic.get(topic)!; i++) {
          const tp = this.pool.get(topic, i);
          if (consumerPartitions.includes(tp)) continue;
          const otherConsumer = allPartitions.get(tp);
          if (otherConsumer !== undefined && consumerPartitionCount + 1 < this.sizeOf(otherConsumer)) return false;
        }
      }
    }
    return true;
  }

  private getMaxAssignmentSize(allSubscribedTopics: readonly string[]): number {
    if (allSubscribedTopics.length === this.partitionsPerTopic.size) return this.totalPartitionsCount;
    return allSubscribedTopics.reduce((sum, topic) => sum + this.partitionsPerTopic.get(topic)!, 0);
  }

  /** Sum over member pairs of the difference in partition counts (0 = perfectly balanced). */
  private static getBalanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
    const sizes = [...assignment.values()].map((partitions) => partitions.length);
    let score = 0;
    for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!);
    return score;
  }

  /** Gives each partition to the least loaded member subscribed to its topic. */
  private maybeAssign(unassignedPartitions: readonly TopicPartition[]): void {
    for (const partition of unassignedPartitions) {
      if (this.topic2AllPotentialConsumers.get(partition.topic)!.length === 0) continue;
      for (const consumer of this.sortedCurrentSubscriptions.values()) {
        if (!this.consumer2AllPotentialTopics.get(consumer)!.includes(partition.topic)) continue;
        this.sortedCurrentSubscriptions.remove(consumer);
        this.currentAssignment.get(consumer)!.push(partition);
        this.currentPartitionConsumer.set(partition, consumer);
        this.sortedCurrentSubscriptions.add(consumer);
        break;
      }
    }
  }

  private canTopicParticipateInReassignment(topic: string): boolean {
    return this.topic2AllPotentialConsumers.get(topic)!.length >= 2;
  }

  private canConsumerParticipateInReassignment(consumer: string): boolean {
    const currentPartitions = this.currentAssignment.get(consumer)!;
    if (currentPartitions.length < this.getMaxAssignmentSize(this.consumer2AllPotentialTopics.get(consumer)!)) return true;
    return currentPartitions.some((partition) => this.canTopicParticipateInReassignment(partition.topic));
  }

  private balance(prevAssignment: Map<TopicPartition, ConsumerGenerationPair>, unassignedPartitions: TopicPartition[]): void {
    const initializing = this.sizeOf(this.sortedCurrentSubscriptions.last()) === 0;
    this.maybeAssign(unassignedPartitions);
    // Only partitions of topics with 2+ candidates, and members that could change, take part in what follows.
    const fixedPartitions = new Set<TopicPartition>();
    for (const topic of this.topic2AllPotentialConsumers.keys()) {
      if (this.canTopicParticipateInReassignment(topic)) continue;
      for (let i = 0; i < this.partitionsPerTopic.get(topic)!; i++) fixedPartitions.add(this.pool.get(topic, i));
    }
    removeAllInPlace(this.sortedAllPartitions, fixedPartitions);
    removeAllInPlace(unassignedPartitions, fixedPartitions);
    const fixedAssignments = new Map<string, TopicPartition[]>();
    for (const consumer of this.consumer2AllPotentialTopics.keys()) {
      if (this.canConsumerParticipateInReassignment(consumer)) continue;
      this.sortedCurrentSubscriptions.remove(consumer);
      fixedAssignments.set(consumer, this.currentAssignment.get(consumer)!);
      this.currentAssignment.delete(consumer);
    }
    const preBalanceAssignment = deepCopy(this.currentAssignment);
    const preBalancePartitionConsumers = new Map(this.currentPartitionConsumer);
    // Without a forced revocation, first try balancing by moving only the newly assigned partitions.
    if (!this.revocationRequired) this.performReassignments(unassignedPartitions, prevAssignment);
    const reassignmentPerformed = this.performReassignments(this.sortedAllPartitions, prevAssignment);
    // Keep the moves only if they improved the balance (unless this is the first assignment).
    if (!initializing && reassignmentPerformed
      && GeneralAssignmentBuilder.getBalanceScore(this.currentAssignment) >= GeneralAssignmentBuilder.getBalanceScore(preBalanceAssignment)) {
      this.currentAssignment.clear();
      for (const [consumer, partitions] of preBalanceAssignment) this.currentAssignment.set(consumer, [...partitions]);
      this.currentPartitionConsumer.clear();
      for (const [tp, consumer] of preBalancePartitionConsumers) this.currentPartitionConsumer.set(tp, consumer);
    }
    for (const [consumer, partitions] of fixedAssignments) {
      this.currentAssignment.set(consumer, partitions);
      this.sortedCurrentSubscriptions.add(consumer);
    }
  }

  private performReassignments(reassignablePartitions: readonly TopicPartition[], prevAssignment: Map<TopicPartition, ConsumerGenerationPair>): boolean {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < reassignablePartitions.length && !this.isBalanced(); i++) {
        const partition = reassignablePartitions[i]!;
        const consumer = this.currentPartitionConsumer.get(partition)!;
        const prev = prevAssignment.get(partition);
        // Kafka would throw a NullPointerException if the previous owner is not taking part; skip that case.
        if (prev && this.currentAssignment.has(prev.consumer) && this.sizeOf(consumer) > this.sizeOf(prev.consumer) + 1) {
          this.reassignPartition(partition, prev.consumer);
          reassignmentPerformed = modified = true;
          continue;
        }
        for (const otherConsumer of this.topic2AllPotentialConsumers.get(partition.topic)!) {
          if (this.sizeOf(consumer) > this.sizeOf(otherConsumer) + 1) {
            this.reassignPartition(partition, this.leastLoadedCandidate(partition));
            reassignmentPerformed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  }

  private leastLoadedCandidate(partition: TopicPartition): string {
    const candidate = this.sortedCurrentSubscriptions.values()
      .find((consumer) => this.consumer2AllPotentialTopics.get(consumer)!.includes(partition.topic));
    return candidate!;
  }

  private reassignPartition(partition: TopicPartition, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(partition)!;
    // Prefer undoing an earlier move of this topic from newConsumer to consumer (stickiness).
    const partitionToBeMoved = this.partitionMovements.getTheActualPartitionToBeMoved(partition, consumer, newConsumer);
    this.processPartitionMovement(partitionToBeMoved, newConsumer);
  }

  private processPartitionMovement(partition: TopicPartition, newConsumer: string): void {
    const oldConsumer = this.currentPartitionConsumer.get(partition)!;
    this.sortedCurrentSubscriptions.remove(oldConsumer);
    this.sortedCurrentSubscriptions.remove(newConsumer);
    this.partitionMovements.movePartition(partition, oldConsumer, newConsumer);
    removeFromList(this.currentAssignment.get(oldConsumer)!, partition);
    this.currentAssignment.get(newConsumer)!.push(partition);
    this.currentPartitionConsumer.set(partition, newConsumer);
    this.sortedCurrentSubscriptions.add(newConsumer);
    this.sortedCurrentSubscriptions.add(oldConsumer);
  }
}

function removeAllInPlace(list: TopicPartition[], remove: ReadonlySet<TopicPartition>): void {
  let kept = 0;
  for (const tp of list) if (!remove.has(tp)) list[kept++] = tp;
  list.length = kept;
}

function deepCopy(assignment: ReadonlyMap<string, readonly TopicPartition[]>): Map<string, TopicPartition[]> {
  return new Map([...assignment].map(([consumer, partitions]) => [consumer, [...partitions]]));
}
