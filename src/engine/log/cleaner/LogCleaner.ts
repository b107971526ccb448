/**
 * The log cleaner of one broker (Kafka's LogCleaner and its CleanerThread.doWork): each run cleans the
 * filthiest compacted log, again and again while one is dirty enough, then applies retention to the logs
 * whose cleanup.policy is compact,delete (LogCleanerManager.deletableLogs). Cleaning takes no simulated
 * time, so a run does what Kafka's thread does before it next sleeps for log.cleaner.backoff.ms.
 */
import type { KafkaVersion } from '../../config/types';
import { hasCompactPolicy, hasDeletePolicy } from '../LogConfig';
import type { UnifiedLog } from '../UnifiedLog';
import { Cleaner, type CleanerStats } from './Cleaner';
import { LogCleanerManager } from './LogCleanerManager';
import { OffsetMap, offsetMapSlots } from './OffsetMap';

/** The broker's log.cleaner.* settings the cleaning uses. */
export interface CleanerSettings {
  /** log.cleaner.threads: 0 runs no cleaner at all. */
  threads: number;
  /** log.cleaner.dedupe.buffer.size, shared by the threads. */
  dedupeBufferSize: number;
  /** log.cleaner.io.buffer.load.factor */
  dedupeBufferLoadFactor: number;
}

/** One log cleaned: what changed, in numbers a learner can read. */
export interface CleaningSummary {
  tp: string;
  firstDirtyOffset: number;
  /** The new checkpoint: the next cleaning of this log starts here. */
  endOffset: number;
  /** The dirty ratio that made the log eligible. */
  dirtyRatio: number;
  /** Chosen because max.compaction.lag.ms passed rather than for its ratio. */
  forcedByMaxLag: boolean;
  stats: CleanerStats;
}

export interface LogCleanerOptions {
  settings: () => CleanerSettings;
  profile: () => KafkaVersion;
  /** The checkpoint changed: write cleaner-offset-checkpoint. */
  onCheckpoint?: (entries: ReadonlyMap<string, number>) => void;
  /** A log's cleaning threw; it is marked uncleanable (Kafka logs a warning and skips it from then on). */
  onError?: (tp: string, error: unknown) => void;
}

export class LogCleaner {
  readonly manager = new LogCleanerManager();

  constructor(private readonly options: LogCleanerOptions) {}

  /**
   * Cleans every log that is dirty enough, filthiest first, each at most once per run; then retention on
   * compact,delete logs. `logs` maps partition dirs to logs, in a stable order; `hasLog` says which logs the
   * log dir still holds (the checkpoint keeps only those). Returns what was cleaned.
   */
  run(logs: ReadonlyMap<string, UnifiedLog>, nowMs: number, hasLog: (tp: string) => boolean = (tp) => logs.has(tp)): CleaningSummary[] {
    const settings = this.options.settings();
    if (settings.threads <= 0) return [];
    this.manager.retainOnly(hasLog);
    const cleaner = new Cleaner(new OffsetMap(offsetMapSlots(settings.dedupeBufferSize, settings.threads)), settings.dedupeBufferLoadFactor, this.options.profile());
    const done = new Set<string>();
    const summaries: CleaningSummary[] = [];
    for (;;) {
      const { filthiest, checkpointReset } = this.manager.grabFilthiestCompactedLog(logs, nowMs, this.options.profile(), done);
      if (checkpointReset) this.options.onCheckpoint?.(this.manager.checkpoints);
      if (!filthiest) break;
      done.add(filthiest.tp);
      try {
        const { endOffset, stats } = cleaner.clean(filthiest, nowMs);
        this.manager.doneCleaning(filthiest.tp, endOffset);
        this.options.onCheckpoint?.(this.manager.checkpoints);
        summaries.push({
          tp: filthiest.tp, firstDirtyOffset: filthiest.firstDirtyOffset, endOffset, dirtyRatio: filthiest.cleanableRatio,
          forcedByMaxLag: filthiest.cleanableRatio <= filthiest.log.config.minCleanableDirtyRatio, stats,
        });
      } catch (error) {
        this.manager.markPartitionUncleanable(filthiest.tp);
        this.options.onError?.(filthiest.tp, error);
      }
    }
    for (const log of logs.values()) {
      if (hasCompactPolicy(log.config) && hasDeletePolicy(log.config)) log.deleteOldSegments(nowMs);
    }
    return summaries;
  }
}
