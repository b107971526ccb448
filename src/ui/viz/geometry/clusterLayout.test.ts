import { describe, expect, it } from 'vitest';
import { cubicPoint } from './bezier';
import { computeClusterLayout, findLink, TILE_FONT_CHAR_W_PX, type ClusterLayoutInput } from './clusterLayout';
import { rectContains, rectsOverlap, type Rect } from './rect';
import { tileRect } from './tileGrid';

const base: ClusterLayoutInput = {
  widthPx: 1280,
  heightPx: 470,
  brokers: [0, 1, 2].map((id) => ({ id, nodeId: `broker-${id}`, tileCount: 6 })),
  producers: ['producer-1'],
  consumers: ['consumer-1'],
  admin: true,
  longestTileLabelChars: 8,
  reserveBottomPx: 36,
};

const strictlyInside = (r: Rect, x: number, y: number): boolean =>
  x > r.x + 1 && x < r.x + r.width - 1 && y > r.y + 1 && y < r.y + r.height - 1;

describe('computeClusterLayout', () => {
  const layout = computeClusterLayout(base);

  it('stacks broker cards without overlap, inside the view and above the legend', () => {
    const cards = layout.brokers.map((b) => b.rect);
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) expect(rectsOverlap(cards[i]!, cards[j]!)).toBe(false);
      expect(rectContains({ x: 0, y: 0, width: 1280, height: 470 - 36 }, cards[i]!)).toBe(true);
    }
  });

  it('puts every tile inside its card, all shown, at ≥ 13 px', () => {
    for (const b of layout.brokers) {
      expect(b.tiles.shown).toBe(6);
      expect(b.tiles.fontPx).toBeGreaterThanOrEqual(13);
      for (let i = 0; i < b.tiles.shown; i++) expect(rectContains(b.rect, tileRect(b.tiles, i))).toBe(true);
    }
  });

  it('places producers and admin left of the cards and consumers right of them', () => {
    const cardLeft = layout.brokers[0]!.rect.x;
    const cardRight = cardLeft + layout.brokers[0]!.rect.width;
    for (const c of layout.clients) {
      if (c.kind === 'consumer') expect(c.rect.x).toBeGreaterThan(cardRight);
      else expect(c.rect.x + c.rect.width).toBeLessThan(cardLeft);
    }
    expect(layout.clients.map((c) => c.nodeId)).toEqual(['producer-1', 'admin', 'consumer-1']);
  });

  it('links every client to every broker, and every broker pair', () => {
    expect(layout.links.filter((l) => l.kind !== 'replication')).toHaveLength(3 * 3);
    expect(layout.links.filter((l) => l.kind === 'replication').map((l) => l.key)).toEqual([
      'broker-0|broker-1',
      'broker-0|broker-2',
      'broker-1|broker-2',
    ]);
  });

  it('no link runs through a broker card', () => {
    for (const link of layout.links) {
      for (let t = 0.02; t < 0.99; t += 0.02) {
        const p = cubicPoint(link.curve, t);
        for (const b of layout.brokers) expect(strictlyInside(b.rect, p.x, p.y)).toBe(false);
      }
    }
  });

  it('indexes links both ways, marking the reverse direction', () => {
    const out = findLink(layout.linkIndex, 'producer-1', 'broker-2');
    const back = findLink(layout.linkIndex, 'broker-2', 'producer-1');
    expect(out?.reversed).toBe(false);
    expect(back?.reversed).toBe(true);
    expect(back?.link).toBe(out?.link);
    expect(findLink(layout.linkIndex, 'broker-1', 'broker-0')?.reversed).toBe(true);
    expect(findLink(layout.linkIndex, 'nobody', 'broker-0')).toBeNull();
  });

  it('moves the card header on top when cards get narrow', () => {
    const narrow = computeClusterLayout({ ...base, widthPx: 760 });
    expect(narrow.brokers[0]!.headerPlacement).toBe('top');
    expect(layout.brokers[0]!.headerPlacement).toBe('left');
    for (const b of narrow.brokers) {
      for (let i = 0; i < b.tiles.shown; i++) expect(rectContains(b.rect, tileRect(b.tiles, i))).toBe(true);
    }
  });

  it('keeps too many tiles inside the card with a "+N more" slot', () => {
    const many = computeClusterLayout({
      ...base,
      brokers: base.brokers.map((b) => ({ ...b, tileCount: 72 })),
      longestTileLabelChars: 9,
    });
    for (const b of many.brokers) {
      expect(b.tiles.hidden).toBeGreaterThan(0);
      expect(b.tiles.shown + b.tiles.hidden).toBe(72);
      expect(rectContains(b.rect, tileRect(b.tiles, b.tiles.shown))).toBe(true);
    }
  });

  it('fits five brokers with six replicas each without hiding tiles (compact cards)', () => {
    const five = computeClusterLayout({
      ...base,
      brokers: [0, 1, 2, 3, 4].map((id) => ({ id, nodeId: `broker-${id}`, tileCount: 6 })),
      admin: false,
    });
    for (const b of five.brokers) {
      expect(b.tiles.hidden).toBe(0);
      for (let i = 0; i < b.tiles.shown; i++) expect(rectContains(b.rect, tileRect(b.tiles, i))).toBe(true);
    }
  });

  it('at 1280×720 (840 × 336 px, legend folded away) shows every tile of one or three 6-partition topics inside its card', () => {
    for (const tileCount of [2, 4, 6]) {
      const small = computeClusterLayout({
        ...base,
        widthPx: 840,
        heightPx: 336,
        reserveBottomPx: 0,
        brokers: base.brokers.map((b) => ({ ...b, tileCount })),
      });
      for (const b of small.brokers) {
        expect(b.tiles.hidden, `${tileCount} tiles per broker`).toBe(0);
        for (let i = 0; i < b.tiles.shown; i++) expect(rectContains(b.rect, tileRect(b.tiles, i))).toBe(true);
      }
    }
  });

  it('never lets a tile row straddle the card edge, even when the view is too short', () => {
    const cramped = computeClusterLayout({ ...base, widthPx: 840, heightPx: 220, reserveBottomPx: 0 });
    for (const b of cramped.brokers) {
      for (let i = 0; i < b.tiles.shown; i++) expect(rectContains(b.rect, tileRect(b.tiles, i))).toBe(true);
      if (b.tiles.hidden > 0) expect(rectContains(b.rect, tileRect(b.tiles, b.tiles.shown))).toBe(true);
    }
  });

  it('handles a single broker and no clients', () => {
    const one = computeClusterLayout({ ...base, brokers: [base.brokers[0]!], producers: [], consumers: [], admin: false });
    expect(one.brokers).toHaveLength(1);
    expect(one.links).toHaveLength(0);
  });

  it('never squeezes tiles beside a header into a column narrower than their names (presenter mode at 1024x768)', () => {
    // The cluster's box in layout px once the partition log took its height: 717 x 333 px at 1.2x.
    const small = computeClusterLayout({ ...base, widthPx: 597, heightPx: 277, reserveBottomPx: 0, brokers: [0, 1, 2].map((id) => ({ id, nodeId: `broker-${id}`, tileCount: 2 })) });
    const nameOnlyPx = 8 * TILE_FONT_CHAR_W_PX + 16; // "orders-2" without the crown, with its padding
    for (const b of small.brokers) {
      expect(b.tiles.tileW).toBeGreaterThanOrEqual(nameOnlyPx);
      for (let i = 0; i < b.tiles.shown; i++) expect(rectsOverlap(tileRect(b.tiles, i), b.header)).toBe(false);
    }
  });
});

