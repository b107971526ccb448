/**
 * Marker labels of the log strip (log start, HW, LEO above the cells; consumer positions below).
 * Each label sits in a lane; its line runs from the label to its cell, crossing every lane
 * nearer the cells. A label may therefore never cover another marker's line, and its own line
 * may never cross another label: the HW line must not run through the LEO label.
 */

export type MarkerKind = 'logStart' | 'hw' | 'leo' | 'consumer';

export interface MarkerSpec {
  readonly kind: MarkerKind;
  readonly id: string;
  readonly offset: number;
  readonly label: string;
}

export interface PlacedMarker extends MarkerSpec {
  /** The centre of the offset's cell (markers point at the offset they name). */
  readonly x: number;
  readonly labelLeft: number;
  readonly labelWidth: number;
  /** 0 is the lane nearest the cells. */
  readonly lane: number;
}

/** Clearance between a line and a label it must not touch, and between labels. */
const LINE_GAP_PX = 4;
const LABEL_GAP_PX = 6;
/** How far a label may hang past its line on the near side when it is not centred. */
const HANG_PX = 8;

/**
 * Markers at the same offset become one label ("HW = LEO 8"): two labels over one line would
 * always cross. Specs come in priority order; the first keeps its kind (and colour).
 */
export function mergeCoinciding(specs: readonly MarkerSpec[], short: (s: MarkerSpec) => string): MarkerSpec[] {
  const byOffset = new Map<number, MarkerSpec[]>();
  for (const s of specs) (byOffset.get(s.offset) ?? byOffset.set(s.offset, []).get(s.offset)!).push(s);
  return [...byOffset.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    // Oldest-first reading order: log start = HW = LEO.
    const names = [...group].reverse().map(short);
    return { ...group[0]!, id: group.map((g) => g.id).join('+'), label: `${names.join(' = ')} ${group[0]!.offset}` };
  });
}

export function labelWidthPx(label: string, charWPx: number): number {
  return Math.round(label.length * charWPx + 12);
}

/** Places labels (priority order) into the lowest lane where they cross nothing already placed. */
export function placeMarkers(
  specs: readonly MarkerSpec[],
  cx: (offset: number) => number,
  minX: number,
  maxX: number,
  charWPx: number,
): PlacedMarker[] {
  const placed: PlacedMarker[] = [];
  for (const s of specs) {
    const x = cx(s.offset);
    const w = labelWidthPx(s.label, charWPx);
    const lefts = [x - w / 2, x - HANG_PX, x + HANG_PX - w].map((l) => Math.max(minX, Math.min(maxX - w, l)));
    for (let lane = 0; ; lane++) {
      const left = lefts.find((l) => fits(placed, lane, x, l, w));
      if (left === undefined && lane < specs.length + 2) continue;
      placed.push({ ...s, x, labelLeft: left ?? lefts[0]!, labelWidth: w, lane });
      break;
    }
  }
  return placed;
}

function fits(placed: readonly PlacedMarker[], lane: number, x: number, left: number, w: number): boolean {
  const right = left + w;
  return placed.every((p) => {
    const pRight = p.labelLeft + p.labelWidth;
    if (p.lane === lane) return right + LABEL_GAP_PX <= p.labelLeft || left >= pRight + LABEL_GAP_PX;
    // p's line crosses this lane: the label must stay clear of it.
    if (p.lane > lane) return p.x < left - LINE_GAP_PX || p.x > right + LINE_GAP_PX;
    // this marker's line crosses p's lane: it must stay clear of p's label.
    return x < p.labelLeft - LINE_GAP_PX || x > pRight + LINE_GAP_PX;
  });
}

export function laneCount(placed: readonly { readonly lane: number }[]): number {
  return placed.reduce((m, p) => Math.max(m, p.lane + 1), 0);
}
