import { describe, expect, it } from 'vitest';
import { ConfigException } from './ConfigException';
import { consumerConfig, NO_ASSIGNORS_CONFIGURED } from './consumerConfig';
import { assignorProtocolName } from './consumerDefs';
import { KAFKA_VERSIONS } from './types';

const RANGE = 'org.apache.kafka.clients.consumer.RangeAssignor';
const COOPERATIVE_STICKY = 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor';
const ROUND_ROBIN = 'org.apache.kafka.clients.consumer.RoundRobinAssignor';

function configError(run: () => unknown): ConfigException {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigException) return error;
    throw error;
  }
  throw new Error('expected a ConfigException');
}

describe('consumer defaults per version', () => {
  it('3.9: 45 s session timeout and [range, cooperative-sticky] (KIP-735, 3.0)', () => {
    const config = consumerConfig('3.9', { 'group.id': 'g' });
    expect(config.sessionTimeoutMs).toBe(45000);
    expect(config.heartbeatIntervalMs).toBe(3000);
    expect(config.partitionAssignmentStrategy).toEqual([RANGE, COOPERATIVE_STICKY]);
    expect(config.values['partition.assignment.strategy']).toBe(`[class ${RANGE}, class ${COOPERATIVE_STICKY}]`);
    expect(config.maxPollIntervalMs).toBe(300000);
    expect(config.maxPollRecords).toBe(500);
    expect(config.autoOffsetReset).toBe('latest');
    expect(config.enableAutoCommit).toBe(true);
    expect(config.autoCommitIntervalMs).toBe(5000);
    expect(config.fetchMinBytes).toBe(1);
    expect(config.fetchMaxWaitMs).toBe(500);
    expect(config.maxPartitionFetchBytes).toBe(1048576);
    expect(config.fetchMaxBytes).toBe(52428800);
    expect(config.isolationLevel).toBe('read_uncommitted');
    expect(config.requestTimeoutMs).toBe(30000);
    expect(config.defaultApiTimeoutMs).toBe(60000);
    expect(config.groupInstanceId).toBeNull();
  });

  it('2.4: 10 s session timeout and [range]', () => {
    const config = consumerConfig('2.4', { 'group.id': 'g' });
    expect(config.sessionTimeoutMs).toBe(10000);
    expect(config.partitionAssignmentStrategy).toEqual([RANGE]);
  });
});

describe('consumer rules', () => {
  it('without group.id, auto-commit is switched off; asking for it is an error', () => {
    const config = consumerConfig('3.9');
    expect(config.groupId).toBeNull();
    expect(config.enableAutoCommit).toBe(false);
    expect(config.values['enable.auto.commit']).toBe('false');
    const error = configError(() => consumerConfig('3.9', { 'enable.auto.commit': true }));
    expect(error.key).toBe('enable.auto.commit');
    expect(error.message).toBe('enable.auto.commit cannot be set to true when default group id (null) is used.');
  });

  it('heartbeat.interval.ms must be lower than session.timeout.ms for a group member', () => {
    const error = configError(() => consumerConfig('3.9', { 'group.id': 'g', 'session.timeout.ms': 3000 }));
    expect(error.key).toBe('heartbeat.interval.ms');
    expect(error.message).toContain('Heartbeat must be set lower than the session timeout');
  });

  it('accepts assignors by protocol name, simple class name or class name', () => {
    const config = consumerConfig('3.9', {
      'group.id': 'g',
      'partition.assignment.strategy': 'roundrobin, RangeAssignor,org.apache.kafka.clients.consumer.StickyAssignor',
    });
    expect(config.partitionAssignmentStrategy.map(assignorProtocolName)).toEqual(['roundrobin', 'range', 'sticky']);
    expect(config.partitionAssignmentStrategy[0]).toBe(ROUND_ROBIN);
  });

  it('rejects unknown assignors', () => {
    expect(configError(() => consumerConfig('3.9', { 'partition.assignment.strategy': 'fair' })).message)
      .toMatch(/^Invalid value fair for configuration partition\.assignment\.strategy: String must be one of: /);
  });

  it('accepts an empty assignor list, as Kafka does: only subscribe() refuses it (throwIfNoAssignorsConfigured)', () => {
    for (const version of KAFKA_VERSIONS) {
      expect(consumerConfig(version, { 'group.id': 'g', 'partition.assignment.strategy': '' }).partitionAssignmentStrategy).toEqual([]);
    }
    expect(NO_ASSIGNORS_CONFIGURED).toBe(
      'Must configure at least one partition assigner class name to partition.assignment.strategy configuration property');
  });

  it('group.instance.id follows the topic-name rules, in each release\'s words (JoinGroupRequest.validateGroupInstanceId)', () => {
    expect(consumerConfig('2.4', { 'group.id': 'g', 'group.instance.id': 'consumer-a.1_x' }).groupInstanceId).toBe('consumer-a.1_x');
    expect(configError(() => consumerConfig('2.4', { 'group.instance.id': 'consumer a' })).message)
      .toBe('Group instance id "consumer a" is illegal, it contains a character other than ASCII alphanumerics, \'.\', \'_\' and \'-\'');
    expect(configError(() => consumerConfig('3.9', { 'group.instance.id': 'consumer a' })).message)
      .toBe('Group instance id is invalid: \'consumer a\' contains one or more characters other than ASCII alphanumerics, \'.\', \'_\' and \'-\'');
    expect(configError(() => consumerConfig('2.4', { 'group.instance.id': '' })).message).toBe('Group instance id must be non-empty string');
    expect(configError(() => consumerConfig('3.9', { 'group.instance.id': '' })).message)
      .toBe('Invalid value  for configuration group.instance.id: String must be non-empty');
    expect(configError(() => consumerConfig('2.4', { 'group.instance.id': '..' })).message).toBe('Group instance id cannot be "." or ".."');
    expect(configError(() => consumerConfig('3.9', { 'group.instance.id': '.' })).message).toBe('Group instance id is invalid: \'.\' is not allowed');
    const long = 'x'.repeat(250);
    expect(configError(() => consumerConfig('2.4', { 'group.instance.id': long })).message)
      .toBe(`Group instance id can't be longer than 249 characters: ${long}`);
    expect(configError(() => consumerConfig('3.9', { 'group.instance.id': long })).message)
      .toBe(`Group instance id is invalid: the length of '${long}' is longer than the max allowed length 249`);
    expect(consumerConfig('3.9', { 'group.instance.id': 'x'.repeat(249) }).groupInstanceId).toHaveLength(249);
  });

  it('validates enums and ranges', () => {
    expect(configError(() => consumerConfig('3.9', { 'auto.offset.reset': 'smallest' })).message)
      .toBe('Invalid value smallest for configuration auto.offset.reset: String must be one of: latest, earliest, none');
    expect(configError(() => consumerConfig('3.9', { 'max.poll.records': 0 })).message)
      .toBe('Invalid value 0 for configuration max.poll.records: Value must be at least 1');
    expect(configError(() => consumerConfig('3.9', { 'isolation.level': 'serializable' })).key).toBe('isolation.level');
    expect(configError(() => consumerConfig('3.9', { 'group.instance.id': '' })).key).toBe('group.instance.id');
  });

  it('suggests the closest key for a typo', () => {
    expect(configError(() => consumerConfig('3.9', { 'sesion.timeout.ms': 1 })).message)
      .toBe('Unknown configuration "sesion.timeout.ms" for a consumer. Did you mean "session.timeout.ms"?');
    expect(configError(() => consumerConfig('3.9', { 'auto.offset.rest': 'earliest' })).message)
      .toContain('Did you mean "auto.offset.reset"?');
  });

  it('accepts string forms of every type', () => {
    const config = consumerConfig('3.9', {
      'group.id': 'orders', 'group.instance.id': 'consumer-a', 'enable.auto.commit': 'false',
      'max.poll.records': '10', 'isolation.level': 'read_committed', 'auto.offset.reset': 'earliest',
    });
    expect(config).toMatchObject({
      groupId: 'orders', groupInstanceId: 'consumer-a', enableAutoCommit: false,
      maxPollRecords: 10, isolationLevel: 'read_committed', autoOffsetReset: 'earliest',
    });
  });
});
