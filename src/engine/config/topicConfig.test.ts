import { describe, expect, it } from 'vitest';
import { brokerConfig } from './brokerConfig';
import { ConfigException } from './ConfigException';
import { describeTopicConfigs, effectiveLogConfig, validateTopicConfigs } from './topicConfig';

function configError(run: () => unknown): ConfigException {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigException) return error;
    throw error;
  }
  throw new Error('expected a ConfigException');
}

describe('validateTopicConfigs', () => {
  it('returns normalized strings for the keys given', () => {
    expect(validateTopicConfigs('3.9', {
      'cleanup.policy': 'compact, delete',
      'unclean.leader.election.enable': 'TRUE',
      'retention.ms': -1,
      'segment.bytes': '1048576',
      'min.cleanable.dirty.ratio': 1,
      'max.compaction.lag.ms': '9223372036854775807',
    })).toEqual({
      'cleanup.policy': 'compact,delete',
      'unclean.leader.election.enable': 'true',
      'retention.ms': '-1',
      'segment.bytes': '1048576',
      'min.cleanable.dirty.ratio': '1.0',
      'max.compaction.lag.ms': '9223372036854775807',
    });
  });

  it('enforces LogConfig validators', () => {
    expect(configError(() => validateTopicConfigs('3.9', { 'segment.bytes': 13 })).message)
      .toBe('Invalid value 13 for configuration segment.bytes: Value must be at least 14');
    expect(configError(() => validateTopicConfigs('3.9', { 'retention.ms': -2 })).message)
      .toBe('Invalid value -2 for configuration retention.ms: Value must be at least -1');
    expect(configError(() => validateTopicConfigs('3.9', { 'index.interval.bytes': -1 })).key).toBe('index.interval.bytes');
    expect(configError(() => validateTopicConfigs('3.9', { 'min.insync.replicas': 0 })).key).toBe('min.insync.replicas');
    expect(configError(() => validateTopicConfigs('3.9', { 'cleanup.policy': 'purge' })).key).toBe('cleanup.policy');
    expect(configError(() => validateTopicConfigs('3.9', { 'compression.type': 'none' })).message)
      .toBe('Invalid value none for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer');
    expect(configError(() => validateTopicConfigs('3.9', { 'message.timestamp.type': 'createtime' })).key).toBe('message.timestamp.type');
    expect(configError(() => validateTopicConfigs('3.9', { 'retention.bytes': 1.5 })).key).toBe('retention.bytes');
  });

  it('rejects min.compaction.lag.ms above max.compaction.lag.ms', () => {
    expect(configError(() => validateTopicConfigs('3.9', { 'min.compaction.lag.ms': 10, 'max.compaction.lag.ms': 5 })).message)
      .toBe('conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)');
  });

  it('points a broker name to the topic name, and suggests on typos', () => {
    expect(configError(() => validateTopicConfigs('3.9', { 'log.retention.ms': 1000 })).message)
      .toBe('Unknown configuration "log.retention.ms" for a topic. Did you mean "retention.ms"? ("log.retention.ms" is the broker-wide default.)');
    expect(configError(() => validateTopicConfigs('3.9', { 'retention.hours': 1 })).message)
      .toBe('Unknown configuration "retention.hours" for a topic. Did you mean "retention.ms"?');
  });
});

describe('effectiveLogConfig (topic override > broker synonym > default)', () => {
  it('uses the broker log defaults when the topic has no overrides', () => {
    const broker = brokerConfig('3.9', { 'log.segment.bytes': 1024, 'log.retention.hours': 1 });
    expect(effectiveLogConfig(broker, {})).toEqual(broker.log);
  });

  it('takes each overridden key from the topic and the rest from the broker', () => {
    const broker = brokerConfig('3.9', { 'log.segment.bytes': 1024, 'log.retention.hours': 1 });
    const overrides = validateTopicConfigs('3.9', { 'retention.ms': 5000, 'cleanup.policy': 'compact,delete', 'message.timestamp.type': 'LogAppendTime' });
    expect(effectiveLogConfig(broker, overrides)).toEqual({
      ...broker.log,
      retentionMs: 5000,
      cleanupPolicy: 'compact,delete',
      messageTimestampType: 'LogAppendTime',
    });
    expect(effectiveLogConfig(broker, overrides).segmentBytes).toBe(1024);
  });
});

describe('describeTopicConfigs (kafka-configs --describe --all)', () => {
  it('lists every topic config sorted by name with its source', () => {
    const broker = brokerConfig('3.9', { 'log.retention.hours': 1, 'min.insync.replicas': 2 });
    const entries = describeTopicConfigs(broker, { 'segment.bytes': '1048576' });
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(20);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect(byName.get('segment.bytes')).toMatchObject({ value: '1048576', source: 'DYNAMIC_TOPIC_CONFIG', isDefault: false });
    expect(byName.get('retention.ms')).toMatchObject({ value: '3600000', source: 'STATIC_BROKER_CONFIG', isDefault: false });
    expect(byName.get('min.insync.replicas')).toMatchObject({ value: '2', source: 'STATIC_BROKER_CONFIG' });
    expect(byName.get('cleanup.policy')).toMatchObject({ value: 'delete', source: 'DEFAULT_CONFIG', isDefault: true });
    expect(byName.get('max.message.bytes')).toMatchObject({ value: '1048588', source: 'DEFAULT_CONFIG' });
    expect(byName.get('flush.ms')).toMatchObject({ value: '9223372036854775807', source: 'DEFAULT_CONFIG' });
    expect(byName.get('min.cleanable.dirty.ratio')?.value).toBe('0.5');
    expect(byName.get('segment.ms')?.doc).toMatch(/segment/);
  });
});
