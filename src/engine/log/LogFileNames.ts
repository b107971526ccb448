/**
 * Segment file names (LogFileUtils.java): the base offset zero-padded to 20 digits plus a suffix.
 * Offsets can reach Long.MAX_VALUE (9223372036854775807), beyond JS's safe integers, so the prefix
 * function also takes a bigint or a decimal string.
 */
export const LOG_FILE_SUFFIX = '.log';
export const INDEX_FILE_SUFFIX = '.index';
export const TIME_INDEX_FILE_SUFFIX = '.timeindex';
export const TXN_INDEX_FILE_SUFFIX = '.txnindex';
export const PRODUCER_SNAPSHOT_FILE_SUFFIX = '.snapshot';
export const DELETED_FILE_SUFFIX = '.deleted';

export function filenamePrefixFromOffset(offset: number | bigint | string): string {
  let digits: string;
  if (typeof offset === 'number') {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new RangeError(`offset ${offset} is not a non-negative safe integer; pass a bigint or string`);
    }
    digits = String(offset);
  } else {
    digits = BigInt(offset).toString();
    if (digits.startsWith('-')) throw new RangeError(`negative offset ${digits}`);
  }
  return digits.padStart(20, '0');
}

export function logFileName(baseOffset: number | bigint | string): string {
  return filenamePrefixFromOffset(baseOffset) + LOG_FILE_SUFFIX;
}

export function offsetIndexFileName(baseOffset: number | bigint | string): string {
  return filenamePrefixFromOffset(baseOffset) + INDEX_FILE_SUFFIX;
}

export function timeIndexFileName(baseOffset: number | bigint | string): string {
  return filenamePrefixFromOffset(baseOffset) + TIME_INDEX_FILE_SUFFIX;
}

/** LogFileUtils.offsetFromFileName: the base offset encoded in a segment file name. */
export function offsetFromFileName(fileName: string): number {
  return Number(fileName.substring(0, fileName.indexOf('.')));
}
