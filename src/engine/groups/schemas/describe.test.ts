import { describe, expect, it } from 'vitest';
import { describeOffsetsRecord } from './describe';
import { groupMetadataKey, groupMetadataValue, type GroupMetadataValueData } from './groupMetadata';
import { offsetCommitKey, offsetCommitValue } from './offsetCommit';
import { KAFKA_24 } from './testdata/goldenVectors';
import { unhex } from './testdata/hex';

// The expected lines follow the toString methods the formatters call: GroupTopicPartition "[%s,%s,%d]",
// kafka.common.OffsetAndMetadata, GroupMetadata and MemberMetadata (2.4.1 and 3.9 core/…/coordinator/group).

const KEY = offsetCommitKey('g1', 'orders', 0);

describe('describeOffsetsRecord: offset commits (OffsetsMessageFormatter)', () => {
  it('a v3 commit', () => {
    const value = offsetCommitValue({ offset: 5, leaderEpoch: 0, metadata: '', commitTimestamp: 1600000000000, expireTimestamp: null });
    expect(describeOffsetsRecord(KEY, value, '2.4')).toEqual({
      kind: 'offset',
      formatted: '[g1,orders,0]::OffsetAndMetadata(offset=5, leaderEpoch=Optional[0], metadata=, '
        + 'commitTimestamp=1600000000000, expireTimestamp=None)',
      summary: 'Group g1 committed offset 5 for orders-0 (leader epoch 0) at 1600000000000 ms.',
    });
  });

  it('a v1 commit with a retention time', () => {
    const description = describeOffsetsRecord(KEY, unhex(KAFKA_24.offsetValueV1), '3.9');
    expect(description.formatted).toBe('[g1,orders,0]::OffsetAndMetadata(offset=42, leaderEpoch=Optional.empty, '
      + 'metadata=m, commitTimestamp=1600000000000, expireTimestamp=Some(1600086400000))');
    expect(description.summary).toBe(
      'Group g1 committed offset 42 for orders-0 with metadata "m" at 1600000000000 ms, to expire at 1600086400000 ms.');
  });

  it('a tombstone prints NULL', () => {
    expect(describeOffsetsRecord(KEY, null, '3.9')).toEqual({
      kind: 'offset', formatted: '[g1,orders,0]::NULL',
      summary: 'Group g1 no longer has a committed offset for orders-0 (a tombstone).',
    });
  });
});

const ONE_MEMBER: GroupMetadataValueData = {
  protocolType: 'consumer', generation: 3, protocol: 'range', leader: 'c1-m1', currentStateTimestamp: 1600000000123,
  members: [{
    memberId: 'c1-m1', groupInstanceId: null, clientId: 'c1', clientHost: '/10.0.0.1', rebalanceTimeout: 300000,
    sessionTimeout: 10000, subscription: unhex(KAFKA_24.memberSubscription), assignment: unhex(KAFKA_24.member1Assignment),
  }],
};

describe('describeOffsetsRecord: group metadata (GroupMetadataMessageFormatter)', () => {
  it('3.9 (Scala 2.13: HashMap(…), no stray comma, a dynamic member has no instance id)', () => {
    const description = describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(ONE_MEMBER), '3.9');
    expect(description.formatted).toBe('g1::GroupMetadata(groupId=g1, generation=3, protocolType=Some(consumer), '
      + 'currentState=Stable, members=HashMap(c1-m1 -> MemberMetadata(memberId=c1-m1, groupInstanceId=None, '
      + 'clientId=c1, clientHost=/10.0.0.1, sessionTimeoutMs=10000, rebalanceTimeoutMs=300000, supportedProtocols=List(range))))');
    expect(description.summary).toBe('Group g1 is stable at generation 3 with 1 member (c1-m1), protocol range, leader c1-m1.');
    expect(description.assignment).toEqual({ 'c1-m1': ['orders-0', 'orders-1'] });
  });

  it('assignments of every member are decoded for consumer groups only', () => {
    const two = unhex(KAFKA_24.groupValueV3);
    expect(describeOffsetsRecord(groupMetadataKey('g1'), two, '2.4').assignment)
      .toEqual({ 'c1-m1': ['orders-0', 'orders-1'], 'i2-m2': ['orders-2'] });
    const connect = { ...ONE_MEMBER, protocolType: 'connect' };
    expect(describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(connect), '3.9').assignment).toBeUndefined();
    const garbled = { ...ONE_MEMBER, members: [{ ...ONE_MEMBER.members[0]!, assignment: new Uint8Array([0, 0, 0]) }] };
    const description = describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(garbled), '3.9');
    expect(description.kind).toBe('group');
    expect(description.assignment).toBeUndefined();
  });

  it('2.4 (Scala 2.12: Map(…), MemberMetadata ends in ", )", a v3 member loads as Some(null))', () => {
    const description = describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(ONE_MEMBER), '2.4');
    expect(description.formatted).toBe('g1::GroupMetadata(groupId=g1, generation=3, protocolType=Some(consumer), '
      + 'currentState=Stable, members=Map(c1-m1 -> MemberMetadata(memberId=c1-m1, groupInstanceId=Some(null), '
      + 'clientId=c1, clientHost=/10.0.0.1, sessionTimeoutMs=10000, rebalanceTimeoutMs=300000, supportedProtocols=List(range), )))');
  });

  it('a static member, an empty group, a removed group', () => {
    const staticMember = { ...ONE_MEMBER, members: [{ ...ONE_MEMBER.members[0]!, groupInstanceId: 'i1' }] };
    expect(describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(staticMember), '2.4').formatted)
      .toContain('groupInstanceId=Some(i1)');
    const empty = { ...ONE_MEMBER, protocol: null, leader: null, generation: 4, members: [] };
    expect(describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(empty), '3.9')).toEqual({
      kind: 'group',
      formatted: 'g1::GroupMetadata(groupId=g1, generation=4, protocolType=Some(consumer), currentState=Empty, members=HashMap())',
      summary: 'Group g1 is empty at generation 4.',
      assignment: {},
    });
    expect(describeOffsetsRecord(groupMetadataKey('g1'), null, '3.9'))
      .toEqual({ kind: 'group', formatted: 'g1::NULL', summary: 'Group g1 was removed (a tombstone).' });
  });

  it('a group that only commits offsets has protocolType None', () => {
    const offsetsOnly = { protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: -1, members: [] };
    expect(describeOffsetsRecord(groupMetadataKey('g1'), groupMetadataValue(offsetsOnly), '2.4').formatted)
      .toBe('g1::GroupMetadata(groupId=g1, generation=0, protocolType=None, currentState=Empty, members=Map())');
  });
});

describe('describeOffsetsRecord: records the formatters skip or cannot read', () => {
  it('no key, an unknown key version (3.9), undecodable bytes', () => {
    expect(describeOffsetsRecord(null, null)).toMatchObject({ kind: 'invalid', formatted: null });
    const unknownKey = unhex('0007' + '0002' + '6731');
    expect(describeOffsetsRecord(unknownKey, null, '3.9')).toMatchObject({ kind: 'unknown', formatted: null });
    expect(describeOffsetsRecord(unknownKey, null, '2.4')).toEqual({
      kind: 'invalid', formatted: null,
      summary: 'A record the coordinator cannot decode: Unknown message key schema version 7',
    });
    expect(describeOffsetsRecord(KEY, unhex('0009'), '3.9').summary).toContain('Unknown offset message version: 9');
  });
});
