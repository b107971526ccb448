import { deserializeAssignment } from '../groups/schemas';
import type { KafkaVersion } from '../config/types';

/** A group as the checker reads it (GroupMetadata satisfies it). */
export interface CheckedGroup {
  readonly groupId: string;
  readonly state: string;
  readonly generationId: number;
  readonly offsetsVersion: number;
  readonly members: ReadonlyMap<string, { readonly assignment: Uint8Array; readonly clientId: string }>;
  readonly offsets: ReadonlyMap<string, { readonly offset: number }>;
}

export interface GroupCoordinatorView {
  readonly alive: boolean;
  readonly groups?: { readonly manager: { currentGroups(): readonly CheckedGroup[]; isGroupLocal(groupId: string): boolean } };
}

type Violate = (invariant: string, tp: string, text: string) => void;

/**
 * The lab's group invariants: in a Stable group no partition has two owners in the generation
 * (OneOwnerPerPartition), and no committed offset lies beyond the partition's log end on its
 * leader (CommittedWithinLog: a consumer cannot have read past what exists). Checked again only
 * when a group's generation, state or commits change.
 */
export class GroupInvariants {
  private readonly checked = new Map<string, string>();

  constructor(private readonly version: () => KafkaVersion) {}

  check(brokers: readonly GroupCoordinatorView[], logEnd: (tp: string) => number | null, violate: Violate): void {
    for (const broker of brokers) {
      if (!broker.alive || !broker.groups) continue;
      const manager = broker.groups.manager;
      for (const group of manager.currentGroups()) {
        if (!manager.isGroupLocal(group.groupId)) continue;
        const key = `${group.state}|${group.generationId}|${group.offsetsVersion}`;
        if (this.checked.get(group.groupId) === key) continue;
        this.checked.set(group.groupId, key);
        if (group.state === 'Stable') this.checkOwners(group, violate);
        this.checkCommitted(group, logEnd, violate);
      }
    }
  }

  private checkOwners(group: CheckedGroup, violate: Violate): void {
    const owner = new Map<string, string>();
    for (const member of group.members.values()) {
      if (member.assignment.length === 0) continue;
      for (const p of deserializeAssignment(member.assignment, this.version()).partitions) {
        const tp = `${p.topic}-${p.partition}`;
        const other = owner.get(tp);
        if (other !== undefined && other !== member.clientId) {
          violate('OneOwnerPerPartition', tp, `group ${group.groupId} is Stable at generation ${group.generationId} but ${tp} is assigned to both ${other} and ${member.clientId}`);
        }
        owner.set(tp, member.clientId);
      }
    }
  }

  private checkCommitted(group: CheckedGroup, logEnd: (tp: string) => number | null, violate: Violate): void {
    for (const [tp, o] of group.offsets) {
      const end = logEnd(tp);
      if (end !== null && o.offset > end) violate('CommittedWithinLog', tp, `group ${group.groupId} committed ${tp} at offset ${o.offset}, beyond its log end ${end} on the leader`);
    }
  }
}
