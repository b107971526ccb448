import { describe, expect, it } from 'vitest';
import { groupMetadataRecord, groupTombstone, offsetCommitRecord, offsetTombstone, readOffsetsRecord } from './records';
import { hex, unhex } from './testdata/hex';
import { KAFKA_24 } from './testdata/goldenVectors';

const COMMIT = { offset: 5, leaderEpoch: 0, metadata: '', commitTimestamp: 1600000000000, expireTimestamp: null };

describe('__consumer_offsets records', () => {
  it('a commit and its tombstone share the key, so compaction keeps only the latest', () => {
    const commit = offsetCommitRecord('g1', 'orders', 0, COMMIT);
    expect(hex(commit.key)).toBe(KAFKA_24.offsetKeyV1);
    expect(hex(commit.value!)).toBe(KAFKA_24.offsetValueV3);
    const tombstone = offsetTombstone('g1', 'orders', 0);
    expect(tombstone).toEqual({ key: commit.key, value: null });
    expect(readOffsetsRecord(tombstone.key, tombstone.value, '2.4'))
      .toEqual({ kind: 'offset', group: 'g1', topic: 'orders', partition: 0, offset: null });
    expect(readOffsetsRecord(commit.key, commit.value, '3.9')).toEqual({ kind: 'offset', group: 'g1', topic: 'orders', partition: 0, offset: COMMIT });
  });

  it('a group and its tombstone', () => {
    const data = { protocolType: 'consumer', generation: 4, protocol: null, leader: null, currentStateTimestamp: 1600000000123, members: [] };
    const record = groupMetadataRecord('g1', data);
    expect(hex(record.value!)).toBe(KAFKA_24.groupValueV3Empty);
    expect(readOffsetsRecord(record.key, record.value, '3.9'))
      .toMatchObject({ kind: 'group', group: 'g1', metadata: { initialState: 'Empty', generationId: 4 } });
    expect(readOffsetsRecord(groupTombstone('g1').key, null, '2.4')).toEqual({ kind: 'group', group: 'g1', metadata: null });
  });

  it('a missing key fails; an unknown key version is skipped by 3.9 and fails 2.4', () => {
    expect(() => readOffsetsRecord(null, null, '3.9')).toThrow('Group metadata/offset entry key should not be null');
    expect(readOffsetsRecord(unhex('0003'), null, '3.9')).toEqual({ kind: 'unknown', version: 3 });
    expect(() => readOffsetsRecord(unhex('0003'), null, '2.4')).toThrow('Unknown message key schema version 3');
  });
});
