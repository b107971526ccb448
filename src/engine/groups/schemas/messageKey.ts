/**
 * GroupMetadataManager.readMessageKey: the key's version says what the record is. Versions 0 and 1 are
 * offset commits, version 2 is group metadata. An unknown version is an error in 2.4 (KafkaException from
 * schemaForKey) and an UnknownKey in 3.9, which the loader and the formatters skip.
 */
import type { KafkaVersion } from '../../config/types';
import { GROUP_METADATA_KEY_VERSION, readGroupMetadataKeyBody } from './groupMetadata';
import { readOffsetCommitKeyBody } from './offsetCommit';
import { SchemaException, StructReader } from './struct';

export type BaseKey =
  | { kind: 'offset'; version: number; group: string; topic: string; partition: number }
  | { kind: 'group'; version: number; group: string }
  | { kind: 'unknown'; version: number };

export function readMessageKey(bytes: Uint8Array, profile: KafkaVersion): BaseKey {
  const reader = new StructReader(bytes);
  const version = reader.int16();
  if (version === 0 || version === 1) return { kind: 'offset', version, ...readOffsetCommitKeyBody(reader) };
  if (version === GROUP_METADATA_KEY_VERSION) return { kind: 'group', version, ...readGroupMetadataKeyBody(reader) };
  if (profile === '2.4') throw new SchemaException(`Unknown message key schema version ${version}`);
  return { kind: 'unknown', version };
}

/** "[group,topic,partition]", GroupTopicPartition.toString. */
export function groupTopicPartitionString(key: { group: string; topic: string; partition: number }): string {
  return `[${key.group},${key.topic},${key.partition}]`;
}
