/**
 * The coordinator's state machine and error codes, driven directly (no network): a fake
 * GroupStore owns every group and stores at once, the kernel provides time.
 */
import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../kernel';
import type { JoinGroupRequest, JoinGroupResponse, KafkaErrorName, SyncGroupResponse } from '../../protocol';
import { GroupCoordinator, type GroupConfig } from './GroupCoordinator';
import { GroupMetadata } from './GroupMetadata';
import { handleCommitOffsets, handleHeartbeat, handleLeaveGroup, handleSyncGroup } from './GroupRequests';
import type { GroupStore } from './GroupStore';

function setup(version: '2.4' | '3.9' = '3.9', storeError: KafkaErrorName = 'NONE') {
  const kernel = new SimKernel({ seed: 1 });
  const groups = new Map<string, GroupMetadata>();
  const store: GroupStore = {
    isActive: () => true,
    isGroupLocal: () => true,
    isGroupLoading: () => false,
    getGroup: (id) => groups.get(id),
    addGroup: (g) => (groups.get(g.groupId) ?? (groups.set(g.groupId, g), g)),
    currentGroups: () => [...groups.values()],
    partitionFor: () => 0,
    storeGroup: (_g, _a, cb) => kernel.schedule(1, 'store', () => cb(storeError)),
    storeOffsets: (g, _m, offsets, cb) => kernel.schedule(1, 'store', () => {
      if (storeError === 'NONE') for (const [tp, o] of offsets) g.offsets.set(tp, o);
      cb(new Map([...offsets.keys()].map((tp) => [tp, storeError])));
    }),
  };
  const config: GroupConfig = { groupMinSessionTimeoutMs: 6000, groupMaxSessionTimeoutMs: 1800000, groupMaxSize: 2147483647, groupInitialRebalanceDelayMs: 3000, offsetMetadataMaxBytes: 4096, kafkaVersion: version };
  const c = new GroupCoordinator(0, kernel, () => config, store);
  return { kernel, c, group: () => groups.get('g')! };
}

const join = (memberId: string, extra: Partial<JoinGroupRequest> = {}): JoinGroupRequest => ({
  apiKey: 'JoinGroup', groupId: 'g', sessionTimeoutMs: 10000, rebalanceTimeoutMs: 30000, memberId, groupInstanceId: null, protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: new Uint8Array([1]) }], ...extra,
});

/** Join as a new dynamic member: MEMBER_ID_REQUIRED, then again with the id. Resolves when the join phase answers. */
function joinMember(t: ReturnType<typeof setup>, clientId: string, answers: JoinGroupResponse[]): string {
  let id = '';
  t.c.handleJoinGroup(join(''), { clientId, clientHost: '/h' }, (r) => {
    expect(r.errorCode).toBe('MEMBER_ID_REQUIRED');
    id = r.memberId;
  });
  t.c.handleJoinGroup(join(id), { clientId, clientHost: '/h' }, (r) => answers.push(r));
  return id;
}

function sync(t: ReturnType<typeof setup>, memberId: string, generationId: number, assignments: { memberId: string; assignment: Uint8Array }[] = []): SyncGroupResponse[] {
  const out: SyncGroupResponse[] = [];
  handleSyncGroup(t.c, { apiKey: 'SyncGroup', groupId: 'g', generationId, memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments }, (r) => out.push(r));
  return out;
}

describe('GroupCoordinator', () => {
  it('refuses a session timeout outside the broker\'s bounds and an unknown member of an unknown group', () => {
    const t = setup();
    const answers: JoinGroupResponse[] = [];
    t.c.handleJoinGroup(join('', { sessionTimeoutMs: 1000 }), { clientId: 'c', clientHost: '/h' }, (r) => answers.push(r));
    t.c.handleJoinGroup(join('ghost'), { clientId: 'c', clientHost: '/h' }, (r) => answers.push(r));
    t.c.handleJoinGroup(join('', { groupId: '' }), { clientId: 'c', clientHost: '/h' }, (r) => answers.push(r));
    expect(answers.map((a) => a.errorCode)).toEqual(['INVALID_SESSION_TIMEOUT', 'UNKNOWN_MEMBER_ID', 'INVALID_GROUP_ID']);
  });

  it('Empty → PreparingRebalance (initial delay, extended in generation 0) → CompletingRebalance → Stable', () => {
    const t = setup();
    const answers: JoinGroupResponse[] = [];
    const a = joinMember(t, 'a', answers);
    expect(t.group().state).toBe('PreparingRebalance');
    t.kernel.advanceBy(1000);
    const b = joinMember(t, 'b', answers);
    t.kernel.advanceBy(2500);
    expect(answers).toEqual([]); // the first window never ends early; b extended it
    t.kernel.advanceBy(3000);
    expect(t.group().state).toBe('CompletingRebalance');
    expect(answers.map((r) => [r.memberId, r.generationId, r.leader, r.members.length])).toEqual([[a, 1, a, 2], [b, 1, a, 0]]);
    // A follower's SyncGroup waits for the leader's assignment.
    const waiting = sync(t, b, 1);
    expect(waiting).toEqual([]);
    const leaderAnswer = sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([7]) }, { memberId: b, assignment: new Uint8Array([8]) }]);
    t.kernel.advanceBy(10);
    expect(t.group().state).toBe('Stable');
    expect(leaderAnswer[0]!.assignment).toEqual(new Uint8Array([7]));
    expect(waiting[0]!.assignment).toEqual(new Uint8Array([8]));
  });

  it('heartbeats: wrong generation, unknown member, and REBALANCE_IN_PROGRESS while rebalancing', () => {
    const t = setup();
    const answers: JoinGroupResponse[] = [];
    const a = joinMember(t, 'a', answers);
    t.kernel.advanceBy(3100);
    sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([1]) }]);
    t.kernel.advanceBy(10);
    const hb = (memberId: string, generationId: number) => handleHeartbeat(t.c, { apiKey: 'Heartbeat', groupId: 'g', generationId, memberId, groupInstanceId: null });
    expect(hb(a, 1)).toBe('NONE');
    expect(hb(a, 0)).toBe('ILLEGAL_GENERATION');
    expect(hb('nobody', 1)).toBe('UNKNOWN_MEMBER_ID');
    joinMember(t, 'b', answers);
    expect(t.group().state).toBe('PreparingRebalance');
    expect(hb(a, 1)).toBe('REBALANCE_IN_PROGRESS');
  });

  it('CompletingRebalance heartbeats: 2.4 answers REBALANCE_IN_PROGRESS, 3.9 NONE', () => {
    for (const [version, expected] of [['2.4', 'REBALANCE_IN_PROGRESS'], ['3.9', 'NONE']] as const) {
      const t = setup(version);
      const a = joinMember(t, 'a', []);
      t.kernel.advanceBy(3100);
      expect(t.group().state).toBe('CompletingRebalance');
      expect(handleHeartbeat(t.c, { apiKey: 'Heartbeat', groupId: 'g', generationId: 1, memberId: a, groupInstanceId: null })).toBe(expected);
    }
  });

  it('a member that sends no heartbeat within session.timeout.ms is removed and the group rebalances', () => {
    const t = setup();
    const answers: JoinGroupResponse[] = [];
    const a = joinMember(t, 'a', answers);
    const b = joinMember(t, 'b', answers);
    t.kernel.advanceBy(6100); // b joined during the first window, which extends it once
    sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([1]) }, { memberId: b, assignment: new Uint8Array([2]) }]);
    sync(t, b, 1);
    t.kernel.advanceBy(10);
    expect(t.group().state).toBe('Stable');
    for (let i = 0; i < 4; i++) {
      t.kernel.advanceBy(3000);
      handleHeartbeat(t.c, { apiKey: 'Heartbeat', groupId: 'g', generationId: 1, memberId: a, groupInstanceId: null });
    }
    expect(t.group().has(b)).toBe(false);
    expect(t.group().state).toBe('PreparingRebalance');
  });

  it('commits: fenced with ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS while completing, stored when Stable', () => {
    const t = setup();
    const a = joinMember(t, 'a', []);
    const commit = (memberId: string, generationId: number) => {
      const out: KafkaErrorName[] = [];
      handleCommitOffsets(t.c, { apiKey: 'OffsetCommit', groupId: 'g', generationId, memberId, groupInstanceId: null, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: 0, committedMetadata: '' }] }] }, (r) => out.push(r.topics[0]!.partitions[0]!.errorCode));
      t.kernel.advanceBy(5);
      return out[0];
    };
    t.kernel.advanceBy(3100);
    expect(commit(a, 1)).toBe('REBALANCE_IN_PROGRESS');
    sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([1]) }]);
    t.kernel.advanceBy(10);
    expect(commit(a, 0)).toBe('ILLEGAL_GENERATION');
    expect(commit('zombie', 1)).toBe('UNKNOWN_MEMBER_ID');
    expect(commit(a, 1)).toBe('NONE');
    expect(t.group().offsets.get('orders-0')?.offset).toBe(5);
  });

  it('a static member that comes back with a new member id keeps the generation; the old id is fenced', () => {
    const t = setup();
    const answers: JoinGroupResponse[] = [];
    t.c.handleJoinGroup(join('', { groupInstanceId: 'i1' }), { clientId: 'a', clientHost: '/h' }, (r) => answers.push(r));
    t.kernel.advanceBy(3100);
    const oldId = answers[0]!.memberId;
    sync(t, oldId, 1, [{ memberId: oldId, assignment: new Uint8Array([1]) }]);
    t.kernel.advanceBy(10);
    t.c.handleJoinGroup(join('', { groupInstanceId: 'i1' }), { clientId: 'a', clientHost: '/h' }, (r) => answers.push(r));
    t.kernel.advanceBy(10);
    expect(answers[1]).toMatchObject({ errorCode: 'NONE', generationId: 1 });
    expect(answers[1]!.memberId).not.toBe(oldId);
    expect(t.group().state).toBe('Stable');
    expect(handleHeartbeat(t.c, { apiKey: 'Heartbeat', groupId: 'g', generationId: 1, memberId: oldId, groupInstanceId: 'i1' })).toBe('FENCED_INSTANCE_ID');
  });

  it('a failed store of the leader\'s assignment answers every member with the error and rebalances', () => {
    const t = setup('3.9', 'REQUEST_TIMED_OUT');
    const a = joinMember(t, 'a', []);
    t.kernel.advanceBy(3100);
    const answer = sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([1]) }]);
    t.kernel.advanceBy(10);
    expect(answer[0]!.errorCode).toBe('REQUEST_TIMED_OUT');
    expect(t.group().state).toBe('PreparingRebalance');
  });

  it('LeaveGroup removes the member at once and the group becomes Empty', () => {
    const t = setup();
    const a = joinMember(t, 'a', []);
    t.kernel.advanceBy(3100);
    sync(t, a, 1, [{ memberId: a, assignment: new Uint8Array([1]) }]);
    t.kernel.advanceBy(10);
    const r = handleLeaveGroup(t.c, { apiKey: 'LeaveGroup', groupId: 'g', members: [{ memberId: a, groupInstanceId: null }] });
    expect(r.members.map((m) => m.errorCode)).toEqual(['NONE']);
    t.kernel.advanceBy(31_000);
    expect(t.group().state).toBe('Empty');
    expect(t.group().generationId).toBe(2);
  });
});
