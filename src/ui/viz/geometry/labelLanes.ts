/** Greedy lane assignment so marker labels that would overlap stack instead. */
export interface LaneLabel {
  /** Anchor x (the label is centred on it, then clamped into [minX, maxX]). */
  readonly x: number;
  readonly widthPx: number;
}

export interface PlacedLabel {
  readonly lane: number;
  /** Left edge after centring and clamping. */
  readonly left: number;
}

/**
 * Labels are placed in input order (callers sort by priority); each takes the lowest lane
 * where it clears every label already there by `gapPx`.
 */
export function assignLanes(
  labels: readonly LaneLabel[],
  minX: number,
  maxX: number,
  gapPx = 6,
): PlacedLabel[] {
  const lanes: { left: number; right: number }[][] = [];
  return labels.map((l) => {
    const left = Math.max(minX, Math.min(maxX - l.widthPx, l.x - l.widthPx / 2));
    const right = left + l.widthPx;
    let lane = 0;
    for (; lane < lanes.length; lane++) {
      const taken = lanes[lane]!;
      if (taken.every((t) => right + gapPx <= t.left || left >= t.right + gapPx)) break;
    }
    (lanes[lane] ??= []).push({ left, right });
    return { lane, left };
  });
}

export function laneCount(placed: readonly { readonly lane: number }[]): number {
  return placed.reduce((m, p) => Math.max(m, p.lane + 1), 0);
}
