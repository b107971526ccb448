import { describe, expect, it } from 'vitest';
import type { ConsumerView } from '../../engine/snapshot';
import { addMemberCommands, memberConfig, nextConsumerId, parsePerRecordMs } from './groupActions';
import { parseOwnersKey, partitionOwners, selectTileOwnersKey } from './memberColours';
import type { LabStoreState } from '../../runtime/store';

function consumer(id: string, extra: Partial<ConsumerView> = {}): ConsumerView {
  return { id, clientId: id, config: {}, assignment: [], polling: false, recordsConsumed: 0, recentRecords: [], lastError: null, ...extra };
}

const member = (id: string, groupId: string, config: Record<string, string> = {}) =>
  consumer(id, { config, group: { groupId, memberId: `${id}-m`, generation: 1, memberState: 'STABLE', subscription: ['orders'], coordinator: 0 } });

describe('group actions', () => {
  it('names a new consumer one past the highest consumer-N', () => {
    expect(nextConsumerId([])).toBe('consumer-1');
    expect(nextConsumerId([consumer('consumer-1'), consumer('c9'), consumer('consumer-4')])).toBe('consumer-5');
  });

  it('a new member copies the group settings its running members changed, and subscribes and polls', () => {
    const template = member('consumer-2', 'g1', { 'session.timeout.ms': '10000', 'max.poll.records': '500', 'group.id': 'g1' });
    expect(memberConfig('3.9', 'g1', template)).toEqual({ 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'session.timeout.ms': '10000' });
    const commands = addMemberCommands('3.9', [consumer('consumer-1'), template], 'g1', ['payments']);
    expect(commands).toEqual([
      { type: 'consumer', id: 'consumer-3', config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest', 'session.timeout.ms': '10000' } },
      { type: 'subscribe', consumer: 'consumer-3', topics: ['orders'] },
      { type: 'start-polling', consumer: 'consumer-3' },
    ]);
  });

  it('the first member of a group subscribes to the chosen topics; crashed members are no template', () => {
    const crashed = { ...member('consumer-1', 'g1', { 'session.timeout.ms': '6000' }), ended: 'crashed' as const };
    const commands = addMemberCommands('2.4', [crashed], 'g1', ['payments']);
    expect(commands[0]).toEqual({ type: 'consumer', id: 'consumer-2', config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest' } });
    expect(commands[1]).toEqual({ type: 'subscribe', consumer: 'consumer-2', topics: ['payments'] });
  });

  it('reads a processing time per record', () => {
    expect(parsePerRecordMs('200')).toBe(200);
    expect(parsePerRecordMs('0')).toBe(0);
    expect(typeof parsePerRecordMs('-1')).toBe('string');
    expect(typeof parsePerRecordMs('1.5')).toBe('string');
  });
});

describe('partition owners', () => {
  it('maps each partition to its owner per group with the consumer colour, as a stable key', () => {
    const consumers = [consumer('consumer-1'), consumer('consumer-2'), consumer('consumer-3')];
    const part = (tp: string) => ({ tp, committed: null, position: null, highWatermark: null, lag: null });
    const groups = [
      { groupId: 'g1', coordinator: 0, state: 'Stable', generation: 1, protocol: 'range', leaderClientId: 'consumer-2', committed: [],
        members: [
          { memberId: 'a', clientId: 'consumer-2', consumerId: 'consumer-2', groupInstanceId: null, partitions: [part('orders-0')], lag: 0 },
          { memberId: 'b', clientId: 'consumer-3', consumerId: 'consumer-3', groupInstanceId: null, partitions: [part('orders-1')], lag: 0 },
        ] },
    ];
    const owners = partitionOwners(groups, consumers);
    expect(owners.get('orders-1')).toEqual([{ consumerId: 'consumer-3', colour: 2, groupId: 'g1' }]);
    expect(partitionOwners(groups, consumers)).toBe(owners);
    const state = { snapshot: { groups, consumers } } as unknown as LabStoreState;
    const key = selectTileOwnersKey('orders-0')(state);
    expect(key).toBe('consumer-2:1:g1');
    expect(parseOwnersKey(key)).toEqual([{ consumerId: 'consumer-2', colour: 1, groupId: 'g1' }]);
    expect(selectTileOwnersKey('orders-5')(state)).toBe('');
  });
});
