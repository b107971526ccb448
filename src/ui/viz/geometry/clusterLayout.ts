/**
 * Where everything in the cluster view goes, as a pure function of the container size and
 * the cluster's shape. Brokers are stacked "racks" in the middle, producers (and the admin
 * client) on the left, consumers on the right, so client links fan out without crossing a
 * card; broker↔broker links (replica fetches, controller requests) are arcs in a lane to
 * the right of the racks.
 */
import { cubicPath, sCurve, sideArc, type Cubic, type Point } from './bezier';
import { clamp, type Rect } from './rect';
import {
  TILE_GAP_PX,
  TILE_H_FLOOR_PX,
  TILE_H_MIN_PX,
  columnsFor,
  fitTileSpec,
  minGridHeight,
  rowsNeeded,
  tileGrid,
  type TileGrid,
} from './tileGrid';

export type ClientKind = 'producer' | 'consumer' | 'admin';
export type LinkKind = 'producer' | 'consumer' | 'admin' | 'replication';

export interface ClusterLayoutInput {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly brokers: readonly { readonly id: number; readonly nodeId: string; readonly tileCount: number }[];
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  /** Show the admin client node (bottom of the left column). */
  readonly admin: boolean;
  /** Longest visible tile label, in characters (tiles share one width). */
  readonly longestTileLabelChars: number;
  /** Space kept free at the bottom (legend). */
  readonly reserveBottomPx?: number;
}

export interface BrokerBox {
  readonly id: number;
  readonly nodeId: string;
  readonly rect: Rect;
  /** Where the name, host:port and badges go. */
  readonly header: Rect;
  readonly headerPlacement: 'left' | 'top';
  readonly tiles: TileGrid;
}

export interface ClientBox {
  readonly nodeId: string;
  readonly kind: ClientKind;
  readonly rect: Rect;
}

export interface LinkGeom {
  /** "a|b" with a the client (or lower broker) end. */
  readonly key: string;
  readonly a: string;
  readonly b: string;
  readonly kind: LinkKind;
  readonly curve: Cubic;
  readonly d: string;
}

export interface LinkRef {
  readonly link: LinkGeom;
  /** True when travelling b → a. */
  readonly reversed: boolean;
}

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly brokers: readonly BrokerBox[];
  readonly clients: readonly ClientBox[];
  readonly links: readonly LinkGeom[];
  /** from node id → to node id → link; nested Maps so per-frame lookups allocate nothing. */
  readonly linkIndex: ReadonlyMap<string, ReadonlyMap<string, LinkRef>>;
}

export const CLUSTER_PAD_PX = 14;
const CARD_INNER_PAD_PX = 12;
/** Short cards (many brokers) trade padding for a second row of tiles. */
const CARD_INNER_PAD_COMPACT_PX = 6;
export const COMPACT_CARD_H_PX = 96;
const LEFT_HEADER_W_PX = 158;
/** Short, narrow cards (many brokers): a name-only header on the left, tiles in one row beside it. */
export const LEFT_HEADER_NARROW_W_PX = 124;
/** One line: name, host:port and the controller badge side by side. */
export const TOP_HEADER_H_PX = 32;
const MIN_CARD_H_PX = 96;
/** Cards grow up to this when the container has room (tall projector layouts). */
const MAX_ROOMY_CARD_H_PX = 150;
const CLIENT_H_PX = 58;
/** Cards narrower than this put their header on top instead of on the left. */
const LEFT_HEADER_MIN_CARD_W_PX = 440;

export const TILE_FONT_CHAR_W_PX = 7.7;

/** Tile width that fits "orders-3" plus the leader crown at 13 px (crown 13 + gap 4 + padding 12 + border 4 ≈ 30). */
export function tileWidthFor(labelChars: number): number {
  return Math.round(clamp(labelChars * TILE_FONT_CHAR_W_PX + 30, 76, 170));
}

/** Horizontal bulge of the arc linking brokers i and j (by stack distance); many brokers nest tighter. */
export function replicationBulgePx(distance: number, brokerCount = 3): number {
  return 22 + (brokerCount > 5 ? 8 : 16) * (distance - 1);
}

export function replicationLaneWidthPx(brokerCount: number): number {
  return brokerCount > 1 ? replicationBulgePx(brokerCount - 1, brokerCount) + 16 : 0;
}

export function clientWidthPx(widthPx: number): number {
  return Math.round(clamp(widthPx * 0.11, 116, 164));
}

export function computeClusterLayout(input: ClusterLayoutInput): ClusterLayout {
  const width = Math.max(320, input.widthPx);
  const height = Math.max(200, input.heightPx);
  const pad = CLUSTER_PAD_PX;
  const n = input.brokers.length;
  const leftIds = input.admin ? [...input.producers, 'admin'] : [...input.producers];

  const clientW = clientWidthPx(width);
  const fanW = Math.round(clamp(width * 0.075, 48, 130));
  const laneW = replicationLaneWidthPx(n);
  const cardX = pad + clientW + fanW;
  const cardRight = width - pad - clientW - fanW - laneW;
  const cardW = Math.max(160, cardRight - cardX);

  const top = pad;
  const bottom = height - pad - (input.reserveBottomPx ?? 0);
  const avail = Math.max(80, bottom - top);

  const minTileW = tileWidthFor(input.longestTileLabelChars);
  const maxTiles = input.brokers.reduce((m, b) => Math.max(m, b.tileCount), 0);
  // Many brokers: tighter gaps leave each card room for a row of tiles.
  const gapMinY = n > 5 ? 4 : 12;
  const perCardMax = n > 0 ? (avail - (n - 1) * gapMinY) / n : avail;
  const innerPad = perCardMax < COMPACT_CARD_H_PX ? CARD_INNER_PAD_COMPACT_PX : CARD_INNER_PAD_PX;
  const plan = planCards(cardW, perCardMax, maxTiles, minTileW, innerPad);
  const { headerPlacement, chrome, headerW } = plan;
  const cardH = Math.floor(
    Math.min(perCardMax, Math.max(plan.comfortH, MIN_CARD_H_PX, Math.min(perCardMax - 8, MAX_ROOMY_CARD_H_PX))),
  );
  const gapY = n > 1 ? clamp((avail - n * cardH) / (n - 1), gapMinY, 40) : 0;
  const stackH = n * cardH + Math.max(0, n - 1) * gapY;
  const stackTop = top + Math.max(0, (avail - stackH) / 2);
  const areaH = cardH - chrome;
  const spec = fitTileSpec({ width: plan.tileAreaW, height: areaH }, maxTiles, minTileW);
  const usedH = spec.rows * spec.tileH + (spec.rows - 1) * spec.gapPx;
  // Centre the grid vertically in the tile area so one row does not hug the header.
  const shiftY = Math.max(0, Math.floor((areaH - usedH) / 2));

  const brokers: BrokerBox[] = input.brokers.map((b, i) => {
    const rect: Rect = { x: cardX, y: stackTop + i * (cardH + gapY), width: cardW, height: cardH };
    const header: Rect =
      headerPlacement === 'left'
        ? { x: rect.x, y: rect.y, width: headerW, height: rect.height }
        : { x: rect.x, y: rect.y, width: rect.width, height: TOP_HEADER_H_PX };
    const areaTop = headerPlacement === 'left' ? rect.y + innerPad : rect.y + TOP_HEADER_H_PX;
    const area: Rect = {
      x: headerPlacement === 'left' ? rect.x + headerW : rect.x + innerPad,
      y: areaTop + shiftY,
      width: plan.tileAreaW,
      height: areaH - shiftY,
    };
    return { id: b.id, nodeId: b.nodeId, rect, header, headerPlacement, tiles: tileGrid(area, b.tileCount, spec, spec.cols) };
  });

  const spanTop = n > 0 ? stackTop : top;
  const spanH = n > 0 ? stackH : avail;
  const clients: ClientBox[] = [
    ...columnOfClients(leftIds, pad, spanTop, spanH, clientW, (id) => (id === 'admin' ? 'admin' : 'producer')),
    ...columnOfClients(input.consumers, width - pad - clientW, spanTop, spanH, clientW, () => 'consumer'),
  ];

  const links: LinkGeom[] = [];
  const leftClients = clients.filter((c) => c.kind !== 'consumer');
  const rightClients = clients.filter((c) => c.kind === 'consumer');
  for (const box of brokers) {
    leftClients.forEach((c, i) => {
      const p0 = { x: c.rect.x + c.rect.width, y: c.rect.y + c.rect.height / 2 };
      const p3 = { x: box.rect.x, y: fanEntryY(box.rect, i, leftClients.length) };
      links.push(makeLink(c.nodeId, box.nodeId, c.kind, sCurve(p0, p3)));
    });
    rightClients.forEach((c, i) => {
      const p0 = { x: c.rect.x, y: c.rect.y + c.rect.height / 2 };
      const p3 = { x: box.rect.x + box.rect.width, y: fanEntryY(box.rect, i, rightClients.length) };
      links.push(makeLink(c.nodeId, box.nodeId, 'consumer', sCurve(p0, p3)));
    });
  }
  for (let i = 0; i < brokers.length; i++) {
    for (let j = i + 1; j < brokers.length; j++) {
      const a = brokers[i]!;
      const b = brokers[j]!;
      const d = j - i;
      const right = a.rect.x + a.rect.width;
      const p0: Point = { x: right, y: a.rect.y + a.rect.height * Math.min(0.92, 0.7 + 0.1 * (d - 1)) };
      const p3: Point = { x: right, y: b.rect.y + b.rect.height * Math.max(0.08, 0.3 - 0.1 * (d - 1)) };
      links.push(makeLink(a.nodeId, b.nodeId, 'replication', sideArc(p0, p3, replicationBulgePx(d, brokers.length))));
    }
  }

  return { width, height, brokers, clients, links, linkIndex: indexLinks(links) };
}

/** What a column narrower than one tile is worth when no plan fits (see planCards). */
const SQUEEZED_COLUMN_WEIGHT = 0.4;

interface CardPlan {
  readonly headerPlacement: 'left' | 'top';
  /** Width of a left header. */
  readonly headerW: number;
  /** Card height not available to tiles. */
  readonly chrome: number;
  readonly tileAreaW: number;
  /** Card height that shows every tile at a comfortable size. */
  readonly comfortH: number;
}

/**
 * Header on the left (wide cards: saves height) unless the tiles only fit with the header on
 * top, or the card is too narrow for a side header.
 */
function planCards(cardW: number, perCardMax: number, maxTiles: number, minTileW: number, pad: number): CardPlan {
  const plans: CardPlan[] = [];
  const candidates = [
    { placement: 'left' as const, headerW: LEFT_HEADER_W_PX },
    { placement: 'top' as const, headerW: 0 },
    // Last resort for short narrow cards: a name-only header on the left saves the top header's height.
    { placement: 'left' as const, headerW: LEFT_HEADER_NARROW_W_PX },
  ];
  for (const { placement, headerW } of candidates) {
    if (placement === 'left' && headerW === LEFT_HEADER_W_PX && cardW < LEFT_HEADER_MIN_CARD_W_PX) continue;
    if (placement === 'left' && headerW === LEFT_HEADER_NARROW_W_PX && cardW < LEFT_HEADER_NARROW_W_PX + 60) continue;
    const tileAreaW = placement === 'left' ? cardW - headerW - pad : cardW - 2 * pad;
    const chrome = placement === 'left' ? 2 * pad : TOP_HEADER_H_PX + pad;
    const rows = rowsNeeded(maxTiles, columnsFor(tileAreaW, minTileW, TILE_GAP_PX));
    const comfortH = chrome + (rows > 0 ? rows * 32 + (rows - 1) * TILE_GAP_PX : 0);
    const plan = { headerPlacement: placement, headerW, chrome, tileAreaW, comfortH };
    // A tile area narrower than one tile fits nothing: its tiles would lose their names and
    // run into the header (presenter mode at 1024×768 once the log strip took its height).
    if (tileAreaW >= minTileW && chrome + minGridHeight(rows) <= perCardMax) return plan;
    plans.push(plan);
  }
  // Nothing fits: take the plan that shows the most tiles, a whole tile counting more than a
  // squeezed one (a column narrower than a tile counts 0.4 per row), and any tile more than
  // none (very short cards of 9 brokers have room for a row only beside a side header).
  const rowsIn = (p: CardPlan): number =>
    Math.max(Math.floor((perCardMax - p.chrome + 5) / (TILE_H_MIN_PX + 5)), perCardMax - p.chrome >= TILE_H_FLOOR_PX ? 1 : 0);
  const capacity = (p: CardPlan): number => rowsIn(p) * (p.tileAreaW < minTileW ? SQUEEZED_COLUMN_WEIGHT : columnsFor(p.tileAreaW, minTileW, TILE_GAP_PX));
  return plans.reduce((best, p) => (capacity(p) > capacity(best) ? p : best));
}

function columnOfClients(
  ids: readonly string[],
  x: number,
  spanTop: number,
  spanH: number,
  w: number,
  kindOf: (id: string) => ClientKind,
): ClientBox[] {
  const m = ids.length;
  if (m === 0) return [];
  const slot = spanH / m;
  const h = clamp(slot - 10, 34, CLIENT_H_PX);
  return ids.map((nodeId, i) => ({
    nodeId,
    kind: kindOf(nodeId),
    rect: { x, y: spanTop + (i + 0.5) * slot - h / 2, width: w, height: h },
  }));
}

/** Spread the k client links entering one card so they do not all meet in one point. */
function fanEntryY(card: Rect, i: number, k: number): number {
  const spread = Math.min(12, (card.height * 0.5) / Math.max(1, k));
  return card.y + card.height / 2 + (i - (k - 1) / 2) * spread;
}

function makeLink(a: string, b: string, kind: LinkKind, curve: Cubic): LinkGeom {
  return { key: `${a}|${b}`, a, b, kind, curve, d: cubicPath(curve) };
}

export function indexLinks(links: readonly LinkGeom[]): Map<string, Map<string, LinkRef>> {
  const index = new Map<string, Map<string, LinkRef>>();
  const put = (from: string, to: string, ref: LinkRef): void => {
    let m = index.get(from);
    if (!m) index.set(from, (m = new Map()));
    m.set(to, ref);
  };
  for (const link of links) {
    put(link.a, link.b, { link, reversed: false });
    put(link.b, link.a, { link, reversed: true });
  }
  return index;
}

/** The link a message travels on, or null when an end is not drawn (unknown node). */
export function findLink(
  index: ReadonlyMap<string, ReadonlyMap<string, LinkRef>>,
  from: string,
  to: string,
): LinkRef | null {
  return index.get(from)?.get(to) ?? null;
}

/**
 * Whether a label box centred at (cx, cy) would cover a broker card or a client node (and
 * so their names): particle labels hide there instead of drawing over them.
 */
export function labelHitsNode(layout: Pick<ClusterLayout, 'brokers' | 'clients'>, cx: number, cy: number, w: number, h: number): boolean {
  const l = cx - w / 2;
  const r = cx + w / 2;
  const t = cy - h / 2;
  const b = cy + h / 2;
  const hits = (rect: Rect): boolean => l < rect.x + rect.width && r > rect.x && t < rect.y + rect.height && b > rect.y;
  for (const box of layout.brokers) if (hits(box.rect)) return true;
  for (const box of layout.clients) if (hits(box.rect)) return true;
  return false;
}
