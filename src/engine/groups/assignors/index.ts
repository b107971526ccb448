export { RangeAssignor } from './RangeAssignor';
export { RoundRobinAssignor } from './RoundRobinAssignor';
export { StickyAssignor } from './StickyAssignor';
export { CooperativeStickyAssignor } from './CooperativeStickyAssignor';
export { AbstractPartitionAssignor } from './AbstractPartitionAssignor';
export { AbstractStickyAssignor, type StickyAssignorOptions } from './AbstractStickyAssignor';
export { assignorByName, selectRebalanceProtocol } from './assignorByName';
export {
  serializeTopicPartitionAssignment,
  deserializeTopicPartitionAssignment,
  serializeCooperativeGeneration,
  deserializeCooperativeGeneration,
} from './stickyUserData';
export {
  CONSUMER_PROTOCOL_TYPE,
  consumerProtocolVersion,
  serializeSubscription,
  deserializeSubscription,
  serializeAssignment,
  deserializeAssignment,
  type ConsumerAssignment,
} from './consumerProtocol';
export {
  joinGroupProtocols,
  memberSubscription,
  performAssignment,
  subscriptionTopicOrder,
  type JoinGroupMember,
  type JoinGroupProtocol,
  type JoiningMemberState,
  type LeaderAssignment,
} from './groupProtocol';
export { SchemaException } from './protocolBytes';
export { DEFAULT_GENERATION, REBALANCE_PROTOCOL_ID } from './types';
export type {
  ConsumerPartitionAssignor,
  ConsumerSubscription,
  GroupAssignment,
  MemberSubscription,
  RebalanceProtocol,
  StickyMemberData,
} from './types';
