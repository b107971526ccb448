/**
 * The lab keeps every log in this tab's memory (docs/FIDELITY.md), with Kafka's retention
 * (7 days by default). A fast stream left playing at 100× grows them by hundreds of MB a
 * minute, and a tab that runs out of memory loses everything not yet saved. The guard pauses
 * the lab before that, once, and says why and what to do; the learner may play on, and it
 * pauses again only when the logs have grown by half again.
 */
import type { LabSnapshot } from '../engine/snapshot';
import { formatBytes } from '../engine/kernel/format';

/** Record bytes in memory at which the lab pauses the first time. */
export const LOG_BYTES_PAUSE_AT = 512 * 1024 * 1024;
/** After a pause, the next one comes when the logs are this many times larger. */
export const LOG_BYTES_GROWTH = 1.5;

/** Bytes of every partition's log in a snapshot (the sum of its segments). */
export function logBytesOf(snapshot: Pick<LabSnapshot, 'topics'>): number {
  let bytes = 0;
  for (const topic of snapshot.topics) for (const p of topic.partitions) bytes += p.log?.sizeBytes ?? 0;
  return bytes;
}

export class MemoryGuard {
  private nextPauseAt: number;

  constructor(pauseAtBytes = LOG_BYTES_PAUSE_AT) {
    this.nextPauseAt = pauseAtBytes;
  }

  /** The notice to show when the logs just reached the threshold (the caller pauses), else null. */
  check(logBytes: number): string | null {
    if (logBytes < this.nextPauseAt) return null;
    this.nextPauseAt = logBytes * LOG_BYTES_GROWTH;
    return (
      `The logs now hold ${formatBytes(logBytes)} of records, all kept in this tab's memory, so the lab paused before the tab runs out of it. ` +
      `To keep a fast stream going, give its topic a retention.bytes or retention.ms (Topics), delete topics you no longer need, or reset the lab. ` +
      `Press Play to go on anyway: the lab pauses again at ${formatBytes(this.nextPauseAt)}.`
    );
  }
}
