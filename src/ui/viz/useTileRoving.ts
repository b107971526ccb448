/**
 * One Tab stop for all the partition tiles (a roving tabindex): with replication every broker
 * card holds a tile per replica (18 for the ready topic), and Tab had to pass every one of them
 * to reach the panels. Tab enters at the last tile used; arrow keys, Home and End move between
 * tiles in reading order (broker by broker); Enter or Space selects, as before.
 */
import { useState, type KeyboardEvent } from 'react';

/** "orders-3@1": a tile is one replica, so a partition's tiles differ by broker. */
export const tileKey = (tp: string, broker: number): string => `${tp}@${broker}`;

export interface TileRoving {
  /** The tile in the tab order. */
  readonly current: string | null;
  onFocus(key: string): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
}

const STEP: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function useTileRoving(keys: readonly string[]): TileRoving {
  const [chosen, setChosen] = useState<string | null>(null);
  // A tile that went away (topic deleted, layout with fewer tiles) hands the stop to the first.
  const current = chosen !== null && keys.includes(chosen) ? chosen : (keys[0] ?? null);
  return {
    current,
    onFocus: setChosen,
    onKeyDown(e) {
      const tiles = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-tile-key]')];
      const at = tiles.findIndex((t) => t === document.activeElement);
      if (at < 0 || tiles.length === 0) return;
      let next = -1;
      if (e.key in STEP) next = Math.max(0, Math.min(tiles.length - 1, at + STEP[e.key]!));
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = tiles.length - 1;
      if (next < 0) return;
      e.preventDefault();
      tiles[next]!.focus();
    },
  };
}
