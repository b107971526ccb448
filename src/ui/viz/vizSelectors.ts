/**
 * Store selectors for the viz components. Module-level functions (stable identities) and
 * lookup maps cached per snapshot array, so a tile selecting "its" partition is O(1) and
 * returns the same object while the engine reuses it.
 */
import type { LabSnapshot, MessageView, PartitionView, TopicView } from '../../engine/snapshot';
import type { LabStoreState } from '../../runtime/store';

export interface PartitionEntry {
  readonly partition: PartitionView;
  readonly isInternal: boolean;
}

const partitionIndexCache = new WeakMap<readonly TopicView[], Map<string, PartitionEntry>>();

export function partitionIndex(topics: readonly TopicView[]): Map<string, PartitionEntry> {
  let index = partitionIndexCache.get(topics);
  if (!index) {
    index = new Map();
    for (const t of topics) for (const p of t.partitions) index.set(p.tp, { partition: p, isInternal: t.isInternal });
    partitionIndexCache.set(topics, index);
  }
  return index;
}

export function partitionOf(snapshot: LabSnapshot | null, tp: string | null): PartitionView | null {
  if (!snapshot || tp === null) return null;
  return partitionIndex(snapshot.topics).get(tp)?.partition ?? null;
}

const inFlightIndexCache = new WeakMap<readonly MessageView[], Map<number, MessageView>>();
const inFlightIdsCache = new WeakMap<readonly MessageView[], number[]>();

export function inFlightIndex(inFlight: readonly MessageView[]): Map<number, MessageView> {
  let index = inFlightIndexCache.get(inFlight);
  if (!index) {
    index = new Map(inFlight.map((m) => [m.id, m]));
    inFlightIndexCache.set(inFlight, index);
  }
  return index;
}

const NO_IDS: number[] = [];
const NO_ITEMS: readonly never[] = [];

/** In-flight message ids (use with `useShallow`: the list re-renders only when the set changes). */
export function selectInFlightIds(s: LabStoreState): number[] {
  const inFlight = s.snapshot?.inFlight;
  if (!inFlight) return NO_IDS;
  let ids = inFlightIdsCache.get(inFlight);
  if (!ids) {
    ids = inFlight.map((m) => m.id);
    inFlightIdsCache.set(inFlight, ids);
  }
  return ids;
}

/** 0 below 250 in-flight, 1 from 250 to 300, 2 above: the view flips to canvas at 2, back at 0. */
export function selectInFlightLoad(s: LabStoreState): 0 | 1 | 2 {
  const n = s.snapshot?.inFlight.length ?? 0;
  return n > 300 ? 2 : n >= 250 ? 1 : 0;
}

export const selectBrokers = (s: LabStoreState) => s.snapshot?.brokers ?? NO_ITEMS;
export const selectTopics = (s: LabStoreState) => s.snapshot?.topics ?? NO_ITEMS;
export const selectProducers = (s: LabStoreState) => s.snapshot?.producers ?? NO_ITEMS;
export const selectConsumers = (s: LabStoreState) => s.snapshot?.consumers ?? NO_ITEMS;
export const selectSelectedTp = (s: LabStoreState) => s.selectedTp;
export const selectSelectTp = (s: LabStoreState) => s.selectTp;
