import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './ConfigException';
import { formatForDescribe, formatForLog, parseValue } from './parse';
import { findDef } from './resolve';
import { LONG_MAX_VALUE, type ConfigDef } from './types';

function def(scope: 'broker' | 'topic' | 'producer' | 'consumer', name: string): ConfigDef {
  const found = findDef(scope, name);
  if (found === undefined) throw new Error(name);
  return found;
}

describe('parseValue', () => {
  it('round-trips Long.MAX_VALUE, Kafka\'s "never"', () => {
    const flushMs = def('topic', 'flush.ms');
    expect(parseValue(flushMs, '9223372036854775807')).toBe(LONG_MAX_VALUE);
    expect(formatForDescribe(flushMs, LONG_MAX_VALUE)).toBe('9223372036854775807');
    expect(() => parseValue(flushMs, '9223372036854775806')).toThrow('Not a number of type LONG');
  });

  it('parses ints like Integer.parseInt: sign and digits, trimmed', () => {
    const segmentBytes = def('topic', 'segment.bytes');
    expect(parseValue(segmentBytes, ' +1024 ')).toBe(1024);
    expect(() => parseValue(segmentBytes, '1e3')).toThrow('Not a number of type INT');
    expect(() => parseValue(segmentBytes, '')).toThrow('Not a number of type INT');
    expect(() => parseValue(segmentBytes, '2147483648')).toThrow('Not a number of type INT');
  });

  it('parses doubles and prints them like Java', () => {
    const ratio = def('topic', 'min.cleanable.dirty.ratio');
    expect(parseValue(ratio, '0.25')).toBe(0.25);
    expect(formatForLog(ratio, 1)).toBe('1.0');
    expect(() => parseValue(ratio, 'half')).toThrow('Not a number of type DOUBLE');
  });

  it('splits lists on commas with whitespace; the empty string is the empty list', () => {
    const policy = def('topic', 'cleanup.policy');
    expect(parseValue(policy, 'compact ,  delete')).toEqual(['compact', 'delete']);
    expect(parseValue(policy, '')).toEqual([]);
    expect(formatForLog(policy, ['compact', 'delete'])).toBe('[compact, delete]');
    expect(formatForDescribe(policy, ['compact', 'delete'])).toBe('compact,delete');
  });

  it('reads booleans case-insensitively and nothing else', () => {
    const unclean = def('topic', 'unclean.leader.election.enable');
    expect(parseValue(unclean, ' False ')).toBe(false);
    expect(() => parseValue(unclean, 1)).toThrow('Expected value to be either true or false');
  });
});

describe('suggestions', () => {
  it('counts adjacent transpositions as one edit', () => {
    expect(editDistance('linger.ms', 'lingre.ms')).toBe(1);
    expect(editDistance('acks', 'acks')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    expect(closestName('batch.sise', ['batch.size', 'buffer.memory'])).toBe('batch.size');
    expect(closestName('Linger.MS', ['linger.ms'])).toBe('linger.ms');
    expect(closestName('zzz', ['acks', 'retries'])).toBeNull();
  });
});
