import { describe, expect, it } from 'vitest';
import { brokersFromSearch, linkWarnings, parseBrokerCount, seedFromSearch, seedProblem, versionFromSearch } from './seed';

describe('seedFromSearch', () => {
  it('reads ?seed=N', () => {
    expect(seedFromSearch('?seed=7')).toBe(7);
    expect(seedFromSearch('?x=1&seed=123456')).toBe(123456);
  });
  it('ignores missing or invalid seeds', () => {
    expect(seedFromSearch('')).toBeNull();
    expect(seedFromSearch('?seed=abc')).toBeNull();
    expect(seedFromSearch('?seed=-1')).toBeNull();
    expect(seedFromSearch('?seed=99999999999')).toBeNull();
  });
});

describe('link parameters', () => {
  it('reads a known Kafka version profile and nothing else', () => {
    expect(versionFromSearch('?version=2.4')).toBe('2.4');
    expect(versionFromSearch('?version=3.9&seed=1')).toBe('3.9');
    expect(versionFromSearch('?version=4.0')).toBeNull();
    expect(versionFromSearch('')).toBeNull();
  });

  it('explains ignored or malformed parameters in plain words', () => {
    expect(linkWarnings('?seed=7&version=2.4', false)).toEqual([]);
    expect(linkWarnings('?seed=abc', false)).toEqual(['Ignored seed=abc from the link: a seed is a whole number from 0 to 4294967295.']);
    expect(linkWarnings('?version=9', false)[0]).toMatch(/Ignored version=9 .* Kafka 3.9 and 2.4/);
    expect(linkWarnings('?seed=7', true)).toEqual(["This browser already holds a lab, so the link's seed only applies to a fresh one: use Reset lab to start over."]);
  });
});

describe('broker count and seed checks (Reset lab, ?brokers=)', () => {
  it('reads ?brokers=1 to 9 and refuses anything else with a reason', () => {
    expect(brokersFromSearch('?brokers=5')).toBe(5);
    expect(brokersFromSearch('?brokers=1')).toBe(1);
    expect(brokersFromSearch('?brokers=9')).toBe(9);
    for (const bad of ['0', '10', '-1', '2.5', 'abc', '']) expect(brokersFromSearch(`?brokers=${bad}`)).toBeNull();
    expect(linkWarnings('?brokers=12', false)).toEqual(['Ignored brokers=12 from the link: a lab has 1 to 9 brokers.']);
    expect(linkWarnings('?brokers=5&seed=3', true)[0]).toMatch(/the link's seed and broker count only apply to a fresh one/);
  });

  it('says why a typed seed is refused', () => {
    expect(seedProblem('42')).toBeNull();
    expect(seedProblem('4294967295')).toBeNull();
    expect(seedProblem('')).toMatch(/Enter a seed/);
    expect(seedProblem('-3')).toMatch(/digits only/);
    expect(seedProblem('4294967296')).toMatch(/too large/);
    expect(parseBrokerCount(' 4 ')).toBe(4);
  });
});
