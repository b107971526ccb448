/**
 * Module-level selectors: each view subscribes to the narrowest slice it draws. The engine
 * reuses unchanged snapshot objects, so reference equality skips most renders.
 */
import type { LabStoreState } from '../runtime/store';
import type { BrokerView, ConsumerView, LabSnapshot, MessageView, PartitionView, ProducerView, TopicView } from '../engine/snapshot';

const NO_TOPICS: readonly TopicView[] = [];
const NO_PRODUCERS: readonly ProducerView[] = [];
const NO_CONSUMERS: readonly ConsumerView[] = [];
const NO_BROKERS: readonly BrokerView[] = [];

export const selectSnapshot = (s: LabStoreState): LabSnapshot | null => s.snapshot;
export const selectPlaying = (s: LabStoreState): boolean => s.status.playing;
export const selectSpeed = (s: LabStoreState): number => s.status.speed;
export const selectOwnership = (s: LabStoreState) => s.status.ownership;
export const selectStorage = (s: LabStoreState) => s.status.storage;
export const selectRecoverySummary = (s: LabStoreState) => s.status.recoverySummary;
export const selectStartupError = (s: LabStoreState) => s.status.startupError;
export const selectRuntimeError = (s: LabStoreState) => s.status.runtimeError;
export const selectSelectedTp = (s: LabStoreState) => s.selectedTp;
export const selectSelectTp = (s: LabStoreState) => s.selectTp;
export const selectSeed = (s: LabStoreState): number | null => s.snapshot?.seed ?? null;
export const selectKafkaVersion = (s: LabStoreState): string | null => s.snapshot?.kafkaVersion ?? null;
export const selectHasSnapshot = (s: LabStoreState): boolean => s.snapshot !== null;
export const selectTopics = (s: LabStoreState): readonly TopicView[] => s.snapshot?.topics ?? NO_TOPICS;
export const selectProducers = (s: LabStoreState): readonly ProducerView[] => s.snapshot?.producers ?? NO_PRODUCERS;
export const selectConsumers = (s: LabStoreState): readonly ConsumerView[] => s.snapshot?.consumers ?? NO_CONSUMERS;
export const selectBrokers = (s: LabStoreState): readonly BrokerView[] => s.snapshot?.brokers ?? NO_BROKERS;

/** User-visible topics (internal ones like __consumer_offsets are hidden from pickers). */
export function userTopics(topics: readonly TopicView[]): readonly TopicView[] {
  return topics.filter((t) => !t.isInternal);
}

// ---- lookups for the viz: cached per snapshot array, so a tile selecting "its" partition is O(1)
// and gets the same object while the engine reuses it.

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
