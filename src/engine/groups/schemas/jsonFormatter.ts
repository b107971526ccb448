/**
 * 3.9's console formatters for __consumer_offsets (org.apache.kafka.tools.consumer.OffsetsMessageFormatter
 * and GroupMetadataMessageFormatter, via ApiMessageFormatter): one JSON line per record,
 * {"key":{"version":v,"data":…},"value":{"version":v,"data":…}}, with the fields the generated JSON
 * converters write for that version, bytes in base64, "unknown" for a version the schema does not know,
 * and nothing at all for a record of the other kind. 2.4 has no such tool (it has the Scala formatters
 * that describe.ts reproduces).
 */
import { getInt16 } from '../../util/bytes';
import { decodeGroupMetadataValue, type MemberMetadataData } from './groupMetadata';
import { readMessageKey } from './messageKey';
import { decodeOffsetCommitValue } from './offsetCommit';
import { SchemaException } from './struct';

export type ConsumerOffsetsFormatter = 'OffsetsMessageFormatter' | 'GroupMetadataMessageFormatter';

type Json = null | string | number | Json[] | { [field: string]: Json };

const UNKNOWN = 'unknown';

/** The line the formatter prints (without a newline); '' where it prints nothing. */
export function formatConsumerOffsetsJson(
  formatter: ConsumerOffsetsFormatter, key: Uint8Array | null, value: Uint8Array | null,
): string {
  const line: { key: Json; value: Json } = { key: null, value: null };
  if (key !== null) {
    const data = keyJson(formatter, key);
    if (data === undefined) return '';
    line.key = { version: versionOf(key), data };
  }
  if (value !== null) {
    line.value = { version: versionOf(value), data: formatter === 'OffsetsMessageFormatter' ? offsetValueJson(value) : groupValueJson(value) };
  }
  return JSON.stringify(line);
}

function versionOf(bytes: Uint8Array): number {
  if (bytes.length < 2) throw new SchemaException('java.nio.BufferUnderflowException');
  return getInt16(bytes, 0);
}

/** undefined: the record belongs to the other formatter (ApiMessageFormatter returns on a NullNode key). */
function keyJson(formatter: ConsumerOffsetsFormatter, key: Uint8Array): Json | undefined {
  const parsed = readMessageKey(key, '3.9');
  if (parsed.kind === 'unknown') return UNKNOWN;
  if (parsed.kind === 'offset') {
    if (formatter !== 'OffsetsMessageFormatter') return undefined;
    return { group: parsed.group, topic: parsed.topic, partition: parsed.partition };
  }
  return formatter === 'GroupMetadataMessageFormatter' ? { group: parsed.group } : undefined;
}

/** OffsetCommitValueJsonConverter.write: leaderEpoch from v3, expireTimestamp in v1 only. */
function offsetValueJson(value: Uint8Array): Json {
  const version = versionOf(value);
  if (version < 0 || version > 4) return UNKNOWN;
  const { data } = decodeOffsetCommitValue(value, '3.9');
  const json: Record<string, Json> = { offset: data.offset };
  if (version >= 3) json.leaderEpoch = data.leaderEpoch;
  json.metadata = data.metadata;
  json.commitTimestamp = data.commitTimestamp;
  if (version === 1) json.expireTimestamp = data.expireTimestamp;
  return json;
}

/** GroupMetadataValueJsonConverter.write: currentStateTimestamp from v2, member fields by version. */
function groupValueJson(value: Uint8Array): Json {
  const version = versionOf(value);
  if (version < 0 || version > 4) return UNKNOWN;
  const { data } = decodeGroupMetadataValue(value, '3.9');
  const json: Record<string, Json> = {
    protocolType: data.protocolType, generation: data.generation, protocol: data.protocol, leader: data.leader,
  };
  if (version >= 2) json.currentStateTimestamp = data.currentStateTimestamp;
  json.members = data.members.map((member) => memberJson(member, version));
  return json;
}

function memberJson(member: MemberMetadataData, version: number): Json {
  const json: Record<string, Json> = { memberId: member.memberId };
  if (version >= 3) json.groupInstanceId = member.groupInstanceId;
  json.clientId = member.clientId;
  json.clientHost = member.clientHost;
  if (version >= 1) json.rebalanceTimeout = member.rebalanceTimeout;
  json.sessionTimeout = member.sessionTimeout;
  json.subscription = base64(member.subscription);
  json.assignment = base64(member.assignment);
  return json;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Jackson writes a BinaryNode as standard base64 with padding and no line breaks. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    out += b1 === undefined ? '=' : ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    out += b2 === undefined ? '=' : ALPHABET[b2 & 63]!;
  }
  return out;
}
