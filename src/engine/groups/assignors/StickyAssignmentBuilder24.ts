import type { AssignorMember, GroupMembers, PartitionsPerTopic } from './AbstractPartitionAssignor';
import type { MemberData } from './AbstractStickyAssignor';
import { compareJavaStrings, javaHashOrder } from './javaCollections';
import { PartitionMovements } from './PartitionMovements';
import { SortedConsumers } from './SortedConsumers';
import { removeFromList, type TopicPartition, type TopicPartitionPool } from './topicPartition';
import { DEFAULT_GENERATION } from './types';

interface ConsumerGenerationPair {
  readonly consumer: string;
  readonly generation: number;
}

const tpHash = (tp: TopicPartition): number => tp.hash;
const tpKey = (tp: TopicPartition): string => tp.key;

/**
 * 2.4.1's AbstractStickyAssignor.assign: the one (iterative) sticky algorithm before 2.7's constrained
 * builder. Each partition goes to the member of the highest generation that reports it; the rest are given
 * to the least loaded eligible member, then partitions move from the most to the least loaded member until
 * no move helps. When members share one subscription, the order in which partitions are considered for a
 * move is a round robin over the most loaded members first (sortPartitions), which is what makes 2.4's
 * lists differ from 3.9's. Several iteration orders come from Java HashMaps keyed by TopicPartition.
 */
export class StickyAssignmentBuilder24 {
  private readonly currentAssignment = new Map<string, TopicPartition[]>();
  private readonly prevAssignment = new Map<TopicPartition, ConsumerGenerationPair>();
  private readonly partition2AllPotentialConsumers = new Map<TopicPartition, string[]>();
  private readonly consumer2AllPotentialPartitions = new Map<string, TopicPartition[]>();
  private readonly currentPartitionConsumer = new Map<TopicPartition, string>();
  private readonly sortedCurrentSubscriptions: SortedConsumers;
  /** The moves the balancing made (AbstractStickyAssignor.isSticky reads them). */
  readonly partitionMovements = new PartitionMovements();

  constructor(
    private readonly partitionsPerTopic: PartitionsPerTopic,
    private readonly pool: TopicPartitionPool,
    private readonly subscriptions: GroupMembers,
    private readonly memberData: (member: AssignorMember) => MemberData,
  ) {
    this.sortedCurrentSubscriptions = new SortedConsumers((consumer) => this.currentAssignment.get(consumer)!.length);
  }

  build(): Map<string, TopicPartition[]> {
    this.prepopulateCurrentAssignments();
    const isFreshAssignment = this.currentAssignment.size === 0;
    for (const [topic, count] of this.partitionsPerTopic) {
      for (let i = 0; i < count; i++) this.partition2AllPotentialConsumers.set(this.pool.get(topic, i), []);
    }
    for (const [consumerId, subscription] of this.subscriptions) {
      const potential: TopicPartition[] = [];
      this.consumer2AllPotentialPartitions.set(consumerId, potential);
      for (const topic of subscription.topics) {
        const count = this.partitionsPerTopic.get(topic);
        if (count === undefined) continue;
        for (let i = 0; i < count; i++) {
          const tp = this.pool.get(topic, i);
          potential.push(tp);
          this.partition2AllPotentialConsumers.get(tp)!.push(consumerId);
        }
      }
      if (!this.currentAssignment.has(consumerId)) this.currentAssignment.set(consumerId, []);
    }
    for (const [consumer, partitions] of this.currentAssignment) {
      for (const tp of partitions) this.currentPartitionConsumer.set(tp, consumer);
    }
    const sortedPartitions = this.sortPartitions(isFreshAssignment);
    const { unassignedPartitions, revocationRequired } = this.keepValidAssignments(sortedPartitions);
    for (const consumer of this.currentAssignment.keys()) this.sortedCurrentSubscriptions.add(consumer);
    this.balance(sortedPartitions, unassignedPartitions, revocationRequired);
    return this.currentAssignment;
  }

  /**
   * Per partition, the reporting members by generation: the newest owns it now, the one before is its
   * previous owner. Two reports in the same generation keep the first; reports without a generation count as
   * DEFAULT_GENERATION and the later one wins.
   */
  private prepopulateCurrentAssignments(): void {
    const byGeneration = new Map<TopicPartition, Map<number, string>>();
    for (const [consumer, member] of this.subscriptions) {
      const memberData = this.memberData(member);
      for (const partition of memberData.partitions) {
        const consumers = byGeneration.get(partition);
        if (!consumers) {
          byGeneration.set(partition, new Map([[memberData.generation ?? DEFAULT_GENERATION, consumer]]));
        } else if (!(memberData.generation !== undefined && consumers.has(memberData.generation))) {
          consumers.set(memberData.generation ?? DEFAULT_GENERATION, consumer);
        }
      }
    }
    for (const partition of javaHashOrder([...byGeneration.keys()], tpHash, tpKey)) {
      const consumers = byGeneration.get(partition)!;
      const generations = [...consumers.keys()].sort((a, b) => b - a);
      const consumer = consumers.get(generations[0]!)!;
      const list = this.currentAssignment.get(consumer) ?? [];
      list.push(partition);
      this.currentAssignment.set(consumer, list);
      if (generations.length > 1) this.prevAssignment.set(partition, { consumer: consumers.get(generations[1]!)!, generation: generations[1]! });
    }
  }

  /** The order partitions are considered for a move (2.4's sortPartitions). */
  private sortPartitions(isFreshAssignment: boolean): TopicPartition[] {
    if (isFreshAssignment || !this.areSubscriptionsIdentical()) {
      // PartitionComparator: fewest potential consumers first, then topic, then partition.
      return [...this.partition2AllPotentialConsumers.keys()].sort((a, b) =>
        this.partition2AllPotentialConsumers.get(a)!.length - this.partition2AllPotentialConsumers.get(b)!.length
        || compareJavaStrings(a.topic, b.topic) || a.partition - b.partition);
    }
    // Round robin from the most loaded member down, each time taking one of its partitions that had another
    // owner before if it has one (the first in the HashMap order of prevAssignment's keys), else its first.
    const assignments = new Map<string, TopicPartition[]>();
    for (const [consumer, partitions] of this.currentAssignment) {
      assignments.set(consumer, partitions.filter((tp) => this.partition2AllPotentialConsumers.has(tp)));
    }
    const sortedConsumers = new SortedConsumers((consumer) => assignments.get(consumer)!.length);
    for (const consumer of assignments.keys()) sortedConsumers.add(consumer);
    const withPreviousOwner = javaHashOrder([...this.prevAssignment.keys()], tpHash, tpKey);
    const sortedPartitions: TopicPartition[] = [];
    for (let consumer = sortedConsumers.pollLast(); consumer !== undefined; consumer = sortedConsumers.pollLast()) {
      const remainingPartitions = assignments.get(consumer)!;
      const previous = withPreviousOwner.find((tp) => remainingPartitions.includes(tp));
      if (previous) {
        removeFromList(remainingPartitions, previous);
        sortedPartitions.push(previous);
        sortedConsumers.add(consumer);
      } else if (remainingPartitions.length > 0) {
        sortedPartitions.push(remainingPartitions.shift()!);
        sortedConsumers.add(consumer);
      }
    }
    const listed = new Set(sortedPartitions);
    for (const partition of javaHashOrder([...this.partition2AllPotentialConsumers.keys()], tpHash, tpKey)) {
      if (!listed.has(partition)) sortedPartitions.push(partition);
    }
    return sortedPartitions;
  }

  /** Every partition has the same potential consumers and every consumer the same potential partitions. */
  private areSubscriptionsIdentical(): boolean {
    const same = <T>(lists: T[][]): boolean => lists.every((list, i) => i === 0 || sameElements(lists[i - 1]!, list));
    return same([...this.partition2AllPotentialConsumers.values()]) && same([...this.consumer2AllPotentialPartitions.values()]);
  }

  /** Drops kept partitions that no longer exist or whose topic the member left; the rest are not reassigned. */
  private keepValidAssignments(sortedPartitions: readonly TopicPartition[]): { unassignedPartitions: TopicPartition[]; revocationRequired: boolean } {
    const unassignedPartitions = [...sortedPartitions];
    let revocationRequired = false;
    for (const [consumer, partitions] of this.currentAssignment) {
      const subscription = this.subscriptions.get(consumer)!;
      for (const partition of [...partitions]) {
        if (!this.partition2AllPotentialConsumers.has(partition)) {
          removeFromList(partitions, partition);
          this.currentPartitionConsumer.delete(partition);
        } else if (!subscription.topics.includes(partition.topic)) {
          removeFromList(partitions, partition);
          revocationRequired = true;
        } else {
          removeFromList(unassignedPartitions, partition);
        }
      }
    }
    return { unassignedPartitions, revocationRequired };
  }

  private sizeOf(consumer: string): number {
    return this.currentAssignment.get(consumer)!.length;
  }

  /** 2.4's isBalanced: no member short of its potential partitions could take one from a member holding more. */
  private isBalanced(): boolean {
    const min = this.sizeOf(this.sortedCurrentSubscriptions.first());
    const max = this.sizeOf(this.sortedCurrentSubscriptions.last());
    if (min >= max - 1) return true;
    const allPartitions = new Map<TopicPartition, string>();
    for (const [consumer, partitions] of this.currentAssignment) for (const tp of partitions) allPartitions.set(tp, consumer);
    for (const consumer of this.sortedCurrentSubscriptions.values()) {
      const consumerPartitions = this.currentAssignment.get(consumer)!;
      const potential = this.consumer2AllPotentialPartitions.get(consumer)!;
      if (consumerPartitions.length === potential.length) continue;
      for (const tp of potential) {
        if (consumerPartitions.includes(tp)) continue;
        const otherConsumer = allPartitions.get(tp);
        if (otherConsumer !== undefined && consumerPartitions.length < this.sizeOf(otherConsumer)) return false;
      }
    }
    return true;
  }

  private canPartitionParticipate(partition: TopicPartition): boolean {
    return this.partition2AllPotentialConsumers.get(partition)!.length >= 2;
  }

  private canConsumerParticipate(consumer: string): boolean {
    const currentPartitions = this.currentAssignment.get(consumer)!;
    if (currentPartitions.length < this.consumer2AllPotentialPartitions.get(consumer)!.length) return true;
    return currentPartitions.some((partition) => this.canPartitionParticipate(partition));
  }

  private assignPartition(partition: TopicPartition): void {
    for (const consumer of this.sortedCurrentSubscriptions.values()) {
      if (!this.consumer2AllPotentialPartitions.get(consumer)!.includes(partition)) continue;
      this.sortedCurrentSubscriptions.remove(consumer);
      this.currentAssignment.get(consumer)!.push(partition);
      this.currentPartitionConsumer.set(partition, consumer);
      this.sortedCurrentSubscriptions.add(consumer);
      return;
    }
  }

  private balance(sortedPartitions: TopicPartition[], unassignedPartitions: TopicPartition[], revocationRequired: boolean): void {
    const initializing = this.sizeOf(this.sortedCurrentSubscriptions.last()) === 0;
    for (const partition of unassignedPartitions) {
      if (this.partition2AllPotentialConsumers.get(partition)!.length > 0) this.assignPartition(partition);
    }
    const fixedPartitions = new Set([...this.partition2AllPotentialConsumers.keys()].filter((tp) => !this.canPartitionParticipate(tp)));
    removeAllInPlace(sortedPartitions, fixedPartitions);
    removeAllInPlace(unassignedPartitions, fixedPartitions);
    const fixedAssignments = new Map<string, TopicPartition[]>();
    for (const consumer of this.consumer2AllPotentialPartitions.keys()) {
      if (this.canConsumerParticipate(consumer)) continue;
      this.sortedCurrentSubscriptions.remove(consumer);
      fixedAssignments.set(consumer, this.currentAssignment.get(consumer)!);
      this.currentAssignment.delete(consumer);
    }
    const preBalanceAssignment = new Map([...this.currentAssignment].map(([c, p]) => [c, [...p]] as const));
    const preBalancePartitionConsumers = new Map(this.currentPartitionConsumer);
    if (!revocationRequired) this.performReassignments(unassignedPartitions);
    const reassignmentPerformed = this.performReassignments(sortedPartitions);
    if (!initializing && reassignmentPerformed && balanceScore(this.currentAssignment) >= balanceScore(preBalanceAssignment)) {
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

  private performReassignments(reassignablePartitions: readonly TopicPartition[]): boolean {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < reassignablePartitions.length && !this.isBalanced(); i++) {
        const partition = reassignablePartitions[i]!;
        const consumer = this.currentPartitionConsumer.get(partition)!;
        const prev = this.prevAssignment.get(partition);
        // Kafka would throw a NullPointerException if the previous owner is not taking part; skip that case.
        if (prev && this.currentAssignment.has(prev.consumer) && this.sizeOf(consumer) > this.sizeOf(prev.consumer) + 1) {
          this.reassignPartition(partition, prev.consumer);
          reassignmentPerformed = modified = true;
          continue;
        }
        for (const otherConsumer of this.partition2AllPotentialConsumers.get(partition)!) {
          if (this.sizeOf(consumer) > this.sizeOf(otherConsumer) + 1) {
            const newConsumer = this.sortedCurrentSubscriptions.values()
              .find((c) => this.consumer2AllPotentialPartitions.get(c)!.includes(partition))!;
            this.reassignPartition(partition, newConsumer);
            reassignmentPerformed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  }

  private reassignPartition(partition: TopicPartition, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(partition)!;
    const moved = this.partitionMovements.getTheActualPartitionToBeMoved(partition, consumer, newConsumer);
    const oldConsumer = this.currentPartitionConsumer.get(moved)!;
    this.sortedCurrentSubscriptions.remove(oldConsumer);
    this.sortedCurrentSubscriptions.remove(newConsumer);
    this.partitionMovements.movePartition(moved, oldConsumer, newConsumer);
    removeFromList(this.currentAssignment.get(oldConsumer)!, moved);
    this.currentAssignment.get(newConsumer)!.push(moved);
    this.currentPartitionConsumer.set(moved, newConsumer);
    this.sortedCurrentSubscriptions.add(newConsumer);
    this.sortedCurrentSubscriptions.add(oldConsumer);
  }
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

function removeAllInPlace(list: TopicPartition[], remove: ReadonlySet<TopicPartition>): void {
  let kept = 0;
  for (const tp of list) if (!remove.has(tp)) list[kept++] = tp;
  list.length = kept;
}

function balanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
  const sizes = [...assignment.values()].map((partitions) => partitions.length);
  let score = 0;
  for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!);
  return score;
}
