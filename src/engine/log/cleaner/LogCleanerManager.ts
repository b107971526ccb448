/**
 * Which log to clean next, and where each log's dirty part starts (Kafka's LogCleanerManager, 2.4.1 and 3.9
 * core/…/log/LogCleanerManager.scala). The first dirty offset of every compacted partition of a log dir is
 * kept in its `cleaner-offset-checkpoint` file; an invalid one is reset to the log start offset.
 */
import type { KafkaVersion } from '../../config/types';
import { hasCompactPolicy } from '../LogConfig';
import type { UnifiedLog } from '../UnifiedLog';
import { cleanableOffsets, logToClean, maxCompactionDelay, type LogToClean } from './LogToClean';

/** The name of the checkpoint file in each log dir (LogCleanerManager.offsetCheckpointFile). */
export const CLEANER_OFFSET_CHECKPOINT_FILE = 'cleaner-offset-checkpoint';

export class LogCleanerManager {
  private readonly checkpoint = new Map<string, number>();
  /** Partitions whose cleaning threw: skipped until their log is gone (markPartitionUncleanable). */
  private readonly uncleanable = new Set<string>();
  /** The highest dirty ratio seen by the last selection (the max-dirty-percent metric). */
  dirtiestLogCleanableRatio = 0;

  /** The checkpoint as read from the log dir at start-up. */
  loadCheckpoint(entries: ReadonlyMap<string, number>): void {
    this.checkpoint.clear();
    for (const [tp, offset] of entries) this.checkpoint.set(tp, offset);
  }

  /** partition dir → first dirty offset, for every partition cleaned (or reset) so far. */
  get checkpoints(): ReadonlyMap<string, number> {
    return this.checkpoint;
  }

  isUncleanable(tp: string): boolean {
    return this.uncleanable.has(tp);
  }

  /**
   * grabFilthiestCompactedLog: among the logs with cleanup.policy containing compact, the one with the highest
   * dirty ratio that is either above its min.cleanable.dirty.ratio or past max.compaction.lag.ms with something
   * to clean. `logs` should be in a stable order: the first of equally dirty logs wins. Returns whether an
   * invalid checkpoint was reset (the file must then be written).
   */
  grabFilthiestCompactedLog(logs: ReadonlyMap<string, UnifiedLog>, nowMs: number, profile: KafkaVersion, skip: ReadonlySet<string> = new Set()):
    { filthiest: LogToClean | undefined; checkpointReset: boolean } {
    let checkpointReset = false;
    const dirtyLogs: LogToClean[] = [];
    for (const [tp, log] of logs) {
      if (this.maybeTruncateCheckpoint(tp, log.takeTruncationPoint())) checkpointReset = true;
      if (!hasCompactPolicy(log.config) || this.uncleanable.has(tp) || skip.has(tp)) continue;
      const offsets = cleanableOffsets(log, this.checkpoint.get(tp), nowMs, profile);
      if (offsets.forceUpdateCheckpoint) {
        this.checkpoint.set(tp, offsets.firstDirtyOffset);
        checkpointReset = true;
      }
      const needCompactionNow = maxCompactionDelay(log, offsets.firstDirtyOffset, nowMs) > 0;
      const ltc = logToClean(tp, log, offsets.firstDirtyOffset, offsets.firstUncleanableDirtyOffset, needCompactionNow);
      if (ltc.totalBytes > 0) dirtyLogs.push(ltc);
    }
    this.dirtiestLogCleanableRatio = dirtyLogs.reduce((max, l) => Math.max(max, l.cleanableRatio), 0);
    let filthiest: LogToClean | undefined;
    for (const ltc of dirtyLogs) {
      const eligible = (ltc.needCompactionNow && ltc.cleanableBytes > 0) || ltc.cleanableRatio > ltc.log.config.minCleanableDirtyRatio;
      if (eligible && (!filthiest || ltc.cleanableRatio > filthiest.cleanableRatio)) filthiest = ltc;
    }
    return { filthiest, checkpointReset };
  }

  /** maybeTruncateCheckpoint: a log truncated below its checkpoint is dirty again from the truncation point. */
  private maybeTruncateCheckpoint(tp: string, offset: number | undefined): boolean {
    const existing = this.checkpoint.get(tp);
    if (offset === undefined || existing === undefined || offset >= existing) return false;
    this.checkpoint.set(tp, offset);
    return true;
  }

  /**
   * Where a compacted log stands for the cleaner now, without changing anything (for views): its clean part
   * [log start, firstDirtyOffset), the cleanable part up to firstUncleanableOffset, its dirty ratio and whether
   * the next run would clean it. undefined when its cleanup.policy has no compact.
   */
  inspect(tp: string, log: UnifiedLog, nowMs: number, profile: KafkaVersion): (LogToClean & { eligible: boolean }) | undefined {
    if (!hasCompactPolicy(log.config)) return undefined;
    const offsets = cleanableOffsets(log, this.checkpoint.get(tp), nowMs, profile);
    const ltc = logToClean(tp, log, offsets.firstDirtyOffset, offsets.firstUncleanableDirtyOffset, maxCompactionDelay(log, offsets.firstDirtyOffset, nowMs) > 0);
    const eligible = ltc.totalBytes > 0 && !this.uncleanable.has(tp) &&
      ((ltc.needCompactionNow && ltc.cleanableBytes > 0) || ltc.cleanableRatio > log.config.minCleanableDirtyRatio);
    return { ...ltc, eligible };
  }

  /** doneCleaning: the next cleaning of `tp` starts at endOffset. */
  doneCleaning(tp: string, endOffset: number): void {
    this.checkpoint.set(tp, endOffset);
  }

  markPartitionUncleanable(tp: string): void {
    this.uncleanable.add(tp);
  }

  /** updateCheckpoints keeps only partitions whose log is still here; uncleanable marks of gone logs are dropped too. */
  retainOnly(present: (tp: string) => boolean): void {
    for (const tp of [...this.checkpoint.keys()]) if (!present(tp)) this.checkpoint.delete(tp);
    for (const tp of [...this.uncleanable]) if (!present(tp)) this.uncleanable.delete(tp);
  }
}
