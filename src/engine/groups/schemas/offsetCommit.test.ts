import { describe, expect, it } from 'vitest';
import { KAFKA_VERSIONS } from '../../config/types';
import {
  decodeOffsetCommitValue, encodeOffsetCommitValue, offsetCommitKey, offsetCommitValue, readOffsetMessageValue,
  type OffsetCommitValueData,
} from './offsetCommit';
import { readMessageKey } from './messageKey';
import { groupMetadataKey } from './groupMetadata';
import { KAFKA_24, KAFKA_39 } from './testdata/goldenVectors';
import { hex, unhex } from './testdata/hex';

describe('OffsetCommitKey', () => {
  it('is written as v1 {group, topic, partition}, derived field by field', () => {
    const expected = [
      '0001', //             int16 key version 1 (offset commit)
      '0002', '6731', //     STRING group: length 2, "g1"
      '0006', '6f7264657273', // STRING topic: length 6, "orders"
      '00000000', //         INT32 partition 0
    ].join('');
    expect(hex(offsetCommitKey('g1', 'orders', 0))).toBe(expected);
  });

  it('matches Kafka 2.4.1 (Struct) and 3.9 (generated OffsetCommitKey), including a UTF-8 group', () => {
    expect(hex(offsetCommitKey('g1', 'orders', 0))).toBe(KAFKA_24.offsetKeyV1);
    expect(hex(offsetCommitKey('g1', 'orders', 0))).toBe(KAFKA_39.offsetKeyV1);
    // "grüppe" is 6 chars but 7 UTF-8 bytes: the length prefix counts bytes.
    expect(hex(offsetCommitKey('grüppe', 't', 49))).toBe(KAFKA_24.offsetKeyUtf8);
  });

  it('reads v0 and v1 keys as offset keys in both profiles', () => {
    for (const profile of KAFKA_VERSIONS) {
      expect(readMessageKey(unhex(KAFKA_24.offsetKeyV0), profile))
        .toEqual({ kind: 'offset', version: 0, group: 'g1', topic: 'orders', partition: 0 });
      expect(readMessageKey(unhex(KAFKA_39.offsetKeyV1), profile))
        .toEqual({ kind: 'offset', version: 1, group: 'g1', topic: 'orders', partition: 0 });
      expect(readMessageKey(offsetCommitKey('grüppe', 't', 49), profile))
        .toMatchObject({ group: 'grüppe', topic: 't', partition: 49 });
    }
  });

  it('an unknown key version: an error in 2.4, an UnknownKey in 3.9', () => {
    const key = unhex('0005' + '0002' + '6731');
    expect(() => readMessageKey(key, '2.4')).toThrow('Unknown message key schema version 5');
    expect(readMessageKey(key, '3.9')).toEqual({ kind: 'unknown', version: 5 });
  });

  it('a truncated key names the field that ran out', () => {
    // 12 bytes: version (2) + "g1" (2 + 2) + the topic's length (2) leave 4 of "orders".
    const truncated = offsetCommitKey('g1', 'orders', 0).subarray(0, 12);
    expect(() => readMessageKey(truncated, '3.9'))
      .toThrow("Error reading field 'topic': Error reading string of length 6, only 4 bytes available");
  });

  it('a null where a STRING must be, and an empty key, are errors too', () => {
    expect(() => readMessageKey(unhex('0002' + 'ffff'), '3.9')).toThrow("Error reading field 'group': String length -1 cannot be negative");
    expect(() => readMessageKey(new Uint8Array(1), '2.4')).toThrow('java.nio.BufferUnderflowException');
  });

  it('GroupMetadataKey is v2 {group}', () => {
    expect(hex(groupMetadataKey('g1'))).toBe('0002' + '0002' + '6731');
    expect(hex(groupMetadataKey('g1'))).toBe(KAFKA_24.groupKey);
    expect(hex(groupMetadataKey('g1'))).toBe(KAFKA_39.groupKey);
    expect(readMessageKey(groupMetadataKey('g1'), '2.4')).toEqual({ kind: 'group', version: 2, group: 'g1' });
  });
});

const COMMIT_TS = 1600000000000;

describe('OffsetCommitValue', () => {
  it('v3 by default, derived field by field', () => {
    const expected = [
      '0003', //               int16 value version 3
      '0000000000000005', //   INT64 offset 5
      '00000000', //           INT32 leader_epoch 0
      '0000', //               STRING metadata: length 0, ""
      '00000174876e8000', //   INT64 commit_timestamp 1600000000000 = 0x174876E8000
    ].join('');
    const bytes = offsetCommitValue({ offset: 5, leaderEpoch: 0, metadata: '', commitTimestamp: COMMIT_TS, expireTimestamp: null });
    expect(hex(bytes)).toBe(expected);
    expect(hex(bytes)).toBe(KAFKA_24.offsetValueV3);
  });

  it('an unknown leader epoch is written as -1', () => {
    const bytes = offsetCommitValue({ offset: 5, leaderEpoch: null, metadata: '', commitTimestamp: COMMIT_TS, expireTimestamp: null });
    expect(hex(bytes)).toBe(KAFKA_24.offsetValueV3NoEpoch);
  });

  it('v1 when the commit carries a retention time (expire_timestamp), derived field by field', () => {
    const expected = [
      '0001', //               int16 value version 1
      '000000000000002a', //   INT64 offset 42
      '0001', '6d', //         STRING metadata "m"
      '00000174876e8000', //   INT64 commit_timestamp 1600000000000
      '000001748c94dc00', //   INT64 expire_timestamp 1600086400000 (one day later)
    ].join('');
    const bytes = offsetCommitValue({ offset: 42, leaderEpoch: 7, metadata: 'm', commitTimestamp: COMMIT_TS, expireTimestamp: 1600086400000 });
    expect(hex(bytes)).toBe(expected);
    expect(hex(bytes)).toBe(KAFKA_24.offsetValueV1);
  });

  const data: OffsetCommitValueData = { offset: 42, leaderEpoch: 7, metadata: 'm', commitTimestamp: COMMIT_TS, expireTimestamp: 1600086400000 };

  it('every version 0–3 matches Kafka 2.4.1 and 3.9 byte for byte', () => {
    for (const version of [0, 1, 2, 3] as const) {
      const bytes = hex(encodeOffsetCommitValue(data, version));
      expect(bytes, `v${version}`).toBe(KAFKA_39[`offsetValueV${version}`]);
      if (version !== 3) expect(bytes, `v${version}`).toBe(KAFKA_24[`offsetValueV${version}`]);
    }
  });

  it('round-trips every version, fields a version lacks reading as -1', () => {
    const expected: Record<number, OffsetCommitValueData> = {
      0: { ...data, leaderEpoch: -1, expireTimestamp: -1 },
      1: { ...data, leaderEpoch: -1 },
      2: { ...data, leaderEpoch: -1, expireTimestamp: -1 },
      3: { ...data, expireTimestamp: -1 },
    };
    for (const profile of KAFKA_VERSIONS) {
      for (const version of [0, 1, 2, 3]) {
        expect(decodeOffsetCommitValue(encodeOffsetCommitValue(data, version), profile)).toEqual({ version, data: expected[version] });
      }
    }
  });

  it('3.9 reads the flexible v4 (compact metadata, tagged fields); 2.4 does not know it', () => {
    const v4 = unhex(KAFKA_39.offsetValueV4);
    expect(decodeOffsetCommitValue(v4, '3.9'))
      .toEqual({ version: 4, data: { offset: 42, leaderEpoch: 7, metadata: 'm', commitTimestamp: COMMIT_TS, expireTimestamp: -1 } });
    expect(() => decodeOffsetCommitValue(v4, '2.4')).toThrow('Unknown offset schema version 4');
  });

  it('unknown versions are a clear error in each profile', () => {
    const v5 = unhex('0005' + '000000000000002a');
    expect(() => decodeOffsetCommitValue(v5, '3.9')).toThrow('Unknown offset message version: 5');
    expect(() => decodeOffsetCommitValue(v5, '2.4')).toThrow('Unknown offset schema version 5');
    expect(() => encodeOffsetCommitValue(data, 4)).toThrow('Unknown offset schema version 4');
  });

  it('a truncated value names the missing field', () => {
    const bytes = encodeOffsetCommitValue(data, 3).subarray(0, 14);
    expect(() => decodeOffsetCommitValue(bytes, '2.4')).toThrow("Error reading field 'metadata'");
  });
});

describe('readOffsetMessageValue (OffsetAndMetadata)', () => {
  it('a tombstone stays null', () => {
    expect(readOffsetMessageValue(null, '2.4')).toBeNull();
    expect(readOffsetMessageValue(null, '3.9')).toBeNull();
  });

  it('v3: leader epoch present; v1: expire timestamp present; v0/v2: neither', () => {
    for (const profile of KAFKA_VERSIONS) {
      expect(readOffsetMessageValue(unhex(KAFKA_24.offsetValueV3), profile))
        .toEqual({ offset: 5, leaderEpoch: 0, metadata: '', commitTimestamp: COMMIT_TS, expireTimestamp: null });
      expect(readOffsetMessageValue(unhex(KAFKA_24.offsetValueV3NoEpoch), profile)?.leaderEpoch).toBeNull();
      expect(readOffsetMessageValue(unhex(KAFKA_24.offsetValueV1), profile))
        .toEqual({ offset: 42, leaderEpoch: null, metadata: 'm', commitTimestamp: COMMIT_TS, expireTimestamp: 1600086400000 });
      expect(readOffsetMessageValue(unhex(KAFKA_24.offsetValueV0), profile))
        .toEqual({ offset: 42, leaderEpoch: null, metadata: 'm', commitTimestamp: COMMIT_TS, expireTimestamp: null });
    }
  });

  it('2.4 treats any negative leader epoch as none; 3.9 only -1', () => {
    const bytes = encodeOffsetCommitValue({ offset: 1, leaderEpoch: -2, metadata: '', commitTimestamp: 0, expireTimestamp: -1 }, 3);
    expect(readOffsetMessageValue(bytes, '2.4')?.leaderEpoch).toBeNull();
    expect(readOffsetMessageValue(bytes, '3.9')?.leaderEpoch).toBe(-2);
  });

  it('a v1 value with expire_timestamp -1 has no expiry', () => {
    const bytes = encodeOffsetCommitValue({ offset: 1, leaderEpoch: -1, metadata: '', commitTimestamp: 0, expireTimestamp: -1 }, 1);
    expect(readOffsetMessageValue(bytes, '2.4')?.expireTimestamp).toBeNull();
    expect(readOffsetMessageValue(bytes, '3.9')?.expireTimestamp).toBeNull();
  });
});
