/**
 * Words for a __consumer_offsets record, for the UI and the console: Kafka's formatter line (what
 * `kafka-console-consumer --formatter "kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter"`
 * or `…$GroupMetadataMessageFormatter` prints: "key::value.toString") and a plain sentence.
 *
 * The toString forms follow each release: kafka.common.OffsetAndMetadata (Java Optional for the leader
 * epoch, Scala Option for the expire timestamp) and GroupMetadata / MemberMetadata. 2.4.1 is built with
 * Scala 2.12 (a mutable map prints as "Map(…)") and MemberMetadata.toString ends in ", )"; 3.9 is built
 * with Scala 2.13 ("HashMap(…)") without the stray comma. Members print in the record's order (Kafka
 * prints them in its HashMap's order, which the lab does not reproduce; see docs/FIDELITY.md).
 */
import type { KafkaVersion } from '../../config/types';
import { CONSUMER_PROTOCOL_TYPE, deserializeAssignment } from './consumerProtocol';
import { readGroupMessageValue, type LoadedGroup, type LoadedMember } from './loadedGroup';
import { groupTopicPartitionString, readMessageKey } from './messageKey';
import { readOffsetMessageValue, type OffsetAndMetadata } from './offsetCommit';

export interface OffsetsRecordDescription {
  kind: 'offset' | 'group' | 'unknown' | 'invalid';
  /** Kafka's formatter output line (without the newline); null where Kafka's formatters print nothing. */
  formatted: string | null;
  /** One plain sentence. */
  summary: string;
  /**
   * Group records of the consumer protocol: each member's assigned partitions ("orders-0"), decoded from
   * the assignment bytes as kafka-dump-log's offsets decoder does. Absent when they are not decodable.
   */
  assignment?: Record<string, string[]>;
}

export function describeOffsetsRecord(
  key: Uint8Array | null, value: Uint8Array | null, profile: KafkaVersion = '3.9',
): OffsetsRecordDescription {
  if (key === null) {
    return { kind: 'invalid', formatted: null, summary: 'A record without a key: the group coordinator never writes one.' };
  }
  try {
    const parsed = readMessageKey(key, profile);
    if (parsed.kind === 'unknown') {
      return {
        kind: 'unknown', formatted: null,
        summary: `A record with key version ${parsed.version}, which this coordinator does not know and skips.`,
      };
    }
    if (parsed.kind === 'offset') {
      const partition = `${parsed.topic}-${parsed.partition}`;
      const offset = readOffsetMessageValue(value, profile);
      return {
        kind: 'offset',
        formatted: `${groupTopicPartitionString(parsed)}::${offset === null ? 'NULL' : offsetAndMetadataString(offset)}`,
        summary: offset === null
          ? `Group ${parsed.group} no longer has a committed offset for ${partition} (a tombstone).`
          : offsetSummary(parsed.group, partition, offset),
      };
    }
    const group = readGroupMessageValue(parsed.group, value, profile);
    const description: OffsetsRecordDescription = {
      kind: 'group',
      formatted: `${parsed.group}::${group === null ? 'NULL' : groupMetadataString(group, profile)}`,
      summary: group === null ? `Group ${parsed.group} was removed (a tombstone).` : groupSummary(group),
    };
    const assignment = group === null ? null : consumerAssignment(group, profile);
    if (assignment !== null) description.assignment = assignment;
    return description;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', formatted: null, summary: `A record the coordinator cannot decode: ${message}` };
  }
}

/** kafka.common.OffsetAndMetadata.toString (the same in 2.4.1 and 3.9). */
export function offsetAndMetadataString(offset: OffsetAndMetadata): string {
  const leaderEpoch = offset.leaderEpoch === null ? 'Optional.empty' : `Optional[${offset.leaderEpoch}]`;
  return `OffsetAndMetadata(offset=${offset.offset}, leaderEpoch=${leaderEpoch}, metadata=${offset.metadata}, `
    + `commitTimestamp=${offset.commitTimestamp}, expireTimestamp=${scalaOption(offset.expireTimestamp)})`;
}

/** GroupMetadata.toString of a group just loaded from a record. */
export function groupMetadataString(group: LoadedGroup, profile: KafkaVersion): string {
  const mapName = profile === '2.4' ? 'Map' : 'HashMap';
  const members = group.members.map((member) => `${member.memberId} -> ${memberMetadataString(member, profile)}`);
  return `GroupMetadata(groupId=${group.groupId}, generation=${group.generationId}, `
    + `protocolType=${scalaOption(group.protocolType)}, currentState=${group.initialState}, `
    + `members=${mapName}(${members.join(', ')}))`;
}

function memberMetadataString(member: LoadedMember, profile: KafkaVersion): string {
  // 2.4 loads a v3 member's instance id as Some(null) when it has none (see loadedGroup.ts).
  const instanceId = profile === '2.4' && member.isStaticMember
    ? `Some(${member.groupInstanceId ?? 'null'})`
    : scalaOption(member.groupInstanceId);
  const protocols = `List(${member.supportedProtocols.map(([name]) => name ?? 'null').join(', ')})`;
  return `MemberMetadata(memberId=${member.memberId}, groupInstanceId=${instanceId}, clientId=${member.clientId}, `
    + `clientHost=${member.clientHost}, sessionTimeoutMs=${member.sessionTimeoutMs}, `
    + `rebalanceTimeoutMs=${member.rebalanceTimeoutMs}, supportedProtocols=${protocols}`
    + `${profile === '2.4' ? ', ' : ''})`;
}

function consumerAssignment(group: LoadedGroup, profile: KafkaVersion): Record<string, string[]> | null {
  if (group.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
  const assignment: Record<string, string[]> = {};
  try {
    for (const member of group.members) {
      assignment[member.memberId] = deserializeAssignment(member.assignment, profile).partitions
        .map(({ topic, partition }) => `${topic}-${partition}`);
    }
  } catch {
    return null; // Not consumer-protocol bytes after all: the record itself is still described.
  }
  return assignment;
}

function scalaOption(value: string | number | null): string {
  return value === null ? 'None' : `Some(${value})`;
}

function offsetSummary(group: string, partition: string, offset: OffsetAndMetadata): string {
  const epoch = offset.leaderEpoch === null ? '' : ` (leader epoch ${offset.leaderEpoch})`;
  const metadata = offset.metadata === '' ? '' : ` with metadata "${offset.metadata}"`;
  const expiry = offset.expireTimestamp === null ? '' : `, to expire at ${offset.expireTimestamp} ms`;
  return `Group ${group} committed offset ${offset.offset} for ${partition}${epoch}${metadata} at ${offset.commitTimestamp} ms${expiry}.`;
}

function groupSummary(group: LoadedGroup): string {
  if (group.members.length === 0) {
    return `Group ${group.groupId} is empty at generation ${group.generationId}.`;
  }
  const names = group.members.map((member) => member.memberId).join(', ');
  const count = group.members.length === 1 ? '1 member' : `${group.members.length} members`;
  return `Group ${group.groupId} is stable at generation ${group.generationId} with ${count} (${names}), `
    + `protocol ${group.protocol ?? 'none'}, leader ${group.leaderId ?? 'none'}.`;
}
