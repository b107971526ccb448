/** A partition tile's owners: a stripe along its bottom edge per group member that reads it, in the member's colour. */
import { useCallback, useMemo } from 'react';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { memberColour, parseOwnersKey, selectTileOwnersKey, type TileOwner } from './memberColours';

const NO_OWNERS: readonly TileOwner[] = [];

export function useTileOwners(tp: string): readonly TileOwner[] {
  const key = useLabStore(useCallback((s: LabStoreState) => selectTileOwnersKey(tp)(s), [tp]));
  return useMemo(() => (key === '' ? NO_OWNERS : parseOwnersKey(key)), [key]);
}

/** ", read by consumer-2 (group g1)" for the tile's accessible name. */
export function ownersWords(owners: readonly TileOwner[]): string {
  if (owners.length === 0) return '';
  return `, read by ${owners.map((o) => `${o.consumerId} (group ${o.groupId})`).join(' and ')}`;
}

export function OwnerStripes({ owners }: { owners: readonly TileOwner[] }) {
  return (
    <span className="kl-tile-owners" aria-hidden="true">
      {owners.map((o) => (
        <span key={`${o.groupId}/${o.consumerId}`} className="kl-tile-owner" style={{ background: memberColour(o.colour) }} />
      ))}
    </span>
  );
}
