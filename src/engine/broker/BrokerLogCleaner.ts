/**
 * The broker's side of the log cleaner (Kafka's LogManager owning a LogCleaner): it cleans the logs of the
 * partitions this broker hosts, leaders and followers alike (every replica compacts its own copy), keeps
 * the log dir's cleaner-offset-checkpoint file, and says what each cleaning did in the event log.
 * KafkaBroker runs it every log.cleaner.backoff.ms when log.cleaner.enable is true.
 */
import type { BrokerConfig } from '../config';
import type { SimKernel } from '../kernel';
import type { UnifiedLog } from '../log';
import { CLEANER_OFFSET_CHECKPOINT_FILE, LogCleaner, type CleaningSummary } from '../log/cleaner';
import { plural } from '../log/plural';
import { formatOffsetCheckpoint, parseOffsetCheckpoint } from './checkpoints';

export interface BrokerLogCleanerOptions {
  brokerId: number;
  kernel: SimKernel;
  config: () => BrokerConfig;
  /** The partitions this broker hosts, by directory name. */
  partitions: ReadonlyMap<string, { readonly log: UnifiedLog | null }>;
  /** Whether the log dir holds partition `dir` (hosted, or loaded and not yet claimed by a LeaderAndIsr). */
  hasLog: (dir: string) => boolean;
  /** Writes a small file of the log dir (ReplicaManager.submitFile). */
  writeFile: (path: string, contents: string | null) => void;
}

export class BrokerLogCleaner {
  readonly cleaner: LogCleaner;
  private readonly actor: string;

  constructor(private readonly options: BrokerLogCleanerOptions) {
    this.actor = `broker ${options.brokerId}`;
    this.cleaner = new LogCleaner({
      settings: () => options.config().logCleaner,
      profile: () => options.config().version,
      onCheckpoint: (entries) => options.writeFile(CLEANER_OFFSET_CHECKPOINT_FILE, formatOffsetCheckpoint(entries)),
      onError: (tp, error) => {
        const message = error instanceof Error ? error.message : String(error);
        options.kernel.emit('log', this.actor, `could not clean ${tp} (${message}); the cleaner skips it from now on`, tp);
      },
    });
  }

  /** The cleaner-offset-checkpoint found in the log dir at start-up. */
  loadCheckpoint(contents: string | undefined): void {
    this.cleaner.manager.loadCheckpoint(parseOffsetCheckpoint(contents));
  }

  /** Whether `dir` was cleaned before (its offsets may have gaps a load must accept). */
  wasCleaned(dir: string): boolean {
    return this.cleaner.manager.checkpoints.has(dir);
  }

  /** Where the log of partition `dir` stands for the cleaner (clean / dirty parts, dirty ratio), for views. */
  inspect(dir: string): ReturnType<LogCleaner['manager']['inspect']> {
    const log = this.options.partitions.get(dir)?.log;
    return log ? this.cleaner.manager.inspect(dir, log, this.options.kernel.nowMs, this.options.config().version) : undefined;
  }

  /** One run of the cleaner thread: cleans what is dirty enough, then says what it did. */
  run(): CleaningSummary[] {
    const logs = new Map<string, UnifiedLog>();
    for (const dir of [...this.options.partitions.keys()].sort()) {
      const log = this.options.partitions.get(dir)?.log;
      if (log) logs.set(dir, log);
    }
    const summaries = this.cleaner.run(logs, this.options.kernel.nowMs, this.options.hasLog);
    for (const s of summaries) this.options.kernel.emit('log', this.actor, cleanedText(s), s.tp);
    return summaries;
  }
}

/** e.g. "compacted orders-0: 3 segments into 1, 120 → 14 records (2 tombstones removed), dirty ratio 0.91; …". */
export function cleanedText(s: CleaningSummary): string {
  const { stats } = s;
  const segments = `${plural(stats.segmentsRead, 'segment')} into ${stats.segmentsWritten}`;
  const tombstones = stats.tombstonesRemoved > 0 ? ` (${plural(stats.tombstonesRemoved, 'tombstone')} removed)` : '';
  const why = s.forcedByMaxLag ? ` (below min.cleanable.dirty.ratio, but max.compaction.lag.ms has passed)` : '';
  const partial = stats.mapFull ? '; the dedupe buffer filled up, so the rest waits for the next cleaning' : '';
  return `compacted ${s.tp}: ${segments}, ${stats.messagesRead} → ${stats.messagesWritten} records${tombstones}, ` +
    `${stats.bytesRead} → ${stats.bytesWritten} bytes, dirty ratio ${s.dirtyRatio.toFixed(2)}${why}; ` +
    `offsets below ${s.endOffset} are now clean${partial}`;
}
