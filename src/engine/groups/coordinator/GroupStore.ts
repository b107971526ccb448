import type { KafkaErrorName } from '../../protocol';
import type { GroupMetadata, OffsetAndMetadata } from './GroupMetadata';

/**
 * What the coordinator needs from its GroupMetadataManager: which groups this broker owns and
 * whether their __consumer_offsets partition is still loading, the groups themselves, and the
 * writes of group metadata and offset commits to that partition (acks=-1, offsets.commit.timeout.ms).
 */
export interface GroupStore {
  isActive(): boolean;
  isGroupLocal(groupId: string): boolean;
  isGroupLoading(groupId: string): boolean;
  getGroup(groupId: string): GroupMetadata | undefined;
  addGroup(group: GroupMetadata): GroupMetadata;
  currentGroups(): GroupMetadata[];
  partitionFor(groupId: string): number;
  /** Writes the group's metadata record with `assignment` (member id → bytes); the callback gets the mapped error. */
  storeGroup(group: GroupMetadata, assignment: ReadonlyMap<string, Uint8Array>, callback: (error: KafkaErrorName) => void): void;
  /** Writes one commit record per partition ("topic-N" keys); the callback gets an error per partition. */
  storeOffsets(group: GroupMetadata, memberId: string, offsets: ReadonlyMap<string, OffsetAndMetadata>, callback: (errors: Map<string, KafkaErrorName>) => void): void;
}
