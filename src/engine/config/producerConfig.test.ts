import { describe, expect, it } from 'vitest';
import { ConfigException } from './ConfigException';
import { producerConfig } from './producerConfig';

function configError(run: () => unknown): ConfigException {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigException) return error;
    throw error;
  }
  throw new Error('expected a ConfigException');
}

describe('producer defaults per version', () => {
  it('3.9: acks=all, idempotent, uniform sticky partitioner (KIP-679, KIP-794)', () => {
    const config = producerConfig('3.9');
    expect(config.acks).toBe(-1);
    expect(config.enableIdempotence).toBe(true);
    expect(config.lingerMs).toBe(0);
    expect(config.batchSize).toBe(16384);
    expect(config.retries).toBe(2147483647);
    expect(config.deliveryTimeoutMs).toBe(120000);
    expect(config.requestTimeoutMs).toBe(30000);
    expect(config.maxInFlightRequestsPerConnection).toBe(5);
    expect(config.retryBackoffMs).toBe(100);
    expect(config.retryBackoffMaxMs).toBe(1000);
    expect(config.compressionType).toBe('none');
    expect(config.partitionerAdaptivePartitioningEnable).toBe(true);
    expect(config.partitionerIgnoreKeys).toBe(false);
    expect(config.keylessPartitioner).toBe('uniform-sticky');
    expect(config.values['acks']).toBe('-1');
    expect(config.values['enable.idempotence']).toBe('true');
    expect(config.values['key.serializer']).toBe('class org.apache.kafka.common.serialization.StringSerializer');
    expect(config.values['transactional.id']).toBe('null');
  });

  it('2.4: acks=1, not idempotent, sticky partitioner (KIP-480), no KIP-794 keys', () => {
    const config = producerConfig('2.4');
    expect(config.acks).toBe(1);
    expect(config.enableIdempotence).toBe(false);
    expect(config.lingerMs).toBe(0);
    expect(config.keylessPartitioner).toBe('sticky');
    expect(config.partitionerAdaptivePartitioningEnable).toBe(false);
    expect(config.partitionerAvailabilityTimeoutMs).toBe(0);
    expect(config.retryBackoffMaxMs).toBe(config.retryBackoffMs);
    expect(config.values['acks']).toBe('1');
    expect(config.values).not.toHaveProperty('partitioner.ignore.keys');
    expect(config.values).not.toHaveProperty('retry.backoff.max.ms');
  });

  it('rejects a key the version does not have, naming the release that added it', () => {
    const error = configError(() => producerConfig('2.4', { 'partitioner.ignore.keys': true }));
    expect(error.key).toBe('partitioner.ignore.keys');
    expect(error.message).toContain('added in 3.3');
  });
});

describe('value parsing', () => {
  it('accepts strings from forms and typed values from scripts alike', () => {
    const fromForm = producerConfig('3.9', { 'linger.ms': '5', 'enable.idempotence': 'TRUE', 'buffer.memory': '1048576' });
    const typed = producerConfig('3.9', { 'linger.ms': 5, 'enable.idempotence': true, 'buffer.memory': 1048576 });
    expect(fromForm).toEqual(typed);
  });

  it('treats acks "all" and "-1" alike', () => {
    expect(producerConfig('3.9', { acks: 'all' }).acks).toBe(-1);
    expect(producerConfig('3.9', { acks: '-1' }).acks).toBe(-1);
    expect(producerConfig('3.9', { acks: -1 }).acks).toBe(-1);
    expect(producerConfig('2.4', { acks: 'all' }).values['acks']).toBe('all');
  });

  it('treats batch.size 0 as 1 but prints the configured 0', () => {
    const config = producerConfig('3.9', { 'batch.size': 0 });
    expect(config.batchSize).toBe(1);
    expect(config.values['batch.size']).toBe('0');
  });

  it('explains a negative linger.ms in Kafka words', () => {
    const error = configError(() => producerConfig('3.9', { 'linger.ms': -5 }));
    expect(error.key).toBe('linger.ms');
    expect(error.message).toBe('Invalid value -5 for configuration linger.ms: Value must be at least 0');
  });

  it('rejects non-integers, out-of-range ints, bad booleans and unknown enum values', () => {
    expect(configError(() => producerConfig('3.9', { 'batch.size': '1.5' })).message)
      .toMatch(/^Invalid value 1\.5 for configuration batch\.size: Not a number of type INT/);
    expect(configError(() => producerConfig('3.9', { 'batch.size': 3000000000 })).message)
      .toContain('Not a number of type INT');
    expect(configError(() => producerConfig('3.9', { 'linger.ms': 'soon' })).message)
      .toContain('Not a number of type LONG');
    expect(configError(() => producerConfig('3.9', { 'enable.idempotence': 'yes' })).message)
      .toBe('Invalid value yes for configuration enable.idempotence: Expected value to be either true or false');
    expect(configError(() => producerConfig('3.9', { acks: '2' })).message)
      .toBe('Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1');
    expect(configError(() => producerConfig('3.9', { 'compression.type': 'brotli' })).key).toBe('compression.type');
    expect(configError(() => producerConfig('3.9', { 'max.in.flight.requests.per.connection': 0 })).message)
      .toContain('Value must be at least 1');
  });

  it('suggests the closest key for a typo', () => {
    const error = configError(() => producerConfig('3.9', { 'lingr.ms': 5 }));
    expect(error.key).toBe('lingr.ms');
    expect(error.message).toBe('Unknown configuration "lingr.ms" for a producer. Did you mean "linger.ms"?');
  });

  it('says when a key belongs to the consumer', () => {
    expect(configError(() => producerConfig('3.9', { 'group.id': 'g' })).message)
      .toBe('Unknown configuration "group.id" for a producer. "group.id" is a consumer config.');
  });

  it('accepts only the string serializer, by full or simple name', () => {
    expect(producerConfig('3.9', { 'key.serializer': 'StringSerializer' }).values['key.serializer'])
      .toBe('class org.apache.kafka.common.serialization.StringSerializer');
    expect(configError(() => producerConfig('3.9', { 'value.serializer': 'ByteArraySerializer' })).key).toBe('value.serializer');
  });

  it('ignores null and undefined inputs (not set)', () => {
    expect(producerConfig('3.9', { 'linger.ms': undefined, acks: null })).toEqual(producerConfig('3.9'));
  });
});

describe('delivery.timeout.ms ≥ linger.ms + request.timeout.ms (KafkaProducer.configureDeliveryTimeout)', () => {
  it('raises the default silently when the sum is larger', () => {
    const config = producerConfig('3.9', { 'linger.ms': 100000, 'request.timeout.ms': 30000 });
    expect(config.deliveryTimeoutMs).toBe(130000);
    expect(config.values['delivery.timeout.ms']).toBe('130000');
  });

  it('throws when the user set it too small', () => {
    const error = configError(() => producerConfig('3.9', { 'delivery.timeout.ms': 20000 }));
    expect(error.key).toBe('delivery.timeout.ms');
    expect(error.message).toContain('delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms');
  });

  it('accepts an explicit value equal to the sum', () => {
    expect(producerConfig('3.9', { 'delivery.timeout.ms': 30010, 'linger.ms': 10 }).deliveryTimeoutMs).toBe(30010);
  });
});

describe('idempotence vs acks, retries, max.in.flight', () => {
  it('3.9: a conflicting setting silently turns default idempotence off', () => {
    for (const input of [{ acks: '1' }, { acks: 0 }, { retries: 0 }, { 'max.in.flight.requests.per.connection': 6 }]) {
      const config = producerConfig('3.9', input);
      expect(config.enableIdempotence).toBe(false);
      expect(config.values['enable.idempotence']).toBe('false');
    }
    expect(producerConfig('3.9', { acks: '1' }).acks).toBe(1);
  });

  it('3.9: explicit idempotence with a conflict is a ConfigException naming the conflicting key', () => {
    const acks = configError(() => producerConfig('3.9', { 'enable.idempotence': true, acks: '1' }));
    expect(acks.key).toBe('acks');
    expect(acks.message).toBe('Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
    expect(configError(() => producerConfig('3.9', { 'enable.idempotence': 'true', retries: 0 })).key).toBe('retries');
    expect(configError(() => producerConfig('3.9', { 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 })).key)
      .toBe('max.in.flight.requests.per.connection');
  });

  it('3.9: explicit idempotence with compatible settings stays on', () => {
    const config = producerConfig('3.9', { 'enable.idempotence': true, acks: 'all', 'max.in.flight.requests.per.connection': 5 });
    expect(config.enableIdempotence).toBe(true);
  });

  it('2.4: enabling idempotence turns an unset acks into all', () => {
    const config = producerConfig('2.4', { 'enable.idempotence': true });
    expect(config.enableIdempotence).toBe(true);
    expect(config.acks).toBe(-1);
    expect(config.values['acks']).toBe('-1');
  });

  it('2.4: enabling idempotence with an explicit acks=1 is an error', () => {
    expect(configError(() => producerConfig('2.4', { 'enable.idempotence': true, acks: 1 })).key).toBe('acks');
  });

  it('transactional.id needs idempotence', () => {
    expect(configError(() => producerConfig('3.9', { 'transactional.id': 'tx', acks: '1' })).key).toBe('transactional.id');
    expect(configError(() => producerConfig('2.4', { 'transactional.id': 'tx', 'enable.idempotence': false })).key)
      .toBe('transactional.id');
    expect(producerConfig('2.4', { 'transactional.id': 'tx' }).enableIdempotence).toBe(true);
    expect(configError(() => producerConfig('3.9', { 'transactional.id': '' })).message).toContain('String must be non-empty');
  });
});
