/** The sink's remedies in the learner's words (labels for the picker, one sentence each). */
import { SINK_REMEDIES, type SinkRemedy } from '../../engine/groups/sink/types';

export const REMEDY_LABELS: Record<SinkRemedy, string> = {
  none: 'none',
  'dedupe-id': 'dedupe by id',
  'unique-constraint': 'unique constraint',
  'version-check': 'version check',
};

export const REMEDY_SENTENCES: Record<SinkRemedy, string> = {
  none: 'Every processed record becomes a row, so a record processed twice is stored twice.',
  'dedupe-id': "Before writing, the application looks the record's id up among the ids it stored and skips the record when it is there.",
  'unique-constraint': 'The table has UNIQUE (id, account), so a second INSERT of the same record is rejected: the write is idempotent.',
  'version-check': "A row is written only if the record is newer than what the account's row holds (the record's offset is its version).",
};

export const REMEDY_OPTIONS: readonly SinkRemedy[] = SINK_REMEDIES;

/** "12.3 s": the simulated time of the write (the column says "time"). */
export function sinkTime(atMs: number): string {
  return `${(atMs / 1000).toFixed(1)} s`;
}
