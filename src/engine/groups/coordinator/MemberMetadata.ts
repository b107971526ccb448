import type { TaskId } from '../../kernel';
import type { JoinGroupProtocol, JoinGroupResponse, SyncGroupResponse } from '../../protocol';

export type JoinCallback = (result: JoinGroupResponse) => void;
export type SyncCallback = (result: SyncGroupResponse) => void;

/**
 * One member of a classic group, as the coordinator knows it (Kafka's MemberMetadata): its
 * ids, timeouts, the protocols it supports with their metadata, its assignment, and the
 * JoinGroup / SyncGroup it is waiting on, if any.
 */
export class MemberMetadata {
  assignment: Uint8Array = new Uint8Array(0);
  awaitingJoinCallback: JoinCallback | null = null;
  awaitingSyncCallback: SyncCallback | null = null;
  /** A member that joined but has not been through a completed join phase (its first join times out after 5 min). */
  isNew = false;
  /** The session deadline's task (a DelayedHeartbeat in Kafka). */
  heartbeatTask: TaskId | undefined;
  lastHeartbeatMs = 0;

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public supportedProtocols: JoinGroupProtocol[],
  ) {}

  get isAwaitingJoin(): boolean {
    return this.awaitingJoinCallback !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSyncCallback !== null;
  }

  get isStaticMember(): boolean {
    return this.groupInstanceId !== null;
  }

  protocols(): string[] {
    return this.supportedProtocols.map((p) => p.name);
  }

  metadata(protocol: string): Uint8Array {
    const found = this.supportedProtocols.find((p) => p.name === protocol);
    if (!found) throw new Error(`Member does not support protocol ${protocol}`);
    return found.metadata;
  }

  /** Same protocols, in the same order, with the same metadata bytes (Kafka's MemberMetadata.matches). */
  matches(protocols: readonly JoinGroupProtocol[]): boolean {
    if (protocols.length !== this.supportedProtocols.length) return false;
    return protocols.every((p, i) => {
      const mine = this.supportedProtocols[i]!;
      return mine.name === p.name && bytesEqual(mine.metadata, p.metadata);
    });
  }

  /** This member's vote: its most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.supportedProtocols.find((p) => candidates.has(p.name));
    if (!choice) throw new Error(`Member ${this.memberId} does not support any of the candidate protocols`);
    return choice.name;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
