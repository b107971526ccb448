/**
 * GroupMetadataManager.readGroupMessageValue + GroupMetadata.loadGroup: the group a coordinator rebuilds
 * from a group metadata record when it loads a __consumer_offsets partition.
 *
 * Differences between the profiles, each as its release does it:
 * - current_state_timestamp: 2.4 reads it only from v2 records, so a v3 record (what 2.4 writes) loads
 *   without one; fixed in 2.7 (KAFKA-10401). 3.9 reads it from v2+.
 * - group_instance_id: 2.4 wraps the v3 field in Some(…) even when it is null, so every member loaded
 *   from a v3 record counts as static (isStaticMember = groupInstanceId.isDefined); 3.9 uses Option(…).
 */
import type { KafkaVersion } from '../../config/types';
import { decodeGroupMetadataValue } from './groupMetadata';

export type LoadedGroupState = 'Empty' | 'Stable';

export interface LoadedMember {
  memberId: string;
  groupInstanceId: string | null;
  /** MemberMetadata.isStaticMember after loading (see the 2.4 note above). */
  isStaticMember: boolean;
  clientId: string;
  clientHost: string;
  /** v0 records have none: Kafka uses the session timeout. */
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  /** [(protocol, subscription)]: a loaded member supports only the group's protocol. */
  supportedProtocols: Array<[string | null, Uint8Array]>;
  assignment: Uint8Array;
}

export interface LoadedGroup {
  groupId: string;
  /** Stable when the record lists members, else Empty. */
  initialState: LoadedGroupState;
  generationId: number;
  /** None (null) when the record's protocol type is empty. */
  protocolType: string | null;
  protocol: string | null;
  leaderId: string | null;
  currentStateTimestamp: number | null;
  members: LoadedMember[];
  /** The record's value version. */
  version: number;
}

/** null (a tombstone: the group was removed) stays null. */
export function readGroupMessageValue(groupId: string, bytes: Uint8Array | null, profile: KafkaVersion): LoadedGroup | null {
  if (bytes === null) return null;
  const { version, data } = decodeGroupMetadataValue(bytes, profile);
  const readsTimestamp = profile === '2.4' ? version === 2 : version >= 2;
  const members = data.members.map((member): LoadedMember => {
    const staticIn24 = version >= 3;
    return {
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      isStaticMember: profile === '2.4' ? staticIn24 : member.groupInstanceId !== null,
      clientId: member.clientId,
      clientHost: member.clientHost,
      rebalanceTimeoutMs: version === 0 ? member.sessionTimeout : member.rebalanceTimeout,
      sessionTimeoutMs: member.sessionTimeout,
      protocolType: data.protocolType,
      supportedProtocols: [[data.protocol, member.subscription]],
      assignment: member.assignment,
    };
  });
  return {
    groupId,
    initialState: members.length === 0 ? 'Empty' : 'Stable',
    generationId: data.generation,
    protocolType: data.protocolType === '' ? null : data.protocolType,
    protocol: data.protocol,
    leaderId: data.leader,
    currentStateTimestamp: readsTimestamp && data.currentStateTimestamp !== -1 ? data.currentStateTimestamp : null,
    members,
    version,
  };
}
