import { describe, expect, it } from 'vitest';
import { seedFromSearch } from './seed';

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
