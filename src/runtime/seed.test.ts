import { describe, expect, it } from 'vitest';
import { linkWarnings, seedFromSearch, versionFromSearch } from './seed';

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
