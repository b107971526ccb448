/**
 * Which events of the kernel's whole-run log the event log shows: every kept event, or the
 * sequence numbers matching a filter, found incrementally (each event is tested once, when it
 * first appears) so a filter reaches the start of the run without re-scanning every frame.
 */
import type { LabEvent } from '../../engine/kernel';

/** The part of the kernel's EventLog the view reads. */
export interface EventSource {
  readonly count: number;
  readonly firstRetainedSeq: number;
  get(seq: number): LabEvent | undefined;
}

export interface EventFilter {
  readonly kind: string;
  readonly tp: string;
}

export const NO_FILTER: EventFilter = { kind: 'all', tp: 'all' };

export function matches(filter: EventFilter, e: LabEvent): boolean {
  return (filter.kind === 'all' || e.kind === filter.kind) && (filter.tp === 'all' || e.tp === filter.tp);
}

/** Rows of the list: row i is the event with sequence number `seqAt(i)`. */
export class EventRows {
  private seqs: number[] = [];
  private scannedTo = 0;
  private dropped = 0;
  private first = 0;
  private end = 0;

  constructor(readonly filter: EventFilter) {}

  get all(): boolean {
    return this.filter.kind === 'all' && this.filter.tp === 'all';
  }

  /** Catch up with the log: test the events emitted since the last call, forget dropped ones. */
  update(source: EventSource): void {
    this.first = source.firstRetainedSeq;
    this.end = source.count;
    if (this.all) return;
    for (let seq = Math.max(this.scannedTo, this.first); seq < this.end; seq++) {
      const e = source.get(seq);
      if (e && matches(this.filter, e)) this.seqs.push(seq);
    }
    this.scannedTo = this.end;
    // The log dropped its oldest events (memory bound): skip our rows for them.
    while (this.dropped < this.seqs.length && this.seqs[this.dropped]! < this.first) this.dropped++;
    if (this.dropped > 4096 && this.dropped * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.dropped);
      this.dropped = 0;
    }
  }

  get length(): number {
    return this.all ? this.end - this.first : this.seqs.length - this.dropped;
  }

  seqAt(row: number): number {
    return this.all ? this.first + row : this.seqs[this.dropped + row]!;
  }

  /** The first row whose sequence number is ≥ seq (binary search), for jumping to an event. */
  rowOf(seq: number): number {
    if (this.all) return Math.max(0, seq - this.first);
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqAt(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Rows [start, end) to render for a scroll position, with `overscan` extra rows each side. */
export function visibleRange(
  scrollTopPx: number,
  viewportPx: number,
  rowPx: number,
  rowCount: number,
  overscan = 6,
): { start: number; end: number } {
  if (rowPx <= 0 || rowCount === 0) return { start: 0, end: 0 };
  const start = Math.max(0, Math.floor(scrollTopPx / rowPx) - overscan);
  const end = Math.min(rowCount, Math.ceil((scrollTopPx + viewportPx) / rowPx) + overscan);
  return { start, end: Math.max(start, end) };
}

/** Within this many px of the bottom counts as "at the newest line". */
export const BOTTOM_SLACK_PX = 4;

export interface ScrollReading {
  readonly scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
}

/**
 * What a scroll event of the event log means: null when nothing changes (it is the log's own
 * write of the tail position, or the reader is at the bottom and following), else whether the
 * log follows the newest line from now on. The log's own write is recognised by its position
 * (`writtenTop`): its scroll event arrives a frame later, and by then a publish may have made
 * the list longer, so measured against the new height the reader seemed to have scrolled up
 * and the log stopped following (at 100× in presenter mode, within seconds).
 */
export function readScroll(r: ScrollReading, following: boolean, writtenTop: number): { following: boolean } | null {
  if (r.clientHeight === 0) return null;
  if (following && Math.abs(r.scrollTop - writtenTop) < 1) return null;
  const atBottom = r.scrollTop + r.clientHeight >= r.scrollHeight - BOTTOM_SLACK_PX;
  if (atBottom && following) return null;
  return { following: atBottom };
}

/**
 * The row ranges to render: the window at `tail` (where the log is about to be scrolled),
 * and while the scroll write is still pending, also the window where it is scrolled now
 * (`scrolled`), merged when they touch. Ranges are [start, end).
 */
export function rowRanges(tail: { start: number; end: number }, scrolled: { start: number; end: number } | null): [number, number][] {
  if (!scrolled || scrolled.end <= scrolled.start) return [[tail.start, tail.end]];
  if (scrolled.end < tail.start || scrolled.start > tail.end) return [[scrolled.start, scrolled.end], [tail.start, tail.end]];
  return [[Math.min(scrolled.start, tail.start), Math.max(scrolled.end, tail.end)]];
}
