import { ASSIGNOR_CLASSES } from '../../config';
import type { AssignorMember } from './AbstractPartitionAssignor';
import { AbstractStickyAssignor, type MemberData } from './AbstractStickyAssignor';
import { deserializeTopicPartitionAssignment, serializeTopicPartitionAssignment } from './stickyUserData';
import type { TopicPartitionPool } from './topicPartition';
import type { ConsumerSubscription, MemberSubscription } from './types';

/**
 * StickyAssignor (KIP-54): an eager assignor, so members revoke everything before rejoining and report what
 * they had in the subscription's userData instead (previous_assignment + generation). The leader reads only
 * that userData, never the subscription's ownedPartitions.
 */
export class StickyAssignor extends AbstractStickyAssignor {
  static readonly STICKY_ASSIGNOR_NAME = 'sticky';
  readonly name = StickyAssignor.STICKY_ASSIGNOR_NAME;
  readonly className = ASSIGNOR_CLASSES.sticky;

  /** Member side: the last assignment received and its generation; null until the first one. */
  private memberAssignment: string[] | null = null;
  private generation = -1;

  override onAssignment(partitions: readonly string[], generationId: number): void {
    this.memberAssignment = [...partitions];
    this.generation = generationId;
  }

  override subscriptionUserData(_topics: readonly string[]): Uint8Array | null {
    if (this.memberAssignment === null) return null;
    return serializeTopicPartitionAssignment({ partitions: this.memberAssignment, generation: this.generation });
  }

  /** Reads a member's previous assignment and generation from its userData (empty when it sent none). */
  protected memberData(member: AssignorMember, pool: TopicPartitionPool): MemberData {
    if (member.userData === null || member.userData.length === 0) return { partitions: [] };
    const data = deserializeTopicPartitionAssignment(member.userData);
    return {
      partitions: data.partitions.map((name) => pool.parse(name)),
      ...(data.generation !== undefined ? { generation: data.generation } : {}),
    };
  }

  /**
   * The short form as this assignor's member would send it: what it owned goes in the userData (as Kafka's
   * StickyAssignorTest builds it), the generation both there and in the v2 generationId field.
   */
  protected override toConsumerSubscription(subscription: MemberSubscription): ConsumerSubscription {
    const base = super.toConsumerSubscription(subscription);
    const owned = subscription.ownedPartitions ?? [];
    if (owned.length === 0 && subscription.generation === undefined) return base;
    return {
      ...base,
      userData: serializeTopicPartitionAssignment({
        partitions: owned,
        ...(subscription.generation !== undefined ? { generation: subscription.generation } : {}),
      }),
    };
  }
}
