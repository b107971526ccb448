/**
 * Whole __consumer_offsets records (key + value) as GroupMetadataManager produces and consumes them:
 * a commit, a group, and their tombstones (a null value, which the log cleaner later removes), and the
 * decode step of loadGroupsAndOffsets that turns any record back into what it stands for.
 */
import type { KafkaVersion } from '../../config/types';
import { groupMetadataKey, groupMetadataValue, type GroupMetadataValueData } from './groupMetadata';
import { readGroupMessageValue, type LoadedGroup } from './loadedGroup';
import { readMessageKey } from './messageKey';
import { offsetCommitKey, offsetCommitValue, readOffsetMessageValue, type OffsetAndMetadata } from './offsetCommit';

export interface OffsetsTopicRecord {
  key: Uint8Array;
  /** null: a tombstone. */
  value: Uint8Array | null;
}

export function offsetCommitRecord(group: string, topic: string, partition: number, offset: OffsetAndMetadata): OffsetsTopicRecord {
  return { key: offsetCommitKey(group, topic, partition), value: offsetCommitValue(offset) };
}

/** Written when an offset expires or its topic is deleted (GroupMetadataManager.cleanupGroupMetadata). */
export function offsetTombstone(group: string, topic: string, partition: number): OffsetsTopicRecord {
  return { key: offsetCommitKey(group, topic, partition), value: null };
}

export function groupMetadataRecord(group: string, data: GroupMetadataValueData): OffsetsTopicRecord {
  return { key: groupMetadataKey(group), value: groupMetadataValue(data) };
}

/** Written when an empty group without offsets is removed (it becomes Dead). */
export function groupTombstone(group: string): OffsetsTopicRecord {
  return { key: groupMetadataKey(group), value: null };
}

export type ReadOffsetsRecord =
  | { kind: 'offset'; group: string; topic: string; partition: number; offset: OffsetAndMetadata | null }
  | { kind: 'group'; group: string; metadata: LoadedGroup | null }
  | { kind: 'unknown'; version: number };

/**
 * One record as loadGroupsAndOffsets reads it: null offset / metadata mean "removed". A record without a
 * key fails Scala's require (an IllegalArgumentException); 3.9 skips an unknown key version with a warning.
 */
export function readOffsetsRecord(key: Uint8Array | null, value: Uint8Array | null, profile: KafkaVersion): ReadOffsetsRecord {
  if (key === null) throw new Error('requirement failed: Group metadata/offset entry key should not be null');
  const parsed = readMessageKey(key, profile);
  switch (parsed.kind) {
    case 'offset':
      return {
        kind: 'offset', group: parsed.group, topic: parsed.topic, partition: parsed.partition,
        offset: readOffsetMessageValue(value, profile),
      };
    case 'group':
      return { kind: 'group', group: parsed.group, metadata: readGroupMessageValue(parsed.group, value, profile) };
    default:
      return parsed;
  }
}
