import { describe, expect, it } from 'vitest';
import { filenamePrefixFromOffset, logFileName, offsetFromFileName, offsetIndexFileName, timeIndexFileName } from './LogFileNames';

describe('segment file names (LogFileUtils)', () => {
  it.each([
    [0, '00000000000000000000.log'],
    [1, '00000000000000000001.log'],
    [368769, '00000000000000368769.log'],
  ])('%d -> %s', (offset, name) => {
    expect(logFileName(offset)).toBe(name);
    expect(offsetFromFileName(name)).toBe(offset);
  });

  it('names the index files alike', () => {
    expect(offsetIndexFileName(368769)).toBe('00000000000000368769.index');
    expect(timeIndexFileName(368769)).toBe('00000000000000368769.timeindex');
  });

  it('handles Long.MAX_VALUE through bigint or string', () => {
    expect(logFileName(9223372036854775807n)).toBe('09223372036854775807.log');
    expect(filenamePrefixFromOffset('9223372036854775807')).toBe('09223372036854775807');
    expect(() => filenamePrefixFromOffset(9223372036854775807)).toThrow(RangeError);
    expect(() => filenamePrefixFromOffset(-1)).toThrow(RangeError);
  });
});
