/**
 * Leader epochs as colours. Every batch is stamped with the epoch of the leader that appended
 * it (partitionLeaderEpoch); after a failover the new leader's batches get a new colour, so a
 * learner sees where one leader's writes end and the next one's begin, and a follower whose
 * tail came from an old leader shows that tail in the old colour until it truncates.
 */

export interface EpochColour {
  /** Batch outlines and legend swatches. */
  readonly strong: string;
  /** Replica bars below the replica's HW (light enough for dark words on them). */
  readonly soft: string;
  /** Replica bars above its HW (not yet committed). */
  readonly pale: string;
}

/**
 * Six hues that stay apart from the strip's own colours (HW green, consumer blue, the key
 * fills are light) and from each other on a projector. Epoch 0 keeps the slate every batch
 * outline had before epochs were coloured, so a log that never failed over looks as it did.
 */
const PALETTE: readonly EpochColour[] = [
  { strong: '#34475f', soft: '#b3bfcd', pale: '#e2e7ee' }, // slate
  { strong: '#c2410c', soft: '#f5b896', pale: '#fce3d5' }, // vermillion
  { strong: '#6d3fc0', soft: '#cbb9ef', pale: '#ece5fa' }, // violet
  { strong: '#00838f', soft: '#94d4da', pale: '#daf1f3' }, // teal
  { strong: '#b0267a', soft: '#eeb0d6', pale: '#f9e0ef' }, // magenta
  { strong: '#7a6400', soft: '#ddce83', pale: '#f3edcd' }, // olive
];

/** A batch whose epoch is unknown (-1: written before epochs, or not stamped). */
const UNKNOWN: EpochColour = { strong: '#8a95a5', soft: '#d5dae1', pale: '#eef0f3' };

export function epochColour(epoch: number): EpochColour {
  if (!Number.isInteger(epoch) || epoch < 0) return UNKNOWN;
  return PALETTE[epoch % PALETTE.length]!;
}

export const EPOCH_PALETTE_SIZE = PALETTE.length;
