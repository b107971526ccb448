import { describe, expect, it } from 'vitest';
import { fitFileName, formatBytes, formatSimMs, groupDigits, tileLabel } from './format';

describe('format', () => {
  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(4096)).toBe('4 KB');
    expect(formatBytes(4812)).toBe('4.7 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });

  it('groups digits without the locale', () => {
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-1000)).toBe('-1,000');
  });

  it('formats simulated time', () => {
    expect(formatSimMs(12345)).toBe('12.345 s');
  });

  it('fits segment file names by keeping the tail', () => {
    const name = '00000000000000000037.log';
    expect(fitFileName(name, 400, 8)).toBe(name);
    expect(fitFileName(name, 80, 8)).toBe('…00037.log');
    expect(fitFileName(name, 40, 8)).toBe('');
  });

  it('abbreviates internal topics on tiles only', () => {
    expect(tileLabel('orders-3', 'orders', false)).toBe('orders-3');
    expect(tileLabel('__consumer_offsets-12', '__consumer_offsets', true)).toBe('__co-12');
  });
});
