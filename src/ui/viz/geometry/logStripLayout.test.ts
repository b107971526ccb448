import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../../engine/lab/LogRecordReader';
import type { BatchView, SegmentView } from '../../../engine/snapshot';
import {
  ANCHOR_STEP,
  CELL_MAX_W_PX,
  CELL_MIN_W_PX,
  STRIP_PAD_X_PX,
  WINDOW_MARGIN_CELLS,
  computeLogStripLayout,
  labelStep,
  logSummary,
  logViewport,
  nextMotion,
  SLIDE_MS,
  type LogStripInput,
  type RecordKeyInfo,
} from './logStripLayout';
import { fitText, keyColour, keyName, KEY_PALETTE_SIZE } from './logStripLayoutKeys';
import { placeMarkers, type PlacedMarker } from './logStripLayoutMarkers';

function batch(base: number, last: number, compression = 'none'): BatchView {
  return { baseOffset: base, lastOffset: last, position: base * 100, sizeBytes: (last - base + 1) * 100, compression, maxTimestampMs: base * 10, partitionLeaderEpoch: 0, producerId: 1 };
}

function segment(base: number, next: number, active: boolean, batches: BatchView[] = [], index: { offset: number; position: number }[] = []): SegmentView {
  return {
    baseOffset: base,
    fileName: `${String(base).padStart(20, '0')}.log`,
    sizeBytes: (next - base) * 100,
    nextOffset: next,
    largestTimestampMs: next * 10,
    isActive: active,
    indexEntries: index,
    timeIndexEntries: index.map((e) => ({ timestampMs: e.offset * 10, offset: e.offset })),
    batches,
  };
}

const hashOf = (key: string): number => fnv1a(new TextEncoder().encode(key));
const rec = (offset: number, key: string | null): RecordKeyInfo => ({ offset, key, keyHash: key === null ? 0 : hashOf(key) });

const shortLog = {
  logStartOffset: 0,
  logEndOffset: 8,
  highWatermark: 6,
  segments: [segment(0, 8, true, [batch(0, 2, 'lz4'), batch(3, 3), batch(4, 7, 'zstd')], [{ offset: 4, position: 400 }])],
};

/** A log of `n` offsets in segments of 100, every index entry at a multiple of 10. */
function longLog(n: number, logStart = 0): LogStripInput['log'] {
  const segments: SegmentView[] = [];
  for (let base = 0; base < n; base += 100) {
    const next = Math.min(n, base + 100);
    const index = Array.from({ length: 10 }, (_, i) => ({ offset: base + i * 10, position: i * 1000 })).filter((e) => e.offset < next);
    segments.push(segment(base, next, next === n, [batch(base, next - 1)], index));
  }
  return { logStartOffset: logStart, logEndOffset: n, highWatermark: n - 3, segments };
}

/** Every pair of placed markers: no label covers another's line, no two labels in one lane overlap. */
function expectNoCrossings(placed: readonly PlacedMarker[]): void {
  for (const a of placed) {
    for (const b of placed) {
      if (a === b) continue;
      const bRight = b.labelLeft + b.labelWidth;
      if (a.lane > b.lane) expect(a.x < b.labelLeft || a.x > bRight, `${a.label} line crosses ${b.label}`).toBe(true);
      if (a.lane === b.lane) expect(a.labelLeft + a.labelWidth <= b.labelLeft || a.labelLeft >= bRight, `${a.label} overlaps ${b.label}`).toBe(true);
    }
  }
}

describe('logViewport', () => {
  it('shows every offset (plus the empty LEO slot) when they fit', () => {
    expect(logViewport(0, 8, 1000)).toEqual({ start: 0, capacity: 9, cellW: CELL_MAX_W_PX, windowed: false, maxStart: 0, following: true });
  });

  it('windows a long log: the tail by default, any start when asked, clamped to the log', () => {
    const tail = logViewport(0, 1000, 1000);
    expect(tail.windowed).toBe(true);
    expect(tail.capacity).toBe(Math.floor(1000 / CELL_MIN_W_PX));
    expect(tail.start + tail.capacity).toBe(1001);
    expect(tail.cellW * tail.capacity).toBeCloseTo(1000, 9);
    expect(tail.following).toBe(true);
    expect(logViewport(0, 1000, 1000, 40)).toMatchObject({ start: 40, following: false });
    expect(logViewport(100, 1000, 1000, 3).start).toBe(100);
    expect(logViewport(0, 1000, 1000, 5000).start).toBe(tail.maxStart);
  });
});

describe('computeLogStripLayout: a short log', () => {
  const layout = computeLogStripLayout({ widthPx: 900, log: shortLog, consumers: [{ id: 'consumer-1', position: 5 }] });

  it('draws one cell per offset, committed below the HW', () => {
    expect(layout.cells.map((c) => c.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(layout.cells.filter((c) => c.committed).map((c) => c.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(layout.ghost?.offset).toBe(8);
    expect(layout.x(0)).toBe(STRIP_PAD_X_PX);
    expect(layout.x(1) - layout.x(0)).toBeCloseTo(CELL_MAX_W_PX, 9);
    expect(layout.view.windowed).toBe(false);
  });

  it('groups cells by batch with compression badges', () => {
    expect(layout.cells.map((c) => c.batch)).toEqual([0, 0, 0, 1, 2, 2, 2, 2]);
    expect(layout.batches.map((b) => b.badge)).toEqual(['lz4', null, 'zstd']);
    expect(layout.batches[0]!.width).toBeCloseTo(3 * CELL_MAX_W_PX, 9);
  });

  it('labels log start, HW and LEO and points at their cells', () => {
    const byKind = Object.fromEntries(layout.markers.map((m) => [m.kind, m]));
    expect(byKind.hw!.label).toBe('HW 6');
    expect(byKind.leo!.label).toBe('LEO 8');
    expect(byKind.logStart!.label).toBe('log start 0');
    expect(byKind.hw!.x + layout.scrollX).toBeCloseTo(layout.x(6) + CELL_MAX_W_PX / 2, 9);
    expect(byKind.leo!.x + layout.scrollX).toBeCloseTo(layout.x(8) + CELL_MAX_W_PX / 2, 9);
  });

  it('marks consumer positions', () => {
    expect(layout.consumerMarkers).toHaveLength(1);
    expect(layout.consumerMarkers[0]!.label).toBe('consumer-1 position 5');
    expect(layout.consumerMarkers[0]!.x).toBeCloseTo(layout.xa(5) + CELL_MAX_W_PX / 2, 9);
  });

  it('adds offset and time index ticks with readable tooltips', () => {
    expect(layout.indexTicks.map((t) => t.title)).toEqual(['index: offset 4 → position 400']);
    expect(layout.timeTicks.map((t) => t.title)).toEqual(['time index: 0.040 s → offset 4']);
  });

  it('names segments with file name and size', () => {
    expect(layout.segments[0]!.label).toBe('00000000000000000000.log · 800 B · active');
  });

  it('merges HW and LEO into one label when they coincide', () => {
    const l = computeLogStripLayout({ widthPx: 900, log: { ...shortLog, highWatermark: 8 }, consumers: [] });
    expect(l.markers.map((m) => m.label).sort()).toEqual(['HW = LEO 8', 'log start 0']);
  });

  it('handles an empty log', () => {
    const l = computeLogStripLayout({ widthPx: 600, log: { logStartOffset: 0, logEndOffset: 0, highWatermark: 0, segments: [segment(0, 0, true)] }, consumers: [] });
    expect(l.cells).toHaveLength(0);
    expect(l.ghost?.offset).toBe(0);
    expect(l.segments).toHaveLength(1);
  });
});

describe('computeLogStripLayout: windowing a long log', () => {
  const log = longLog(3259 * 2, 120);
  const tail = computeLogStripLayout({ widthPx: 1280, log, consumers: [{ id: 'far-behind', position: 200 }] });

  it('draws only the offsets in view plus a small margin, whatever the log size', () => {
    const { start, capacity } = tail.view;
    expect(tail.view.windowed).toBe(true);
    expect(tail.cells.length).toBeLessThanOrEqual(capacity + WINDOW_MARGIN_CELLS);
    expect(tail.cells[0]!.offset).toBe(start - WINDOW_MARGIN_CELLS);
    expect(tail.cells[tail.cells.length - 1]!.offset).toBe(log.logEndOffset - 1);
    expect(tail.segments.length).toBeLessThanOrEqual(2);
    expect(tail.indexTicks.every((t) => t.offset >= start - WINDOW_MARGIN_CELLS)).toBe(true);
    const middle = computeLogStripLayout({ widthPx: 1280, log, consumers: [], viewStart: 3000 });
    expect(middle.cells.map((c) => c.offset)).toEqual(Array.from({ length: middle.view.capacity + 2 * WINDOW_MARGIN_CELLS }, (_, i) => 3000 - WINDOW_MARGIN_CELLS + i));
    expect(middle.segments.map((s) => s.baseOffset)).toEqual([2900, 3000]);
  });

  it('keeps log start, HW and LEO correct: markers in view, the rest reachable by jumping', () => {
    expect(tail.markers.map((m) => m.kind).sort()).toEqual(['hw', 'leo']);
    const start = computeLogStripLayout({ widthPx: 1280, log, consumers: [], viewStart: 0 });
    expect(start.view.start).toBe(120);
    expect(start.markers.map((m) => m.label)).toEqual(['log start 120']);
    expect(start.x(120)).toBe(STRIP_PAD_X_PX);
  });

  it('shows a consumer outside the window as an edge chip', () => {
    expect(tail.consumerMarkers).toEqual([]);
    expect(tail.offscreenConsumers).toEqual([{ id: 'far-behind', position: 200, side: 'left' }]);
  });

  it('gives every offset a fixed place: cells never overlap or leave gaps, however far the log moved', () => {
    for (const leo of [700, 701, 733, 1500, 6000]) {
      const l = computeLogStripLayout({ widthPx: 1024, log: longLog(leo), consumers: [] });
      const xs = l.cells.map((c) => c.x);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(l.cellW, 6);
      // The window ends with the LEO slot flush with the right padding.
      expect(l.x(leo + 1)).toBeCloseTo(1024 - STRIP_PAD_X_PX, 6);
    }
    // Between two frames (many records arrived) an old offset keeps its group x while the anchor holds.
    const a = computeLogStripLayout({ widthPx: 1024, log: longLog(1400), consumers: [] });
    const b = computeLogStripLayout({ widthPx: 1024, log: longLog(1460), consumers: [] });
    expect(a.anchor).toBe(b.anchor);
    expect(a.xa(1390)).toBe(b.xa(1390));
    expect(b.scrollX - a.scrollX).toBeCloseTo(-60 * a.cellW, 6);
    expect(a.anchor % ANCHOR_STEP).toBe(0);
  });
});

describe('nextMotion', () => {
  const at = (leo: number) => computeLogStripLayout({ widthPx: 1024, log: longLog(leo), consumers: [] });
  const first = { start: at(1400).view.start, anchor: at(1400).anchor, cellW: at(1400).cellW, leo: 1400, atMs: 0, snap: true };

  it('slides one new record in when the last slide has finished', () => {
    expect(nextMotion(first, at(1401), SLIDE_MS + 1, 1401).snap).toBe(false);
  });

  it('snaps when many records arrive per frame, or records arrive faster than a slide', () => {
    expect(nextMotion(first, at(1460), 10_000, 1460).snap).toBe(true);
    const slid = nextMotion(first, at(1401), SLIDE_MS + 1, 1401);
    expect(nextMotion(slid, at(1402), SLIDE_MS + 17, 1402).snap).toBe(true);
  });

  it('keeps its mode while nothing moves (an HW change does not cut a slide short)', () => {
    const slid = nextMotion(first, at(1401), SLIDE_MS + 1, 1401);
    expect(nextMotion(slid, at(1401), SLIDE_MS + 5, 1401)).toBe(slid);
  });
});

describe('keys on cells', () => {
  const records = [rec(0, 'user-1'), rec(1, 'user-2'), rec(2, null), rec(3, 'user-1'), rec(4, 'k'.repeat(10_000)), rec(5, 'user-3'), rec(6, 'user-4'), rec(7, '')];
  const layout = computeLogStripLayout({ widthPx: 900, log: shortLog, consumers: [], records });

  it('labels each cell with its key, coloured per key; keyless cells have no colour', () => {
    const [c0, c1, c2, c3, c4] = layout.cells;
    expect(c0!.keyLabel).toBe('user-1');
    expect(c0!.colour).toEqual(c3!.colour);
    expect(c0!.colour).not.toEqual(c1!.colour);
    expect(c2!.key).toBeNull();
    expect(c2!.colour).toBeNull();
    expect(c2!.keyLabel).toBe('∅');
    expect(c0!.name).toBe('offset 0, key user-1, committed');
    expect(c2!.name).toBe('offset 2, key no key, committed');
  });

  it('truncates a 10,000-character key to the cell and names it with its length', () => {
    const c4 = layout.cells[4]!;
    expect(c4.keyLabel.endsWith('…')).toBe(true);
    expect(c4.keyLabel.length * 7.3).toBeLessThanOrEqual(layout.cellW);
    expect(c4.name).toContain('(10,000 characters)');
    expect(c4.name.length).toBeLessThan(200);
    expect(layout.keys.find((k) => k.key?.length === 10_000)!.label.length).toBeLessThan(25);
  });

  it('lists the keys in view with their colours', () => {
    expect(layout.keys.map((k) => [k.name, k.records])).toEqual([
      ['user-1', 2],
      ['user-2', 1],
      ['no key', 1],
      [keyName('k'.repeat(10_000)), 1],
      ['user-3', 1],
      ['user-4', 1],
      ['empty key', 1],
    ]);
  });

  it('draws cells without keys when the lab cannot read records', () => {
    const plain = computeLogStripLayout({ widthPx: 900, log: shortLog, consumers: [] });
    expect(plain.cells.every((c) => c.key === undefined && c.keyLabel === '')).toBe(true);
    expect(plain.keys).toEqual([]);
  });

  it('outlines old batches known only from the records read', () => {
    const log = longLog(2000);
    const records = [{ ...rec(1000, 'a'), batch: { baseOffset: 998, lastOffset: 1003, compression: 'gzip', sizeBytes: 300, position: 0, partitionLeaderEpoch: 0 } }];
    const l = computeLogStripLayout({ widthPx: 1280, log: { ...log, segments: log.segments.map((s) => ({ ...s, batches: [] })) }, consumers: [], viewStart: 1000, records });
    expect(l.batches.map((b) => [b.baseOffset, b.lastOffset])).toEqual([[998, 1003]]);
  });
});

describe('keyColour', () => {
  it('is stable: the same key bytes always give the same colour', () => {
    expect(keyColour(hashOf('order-42'))).toEqual(keyColour(hashOf('order-42')));
    expect(keyColour(hashOf('user-1')).fill).toBe(keyColour(fnv1a(new Uint8Array([117, 115, 101, 114, 45, 49]))).fill);
  });

  it('gives the stream keys user-1…4 and a, b, order-42 different colours', () => {
    for (const keys of [['user-1', 'user-2', 'user-3', 'user-4'], ['a', 'b', 'order-42']]) {
      expect(new Set(keys.map((k) => keyColour(hashOf(k)).slot)).size).toBe(keys.length);
    }
  });

  it('spreads keys over the whole palette', () => {
    const slots = new Set(Array.from({ length: 200 }, (_, i) => keyColour(hashOf(`key-${i}`)).slot));
    expect(slots.size).toBe(KEY_PALETTE_SIZE);
  });
});

describe('fitText / keyName', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(fitText('user-1', 50, 7.3)).toBe('user-1');
    expect(fitText('order-4242', 50, 7.3)).toBe('order…');
    expect(fitText('abc', 10, 7.3)).toBe('');
    expect(keyName(null)).toBe('no key');
    expect(keyName('x'.repeat(130))).toBe(`${'x'.repeat(120)}… (130 characters)`);
  });
});

describe('marker labels', () => {
  it('never run the HW line through the LEO label (adjacent offsets)', () => {
    for (let leo = 1; leo < 40; leo++) {
      const l = computeLogStripLayout({ widthPx: 700, log: { ...shortLog, logEndOffset: leo, highWatermark: leo - 1, segments: [segment(0, leo, true)] }, consumers: [] });
      expectNoCrossings(l.markers);
    }
  });

  it('place any three markers at distinct offsets without crossings', () => {
    const cx = (o: number): number => 16 + o * 30 + 15;
    for (let a = 0; a < 6; a++) {
      for (let b = a + 1; b < 7; b++) {
        const placed = placeMarkers(
          [
            { kind: 'leo', id: 'leo', offset: b + 1, label: `LEO ${b + 1}` },
            { kind: 'hw', id: 'hw', offset: b, label: `HW ${b}` },
            { kind: 'logStart', id: 'ls', offset: a, label: `log start ${a}` },
          ],
          cx,
          2,
          400,
          7.6,
        );
        expectNoCrossings(placed);
      }
    }
  });
});

describe('labelStep', () => {
  it('labels every cell when numbers fit, else every 2nd, 5th, 10th…', () => {
    expect(labelStep(2, 30)).toBe(1);
    expect(labelStep(5, 30)).toBe(2);
    expect(labelStep(7, 30)).toBe(2);
    expect(labelStep(7, 10)).toBe(10);
  });
});

describe('logSummary', () => {
  it('reads like the brief', () => {
    const log = { logStartOffset: 0, highWatermark: 52, logEndOffset: 52, segments: [1, 2] };
    expect(logSummary('orders-3', log, [{ id: 'consumer-1', position: 40 }])).toBe(
      'orders-3: log start 0, HW 52, LEO 52, 2 segments, consumer-1 at 40',
    );
    expect(logSummary('orders-3', { ...log, segments: [1] }, [])).toBe('orders-3: log start 0, HW 52, LEO 52, 1 segment');
  });
});
