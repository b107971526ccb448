/**
 * The leader's HW and ISR rules, against Kafka's PartitionTest (kafka-semantics.md §3.9) and
 * the worked truncation example of §3.8. The lab writes an ISR change synchronously (no
 * AlterPartition in flight), so the "pending" stages of those tests collapse into one step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { UnifiedLog } from '../log';
import { batchOf, testConfig } from '../log/testSupport';
import type { LeaderAndIsrPartitionState } from '../protocol';
import { initCodecs } from '../record';
import { Partition, type ReplicationRules } from './Partition';
import { truncateOnDivergingEpoch } from './replication/followerFetch';

beforeAll(async () => {
  await initCodecs();
});

const LAG_MS = 30_000;

function newLog(): UnifiedLog {
  return new UnifiedLog({ topic: 't', partition: 0, config: testConfig(), nowMs: 0, sink: { submit: () => {} }, onEvent: () => {} });
}

function stateOf(leader: number, leaderEpoch: number, isr: number[], replicas = [0, 1, 2]): LeaderAndIsrPartitionState {
  return { topicName: 't', partitionIndex: 0, controllerEpoch: 1, leader, leaderEpoch, isr, partitionEpoch: 0, replicas, isNew: false };
}

function rules(nowMs: number, overrides: Partial<ReplicationRules> = {}): ReplicationRules {
  return { freezeHwUnderMinIsr: true, minInsyncReplicas: 1, replicaLagTimeMaxMs: LAG_MS, nowMs, ...overrides };
}

function append(p: Partition, records: number, nowMs: number, r = rules(nowMs)): void {
  const result = p.appendRecordsToLeader(batchOf(records, 10, nowMs), 1, r);
  if (result.kind !== 'appended') throw new Error(`append failed: ${JSON.stringify(result)}`);
}

describe('Partition (PartitionTest)', () => {
  it('a follower does not join the ISR until it reaches the offset where the current leader epoch starts', () => {
    const p = new Partition('t', 0, 0, newLog());
    p.applyState(stateOf(0, 8, [0, 2]), 0);
    append(p, 2, 0);
    append(p, 3, 0);
    expect(p.log!.highWatermark).toBe(0);
    p.updateFollowerFetchState(2, 0, 1);
    p.maybeIncrementLeaderHW(rules(1));
    p.updateFollowerFetchState(2, 1, 2);
    p.maybeIncrementLeaderHW(rules(2));
    expect(p.log!.highWatermark).toBe(1);
    // Leadership moves away and back: epoch 10 starts at the LEO, 5.
    p.applyState(stateOf(2, 9, [0, 2]), 3);
    p.applyState(stateOf(0, 10, [0, 2]), 4);
    expect(p.leaderEpochStartOffset).toBe(5);
    append(p, 1, 5);
    p.updateFollowerFetchState(1, 0, 6);
    expect(p.followerToAdd(1)).toBe(false);
    p.updateFollowerFetchState(1, 1, 7);
    expect(p.followerToAdd(1)).toBe(false); // at the HW, but below the epoch start offset
    p.updateFollowerFetchState(1, 5, 8);
    expect(p.followerToAdd(1)).toBe(true);
  });

  it('shrinks the ISR after replica.lag.time.max.ms; the HW then moves to the LEO', () => {
    const p = new Partition('t', 0, 0, newLog());
    p.applyState(stateOf(0, 5, [0, 1, 2]), 0);
    append(p, 10, 0);
    p.updateFollowerFetchState(1, 10, 0);
    p.maybeIncrementLeaderHW(rules(0));
    expect(p.log!.highWatermark).toBe(0); // replica 2 never fetched, but counts as caught up at first
    expect(p.outOfSyncReplicas(rules(LAG_MS))).toEqual([]);
    p.updateFollowerFetchState(1, 10, LAG_MS);
    expect(p.outOfSyncReplicas(rules(LAG_MS + 1))).toEqual([2]);
    p.isrUpdated([0, 1], 2);
    expect(p.maybeIncrementLeaderHW(rules(LAG_MS + 1))).toBe(true);
    expect(p.log!.highWatermark).toBe(10);
  });

  it('lastCaughtUpTimeMs: a fetch from the LEO the leader had at the previous fetch counts as caught up then', () => {
    const p = new Partition('t', 0, 0, newLog());
    p.applyState(stateOf(0, 1, [0, 1]), 0);
    append(p, 2, 0);
    p.updateFollowerFetchState(1, 2, 1000); // caught up at 1000
    append(p, 3, 1500);
    p.updateFollowerFetchState(1, 2, 2000); // behind the LEO (5), but at the LEO of its previous fetch (2): caught up as of 1000
    expect(p.followers.get(1)!.lastCaughtUpTimeMs).toBe(1000);
    p.updateFollowerFetchState(1, 5, 2500); // at the leader's LEO now: caught up now
    expect(p.followers.get(1)!.lastCaughtUpTimeMs).toBe(2500);
  });

  it('3.9 does not advance the HW while the ISR is under min.insync.replicas; 2.4 does', () => {
    for (const freeze of [true, false]) {
      const p = new Partition('t', 0, 0, newLog());
      p.applyState(stateOf(0, 1, [0, 1]), 0);
      const r = rules(0, { freezeHwUnderMinIsr: freeze, minInsyncReplicas: 3 });
      append(p, 4, 0, r);
      p.updateFollowerFetchState(1, 4, 1);
      p.updateFollowerFetchState(2, 4, 1);
      p.maybeIncrementLeaderHW(r);
      expect(p.log!.highWatermark).toBe(freeze ? 0 : 4);
      p.isrUpdated([0, 1, 2], 1);
      p.maybeIncrementLeaderHW(r);
      expect(p.log!.highWatermark).toBe(4);
    }
  });

  it('acks=all is refused before the append when the ISR is under min.insync.replicas (2.4 as set, 3.9 capped at the RF)', () => {
    const p = new Partition('t', 0, 0, newLog());
    p.applyState(stateOf(0, 1, [0, 1, 2]), 0);
    const batch = batchOf(1, 10, 0);
    expect(p.appendRecordsToLeader(batch, -1, rules(0, { minInsyncReplicas: 4, freezeHwUnderMinIsr: false }))).toMatchObject({ kind: 'error', errorCode: 'NOT_ENOUGH_REPLICAS' });
    expect(p.appendRecordsToLeader(batch, -1, rules(0, { minInsyncReplicas: 4, freezeHwUnderMinIsr: true }))).toMatchObject({ kind: 'appended' });
  });
});

describe('diverging-epoch truncation (kafka-semantics.md §3.8 worked example)', () => {
  it('the leader answers DivergingEpoch(0, 3) and the follower truncates to 3', () => {
    const leader = new Partition('t', 0, 0, newLog());
    leader.log!.appendAsLeader(batchOf(3, 10, 0), 0, 0);
    leader.log!.appendAsLeader(batchOf(3, 10, 0), 2, 0); // epoch 2 from offset 3; LEO 6
    leader.applyState(stateOf(0, 2, [0, 1]), 0);
    const follower = new Partition('t', 0, 1, newLog());
    follower.log!.appendAsLeader(batchOf(3, 10, 0), 0, 0);
    follower.log!.appendAsLeader(batchOf(2, 10, 0), 1, 0); // epoch 1 at 3–4, written by a deposed leader; LEO 5
    follower.applyState(stateOf(0, 2, [0, 1]), 0);
    const response = leader.fetchRecords(5, 2, 1 << 20, false, true, 1);
    expect(response.divergingEpoch).toEqual({ epoch: 0, endOffset: 3 });
    const said: string[] = [];
    truncateOnDivergingEpoch(follower, 0, response.divergingEpoch!, { emit: (t) => said.push(typeof t === 'string' ? t : t()) });
    expect(follower.log!.logEndOffset).toBe(3);
    expect(follower.log!.leaderEpochCache.entries()).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(said.join('\n')).toContain('removing offsets 3–4');
  });
});
