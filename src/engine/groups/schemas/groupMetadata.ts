/**
 * Group metadata records in __consumer_offsets: the key {group} (version 2) and GroupMetadataValue
 * v0–v3, as GroupMetadataManager writes and reads them
 * ([2.4.1 core/…/coordinator/group/GroupMetadataManager.scala:1029-1104,1235-1298];
 * [3.9 group-coordinator/src/main/resources/common/message/GroupMetadataKey.json, GroupMetadataValue.json]).
 *
 * v1 adds each member's rebalance_timeout, v2 the group's current_state_timestamp, v3 each member's
 * group_instance_id. Both profiles write v3 (IBP ≥ 2.3-IV0); 3.9 also reads the flexible v4.
 */
import type { KafkaVersion } from '../../config/types';
import { SchemaException, StructReader, StructWriter } from './struct';

export const GROUP_METADATA_KEY_VERSION = 2;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface MemberMetadataData {
  memberId: string;
  /** v3+; null for a dynamic member (and for every member of an older version). */
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** v1+; -1 when absent. */
  rebalanceTimeout: number;
  sessionTimeout: number;
  /** The member's metadata for the chosen protocol (a ConsumerProtocolSubscription for consumers). */
  subscription: Uint8Array;
  /** The member's assignment (a ConsumerProtocolAssignment for consumers). */
  assignment: Uint8Array;
}

export interface GroupMetadataValueData {
  /** "" when the group has no protocol type (a group that only commits offsets). */
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  /** v2+; -1 when absent. */
  currentStateTimestamp: number;
  members: MemberMetadataData[];
}

export function groupMetadataKey(group: string): Uint8Array {
  return new StructWriter().int16(GROUP_METADATA_KEY_VERSION).string(group).toBytes();
}

export function readGroupMetadataKeyBody(reader: StructReader): { group: string } {
  return { group: reader.field('group', () => reader.string()) };
}

/**
 * GroupMetadataManager.groupMetadataValue: v3 unless an older version is asked for. A group with
 * members must have a protocol, as in Kafka.
 */
export function groupMetadataValue(data: GroupMetadataValueData, version = GROUP_METADATA_VALUE_VERSION): Uint8Array {
  if (version < 0 || version > 3) throw new SchemaException(`Unknown group metadata version ${version}`);
  if (data.members.length > 0 && data.protocol === null) {
    throw new SchemaException('Attempted to write non-empty group metadata with no defined protocol');
  }
  const writer = new StructWriter().int16(version)
    .string(data.protocolType)
    .int32(data.generation)
    .nullableString(data.protocol)
    .nullableString(data.leader);
  if (version >= 2) writer.int64(data.currentStateTimestamp);
  writer.array(data.members, (member) => {
    writer.string(member.memberId);
    if (version >= 3) writer.nullableString(member.groupInstanceId);
    writer.string(member.clientId).string(member.clientHost);
    if (version >= 1) writer.int32(member.rebalanceTimeout);
    writer.int32(member.sessionTimeout).bytes(member.subscription).bytes(member.assignment);
  });
  return writer.toBytes();
}

export interface DecodedGroupMetadataValue {
  version: number;
  data: GroupMetadataValueData;
}

export function decodeGroupMetadataValue(bytes: Uint8Array, profile: KafkaVersion): DecodedGroupMetadataValue {
  const reader = new StructReader(bytes);
  const version = reader.int16();
  if (version < 0 || version > (profile === '2.4' ? 3 : 4)) {
    // 2.4: schemaForGroupValue's KafkaException; 3.9: readGroupMessageValue's IllegalStateException.
    throw new SchemaException(profile === '2.4'
      ? `Unknown group metadata version ${version}`
      : `Unknown group metadata message version: ${version}`);
  }
  return { version, data: version === 4 ? readFlexibleV4(reader) : readClassic(reader, version) };
}

function readClassic(reader: StructReader, version: number): GroupMetadataValueData {
  const protocolType = reader.field('protocol_type', () => reader.string());
  const generation = reader.field('generation', () => reader.int32());
  const protocol = reader.field('protocol', () => reader.nullableString());
  const leader = reader.field('leader', () => reader.nullableString());
  const currentStateTimestamp = version >= 2 ? reader.field('current_state_timestamp', () => reader.int64()) : -1;
  const members = reader.field('members', () => reader.array(() => readClassicMember(reader, version)));
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}

function readClassicMember(reader: StructReader, version: number): MemberMetadataData {
  const memberId = reader.field('member_id', () => reader.string());
  const groupInstanceId = version >= 3 ? reader.field('group_instance_id', () => reader.nullableString()) : null;
  const clientId = reader.field('client_id', () => reader.string());
  const clientHost = reader.field('client_host', () => reader.string());
  const rebalanceTimeout = version >= 1 ? reader.field('rebalance_timeout', () => reader.int32()) : -1;
  const sessionTimeout = reader.field('session_timeout', () => reader.int32());
  const subscription = reader.field('subscription', () => reader.bytes());
  const assignment = reader.field('assignment', () => reader.bytes());
  return { memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout, sessionTimeout, subscription, assignment };
}

/** v4 (3.9 only): the v3 fields in compact form, with a tagged-field section per member and at the end. */
function readFlexibleV4(reader: StructReader): GroupMetadataValueData {
  const protocolType = reader.field('protocolType', () => reader.compactString());
  const generation = reader.field('generation', () => reader.int32());
  const protocol = reader.field('protocol', () => reader.compactNullableString());
  const leader = reader.field('leader', () => reader.compactNullableString());
  const currentStateTimestamp = reader.field('currentStateTimestamp', () => reader.int64());
  const members = reader.field('members', () => reader.compactArray(() => {
    const memberId = reader.field('memberId', () => reader.compactString());
    const groupInstanceId = reader.field('groupInstanceId', () => reader.compactNullableString());
    const clientId = reader.field('clientId', () => reader.compactString());
    const clientHost = reader.field('clientHost', () => reader.compactString());
    const rebalanceTimeout = reader.field('rebalanceTimeout', () => reader.int32());
    const sessionTimeout = reader.field('sessionTimeout', () => reader.int32());
    const subscription = reader.field('subscription', () => reader.compactBytes());
    const assignment = reader.field('assignment', () => reader.compactBytes());
    reader.skipTaggedFields();
    return { memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout, sessionTimeout, subscription, assignment };
  }));
  reader.skipTaggedFields();
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}
