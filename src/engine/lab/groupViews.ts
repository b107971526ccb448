import type { KafkaVersion } from '../config/types';
import type { GroupMetadata } from '../groups/coordinator/GroupMetadata';
import { deserializeAssignment } from '../groups/schemas';

/** The brokers as a group lookup needs them (a narrow view of KafkaBroker). */
export interface GroupHost {
  readonly id: number;
  readonly alive: boolean;
  readonly groups: { readonly manager: { getGroup(groupId: string): GroupMetadata | undefined; isGroupLocal(groupId: string): boolean } };
}

export interface GroupMemberView {
  memberId: string;
  clientId: string;
  groupInstanceId: string | null;
  /** The partitions of its current assignment ("topic-N"), in the assignment's order. */
  partitions: string[];
}

export interface GroupView {
  groupId: string;
  coordinator: number;
  state: string;
  generation: number;
  protocol: string | null;
  leaderClientId: string | null;
  members: GroupMemberView[];
  /** Committed offsets, "topic-N" → offset. */
  committed: Map<string, number>;
}

/** The group as its live coordinator holds it, or null when no running broker coordinates it. */
export function findGroup(brokers: readonly GroupHost[], groupId: string, version: KafkaVersion): GroupView | null {
  for (const broker of brokers) {
    if (!broker.alive || !broker.groups.manager.isGroupLocal(groupId)) continue;
    const group = broker.groups.manager.getGroup(groupId);
    if (!group) continue;
    const members = [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      groupInstanceId: m.groupInstanceId,
      partitions: assignedPartitions(m.assignment, version),
    }));
    const leader = group.leaderId === null ? null : (group.members.get(group.leaderId)?.clientId ?? null);
    const committed = new Map([...group.offsets].map(([tp, o]) => [tp, o.offset] as const));
    return { groupId, coordinator: broker.id, state: group.state, generation: group.generationId, protocol: group.protocolName, leaderClientId: leader, members, committed };
  }
  return null;
}

/**
 * A member's assignment bytes decoded once: views ask every frame, and the coordinator replaces
 * the array (never mutates it) when a new assignment arrives, so the array is a safe key.
 */
const decoded = new WeakMap<Uint8Array, string[]>();
function assignedPartitions(bytes: Uint8Array, version: KafkaVersion): string[] {
  if (bytes.length === 0) return [];
  let list = decoded.get(bytes);
  if (!list) {
    list = deserializeAssignment(bytes, version).partitions.map((p) => `${p.topic}-${p.partition}`);
    decoded.set(bytes, list);
  }
  return [...list];
}
