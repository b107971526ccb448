import { ASSIGNOR_CLASSES } from '../../config';
import type { AssignorMember, GroupMembers, PartitionsPerTopic } from './AbstractPartitionAssignor';
import { AbstractStickyAssignor, type MemberData } from './AbstractStickyAssignor';
import { deserializeCooperativeGeneration, serializeCooperativeGeneration } from './stickyUserData';
import { removeFromList, type TopicPartition, type TopicPartitionPool } from './topicPartition';
import { DEFAULT_GENERATION, type RebalanceProtocol } from './types';

/**
 * CooperativeStickyAssignor (KIP-429, 2.4): the sticky assignment, minus every partition that another
 * member still owns. That member is told to revoke it (its assignment no longer lists it) and rejoins at
 * once; the partition is handed out in that follow-up rebalance. So no partition ever has two owners and
 * members keep consuming the partitions that do not move.
 */
export class CooperativeStickyAssignor extends AbstractStickyAssignor {
  static readonly COOPERATIVE_STICKY_ASSIGNOR_NAME = 'cooperative-sticky';
  readonly name = CooperativeStickyAssignor.COOPERATIVE_STICKY_ASSIGNOR_NAME;
  readonly className = ASSIGNOR_CLASSES['cooperative-sticky'];

  /** Member side: the generation of the last assignment received. */
  private generation = DEFAULT_GENERATION;

  override get supportedProtocols(): readonly RebalanceProtocol[] {
    return ['COOPERATIVE', 'EAGER'];
  }

  override onAssignment(_partitions: readonly string[], generationId: number): void {
    this.generation = generationId;
  }

  /** 3.9 sends its generation (userData V0, for leaders before ConsumerProtocolSubscription v2); 2.4 sends none. */
  override subscriptionUserData(_topics: readonly string[]): Uint8Array | null {
    if (this.version === '2.4') return null;
    return serializeCooperativeGeneration(this.generation);
  }

  /**
   * ownedPartitions from the subscription; 3.9 takes the generation from its v2 field, else from the userData.
   * 2.4 knows no generation here, so every claim counts as DEFAULT_GENERATION.
   */
  protected memberData(member: AssignorMember, _pool: TopicPartitionPool): MemberData {
    if (this.version === '2.4') return { partitions: member.ownedPartitions };
    if (member.generationId !== undefined) return { partitions: member.ownedPartitions, generation: member.generationId };
    const generation = member.userData === null ? undefined : deserializeCooperativeGeneration(member.userData);
    return { partitions: member.ownedPartitions, ...(generation !== undefined ? { generation } : {}) };
  }

  protected override assignPartitions(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
  ): Map<string, TopicPartition[]> {
    const assignments = super.assignPartitions(partitionsPerTopic, members, pool);
    const transferring = this.partitionsTransferringOwnership ?? computePartitionsTransferringOwnership(members, assignments);
    // adjustAssignment: a partition in transfer goes to nobody this round.
    for (const [partition, consumer] of transferring) removeFromList(assignments.get(consumer)!, partition);
    return assignments;
  }
}

/** After the general algorithm: partitions newly assigned to one member that another member owned. */
function computePartitionsTransferringOwnership(members: GroupMembers, assignments: Map<string, TopicPartition[]>): Map<TopicPartition, string> {
  const allAddedPartitions = new Map<TopicPartition, string>();
  const allRevokedPartitions = new Set<TopicPartition>();
  for (const [consumer, assignedPartitions] of assignments) {
    const ownedPartitions = members.get(consumer)!.ownedPartitions;
    const owned = new Set(ownedPartitions);
    for (const tp of assignedPartitions) if (!owned.has(tp)) allAddedPartitions.set(tp, consumer);
    const assigned = new Set(assignedPartitions);
    for (const tp of ownedPartitions) if (!assigned.has(tp)) allRevokedPartitions.add(tp);
  }
  for (const tp of [...allAddedPartitions.keys()]) if (!allRevokedPartitions.has(tp)) allAddedPartitions.delete(tp);
  return allAddedPartitions;
}
