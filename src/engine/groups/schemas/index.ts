/**
 * Byte formats of the records the group coordinator writes to __consumer_offsets, and of the consumer
 * protocol's subscription and assignment that JoinGroup and SyncGroup carry.
 */
export { SchemaException } from './struct';
export {
  NO_PARTITION_LEADER_EPOCH, NO_TIMESTAMP, OFFSET_COMMIT_KEY_VERSION,
  decodeOffsetCommitValue, encodeOffsetCommitValue, offsetCommitKey, offsetCommitValue, readOffsetMessageValue,
  type DecodedOffsetCommitValue, type OffsetAndMetadata, type OffsetCommitValueData,
} from './offsetCommit';
export {
  GROUP_METADATA_KEY_VERSION, GROUP_METADATA_VALUE_VERSION,
  decodeGroupMetadataValue, groupMetadataKey, groupMetadataValue,
  type DecodedGroupMetadataValue, type GroupMetadataValueData, type MemberMetadataData,
} from './groupMetadata';
export { groupTopicPartitionString, readMessageKey, type BaseKey } from './messageKey';
export { readGroupMessageValue, type LoadedGroup, type LoadedGroupState, type LoadedMember } from './loadedGroup';
export {
  CONSUMER_PROTOCOL_TYPE, consumerProtocolVersion, deserializeAssignment, deserializeSubscription,
  serializeAssignment, serializeSubscription,
  type Assignment, type AssignmentInput, type Subscription, type SubscriptionInput, type TopicPartitionRef,
} from './consumerProtocol';
export {
  describeOffsetsRecord, groupMetadataString, offsetAndMetadataString, type OffsetsRecordDescription,
} from './describe';
export { javaGroupPartitionsByTopic, javaHashSetCopyOrder } from './javaHashOrder';
export {
  groupMetadataRecord, groupTombstone, offsetCommitRecord, offsetTombstone, readOffsetsRecord,
  type OffsetsTopicRecord, type ReadOffsetsRecord,
} from './records';
export { formatConsumerOffsetsJson, type ConsumerOffsetsFormatter } from './jsonFormatter';
