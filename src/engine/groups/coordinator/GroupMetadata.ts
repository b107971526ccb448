import type { TaskId } from '../../kernel';
import type { JoinGroupProtocol, JoinGroupResponse, JoinGroupResponseMember, SyncGroupResponse } from '../../protocol';
import type { JoinCallback, MemberMetadata } from './MemberMetadata';
import type { OffsetAndMetadata } from '../schemas';

/** Kafka's classic group states (GroupMetadata.scala). */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** Which states each state may be entered from (GroupState.validPreviousStates). */
const VALID_PREVIOUS: Readonly<Record<GroupState, readonly GroupState[]>> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export type { OffsetAndMetadata } from '../schemas';

/**
 * A classic group as its coordinator holds it (Kafka's GroupMetadata): the state machine,
 * generation, leader, members (insertion-ordered here; Kafka's is a Scala HashMap, see
 * docs/FIDELITY.md), pending members (KIP-394), static members (KIP-345) and committed offsets.
 */
export class GroupMetadata {
  state: GroupState;
  stateTimestampMs: number;
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  leaderId: string | null = null;
  /** Set when a member joins during the initial delay of generation 0 (InitialDelayedJoin). */
  newMemberAdded = false;
  /** True during InitialDelayedJoin's windows, which end only on their timer. */
  initialDelay = false;
  readonly members = new Map<string, MemberMetadata>();
  readonly offsets = new Map<string, OffsetAndMetadata>();
  /** Bumped whenever the committed offsets change (the checker re-reads them then). */
  offsetsVersion = 0;
  /** The join phase's timer (DelayedJoin / InitialDelayedJoin), and the 3.9 pending-sync timer. */
  joinTask: TaskId | undefined;
  syncTask: TaskId | undefined;
  private readonly staticMembers = new Map<string, string>();
  private readonly pendingMembers = new Set<string>();
  private readonly pendingSyncMembers = new Set<string>();
  private readonly supportedProtocols = new Map<string, number>();
  private numMembersAwaitingJoin = 0;

  constructor(
    readonly groupId: string,
    initialState: GroupState,
    nowMs: number,
  ) {
    this.state = initialState;
    this.stateTimestampMs = nowMs;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  get(memberId: string): MemberMetadata {
    const member = this.members.get(memberId);
    if (!member) throw new Error(`Group ${this.groupId} has no member ${memberId}`);
    return member;
  }

  get size(): number {
    return this.members.size;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  add(member: MemberMetadata, callback: JoinCallback | null): void {
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member.supportedProtocols, 1);
    member.awaitingJoinCallback = callback;
    if (member.isAwaitingJoin) this.numMembersAwaitingJoin++;
    this.pendingMembers.delete(member.memberId);
  }

  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.countProtocols(member.supportedProtocols, -1);
      if (member.isAwaitingJoin) this.numMembersAwaitingJoin--;
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  /** The leader did not rejoin: any member that did becomes leader. False if nobody rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    if (this.get(this.leaderId).isAwaitingJoin) return true;
    for (const [id, member] of this.members) {
      if (member.isAwaitingJoin) {
        this.leaderId = id;
        return true;
      }
    }
    return false;
  }

  /** Static members only: the new member id takes the old one's place (the old instance is fenced). */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): MemberMetadata {
    const member = this.get(oldMemberId);
    this.members.delete(oldMemberId);
    this.maybeInvokeJoinCallback(member, joinError(oldMemberId, 'FENCED_INSTANCE_ID'));
    this.maybeInvokeSyncCallback(member, syncError('FENCED_INSTANCE_ID'));
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return member;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId);
  }

  addPendingMember(memberId: string): void {
    this.pendingMembers.add(memberId);
  }

  addPendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.add(memberId);
  }

  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId);
  }

  clearPendingSyncMembers(): void {
    this.pendingSyncMembers.clear();
  }

  get hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0;
  }

  allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers];
  }

  currentStaticMemberId(groupInstanceId: string): string | null {
    return this.staticMembers.get(groupInstanceId) ?? null;
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoin && this.pendingMembers.size === 0;
  }

  get numAwaiting(): number {
    return this.numMembersAwaitingJoin;
  }

  notYetRejoinedMembers(): MemberMetadata[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin);
  }

  /** The largest max.poll.interval.ms among the members: how long a join phase may last. */
  get rebalanceTimeoutMs(): number {
    let timeout = 0;
    for (const m of this.members.values()) timeout = Math.max(timeout, m.rebalanceTimeoutMs);
    return timeout;
  }

  get canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
  }

  transitionTo(state: GroupState, nowMs: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`Group ${this.groupId} should be in one of [${VALID_PREVIOUS[state].join(', ')}] before moving to ${state}, but is ${this.state}`);
    }
    this.state = state;
    this.stateTimestampMs = nowMs;
  }

  /** The protocol every member supports that most members prefer (GroupMetadata.selectProtocol). */
  selectProtocol(): string {
    const candidates = new Set([...this.supportedProtocols].filter(([, n]) => n === this.members.size).map(([p]) => p));
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best: [string, number] | null = null;
    for (const entry of votes) if (best === null || entry[1] > best[1]) best = entry;
    return best![0];
  }

  supportsProtocols(protocolType: string, protocols: readonly JoinGroupProtocol[]): boolean {
    if (this.is('Empty')) return protocolType !== '' && protocols.length > 0;
    return this.protocolType === protocolType && protocols.some((p) => this.supportedProtocols.get(p.name) === this.members.size);
  }

  updateMember(member: MemberMetadata, protocols: JoinGroupProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, callback: JoinCallback | null): void {
    this.countProtocols(member.supportedProtocols, -1);
    member.supportedProtocols = protocols;
    this.countProtocols(protocols, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (callback !== null && !member.isAwaitingJoin) this.numMembersAwaitingJoin++;
    else if (callback === null && member.isAwaitingJoin) this.numMembersAwaitingJoin--;
    member.awaitingJoinCallback = callback;
  }

  maybeInvokeJoinCallback(member: MemberMetadata, result: JoinGroupResponse): void {
    const callback = member.awaitingJoinCallback;
    if (callback === null) return;
    member.awaitingJoinCallback = null;
    this.numMembersAwaitingJoin--;
    callback(result);
  }

  /** True if the member was waiting on a SyncGroup and has now been answered. */
  maybeInvokeSyncCallback(member: MemberMetadata, result: SyncGroupResponse): boolean {
    const callback = member.awaitingSyncCallback;
    if (callback === null) return false;
    member.awaitingSyncCallback = null;
    callback(result);
    return true;
  }

  initNextGeneration(nowMs: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', nowMs);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', nowMs);
    }
    this.clearPendingSyncMembers();
  }

  /** Every member's metadata for the chosen protocol: what the leader's JoinGroup answer lists. */
  currentMemberMetadata(): JoinGroupResponseMember[] {
    const protocol = this.protocolName!;
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata(protocol) }));
  }

  private countProtocols(protocols: readonly JoinGroupProtocol[], delta: number): void {
    for (const p of protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + delta);
  }
}

export function joinError(memberId: string, errorCode: JoinGroupResponse['errorCode']): JoinGroupResponse {
  return { apiKey: 'JoinGroup', errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] };
}

export function syncError(errorCode: SyncGroupResponse['errorCode']): SyncGroupResponse {
  return { apiKey: 'SyncGroup', errorCode, protocolType: null, protocolName: null, assignment: new Uint8Array(0) };
}
