import { describe, expect, it } from 'vitest';
import { EventLog } from '../../engine/kernel';
import { EventRows, readScroll, rowRanges, visibleRange } from './eventIndex';

function logWith(n: number, limits?: { maxEvents: number }): EventLog {
  const log = new EventLog(limits);
  for (let i = 0; i < n; i++) log.emit(i, i % 10 === 0 ? 'controller' : 'producer', 'a', `event ${i}`, i % 2 === 0 ? 'orders-0' : 'orders-1');
  return log;
}

describe('EventRows', () => {
  it('without a filter, row i is the i-th kept event', () => {
    const log = logWith(1000);
    const rows = new EventRows({ kind: 'all', tp: 'all' });
    rows.update(log);
    expect(rows.length).toBe(1000);
    expect(rows.seqAt(0)).toBe(0);
    expect(rows.seqAt(999)).toBe(999);
  });

  it('a filter reaches the first events of the run, and new ones are added incrementally', () => {
    const log = logWith(10_000);
    const rows = new EventRows({ kind: 'controller', tp: 'all' });
    rows.update(log);
    expect(rows.length).toBe(1000);
    expect(rows.seqAt(0)).toBe(0);
    log.emit(10_000, 'controller', 'c', 'late');
    log.emit(10_001, 'producer', 'p', 'other');
    rows.update(log);
    expect(rows.length).toBe(1001);
    expect(log.get(rows.seqAt(1000))!.text).toBe('late');
    expect(rows.rowOf(20)).toBe(2);
  });

  it('combines kind and partition', () => {
    const log = logWith(100);
    const rows = new EventRows({ kind: 'producer', tp: 'orders-1' });
    rows.update(log);
    expect(rows.length).toBe(50);
    expect([0, 1, 2].map((i) => rows.seqAt(i))).toEqual([1, 3, 5]);
  });

  it('forgets rows whose events the log dropped for memory', () => {
    const log = logWith(100, { maxEvents: 64 });
    const rows = new EventRows({ kind: 'controller', tp: 'all' });
    rows.update(log);
    expect(rows.seqAt(0)).toBeGreaterThanOrEqual(log.firstRetainedSeq);
    for (let i = 0; i < rows.length; i++) expect(log.get(rows.seqAt(i))).toBeDefined();
  });
});

describe('visibleRange', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleRange(0, 200, 20, 100_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(20_000, 200, 20, 100_000, 5)).toEqual({ start: 995, end: 1015 });
    expect(visibleRange(0, 200, 20, 3, 5)).toEqual({ start: 0, end: 3 });
  });
});

describe('readScroll', () => {
  const view = { clientHeight: 400 };
  it("keeps following on the scroll event of the log's own tail write, even after the list grew", () => {
    // Wrote 600 (the bottom of a 1,000 px list); a publish made it 1,100 px before the event came.
    expect(readScroll({ ...view, scrollTop: 600, scrollHeight: 1100 }, true, 600)).toBeNull();
  });

  it('stops following when the reader scrolls up, and follows again at the bottom', () => {
    expect(readScroll({ ...view, scrollTop: 300, scrollHeight: 1100 }, true, 700)).toEqual({ following: false });
    expect(readScroll({ ...view, scrollTop: 700, scrollHeight: 1100 }, false, -1)).toEqual({ following: true });
    expect(readScroll({ ...view, scrollTop: 698, scrollHeight: 1100 }, true, 700)).toBeNull(); // at the bottom, within the slack
  });

  it('ignores a hidden log', () => {
    expect(readScroll({ clientHeight: 0, scrollTop: 0, scrollHeight: 0 }, true, 5)).toBeNull();
  });
});

describe('rowRanges', () => {
  it('renders the tail alone when the list is already scrolled there', () => {
    expect(rowRanges({ start: 90, end: 110 }, null)).toEqual([[90, 110]]);
  });

  it('keeps the rows where the list is still scrolled until the write moves it to a far tail', () => {
    expect(rowRanges({ start: 5000, end: 5020 }, { start: 100, end: 120 })).toEqual([
      [100, 120],
      [5000, 5020],
    ]);
  });

  it('merges the two windows when they overlap', () => {
    expect(rowRanges({ start: 110, end: 130 }, { start: 100, end: 120 })).toEqual([[100, 130]]);
  });
});

