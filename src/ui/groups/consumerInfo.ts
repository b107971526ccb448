/**
 * What the group views need of each consumer, as one string per snapshot: consumer views are
 * rebuilt every frame (positions move), and the group tables should re-render only when a
 * consumer joins, leaves, crashes, slows down or subscribes.
 */
import { useMemo } from 'react';
import { useLabStore, type LabStoreState } from '../../runtime/store';

export interface ConsumerInfo {
  readonly id: string;
  /** Its colour index (its place in the lab's consumer list). */
  readonly colour: number;
  readonly groupId: string | null;
  readonly ended: 'closed' | 'crashed' | null;
  readonly perRecordMs: number;
  readonly subscribed: boolean;
}

export const selectConsumerInfoKey = (s: LabStoreState): string =>
  (s.snapshot?.consumers ?? [])
    .map((c) => [c.id, c.group?.groupId ?? '', c.ended ?? '', c.perRecordMs ?? 0, (c.group?.subscription.length ?? 0) > 0 ? 1 : 0].join('\t'))
    .join('\n');

export function parseConsumerInfo(key: string): ConsumerInfo[] {
  if (key === '') return [];
  return key.split('\n').map((line, colour) => {
    const [id = '', groupId = '', ended = '', perRecordMs = '0', subscribed = '0'] = line.split('\t');
    return { id, colour, groupId: groupId === '' ? null : groupId, ended: ended === '' ? null : (ended as 'closed' | 'crashed'), perRecordMs: Number(perRecordMs), subscribed: subscribed === '1' };
  });
}

export function useConsumerInfo(): ConsumerInfo[] {
  const key = useLabStore(selectConsumerInfoKey);
  return useMemo(() => parseConsumerInfo(key), [key]);
}
