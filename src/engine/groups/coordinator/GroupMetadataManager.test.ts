import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../kernel';
import type { KafkaErrorName } from '../../protocol';
import { iterateBatches } from '../../record';
import { GroupMetadata } from './GroupMetadata';
import { GroupMetadataManager, type OffsetsTopicRecord } from './GroupMetadataManager';
import { MemberMetadata } from './MemberMetadata';

function setup(appendError: KafkaErrorName = 'NONE') {
  const kernel = new SimKernel({ seed: 1 });
  const log: OffsetsTopicRecord[] = [];
  const loaded: string[] = [];
  const unloaded: string[] = [];
  const manager = new GroupMetadataManager({
    kernel,
    actor: 'coordinator 0',
    kafkaVersion: '3.9',
    numPartitions: () => 1,
    log: {
      append: (_p, batch, respond) => {
        if (appendError === 'NONE') for (const b of iterateBatches(batch)) for (const r of b.records()) log.push({ key: r.key, value: r.value });
        kernel.schedule(1, 'append', () => respond(appendError));
      },
      readAll: () => log,
    },
    onGroupLoaded: (g) => loaded.push(`${g.groupId}:${g.state}:${g.generationId}`),
    onGroupUnloaded: (g) => unloaded.push(`${g.groupId}:${g.state}`),
  });
  return { kernel, manager, log, loaded, unloaded };
}

function stableGroup(): GroupMetadata {
  const g = new GroupMetadata('g1', 'Empty', 0);
  const m = new MemberMetadata('c1-x', null, 'c1', '/h', 30000, 10000, 'consumer', [{ name: 'range', metadata: new Uint8Array([0, 1, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0]) }]);
  g.add(m, null);
  g.transitionTo('PreparingRebalance', 0);
  g.initNextGeneration(0);
  return g;
}

describe('GroupMetadataManager', () => {
  it('writes group and offset records a new leader loads back (the last record per key wins)', () => {
    const t = setup();
    t.manager.onElection(0);
    t.kernel.advanceBy(100);
    const g = t.manager.addGroup(stableGroup());
    t.manager.storeGroup(g, new Map([['c1-x', new Uint8Array([9])]]), () => {});
    const offsets = (n: number) => new Map([['orders-0', { offset: n, leaderEpoch: 0, metadata: '', commitTimestamp: 1, expireTimestamp: null }]]);
    t.manager.storeOffsets(g, 'c1-x', offsets(5), () => {});
    t.manager.storeOffsets(g, 'c1-x', offsets(9), () => {});
    t.kernel.advanceBy(10);
    expect(t.log.length).toBe(3);

    const other = setup();
    other.log.push(...t.log);
    other.manager.onElection(0);
    expect(other.manager.isGroupLoading('g1')).toBe(true);
    other.kernel.advanceBy(100);
    expect(other.loaded).toEqual(['g1:Stable:1']);
    expect(other.manager.getGroup('g1')!.offsets.get('orders-0')?.offset).toBe(9);
    expect(other.manager.getGroup('g1')!.get('c1-x').assignment).toEqual(new Uint8Array([9]));
    other.manager.onResignation(0);
    expect(other.unloaded).toEqual(['g1:Stable']);
    expect(other.manager.getGroup('g1')).toBeUndefined();
  });

  it('maps a failed append as Kafka does: storeGroup REQUEST_TIMED_OUT → REBALANCE_IN_PROGRESS, NOT_ENOUGH_REPLICAS → COORDINATOR_NOT_AVAILABLE; commits keep the timeout', () => {
    for (const [append, group, commit] of [['REQUEST_TIMED_OUT', 'REBALANCE_IN_PROGRESS', 'REQUEST_TIMED_OUT'], ['NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_NOT_AVAILABLE'], ['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR', 'NOT_COORDINATOR'], ['MESSAGE_TOO_LARGE', 'UNKNOWN_SERVER_ERROR', 'INVALID_COMMIT_OFFSET_SIZE']] as const) {
      const t = setup(append);
      t.manager.onElection(0);
      t.kernel.advanceBy(100);
      const g = t.manager.addGroup(stableGroup());
      const seen: string[] = [];
      t.manager.storeGroup(g, new Map(), (e) => seen.push(e));
      t.manager.storeOffsets(g, 'c1-x', new Map([['orders-0', { offset: 1, leaderEpoch: null, metadata: '', commitTimestamp: 1, expireTimestamp: null }]]), (errors) => seen.push(errors.get('orders-0')!));
      t.kernel.advanceBy(10);
      expect(seen).toEqual([group, commit]);
      expect(g.offsets.size).toBe(0);
    }
  });

  it('skips a record that is not a group or offset record instead of failing the load', () => {
    const t = setup();
    t.log.push({ key: new Uint8Array([0x78]), value: new Uint8Array([1]) });
    t.manager.onElection(0);
    t.kernel.advanceBy(100);
    expect(t.manager.isGroupLocal('g1')).toBe(true);
    expect(t.kernel.log.recent().some((e) => e.text.includes('skipped 1 record'))).toBe(true);
  });
});
