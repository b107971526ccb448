import { describe, expect, it } from 'vitest';
import { InvalidOffsetException, IndexOffsetOverflowException } from './errors';
import { OffsetIndex } from './OffsetIndex';
import { TimeIndex } from './TimeIndex';

describe('OffsetIndex', () => {
  it('looks up the floor entry, or (base, 0) below the first entry (lookupExtremeCases)', () => {
    const index = new OffsetIndex(50, 30 * 8);
    expect(index.lookup(50)).toEqual({ offset: 50, position: 0 });
    for (let i = 1; i <= 10; i++) index.append(50 + i * 3, i * 100);
    expect(index.lookup(49)).toEqual({ offset: 50, position: 0 });
    expect(index.lookup(52)).toEqual({ offset: 50, position: 0 });
    expect(index.lookup(53)).toEqual({ offset: 53, position: 100 });
    expect(index.lookup(57)).toEqual({ offset: 56, position: 200 });
    expect(index.lookup(1000)).toEqual({ offset: 80, position: 1000 });
    expect(index.lastOffset).toBe(80);
  });

  it('refuses offsets that do not strictly increase (appendOutOfOrder)', () => {
    const index = new OffsetIndex(0, 1024);
    index.append(51, 0);
    expect(() => index.append(50, 1)).toThrow(InvalidOffsetException);
    expect(() => index.append(51, 1)).toThrow(InvalidOffsetException);
  });

  it('stores offsets relative to the base, big-endian', () => {
    const index = new OffsetIndex(50, 1024);
    index.append(55, 4096);
    expect([...index.bytes()]).toEqual([0, 0, 0, 5, 0, 0, 0x10, 0]);
    expect(() => new OffsetIndex(50, 1024).append(49, 0)).toThrow(IndexOffsetOverflowException);
    expect(() => new OffsetIndex(0, 1024).append(2 ** 31, 0)).toThrow(IndexOffsetOverflowException);
  });

  it('is full at floor(segment.index.bytes / 8) entries', () => {
    const index = new OffsetIndex(0, 8 * 3 + 7);
    expect(index.maxEntries).toBe(3);
    for (let i = 0; i < 3; i++) index.append(i, i);
    expect(index.isFull()).toBe(true);
    expect(() => index.append(9, 9)).toThrow(/full/);
  });

  it('truncateTo removes entries >= offset without rewriting bytes already handed out', () => {
    const index = new OffsetIndex(0, 1024);
    for (const o of [10, 20, 30, 40]) index.append(o, o * 10);
    const before = index.bytes();
    const snapshot = [...before];
    index.truncateTo(30);
    expect(index.entries()).toEqual([{ offset: 10, position: 100 }, { offset: 20, position: 200 }]);
    index.append(25, 999);
    expect([...before]).toEqual(snapshot);
    index.truncateTo(21);
    expect(index.entries().map((e) => e.offset)).toEqual([10, 20]);
    index.truncateTo(0);
    expect(index.entryCount).toBe(0);
  });

  it('grows past its initial capacity', () => {
    const index = new OffsetIndex(0, 10 * 1024 * 1024);
    for (let i = 0; i < 1000; i++) index.append(i * 2, i * 10);
    expect(index.entryCount).toBe(1000);
    expect(index.lookup(1001)).toEqual({ offset: 1000, position: 5000 });
  });
});

describe('TimeIndex', () => {
  it('only appends a larger timestamp, and looks up the floor entry or (-1, base)', () => {
    const index = new TimeIndex(100, 12 * 10);
    expect(index.lookup(5)).toEqual({ timestamp: -1, offset: 100 });
    expect(index.maybeAppend(1000, 105)).toBe(true);
    expect(index.maybeAppend(1000, 107)).toBe(false);
    expect(index.maybeAppend(2000, 110)).toBe(true);
    expect(() => index.maybeAppend(3000, 109)).toThrow(InvalidOffsetException);
    expect(index.lookup(999)).toEqual({ timestamp: -1, offset: 100 });
    expect(index.lookup(1500)).toEqual({ timestamp: 1000, offset: 105 });
    expect(index.lookup(9999)).toEqual({ timestamp: 2000, offset: 110 });
    expect([...index.bytes().subarray(0, 12)]).toEqual([0, 0, 0, 0, 0, 0, 0x03, 0xe8, 0, 0, 0, 5]);
  });

  it('reserves its last slot for the roll-time entry', () => {
    const index = new TimeIndex(0, 12 * 3);
    index.maybeAppend(1, 1);
    expect(index.isFull()).toBe(false);
    index.maybeAppend(2, 2);
    expect(index.isFull()).toBe(true);
    expect(() => index.maybeAppend(3, 3)).toThrow(/full/);
    expect(index.maybeAppend(3, 3, true)).toBe(true);
  });

  it('truncateTo drops entries at or after the offset', () => {
    const index = new TimeIndex(0, 1200);
    index.maybeAppend(10, 5);
    index.maybeAppend(20, 9);
    index.maybeAppend(30, 14);
    index.truncateTo(9);
    expect(index.entries()).toEqual([{ timestamp: 10, offset: 5 }]);
    expect(index.lastEntry).toEqual({ timestamp: 10, offset: 5 });
  });
});
