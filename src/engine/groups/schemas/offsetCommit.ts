/**
 * Offset commit records in __consumer_offsets: the key {group, topic, partition} and the value
 * (OffsetCommitValue v0–v3), as GroupMetadataManager writes and reads them
 * ([2.4.1 core/…/coordinator/group/GroupMetadataManager.scala:983-1024,1190-1224];
 * [3.9 group-coordinator/src/main/resources/common/message/OffsetCommitKey.json, OffsetCommitValue.json]).
 *
 * Every record is an int16 schema version followed by the Struct. Both profiles write key v1 and value
 * v3, or value v1 when the client sent a retention time (OffsetCommit v2–v4); the v4 value (the first
 * flexible version) is readable in 3.9 but written by neither.
 */
import type { KafkaVersion } from '../../config/types';
import { SchemaException, StructReader, StructWriter } from './struct';

/** OffsetCommitKey's versions: 0 and 1 share one schema; Kafka always writes 1. */
export const OFFSET_COMMIT_KEY_VERSION = 1;

/** OffsetCommitRequest.DEFAULT_TIMESTAMP and RecordBatch.NO_PARTITION_LEADER_EPOCH. */
export const NO_TIMESTAMP = -1;
export const NO_PARTITION_LEADER_EPOCH = -1;

/** The fields of OffsetCommitValue; a field a version lacks reads as its JSON default (-1). */
export interface OffsetCommitValueData {
  offset: number;
  /** v3+; -1 when absent. */
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** v1 only; -1 when absent. */
  expireTimestamp: number;
}

/** kafka.common.OffsetAndMetadata: what the coordinator keeps per committed partition. */
export interface OffsetAndMetadata {
  offset: number;
  /** Optional[Integer]: null is Optional.empty. */
  leaderEpoch: number | null;
  metadata: string;
  commitTimestamp: number;
  /** Option[Long]: set only when the commit carried a retention time. */
  expireTimestamp: number | null;
}

export function offsetCommitKey(group: string, topic: string, partition: number): Uint8Array {
  return new StructWriter().int16(OFFSET_COMMIT_KEY_VERSION).string(group).string(topic).int32(partition).toBytes();
}

/** The OffsetCommitKey body (after the version prefix, which readMessageKey consumes). */
export function readOffsetCommitKeyBody(reader: StructReader): { group: string; topic: string; partition: number } {
  const group = reader.field('group', () => reader.string());
  const topic = reader.field('topic', () => reader.string());
  const partition = reader.field('partition', () => reader.int32());
  return { group, topic, partition };
}

/**
 * GroupMetadataManager.offsetCommitValue at the lab's inter-broker protocol (≥ 2.1-IV1 in both
 * profiles): v3, except v1 when the commit carries an expire timestamp.
 */
export function offsetCommitValue(value: OffsetAndMetadata): Uint8Array {
  const data: OffsetCommitValueData = {
    offset: value.offset,
    leaderEpoch: value.leaderEpoch ?? NO_PARTITION_LEADER_EPOCH,
    metadata: value.metadata,
    commitTimestamp: value.commitTimestamp,
    expireTimestamp: value.expireTimestamp ?? NO_TIMESTAMP,
  };
  return encodeOffsetCommitValue(data, value.expireTimestamp !== null ? 1 : 3);
}

/** Any version 0–3, field by field as the schemas list them (older IBPs wrote 0–2). */
export function encodeOffsetCommitValue(data: OffsetCommitValueData, version: number): Uint8Array {
  const writer = new StructWriter().int16(version).int64(data.offset);
  switch (version) {
    case 0:
    case 2:
      return writer.string(data.metadata).int64(data.commitTimestamp).toBytes();
    case 1:
      return writer.string(data.metadata).int64(data.commitTimestamp).int64(data.expireTimestamp).toBytes();
    case 3:
      return writer.int32(data.leaderEpoch).string(data.metadata).int64(data.commitTimestamp).toBytes();
    default:
      throw new SchemaException(`Unknown offset schema version ${version}`);
  }
}

export interface DecodedOffsetCommitValue {
  version: number;
  data: OffsetCommitValueData;
}

/** The raw fields of a non-null offset value. 2.4 knows v0–v3; 3.9 also reads the flexible v4. */
export function decodeOffsetCommitValue(bytes: Uint8Array, profile: KafkaVersion): DecodedOffsetCommitValue {
  const reader = new StructReader(bytes);
  const version = reader.int16();
  if (version < 0 || version > maxOffsetValueVersion(profile)) {
    // 2.4: schemaForOffsetValue's KafkaException; 3.9: readOffsetMessageValue's IllegalStateException.
    throw new SchemaException(profile === '2.4'
      ? `Unknown offset schema version ${version}`
      : `Unknown offset message version: ${version}`);
  }
  const offset = reader.field('offset', () => reader.int64());
  if (version === 4) return { version, data: readFlexibleV4(reader, offset) };
  const leaderEpoch = version === 3 ? reader.field('leader_epoch', () => reader.int32()) : NO_PARTITION_LEADER_EPOCH;
  const metadata = reader.field('metadata', () => reader.string());
  const commitTimestamp = reader.field(version === 0 ? 'timestamp' : 'commit_timestamp', () => reader.int64());
  const expireTimestamp = version === 1 ? reader.field('expire_timestamp', () => reader.int64()) : NO_TIMESTAMP;
  return { version, data: { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp } };
}

function maxOffsetValueVersion(profile: KafkaVersion): number {
  return profile === '2.4' ? 3 : 4;
}

/** v4: the v3 fields with a compact metadata string, then a tagged-field section. */
function readFlexibleV4(reader: StructReader, offset: number): OffsetCommitValueData {
  const leaderEpoch = reader.field('leaderEpoch', () => reader.int32());
  const metadata = reader.field('metadata', () => reader.compactString());
  const commitTimestamp = reader.field('commitTimestamp', () => reader.int64());
  reader.skipTaggedFields();
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: NO_TIMESTAMP };
}

/**
 * GroupMetadataManager.readOffsetMessageValue: null (a tombstone) stays null. 2.4 treats any negative
 * leader epoch as absent and reads an expire timestamp only from v1; 3.9 treats exactly -1 as absent
 * in both fields.
 */
export function readOffsetMessageValue(bytes: Uint8Array | null, profile: KafkaVersion): OffsetAndMetadata | null {
  if (bytes === null) return null;
  const { data } = decodeOffsetCommitValue(bytes, profile);
  const noEpoch = profile === '2.4' ? data.leaderEpoch < 0 : data.leaderEpoch === NO_PARTITION_LEADER_EPOCH;
  return {
    offset: data.offset,
    leaderEpoch: noEpoch ? null : data.leaderEpoch,
    metadata: data.metadata,
    commitTimestamp: data.commitTimestamp,
    expireTimestamp: data.expireTimestamp === NO_TIMESTAMP ? null : data.expireTimestamp,
  };
}
