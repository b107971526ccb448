import { describe, expect, it } from 'vitest';
import { EventLog, formatEvent, lazy } from './EventLog';

describe('EventLog', () => {
  it('keeps far more than the old 5,000 events and pages through them by sequence', () => {
    const log = new EventLog();
    for (let i = 0; i < 20_000; i++) log.emit(i, 'kernel', 'k', lazy`event ${i}`);
    expect(log.count).toBe(20_000);
    expect(log.firstRetainedSeq).toBe(0);
    expect(log.get(0)?.text).toBe('event 0');
    expect(log.get(19_999)?.timeMs).toBe(19_999);
    expect(log.get(20_000)).toBeUndefined();
    expect(log.slice(100, 103).map((e) => e.text)).toEqual(['event 100', 'event 101', 'event 102']);
    expect(log.slice(19_998).map((e) => e.seq)).toEqual([19_998, 19_999]);
  });

  it('drops only the oldest events, and only beyond its budget', () => {
    const log = new EventLog({ maxEvents: 100 });
    for (let i = 0; i < 1000; i++) log.emit(i, 'kernel', 'k', `event ${i}`);
    expect(log.count).toBe(1000);
    expect(log.firstRetainedSeq).toBeGreaterThan(800);
    expect(log.count - log.firstRetainedSeq).toBeLessThanOrEqual(100);
    expect(log.get(log.firstRetainedSeq - 1)).toBeUndefined();
    expect(log.get(log.firstRetainedSeq)?.text).toBe(`event ${log.firstRetainedSeq}`);
    expect(log.slice(0, log.firstRetainedSeq + 2).map((e) => e.seq)).toEqual([log.firstRetainedSeq, log.firstRetainedSeq + 1]);
  });

  it('bounds retained memory by an estimated byte budget', () => {
    const log = new EventLog({ maxBytes: 100_000 });
    const long = 'x'.repeat(1000);
    for (let i = 0; i < 1000; i++) log.emit(i, 'kernel', 'k', long);
    const kept = log.count - log.firstRetainedSeq;
    expect(kept).toBeGreaterThan(10);
    expect(kept).toBeLessThan(100);
  });

  it('does not build the sentence until someone reads event.text, then builds it once', () => {
    const log = new EventLog();
    let built = 0;
    const event = log.emit(5, 'producer', 'p1', () => {
      built++;
      return 'acked offsets 0–4';
    }, 'orders-0');
    expect(built).toBe(0);
    expect(event.text).toBe('acked offsets 0–4');
    expect(event.text).toBe('acked offsets 0–4');
    expect(built).toBe(1);
    expect(event.tp).toBe('orders-0');
    expect(formatEvent(event)).toBe('    0.005s p1           acked offsets 0–4');
  });

  it('joins lazy template parts like a template literal and keeps no object alive', () => {
    const big = { toString: () => 'batch(3)' };
    const text = lazy`sent ${3} records (${big}) to ${'orders-1'}`;
    expect(String(text)).toBe('sent 3 records (batch(3)) to orders-1');
    const log = new EventLog();
    const event = log.emit(0, 'producer', 'p1', text);
    expect(event.text).toBe('sent 3 records (batch(3)) to orders-1');
    expect('tp' in event).toBe(false);
    expect(JSON.parse(JSON.stringify(event))).toEqual({ seq: 0, timeMs: 0, kind: 'producer', actor: 'p1', text: 'sent 3 records (batch(3)) to orders-1' });
  });

  it('recent() returns a bounded newest tail for older callers', () => {
    const log = new EventLog();
    for (let i = 0; i < 6000; i++) log.emit(i, 'kernel', 'k', 'x');
    expect(log.recent()).toHaveLength(5000);
    expect(log.recent()[0]!.seq).toBe(1000);
    expect(log.recent(3).map((e) => e.seq)).toEqual([5997, 5998, 5999]);
  });

  it('tells subscribers about each event as it is emitted', () => {
    const log = new EventLog();
    const seen: number[] = [];
    const unsubscribe = log.subscribe((e) => seen.push(e.seq));
    log.emit(0, 'kernel', 'k', 'a');
    unsubscribe();
    log.emit(0, 'kernel', 'k', 'b');
    expect(seen).toEqual([0]);
  });
});
