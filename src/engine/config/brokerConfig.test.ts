import { describe, expect, it } from 'vitest';
import { brokerConfig } from './brokerConfig';
import { ConfigException } from './ConfigException';
import { configDefs, describeTopicConfigs, KAFKA_VERSIONS } from './index';
import { validate } from './parse';

function configError(run: () => unknown): ConfigException {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigException) return error;
    throw error;
  }
  throw new Error('expected a ConfigException');
}

describe('broker defaults per version', () => {
  it('3.9', () => {
    const config = brokerConfig('3.9', { 'broker.id': 1 });
    expect(config).toMatchObject({
      brokerId: 1, numPartitions: 1, defaultReplicationFactor: 1, autoCreateTopicsEnable: true,
      minInsyncReplicas: 1, uncleanLeaderElectionEnable: false, messageMaxBytes: 1048588,
      logRetentionCheckIntervalMs: 300000, replicaLagTimeMaxMs: 30000, replicaFetchWaitMaxMs: 500,
      replicaFetchMinBytes: 1, replicaFetchMaxBytes: 1048576, offsetsTopicNumPartitions: 50,
      offsetsTopicReplicationFactor: 3, groupInitialRebalanceDelayMs: 3000, groupMinSessionTimeoutMs: 6000,
      groupMaxSessionTimeoutMs: 1800000, controlledShutdownEnable: true, zookeeperSessionTimeoutMs: 18000,
    });
    expect(config.log).toEqual({
      segmentBytes: 1073741824, segmentMs: 604800000, segmentJitterMs: 0, segmentIndexBytes: 10485760,
      indexIntervalBytes: 4096, retentionMs: 604800000, retentionBytes: -1, cleanupPolicy: 'delete',
      maxMessageBytes: 1048588, messageTimestampType: 'CreateTime', fileDeleteDelayMs: 60000,
      minCleanableDirtyRatio: 0.5, minCompactionLagMs: 0, maxCompactionLagMs: 2 ** 63, deleteRetentionMs: 86400000,
    });
    expect(config.logCleaner).toEqual({ enable: true, backoffMs: 15000, threads: 1, dedupeBufferSize: 134217728, dedupeBufferLoadFactor: 0.9 });
    expect(config.values['log.retention.ms']).toBe('null');
    expect(config.values['log.cleanup.policy']).toBe('[delete]');
    expect(config.values['log.flush.interval.messages']).toBe('9223372036854775807');
    expect(config.values['log.cleaner.min.cleanable.ratio']).toBe('0.5');
  });

  it('2.4: message.max.bytes and max.message.bytes are 1000012 (1048588 arrived in 2.5, KAFKA-4203)', () => {
    const config = brokerConfig('2.4');
    expect(config.messageMaxBytes).toBe(1000012);
    expect(config.log.maxMessageBytes).toBe(1000012);
    expect(config.values['message.max.bytes']).toBe('1000012');
    expect(describeTopicConfigs(config, {}).find((entry) => entry.name === 'max.message.bytes')).toMatchObject({ value: '1000012', isDefault: true });
  });

  it('2.4: 10 s replica lag and 6 s ZooKeeper session (raised in 2.5 by KIP-537)', () => {
    const config = brokerConfig('2.4');
    expect(config.replicaLagTimeMaxMs).toBe(10000);
    expect(config.zookeeperSessionTimeoutMs).toBe(6000);
    expect(config.brokerId).toBe(-1);
  });
});

describe('group coordinator and offsets settings (the same defaults in both profiles)', () => {
  it('defaults: 2.4.1 KafkaConfig/OffsetConfig and 3.9 GroupCoordinatorConfig', () => {
    for (const version of KAFKA_VERSIONS) {
      expect(brokerConfig(version), version).toMatchObject({
        offsetsTopicNumPartitions: 50, offsetsTopicReplicationFactor: 3, offsetsTopicSegmentBytes: 104857600,
        offsetsTopicCompressionType: 'none', offsetsLoadBufferSize: 5242880, offsetMetadataMaxBytes: 4096,
        offsetCommitTimeoutMs: 5000, offsetCommitRequiredAcks: -1, offsetsRetentionMs: 10080 * 60000,
        offsetsRetentionCheckIntervalMs: 600000, groupInitialRebalanceDelayMs: 3000, groupMinSessionTimeoutMs: 6000,
        groupMaxSessionTimeoutMs: 1800000, groupMaxSize: 2147483647,
      });
      expect(brokerConfig(version).values['offsets.retention.minutes']).toBe('10080');
    }
  });

  it('group.coordinator.rebalance.protocols exists from 3.8: [classic] in 3.9, absent in 2.4', () => {
    expect(brokerConfig('3.9').groupCoordinatorRebalanceProtocols).toEqual(['classic']);
    expect(brokerConfig('2.4').groupCoordinatorRebalanceProtocols).toEqual([]);
    expect(configError(() => brokerConfig('2.4', { 'group.coordinator.rebalance.protocols': 'classic' })).message)
      .toContain('added in 3.8');
    expect(configError(() => brokerConfig('3.9', { 'group.coordinator.rebalance.protocols': 'consumer' })).message)
      .toBe("Disabling the 'classic' protocol is not supported.");
    expect(configError(() => brokerConfig('3.9', { 'group.coordinator.rebalance.protocols': 'classic,consumer' })).message)
      .toBe("The new 'consumer' rebalance protocol is only supported in KRaft cluster.");
  });

  it('offsets.commit.required.acks must lie in [-1, offsets.topic.replication.factor]', () => {
    expect(brokerConfig('3.9', { 'offsets.commit.required.acks': 1, 'offsets.topic.replication.factor': 1 }).offsetCommitRequiredAcks).toBe(1);
    expect(configError(() => brokerConfig('2.4', { 'offsets.commit.required.acks': 2, 'offsets.topic.replication.factor': 1 })).message)
      .toBe('Invalid value 2 for configuration offsets.commit.required.acks: offsets.commit.required.acks must be greater '
        + 'or equal -1 and less or equal to offsets.topic.replication.factor');
    expect(configError(() => brokerConfig('3.9', { 'offsets.commit.required.acks': -2 })).key).toBe('offsets.commit.required.acks');
  });

  it('offsets.topic.compression.codec takes codec ids 0-4', () => {
    expect(brokerConfig('3.9', { 'offsets.topic.compression.codec': 4 }).offsetsTopicCompressionType).toBe('zstd');
    expect(brokerConfig('2.4', { 'offsets.topic.compression.codec': 1 }).offsetsTopicCompressionType).toBe('gzip');
    expect(configError(() => brokerConfig('3.9', { 'offsets.topic.compression.codec': 5 })).message)
      .toBe('Invalid value 5 for configuration offsets.topic.compression.codec: 5 is an unknown compression codec');
  });

  it('ranges as Kafka defines them', () => {
    expect(configError(() => brokerConfig('3.9', { 'offsets.retention.minutes': 0 })).message)
      .toBe('Invalid value 0 for configuration offsets.retention.minutes: Value must be at least 1');
    expect(configError(() => brokerConfig('3.9', { 'group.max.size': 0 })).key).toBe('group.max.size');
    expect(configError(() => brokerConfig('2.4', { 'offsets.topic.segment.bytes': 0 })).key).toBe('offsets.topic.segment.bytes');
    expect(configError(() => brokerConfig('2.4', { 'offsets.commit.timeout.ms': 0 })).key).toBe('offsets.commit.timeout.ms');
    expect(brokerConfig('3.9', { 'offsets.retention.minutes': 1 }).offsetsRetentionMs).toBe(60000);
  });
});

describe('log time precedence (KafkaConfig.logRetentionTimeMillis, logRollTimeMillis)', () => {
  it('log.retention.ms wins over .minutes, which wins over .hours', () => {
    expect(brokerConfig('3.9', { 'log.retention.hours': 1 }).log.retentionMs).toBe(3600000);
    expect(brokerConfig('3.9', { 'log.retention.hours': 1, 'log.retention.minutes': 2 }).log.retentionMs).toBe(120000);
    expect(brokerConfig('3.9', { 'log.retention.hours': 1, 'log.retention.minutes': 2, 'log.retention.ms': 500 }).log.retentionMs)
      .toBe(500);
  });

  it('any negative retention means unlimited (-1); zero is rejected', () => {
    expect(brokerConfig('3.9', { 'log.retention.hours': -5 }).log.retentionMs).toBe(-1);
    expect(brokerConfig('3.9', { 'log.retention.ms': '-1' }).log.retentionMs).toBe(-1);
    expect(configError(() => brokerConfig('3.9', { 'log.retention.ms': 0 })).key).toBe('log.retention.ms');
  });

  it('log.roll.ms wins over log.roll.hours', () => {
    expect(brokerConfig('3.9', { 'log.roll.hours': 1 }).log.segmentMs).toBe(3600000);
    expect(brokerConfig('3.9', { 'log.roll.hours': 1, 'log.roll.ms': 60000 }).log.segmentMs).toBe(60000);
    expect(brokerConfig('3.9', { 'log.roll.jitter.hours': 1 }).log.segmentJitterMs).toBe(3600000);
  });
});

describe('broker validation', () => {
  it('rejects bad values with the key named', () => {
    expect(configError(() => brokerConfig('3.9', { 'log.segment.bytes': 13 })).message)
      .toBe('Invalid value 13 for configuration log.segment.bytes: Value must be at least 14');
    expect(configError(() => brokerConfig('3.9', { 'log.cleanup.policy': 'delete,archive' })).message)
      .toBe('Invalid value archive for configuration log.cleanup.policy: String must be one of: compact, delete');
    expect(configError(() => brokerConfig('3.9', { 'log.cleaner.min.cleanable.ratio': 1.5 })).message)
      .toBe('Invalid value 1.5 for configuration log.cleaner.min.cleanable.ratio: Value must be no more than 1');
    expect(configError(() => brokerConfig('3.9', { 'offsets.topic.replication.factor': 40000 })).message)
      .toContain('Not a number of type SHORT');
    expect(configError(() => brokerConfig('3.9', { 'log.retention.bytes': '2^40' })).message)
      .toContain('Not a number of type LONG');
  });

  it('replica.fetch.wait.max.ms may not exceed replica.lag.time.max.ms', () => {
    expect(configError(() => brokerConfig('3.9', { 'replica.lag.time.max.ms': 400 })).key).toBe('replica.fetch.wait.max.ms');
  });

  it('points a topic-level name to its broker synonym', () => {
    expect(configError(() => brokerConfig('3.9', { 'retention.ms': 1000 })).message)
      .toBe('Unknown configuration "retention.ms" for a broker. Did you mean "log.retention.ms"? ("retention.ms" is the per-topic name.)');
    expect(configError(() => brokerConfig('3.9', { 'file.delete.delay.ms': 1000 })).message)
      .toContain('Did you mean "log.segment.delete.delay.ms"?');
  });
});

describe('definition tables', () => {
  it('every topic config has a broker synonym that exists', () => {
    const brokerNames = new Set(configDefs('broker').map((def) => def.name));
    for (const def of configDefs('topic')) {
      expect(def.brokerSynonyms.length).toBeGreaterThan(0);
      for (const synonym of def.brokerSynonyms) expect(brokerNames, `${def.name} → ${synonym}`).toContain(synonym);
    }
  });

  it('names are unique per scope and every default passes its own validator', () => {
    for (const scope of ['broker', 'topic', 'producer', 'consumer'] as const) {
      const names = configDefs(scope).map((def) => def.name);
      expect(new Set(names).size).toBe(names.length);
      for (const def of configDefs(scope)) {
        expect(def.doc.length).toBeGreaterThan(10);
        for (const version of KAFKA_VERSIONS) expect(() => validate(def, def.defaults[version]), def.name).not.toThrow();
      }
    }
  });

  it('filters by version for forms', () => {
    const names24 = configDefs('producer', '2.4').map((def) => def.name);
    expect(names24).not.toContain('partitioner.ignore.keys');
    expect(configDefs('producer', '3.9').map((def) => def.name)).toContain('partitioner.ignore.keys');
    const acks = configDefs('producer').find((def) => def.name === 'acks');
    expect(acks?.defaults).toEqual({ '2.4': '1', '3.9': 'all' });
  });
});
