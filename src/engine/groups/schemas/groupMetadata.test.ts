import { describe, expect, it } from 'vitest';
import { KAFKA_VERSIONS } from '../../config/types';
import { decodeGroupMetadataValue, groupMetadataValue, type GroupMetadataValueData } from './groupMetadata';
import { readGroupMessageValue } from './loadedGroup';
import { KAFKA_24, KAFKA_39 } from './testdata/goldenVectors';
import { hex, unhex } from './testdata/hex';

const STATE_TS = 1600000000123;

/** The group Golden24.java / Golden39.java write: two members, the second static. */
function twoMemberGroup(subscription: string, assignment1: string, assignment2: string): GroupMetadataValueData {
  return {
    protocolType: 'consumer', generation: 3, protocol: 'range', leader: 'c1-m1', currentStateTimestamp: STATE_TS,
    members: [
      {
        memberId: 'c1-m1', groupInstanceId: null, clientId: 'c1', clientHost: '/10.0.0.1', rebalanceTimeout: 300000,
        sessionTimeout: 10000, subscription: unhex(subscription), assignment: unhex(assignment1),
      },
      {
        memberId: 'i2-m2', groupInstanceId: 'i2', clientId: 'c2', clientHost: '/10.0.0.2', rebalanceTimeout: 300000,
        sessionTimeout: 10000, subscription: unhex(subscription), assignment: unhex(assignment2),
      },
    ],
  };
}

const GROUP_24 = twoMemberGroup(KAFKA_24.memberSubscription, KAFKA_24.member1Assignment, KAFKA_24.member2Assignment);
const GROUP_39 = twoMemberGroup(KAFKA_39.memberSubscription, KAFKA_39.member1Assignment, KAFKA_39.member2Assignment);

/** What a version can carry: older versions drop fields, which read back as their defaults. */
function asReadBack(data: GroupMetadataValueData, version: number): GroupMetadataValueData {
  return {
    ...data,
    currentStateTimestamp: version >= 2 ? data.currentStateTimestamp : -1,
    members: data.members.map((member) => ({
      ...member,
      groupInstanceId: version >= 3 ? member.groupInstanceId : null,
      rebalanceTimeout: version >= 1 ? member.rebalanceTimeout : -1,
    })),
  };
}

describe('GroupMetadataValue', () => {
  it('an empty group, v3, derived field by field', () => {
    const expected = [
      '0003', //                  int16 value version 3
      '0008', '636f6e73756d6572', // STRING protocol_type "consumer"
      '00000004', //              INT32 generation 4
      'ffff', //                  NULLABLE_STRING protocol: null (no members, no protocol)
      'ffff', //                  NULLABLE_STRING leader: null
      '00000174876e807b', //      INT64 current_state_timestamp 1600000000123
      '00000000', //              ARRAY members: 0 entries
    ].join('');
    const empty: GroupMetadataValueData = {
      protocolType: 'consumer', generation: 4, protocol: null, leader: null, currentStateTimestamp: STATE_TS, members: [],
    };
    expect(hex(groupMetadataValue(empty))).toBe(expected);
    expect(hex(groupMetadataValue(empty))).toBe(KAFKA_24.groupValueV3Empty);
  });

  it('a member in v3, derived field by field (the start of the golden record)', () => {
    const member = [
      '0005', '63312d6d31', //    STRING member_id "c1-m1"
      'ffff', //                  NULLABLE_STRING group_instance_id: null (dynamic member)
      '0002', '6331', //          STRING client_id "c1"
      '0009', '2f31302e302e302e31', // STRING client_host "/10.0.0.1"
      '000493e0', //              INT32 rebalance_timeout 300000
      '00002710', //              INT32 session_timeout 10000
      '00000016', //              BYTES subscription: 22 bytes follow (a v1 ConsumerProtocolSubscription)
    ].join('');
    expect(hex(groupMetadataValue(GROUP_24))).toContain(member);
  });

  it('every version 0–3 matches Kafka 2.4.1 (Struct) and 3.9 (generated GroupMetadataValue)', () => {
    for (const version of [0, 1, 2, 3] as const) {
      expect(hex(groupMetadataValue(GROUP_24, version)), `2.4 v${version}`).toBe(KAFKA_24[`groupValueV${version}`]);
      expect(hex(groupMetadataValue(GROUP_39, version)), `3.9 v${version}`).toBe(KAFKA_39[`groupValueV${version}`]);
    }
  });

  it('round-trips every version in both profiles', () => {
    for (const profile of KAFKA_VERSIONS) {
      for (const version of [0, 1, 2, 3]) {
        expect(decodeGroupMetadataValue(groupMetadataValue(GROUP_39, version), profile))
          .toEqual({ version, data: asReadBack(GROUP_39, version) });
      }
    }
  });

  it('3.9 reads the flexible v4; 2.4 does not know it', () => {
    const v4 = unhex(KAFKA_39.groupValueV4);
    expect(decodeGroupMetadataValue(v4, '3.9')).toEqual({ version: 4, data: GROUP_39 });
    expect(() => decodeGroupMetadataValue(v4, '2.4')).toThrow('Unknown group metadata version 4');
  });

  it('unknown versions are a clear error; writing members without a protocol is refused', () => {
    const v9 = unhex('0009' + '0008636f6e73756d6572');
    expect(() => decodeGroupMetadataValue(v9, '3.9')).toThrow('Unknown group metadata message version: 9');
    expect(() => decodeGroupMetadataValue(v9, '2.4')).toThrow('Unknown group metadata version 9');
    expect(() => groupMetadataValue(GROUP_39, 4)).toThrow('Unknown group metadata version 4');
    expect(() => groupMetadataValue({ ...GROUP_39, protocol: null }))
      .toThrow('Attempted to write non-empty group metadata with no defined protocol');
  });

  it('a truncated member names the nested field', () => {
    const bytes = groupMetadataValue(GROUP_39).subarray(0, 60);
    expect(() => decodeGroupMetadataValue(bytes, '3.9')).toThrow(/^Error reading field 'members': Error reading field '/);
  });
});

describe('readGroupMessageValue (GroupMetadata.loadGroup)', () => {
  it('a tombstone stays null', () => {
    expect(readGroupMessageValue('g1', null, '3.9')).toBeNull();
  });

  it('loads members as Stable, an empty record as Empty with no protocol type when it is ""', () => {
    const group = readGroupMessageValue('g1', unhex(KAFKA_39.groupValueV3), '3.9')!;
    expect(group).toMatchObject({
      groupId: 'g1', initialState: 'Stable', generationId: 3, protocolType: 'consumer', protocol: 'range',
      leaderId: 'c1-m1', currentStateTimestamp: STATE_TS, version: 3,
    });
    expect(group.members.map((member) => [member.memberId, member.groupInstanceId, member.isStaticMember]))
      .toEqual([['c1-m1', null, false], ['i2-m2', 'i2', true]]);
    expect(group.members[0]!.supportedProtocols[0]![0]).toBe('range');
    const empty = groupMetadataValue({ protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: -1, members: [] });
    expect(readGroupMessageValue('g2', empty, '3.9')).toMatchObject({ initialState: 'Empty', protocolType: null, currentStateTimestamp: null });
  });

  it('a v0 member takes its session timeout as rebalance timeout', () => {
    const group = readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV0), '2.4')!;
    expect(group.members[0]).toMatchObject({ sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000 });
  });

  it('2.4 reads current_state_timestamp only from v2 (KAFKA-10401, fixed in 2.7); 3.9 from v2+', () => {
    expect(readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV2), '2.4')!.currentStateTimestamp).toBe(STATE_TS);
    expect(readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV3), '2.4')!.currentStateTimestamp).toBeNull();
    expect(readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV3), '3.9')!.currentStateTimestamp).toBe(STATE_TS);
  });

  it('2.4 loads every v3 member as static (Some(null) instance id); 3.9 only those with an id', () => {
    const in24 = readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV3), '2.4')!;
    expect(in24.members.map((member) => member.isStaticMember)).toEqual([true, true]);
    const v2In24 = readGroupMessageValue('g1', unhex(KAFKA_24.groupValueV2), '2.4')!;
    expect(v2In24.members.map((member) => member.isStaticMember)).toEqual([false, false]);
  });
});
