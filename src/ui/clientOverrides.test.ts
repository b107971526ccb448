import { describe, expect, it } from 'vitest';
import { consumerConfig, producerConfig } from '../engine/config';
import { inferOverrides, rememberOverrides, withOverrides } from './clientOverrides';

const PRODUCER_KEYS = ['acks', 'linger.ms', 'batch.size', 'enable.idempotence', 'delivery.timeout.ms'];
const CONSUMER_KEYS = ['auto.offset.reset', 'max.poll.records'];

describe('client overrides for reconfigure()', () => {
  it('infers nothing for a client created with no config (acks=all prints as -1)', () => {
    expect(inferOverrides('producer', '3.9', PRODUCER_KEYS, producerConfig('3.9', {}).values)).toEqual({});
  });

  it("infers the ready consumer's auto.offset.reset=earliest, so a settings change keeps it", () => {
    const current = consumerConfig('3.9', { 'auto.offset.reset': 'earliest' }).values;
    expect(withOverrides('consumer', 'c-infer', '3.9', CONSUMER_KEYS, current, { 'max.poll.records': '10' })).toEqual({
      'auto.offset.reset': 'earliest',
      'max.poll.records': '10',
    });
  });

  it('keeps what was applied before: a second change does not reset the first', () => {
    const first = withOverrides('producer', 'p-merge', '3.9', PRODUCER_KEYS, producerConfig('3.9', {}).values, { 'linger.ms': '20' });
    rememberOverrides('producer', 'p-merge', first);
    const printed = producerConfig('3.9', first).values;
    expect(withOverrides('producer', 'p-merge', '3.9', PRODUCER_KEYS, printed, { 'batch.size': '32768' })).toEqual({
      'linger.ms': '20',
      'batch.size': '32768',
    });
  });
});
