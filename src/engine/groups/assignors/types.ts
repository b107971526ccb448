/**
 * The assignor contract, after Kafka's ConsumerPartitionAssignor. Partitions travel as their
 * TopicPartition.toString ("orders-3"); member ids key every map.
 */

/** ConsumerPartitionAssignor.RebalanceProtocol: EAGER revokes everything before joining, COOPERATIVE (KIP-429) only what moves. */
export type RebalanceProtocol = 'EAGER' | 'COOPERATIVE';

/** RebalanceProtocol ids: the consumer picks the highest protocol every configured assignor supports. */
export const REBALANCE_PROTOCOL_ID: Readonly<Record<RebalanceProtocol, number>> = { EAGER: 0, COOPERATIVE: 1 };

/** AbstractStickyAssignor.DEFAULT_GENERATION: a member that reports no generation. */
export const DEFAULT_GENERATION = -1;

/** A member's subscription in the short form: topics, what it owned and the generation it owned it in. */
export interface MemberSubscription {
  topics: string[];
  ownedPartitions?: string[];
  groupInstanceId?: string;
  generation?: number;
}

/**
 * A member's subscription as the group leader decodes it from JoinGroup's metadata
 * (ConsumerPartitionAssignor.Subscription / ConsumerProtocolSubscription v0–v3).
 */
export interface ConsumerSubscription {
  topics: string[];
  /** The assignor's own bytes (subscriptionUserData): StickyAssignor's previous assignment, CooperativeSticky's generation. */
  userData?: Uint8Array | null;
  /** v1+: the partitions the member owns now (cooperative members keep them while rejoining). */
  ownedPartitions?: string[];
  /** v2+: the generation the member last joined in; absent for older members. */
  generationId?: number;
  groupInstanceId?: string;
  /** v3+ (3.5): client.rack. Carried, not used: the lab's assignors are not rack-aware (docs/FIDELITY.md). */
  rackId?: string;
}

/** Member id → the partitions it gets, as "topic-N". Every subscribed member is present, possibly with []. */
export type GroupAssignment = Record<string, string[]>;

/** What AbstractStickyAssignor reads from a member's subscription: its previous partitions and generation. */
export interface StickyMemberData {
  partitions: string[];
  generation?: number;
}

export interface ConsumerPartitionAssignor {
  /** The protocol name the member puts in JoinGroup ('range', 'roundrobin', 'sticky', 'cooperative-sticky'). */
  readonly name: string;
  /** The fully qualified Java class name used in partition.assignment.strategy. */
  readonly className: string;
  /** Protocols this assignor can run, as ConsumerPartitionAssignor.supportedProtocols (EAGER unless overridden). */
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /** Leader side, short form (ownedPartitions + generation given directly). */
  assign(partitionsPerTopic: Record<string, number>, subscriptions: Record<string, MemberSubscription>): GroupAssignment;
  /** Leader side, from the subscriptions as decoded off the wire (userData included). */
  assignGroup(partitionsPerTopic: Record<string, number>, subscriptions: Record<string, ConsumerSubscription>): GroupAssignment;
  /** Member side: the userData this member puts in its next JoinGroup (null: none). */
  subscriptionUserData(topics: readonly string[]): Uint8Array | null;
  /** Member side: the assignment it received in SyncGroup, and the generation it belongs to. */
  onAssignment(partitions: readonly string[], generationId: number): void;
}
