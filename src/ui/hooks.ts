import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConsumerView, ProducerView } from '../engine/snapshot';
import { useLabStore, type LabStoreState } from '../runtime/store';
import { selectTopics, userTopics } from './selectors';

/** One producer's view, by id (re-renders only when that producer changed). */
export function useProducerView(id: string | null): ProducerView | null {
  return useLabStore(
    useCallback((s: LabStoreState) => s.snapshot?.producers.find((p) => p.id === id) ?? s.snapshot?.producers[0] ?? null, [id]),
  );
}

export function useConsumerView(id: string | null): ConsumerView | null {
  return useLabStore(
    useCallback((s: LabStoreState) => s.snapshot?.consumers.find((c) => c.id === id) ?? s.snapshot?.consumers[0] ?? null, [id]),
  );
}

export function useIds(kind: 'producers' | 'consumers'): string[] {
  return useLabStore(useShallow((s: LabStoreState) => (s.snapshot?.[kind] ?? []).map((c) => c.id)));
}

/** Names of user topics (shallow-compared, so records flowing do not re-render pickers). */
export function useTopicNames(): string[] {
  return useLabStore(useShallow((s: LabStoreState) => userTopics(selectTopics(s)).map((t) => t.name)));
}

/** "orders-0", "orders-1", … for every user topic (shallow-compared). */
export function useTopicPartitionNames(): string[] {
  return useLabStore(
    useShallow((s: LabStoreState) => userTopics(selectTopics(s)).flatMap((t) => t.partitions.map((p) => p.tp))),
  );
}
