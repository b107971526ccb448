import { describe, expect, it } from 'vitest';
import { consumerConfig } from './consumerConfig';
import { configDefs, describeUnmodelled, KAFKA_VERSIONS, type ConfigScope } from './index';
import { producerConfig } from './producerConfig';
import keys from './testdata/kafka-client-config-keys.json';

function javaKeys(scope: ConfigScope, version: string): string[] {
  return (keys as unknown as Record<string, string[]>)[`${scope} ${version}`]!;
}

describe('client configs: every key the profile\'s Kafka defines', () => {
  for (const scope of ['producer', 'consumer'] as const) {
    for (const version of KAFKA_VERSIONS) {
      it(`${scope} ${version} knows exactly the keys of Kafka ${version === '2.4' ? '2.4.1' : '3.9'}`, () => {
        const lab = configDefs(scope, version).map((def) => def.name).sort();
        expect(lab).toEqual([...javaKeys(scope, version)].sort());
      });
    }
  }

  it('accepts the consumer keys the lab used to refuse', () => {
    for (const version of KAFKA_VERSIONS) expect(consumerConfig(version, { 'allow.auto.create.topics': false, 'client.rack': 'rack-1' }).values['allow.auto.create.topics']).toBe('false');
    const config = consumerConfig('3.9', { 'retry.backoff.max.ms': 2000, 'group.protocol': 'classic', 'client.rack': 'eu-1' });
    expect(config.values).toMatchObject({ 'retry.backoff.max.ms': '2000', 'group.protocol': 'classic', 'client.rack': 'eu-1' });
    expect(() => consumerConfig('2.4', { 'retry.backoff.max.ms': 2000 })).toThrow('Configuration "retry.backoff.max.ms" does not exist in Kafka 2.4 for a consumer (it was added in 3.7).');
    expect(() => consumerConfig('3.9', { 'group.protocol': 'fancy' })).toThrow('Invalid value fancy for configuration group.protocol');
  });

  it('accepts transaction.timeout.ms and the partitioners Kafka ships', () => {
    for (const version of KAFKA_VERSIONS) {
      expect(producerConfig(version, { 'transaction.timeout.ms': 30000 }).values['transaction.timeout.ms']).toBe('30000');
      const roundRobin = producerConfig(version, { 'partitioner.class': 'org.apache.kafka.clients.producer.RoundRobinPartitioner' });
      expect(roundRobin).toMatchObject({ keylessPartitioner: 'round-robin', partitionerClass: 'org.apache.kafka.clients.producer.RoundRobinPartitioner' });
      expect(producerConfig(version, { 'partitioner.class': 'RoundRobinPartitioner' }).keylessPartitioner).toBe('round-robin');
      expect(producerConfig(version, { 'partitioner.class': 'UniformStickyPartitioner' })).toMatchObject({ keylessPartitioner: 'sticky', partitionerIgnoreKeys: true });
      expect(producerConfig(version, { 'partitioner.class': 'DefaultPartitioner' })).toMatchObject({ keylessPartitioner: 'sticky', partitionerIgnoreKeys: false });
      expect(() => producerConfig(version, { 'partitioner.class': 'com.example.MyPartitioner' })).toThrow(
        /^Invalid value com\.example\.MyPartitioner for configuration partitioner\.class: Class com\.example\.MyPartitioner could not be found\./);
    }
    expect(producerConfig('2.4')).toMatchObject({ keylessPartitioner: 'sticky', partitionerClass: 'org.apache.kafka.clients.producer.internals.DefaultPartitioner' });
    expect(producerConfig('3.9')).toMatchObject({ keylessPartitioner: 'uniform-sticky', partitionerClass: null });
    // KIP-794's knobs have no effect once a partitioner.class is set.
    expect(producerConfig('3.9', { 'partitioner.class': 'RoundRobinPartitioner', 'partitioner.ignore.keys': true }).partitionerIgnoreKeys).toBe(false);
  });

  it('marks the keys it does not model, and says so in their docs', () => {
    for (const scope of ['producer', 'consumer'] as const) {
      for (const def of configDefs(scope)) {
        if (!def.modelled) expect(def.doc, def.name).toMatch(/Accepted; the lab does not model it\.$/);
      }
    }
    const modelled = (scope: ConfigScope, name: string) => configDefs(scope).find((def) => def.name === name)?.modelled;
    expect(modelled('producer', 'linger.ms')).toBe(true);
    expect(modelled('producer', 'partitioner.class')).toBe(true);
    expect(modelled('producer', 'send.buffer.bytes')).toBe(false);
    expect(modelled('consumer', 'allow.auto.create.topics')).toBe(false);
  });
});

describe('a client created with keys the lab does not model', () => {
  it('lists them, so the created event can say so', () => {
    expect(producerConfig('3.9', { 'send.buffer.bytes': 1, 'linger.ms': 5, 'transaction.timeout.ms': 1000 }).unmodelledKeys).toEqual(['send.buffer.bytes', 'transaction.timeout.ms']);
    expect(consumerConfig('2.4', { 'allow.auto.create.topics': false }).unmodelledKeys).toEqual(['allow.auto.create.topics']);
    expect(producerConfig('2.4').unmodelledKeys).toEqual([]);
    expect(describeUnmodelled(['client.rack'])).toBe('; accepted but not modelled by the lab: client.rack');
    expect(describeUnmodelled([])).toBe('');
  });
});
