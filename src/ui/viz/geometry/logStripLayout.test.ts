import { describe, expect, it } from 'vitest';
import type { BatchView, SegmentView } from '../../../engine/snapshot';
import {
  CELL_MAX_W_PX,
  CONDENSED_W_PX,
  STRIP_PAD_X_PX,
  computeLogStripLayout,
  labelStep,
  logSummary,
  offsetWindow,
} from './logStripLayout';

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

const shortLog = {
  logStartOffset: 0,
  logEndOffset: 8,
  highWatermark: 6,
  segments: [segment(0, 8, true, [batch(0, 2, 'lz4'), batch(3, 3), batch(4, 7, 'zstd')], [{ offset: 4, position: 400 }])],
};

describe('offsetWindow', () => {
  it('shows every offset (plus the empty LEO slot) when they fit', () => {
    expect(offsetWindow(0, 8, 1000)).toEqual({ windowStart: 0, cellW: CELL_MAX_W_PX, condensed: false });
  });

  it('keeps the most recent offsets and condenses the rest', () => {
    const w = offsetWindow(0, 1000, 1000);
    expect(w.condensed).toBe(true);
    expect(w.windowStart).toBe(1001 - Math.floor((1000 - CONDENSED_W_PX) / 30));
    expect(w.cellW).toBeGreaterThanOrEqual(30);
  });
});

describe('computeLogStripLayout', () => {
  const layout = computeLogStripLayout({ widthPx: 800, log: shortLog, consumers: [{ id: 'consumer-1', position: 5 }] });

  it('draws one cell per offset, committed below the HW', () => {
    expect(layout.cells.map((c) => c.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(layout.cells.filter((c) => c.committed).map((c) => c.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(layout.ghost.offset).toBe(8);
    expect(layout.x(0)).toBe(STRIP_PAD_X_PX);
    expect(layout.x(1) - layout.x(0)).toBeCloseTo(CELL_MAX_W_PX, 9);
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
    expect(byKind.hw!.x).toBeCloseTo(layout.x(6) + CELL_MAX_W_PX / 2, 9);
    expect(byKind.leo!.x).toBeCloseTo(layout.x(8) + CELL_MAX_W_PX / 2, 9);
  });

  it('marks consumer positions', () => {
    expect(layout.consumerMarkers).toHaveLength(1);
    expect(layout.consumerMarkers[0]!.label).toBe('consumer-1 position 5');
    expect(layout.consumerMarkers[0]!.x).toBeCloseTo(layout.x(5) + CELL_MAX_W_PX / 2, 9);
  });

  it('adds offset and time index ticks with readable tooltips', () => {
    expect(layout.indexTicks.map((t) => t.title)).toEqual(['index: offset 4 → position 400']);
    expect(layout.timeTicks.map((t) => t.title)).toEqual(['time index: 0.040 s → offset 4']);
  });

  it('names segments with file name and size', () => {
    expect(layout.segments[0]!.label).toBe('00000000000000000000.log · 800 B · active');
  });

  it('stacks HW and LEO labels when they coincide', () => {
    const l = computeLogStripLayout({ widthPx: 800, log: { ...shortLog, highWatermark: 8 }, consumers: [] });
    const lanes = l.markers.filter((m) => m.kind !== 'logStart').map((m) => m.lane).sort();
    expect(lanes).toEqual([0, 1]);
  });

  it('condenses a long log: recent offsets get cells, older ones a narrow zone', () => {
    const long = {
      logStartOffset: 100,
      logEndOffset: 5000,
      highWatermark: 4990,
      segments: [segment(0, 2500, false), segment(2500, 4980, false), segment(4980, 5000, true, [batch(4980, 4999, 'snappy')])],
    };
    const l = computeLogStripLayout({ widthPx: 1280, log: long, consumers: [{ id: 'c', position: 200 }] });
    expect(l.condensed).toMatchObject({ from: 100, to: l.windowStart - 1, segments: 1 });
    expect(l.cells[l.cells.length - 1]!.offset).toBe(4999);
    expect(l.cells[0]!.offset).toBe(l.windowStart);
    expect(l.x(l.windowStart)).toBeCloseTo(STRIP_PAD_X_PX + CONDENSED_W_PX, 9);
    expect(l.x(100)).toBe(STRIP_PAD_X_PX);
    // the scale is monotonic across the break
    expect(l.x(2500)).toBeGreaterThan(l.x(100));
    expect(l.x(2500)).toBeLessThan(l.x(l.windowStart));
    // four- and five-digit offsets are labelled every few cells, not crammed
    expect(l.cells.filter((c) => c.showLabel).length).toBeLessThan(l.cells.length);
    // a consumer far behind points into the condensed zone
    expect(l.consumerMarkers[0]!.x).toBeLessThan(STRIP_PAD_X_PX + CONDENSED_W_PX);
    // the first segment starts at the log start offset (after retention), not at 0
    expect(l.segments[0]!.x).toBe(STRIP_PAD_X_PX);
  });

  it('handles an empty log', () => {
    const l = computeLogStripLayout({ widthPx: 600, log: { logStartOffset: 0, logEndOffset: 0, highWatermark: 0, segments: [segment(0, 0, true)] }, consumers: [] });
    expect(l.cells).toHaveLength(0);
    expect(l.ghost.offset).toBe(0);
    expect(l.segments).toHaveLength(1);
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
