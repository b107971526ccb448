import { describe, expect, it } from 'vitest';
import { base64, formatConsumerOffsetsJson } from './jsonFormatter';
import { KAFKA_39 } from './testdata/goldenVectors';
import { unhex } from './testdata/hex';

// Every case of Kafka 3.9's tools/src/test/java/org/apache/kafka/tools/consumer/OffsetMessageFormatterTest
// and GroupMetadataMessageFormatterTest, expected lines copied verbatim. The records are those tests'
// objects written by Kafka's generated classes (Golden39.java); "version 10/5" records only need their
// version prefix, since the formatter stops there.

const OFFSET_KEY = unhex(KAFKA_39.formatterOffsetKeyV0);
const GROUP_KEY = unhex(KAFKA_39.formatterGroupKey);
const offsetValue = (version: 0 | 1 | 2 | 3 | 4): Uint8Array => unhex(KAFKA_39[`formatterOffsetValueV${version}`]);
const groupValue = (version: 0 | 1 | 2 | 3 | 4): Uint8Array => unhex(KAFKA_39[`formatterGroupValueV${version}`]);
const withVersion = (version: number, bytes: Uint8Array): Uint8Array => {
  const copy = bytes.slice();
  copy[0] = version >> 8;
  copy[1] = version & 0xff;
  return copy;
};

const OFFSET_KEY_JSON = '{"key":{"version":0,"data":{"group":"group-id","topic":"foo","partition":1}},';

describe('OffsetsMessageFormatter (OffsetMessageFormatterTest)', () => {
  const format = (key: Uint8Array | null, value: Uint8Array | null): string =>
    formatConsumerOffsetsJson('OffsetsMessageFormatter', key, value);

  it('unknown key and value versions', () => {
    expect(format(withVersion(10, OFFSET_KEY), withVersion(10, offsetValue(0))))
      .toBe('{"key":{"version":10,"data":"unknown"},"value":{"version":10,"data":"unknown"}}');
    expect(format(withVersion(5, OFFSET_KEY), offsetValue(4)))
      .toBe('{"key":{"version":5,"data":"unknown"},"value":{"version":4,'
        + '"data":{"offset":100,"leaderEpoch":10,"metadata":"metadata","commitTimestamp":1234}}}');
    expect(format(OFFSET_KEY, withVersion(5, offsetValue(4))))
      .toBe(`${OFFSET_KEY_JSON}"value":{"version":5,"data":"unknown"}}`);
  });

  it('value versions 0–4', () => {
    expect(format(OFFSET_KEY, offsetValue(0)))
      .toBe(`${OFFSET_KEY_JSON}"value":{"version":0,"data":{"offset":100,"metadata":"metadata","commitTimestamp":1234}}}`);
    expect(format(OFFSET_KEY, offsetValue(1))).toBe(`${OFFSET_KEY_JSON}"value":{"version":1,"data":{"offset":100,`
      + '"metadata":"metadata","commitTimestamp":1234,"expireTimestamp":-1}}}');
    expect(format(OFFSET_KEY, offsetValue(2)))
      .toBe(`${OFFSET_KEY_JSON}"value":{"version":2,"data":{"offset":100,"metadata":"metadata","commitTimestamp":1234}}}`);
    expect(format(OFFSET_KEY, offsetValue(3))).toBe(`${OFFSET_KEY_JSON}"value":{"version":3,"data":{"offset":100,`
      + '"leaderEpoch":10,"metadata":"metadata","commitTimestamp":1234}}}');
    expect(format(OFFSET_KEY, offsetValue(4))).toBe(`${OFFSET_KEY_JSON}"value":{"version":4,"data":{"offset":100,`
      + '"leaderEpoch":10,"metadata":"metadata","commitTimestamp":1234}}}');
  });

  it('null key or value, and a group record (printed by the other formatter)', () => {
    expect(format(OFFSET_KEY, null)).toBe(`${OFFSET_KEY_JSON}"value":null}`);
    expect(format(null, offsetValue(1)))
      .toBe('{"key":null,"value":{"version":1,"data":{"offset":100,"metadata":"metadata","commitTimestamp":1234,"expireTimestamp":-1}}}');
    expect(format(null, null)).toBe('{"key":null,"value":null}');
    expect(format(GROUP_KEY, groupValue(2))).toBe('');
  });
});

const GROUP_KEY_JSON = '{"key":{"version":2,"data":{"group":"group-id"}},';
const GROUP_HEAD = '"data":{"protocolType":"consumer","generation":1,"protocol":"range","leader":"leader",';
const MEMBER_V3 = '"members":[{"memberId":"member-1","groupInstanceId":"group-instance-1","clientId":"client-1",'
  + '"clientHost":"host-1","rebalanceTimeout":1000,"sessionTimeout":1500,"subscription":"AAE=","assignment":"AQI="}]}}}';

describe('GroupMetadataMessageFormatter (GroupMetadataMessageFormatterTest)', () => {
  const format = (key: Uint8Array | null, value: Uint8Array | null): string =>
    formatConsumerOffsetsJson('GroupMetadataMessageFormatter', key, value);

  it('unknown versions', () => {
    expect(format(withVersion(10, GROUP_KEY), withVersion(10, groupValue(0))))
      .toBe('{"key":{"version":10,"data":"unknown"},"value":{"version":10,"data":"unknown"}}');
  });

  it('value versions 0–4', () => {
    expect(format(GROUP_KEY, groupValue(0))).toBe(`${GROUP_KEY_JSON}"value":{"version":0,${GROUP_HEAD}`
      + '"members":[{"memberId":"member-1","clientId":"client-1","clientHost":"host-1","sessionTimeout":1500,'
      + '"subscription":"AAE=","assignment":"AQI="}]}}}');
    expect(format(GROUP_KEY, groupValue(1))).toBe(`${GROUP_KEY_JSON}"value":{"version":1,${GROUP_HEAD}`
      + '"members":[{"memberId":"member-1","clientId":"client-1","clientHost":"host-1","rebalanceTimeout":1000,'
      + '"sessionTimeout":1500,"subscription":"AAE=","assignment":"AQI="}]}}}');
    expect(format(GROUP_KEY, groupValue(2))).toBe(`${GROUP_KEY_JSON}"value":{"version":2,${GROUP_HEAD}`
      + '"currentStateTimestamp":1234,"members":[{"memberId":"member-1","clientId":"client-1","clientHost":"host-1",'
      + '"rebalanceTimeout":1000,"sessionTimeout":1500,"subscription":"AAE=","assignment":"AQI="}]}}}');
    expect(format(GROUP_KEY, groupValue(3)))
      .toBe(`${GROUP_KEY_JSON}"value":{"version":3,${GROUP_HEAD}"currentStateTimestamp":1234,${MEMBER_V3}`);
    expect(format(GROUP_KEY, groupValue(4)))
      .toBe(`${GROUP_KEY_JSON}"value":{"version":4,${GROUP_HEAD}"currentStateTimestamp":1234,${MEMBER_V3}`);
  });

  it('null key or value, and an offset record (printed by the other formatter)', () => {
    expect(format(GROUP_KEY, null)).toBe(`${GROUP_KEY_JSON}"value":null}`);
    expect(format(null, groupValue(4)))
      .toBe(`{"key":null,"value":{"version":4,${GROUP_HEAD}"currentStateTimestamp":1234,${MEMBER_V3}`);
    expect(format(null, null)).toBe('{"key":null,"value":null}');
    expect(format(OFFSET_KEY, offsetValue(4))).toBe('');
  });
});

describe('base64 (Jackson BinaryNode)', () => {
  it('pads as standard base64', () => {
    expect(base64(new Uint8Array([0, 1]))).toBe('AAE=');
    expect(base64(new Uint8Array([1, 2]))).toBe('AQI=');
    expect(base64(new Uint8Array([]))).toBe('');
    expect(base64(new Uint8Array([0xff, 0xfe, 0xfd, 0x00]))).toBe('//79AA==');
    expect(base64(new Uint8Array([104, 101, 108]))).toBe('aGVs');
  });
});
