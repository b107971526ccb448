/**
 * Module-level selectors: each view subscribes to the narrowest slice it draws. The engine
 * reuses unchanged snapshot objects, so reference equality skips most renders.
 */
import type { LabStoreState } from '../runtime/store';
import type { ConsumerView, LabSnapshot, ProducerView, TopicView } from '../engine/snapshot';
import type { LabEvent } from '../engine/kernel';

const NO_TOPICS: readonly TopicView[] = [];
const NO_PRODUCERS: readonly ProducerView[] = [];
const NO_CONSUMERS: readonly ConsumerView[] = [];
const NO_EVENTS: readonly LabEvent[] = [];

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
export const selectEvents = (s: LabStoreState): readonly LabEvent[] => s.snapshot?.events ?? NO_EVENTS;

/** User-visible topics (internal ones like __consumer_offsets are hidden from pickers). */
export function userTopics(topics: readonly TopicView[]): readonly TopicView[] {
  return topics.filter((t) => !t.isInternal);
}
