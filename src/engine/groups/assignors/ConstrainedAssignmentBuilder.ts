import { compareJavaStrings } from './javaCollections';
import type { PartitionsPerTopic } from './AbstractPartitionAssignor';
import { comparePartitionThenTopic, type TopicPartition, type TopicPartitionPool } from './topicPartition';

/**
 * AbstractStickyAssignor.ConstrainedAssignmentBuilder (without racks), used when all members subscribe to
 * the same topics. With P partitions and N members each member ends with minQuota = ⌊P/N⌋ or maxQuota =
 * ⌈P/N⌉ partitions, exactly P mod N of them with maxQuota:
 *  1. each member keeps its owned partitions (sorted by partition, then topic) up to its quota;
 *  2. the rest are dealt round robin to the members still under minQuota (sorted by id), then one each to
 *     members at minQuota while fewer than P mod N members hold maxQuota.
 * A partition that leaves an owner is recorded in partitionsTransferringOwnership.
 */
export class ConstrainedAssignmentBuilder {
  private readonly maybeRevokedPartitions = new Map<TopicPartition, string>();
  private readonly unfilledMembersWithUnderMinQuotaPartitions: string[] = [];
  private readonly unfilledMembersWithExactlyMinQuotaPartitions: string[] = [];
  private readonly minQuota: number;
  private readonly maxQuota: number;
  private readonly expectedNumMembersWithOverMinQuotaPartitions: number;
  private currentNumMembersWithOverMinQuotaPartitions = 0;
  private readonly assignment = new Map<string, TopicPartition[]>();
  private readonly assignedPartitions = new Set<TopicPartition>();

  constructor(
    private readonly partitionsPerTopic: PartitionsPerTopic,
    private readonly pool: TopicPartitionPool,
    private readonly currentAssignment: ReadonlyMap<string, readonly TopicPartition[]>,
    private readonly partitionsWithMultiplePreviousOwners: ReadonlySet<TopicPartition>,
    private readonly partitionsTransferringOwnership: Map<TopicPartition, string>,
  ) {
    let total = 0;
    for (const count of partitionsPerTopic.values()) total += count;
    const members = currentAssignment.size;
    this.minQuota = Math.floor(total / members);
    this.maxQuota = Math.ceil(total / members);
    this.expectedNumMembersWithOverMinQuotaPartitions = total % members;
    for (const consumer of currentAssignment.keys()) this.assignment.set(consumer, []);
  }

  build(): Map<string, TopicPartition[]> {
    this.assignOwnedPartitions();
    const unassignedPartitions = this.getUnassignedPartitions();
    this.unfilledMembersWithUnderMinQuotaPartitions.sort(compareJavaStrings);
    this.unfilledMembersWithExactlyMinQuotaPartitions.sort(compareJavaStrings);
    this.assignRoundRobin(unassignedPartitions);
    this.verifyUnfilledMembers();
    return this.assignment;
  }

  /** Step 1, walking the members in Java's HashMap order (which decides who keeps maxQuota). */
  private assignOwnedPartitions(): void {
    for (const [consumer, owned] of this.currentAssignment) {
      const ownedPartitions = [...owned]
        .sort(comparePartitionThenTopic)
        .filter((tp) => !this.partitionsWithMultiplePreviousOwners.has(tp));
      const consumerAssignment = this.assignment.get(consumer)!;
      if (ownedPartitions.length < this.minQuota) {
        // Fewer than it should have: keep them all and fill it up later.
        this.keep(consumerAssignment, ownedPartitions);
        this.unfilledMembersWithUnderMinQuotaPartitions.push(consumer);
      } else if (ownedPartitions.length >= this.maxQuota && this.currentNumMembersWithOverMinQuotaPartitions < this.expectedNumMembersWithOverMinQuotaPartitions) {
        // Enough for maxQuota while maxQuota slots remain: keep maxQuota, give up the rest.
        this.currentNumMembersWithOverMinQuotaPartitions++;
        if (this.currentNumMembersWithOverMinQuotaPartitions === this.expectedNumMembersWithOverMinQuotaPartitions) {
          this.unfilledMembersWithExactlyMinQuotaPartitions.length = 0;
        }
        this.keep(consumerAssignment, ownedPartitions.slice(0, this.maxQuota));
        for (const tp of ownedPartitions.slice(this.maxQuota)) this.maybeRevokedPartitions.set(tp, consumer);
      } else {
        // At least minQuota: keep minQuota; it may get one more while maxQuota slots remain.
        this.keep(consumerAssignment, ownedPartitions.slice(0, this.minQuota));
        for (const tp of ownedPartitions.slice(this.minQuota)) this.maybeRevokedPartitions.set(tp, consumer);
        if (this.currentNumMembersWithOverMinQuotaPartitions < this.expectedNumMembersWithOverMinQuotaPartitions) {
          this.unfilledMembersWithExactlyMinQuotaPartitions.push(consumer);
        }
      }
    }
  }

  private keep(consumerAssignment: TopicPartition[], partitions: readonly TopicPartition[]): void {
    consumerAssignment.push(...partitions);
    for (const tp of partitions) this.assignedPartitions.add(tp);
  }

  /** Step 2 (Kafka's assignRoundRobin), with Java's LinkedList iterator semantics spelled out. */
  private assignRoundRobin(unassignedPartitions: readonly TopicPartition[]): void {
    const underMin = this.unfilledMembersWithUnderMinQuotaPartitions;
    const exactlyMin = this.unfilledMembersWithExactlyMinQuotaPartitions;
    let cursor = 0; // the iterator over underMin: index of its next element
    let lastFromIterator = false; // whether the last consumer came from that iterator (so remove() is legal)
    unassignedPartitions.forEach((partition, index) => {
      let consumer: string;
      if (cursor < underMin.length) {
        consumer = underMin[cursor++]!;
        lastFromIterator = true;
      } else if (underMin.length === 0 && exactlyMin.length === 0) {
        throw new Error(`IllegalStateException: No more unfilled consumers to be assigned (${unassignedPartitions.length - index} partitions left).`);
      } else if (underMin.length === 0) {
        consumer = exactlyMin.shift()!;
        lastFromIterator = false;
      } else {
        cursor = 0;
        consumer = underMin[cursor++]!;
        lastFromIterator = true;
      }
      const currentAssignedCount = this.assignNewPartition(partition, consumer);
      if (currentAssignedCount === this.minQuota) {
        if (!lastFromIterator) throw new Error('IllegalStateException: iterator remove() without next()');
        underMin.splice(--cursor, 1);
        lastFromIterator = false;
        exactlyMin.push(consumer);
      } else if (currentAssignedCount === this.maxQuota) {
        // Kafka logs (and carries on) if the last maxQuota slot fills before the last partition.
        this.currentNumMembersWithOverMinQuotaPartitions++;
      }
    });
  }

  private assignNewPartition(partition: TopicPartition, consumer: string): number {
    const consumerAssignment = this.assignment.get(consumer)!;
    consumerAssignment.push(partition);
    // Every partition a member could keep is kept already, so this one is new to it: a transfer if someone
    // else owned it, or if several claimed it (they all lost it).
    const revokedFrom = this.maybeRevokedPartitions.get(partition);
    if ((revokedFrom !== undefined && revokedFrom !== consumer) || this.partitionsWithMultiplePreviousOwners.has(partition)) {
      this.partitionsTransferringOwnership.set(partition, consumer);
    }
    return consumerAssignment.length;
  }

  /** Kafka's sanity check: members left unfilled must already sit at minQuota with every maxQuota slot taken. */
  private verifyUnfilledMembers(): void {
    const unfilled = this.unfilledMembersWithUnderMinQuotaPartitions;
    if (unfilled.length === 0) return;
    if (this.currentNumMembersWithOverMinQuotaPartitions !== this.expectedNumMembersWithOverMinQuotaPartitions) {
      throw new Error('IllegalStateException: We haven\'t reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned');
    }
    for (const member of unfilled) {
      if (this.assignment.get(member)!.length !== this.minQuota) {
        throw new Error(`IllegalStateException: Consumer: [${member}] doesn't reach minQuota partitions, and no more partitions to be assigned`);
      }
    }
  }

  /** All partitions of the topics sorted by name, in partition order, minus those kept in step 1. */
  private getUnassignedPartitions(): TopicPartition[] {
    const unassigned: TopicPartition[] = [];
    for (const topic of [...this.partitionsPerTopic.keys()].sort(compareJavaStrings)) {
      const count = this.partitionsPerTopic.get(topic)!;
      for (let i = 0; i < count; i++) {
        const tp = this.pool.get(topic, i);
        if (!this.assignedPartitions.has(tp)) unassigned.push(tp);
      }
    }
    return unassigned;
  }
}
