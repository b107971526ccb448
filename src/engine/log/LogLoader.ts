/**
 * Loading a log at startup (LogLoader.java, semantics §2.8). Segments with a missing or unusable index
 * are recovered on their own (as loadSegmentFiles does). After an unclean shutdown, every segment from
 * the one holding the recovery point onwards is recovered; at the first invalid batch the segment is cut
 * and every later segment deleted. Segments Kafka would trust are still checked (checkTrusted): a damaged
 * one is cut alone, keeping valid later segments. Then HW is clamped to [logStartOffset, LEO].
 */
import { LeaderEpochCache } from './LeaderEpochCache';
import { hasCompactPolicy } from './LogConfig';
import { LogSegment, type StoredSegmentBytes } from './LogSegment';
import { rollJitterMs } from './rollJitter';
import type { LogSinkOp, RecoveryReport, UnifiedLogLoadOptions } from './LogTypes';
import { floorSegmentIndex } from './LogReads';
import { checkSegment, type SegmentRecovery } from './SegmentRecovery';
import { plural } from './plural';

export interface LoadedLog {
  segments: LogSegment[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  recoveryPoint: number;
  epochCache: LeaderEpochCache;
  report: RecoveryReport;
}

type MakeSegment = (baseOffset: number, stored?: StoredSegmentBytes) => LogSegment;

/**
 * Why a segment's stored indexes cannot be used as they are, if they cannot. Kafka rebuilds a missing
 * or corrupt index; we also rebuild an empty one when the segment is larger than index.interval.bytes
 * (a sign the index writes were lost), but trust an empty index on a smaller segment, which is normal.
 */
function indexProblem(segment: LogSegment, stored: StoredSegmentBytes, indexIntervalBytes: number): string | undefined {
  if (!stored.offsetIndex) return `${segment.offsetIndex.fileName} was missing`;
  if (!stored.timeIndex) return `${segment.timeIndex.fileName} was missing`;
  const problem = segment.offsetIndex.sanityCheck(stored.offsetIndex.length, segment.size) ?? segment.timeIndex.sanityCheck(stored.timeIndex.length);
  if (problem) return `${segment.offsetIndex.fileName} was corrupt (${problem})`;
  if (stored.offsetIndex.length === 0 && segment.size > indexIntervalBytes) return `${segment.offsetIndex.fileName} was empty`;
  return undefined;
}

class Loader {
  readonly report: RecoveryReport = {
    skipped: false, segmentsRecovered: 0, batchesValidated: 0, truncatedBytes: 0, segmentsDeleted: 0, indexesRebuilt: 0, messages: [],
  };
  segments: LogSegment[] = [];
  private readonly recovered = new Map<LogSegment, SegmentRecovery>();
  /** A compacted log (or one fetched from a compacted leader) has offset gaps that are not damage. */
  readonly gapsAllowed: boolean;

  constructor(
    private readonly opts: UnifiedLogLoadOptions,
    private readonly dir: string,
    private readonly submit: (op: LogSinkOp) => void,
    private readonly epochCache: LeaderEpochCache | undefined,
  ) {
    this.gapsAllowed = hasCompactPolicy(opts.config) || opts.compacted === true;
  }

  say(text: string): void {
    this.report.messages.push(`${this.dir}: ${text}`);
  }

  recover(segment: LogSegment): SegmentRecovery {
    const cached = this.recovered.get(segment);
    if (cached) return cached;
    const result = segment.recover(this.epochCache, this.limitOffset(segment), this.gapsAllowed);
    this.recovered.set(segment, result);
    this.report.segmentsRecovered++;
    this.report.indexesRebuilt++;
    this.report.batchesValidated += result.batches;
    this.report.truncatedBytes += result.truncatedBytes;
    if (result.truncatedBytes > 0) this.submit({ type: 'truncate', dir: this.dir, baseOffset: segment.baseOffset, sizeBytes: segment.size });
    this.submit({ type: 'indexes', dir: this.dir, baseOffset: segment.baseOffset, offsetIndex: segment.offsetIndex.bytes(), timeIndex: segment.timeIndex.bytes() });
    return result;
  }

  /** The next segment's base offset: no batch of `segment` may reach it. */
  private limitOffset(segment: LogSegment): number | undefined {
    return this.segments[this.segments.indexOf(segment) + 1]?.baseOffset;
  }

  /**
   * Segments Kafka would trust (below the recovery point, or all after a clean shutdown) are still checked
   * here, because browser storage can lose or damage rows behind the broker's back. A damaged one is cut at
   * its first bad batch; the segments after it are kept (they hold valid, flushed data), leaving a gap.
   */
  checkTrusted(count: number): number {
    let damaged = 0;
    for (const segment of this.segments.slice(0, count)) {
      if (this.recovered.has(segment)) continue;
      const limit = this.limitOffset(segment);
      const { validBytes, problem } = checkSegment(segment, limit, this.gapsAllowed);
      if (!problem) continue;
      damaged++;
      const result = this.recover(segment);
      const lost = limit === undefined ? `the log now ends at offset ${result.nextOffset}` : `offsets ${result.nextOffset}-${limit - 1} are lost, later segments kept`;
      this.say(`found a corrupt batch at position ${validBytes} of ${segment.fileName}, a segment that was already flushed (${problem}); cut ${result.truncatedBytes} bytes from there (${lost})`);
    }
    return damaged;
  }

  /**
   * A cut can leave the log ending in empty segments above a gap (offsets lost to damage). Nothing could
   * ever be read in that gap, so a consumer inside it would wait for ever: end the log where its data ends.
   */
  closeTrailingGap(): void {
    // Compaction leaves gaps too (a removed last batch below the active segment): only a cut here means loss.
    if (this.gapsAllowed && this.report.truncatedBytes === 0) return;
    const doomed: LogSegment[] = [];
    for (let i = this.segments.length - 1; i > 0; i--) {
      const segment = this.segments[i]!;
      if (segment.size > 0 || segment.baseOffset <= this.segments[i - 1]!.nextOffset) break;
      doomed.push(segment);
    }
    if (doomed.length === 0) return;
    this.deleteSegments(doomed);
    const end = this.segments[this.segments.length - 1]!.nextOffset;
    this.say(`deleted ${plural(doomed.length, 'empty segment')} left above lost offsets; the log now ends at offset ${end}`);
  }

  deleteSegments(doomed: LogSegment[]): void {
    const gone = new Set(doomed);
    this.segments = this.segments.filter((s) => !gone.has(s));
    for (const s of doomed) this.submit({ type: 'deleteSegment', dir: this.dir, baseOffset: s.baseOffset, reason: 'recovery' });
    this.report.segmentsDeleted += doomed.length;
  }

  /** loadSegmentFiles: a segment whose index cannot be trusted is recovered to rebuild it. */
  rebuildBadIndexes(stored: StoredSegmentBytes[]): void {
    this.segments.forEach((segment, i) => {
      const problem = indexProblem(segment, stored[i]!, this.opts.config.indexIntervalBytes);
      if (!problem) return;
      const result = this.recover(segment);
      const cut = result.truncatedBytes > 0 ? `; cut ${result.truncatedBytes} invalid bytes (${result.invalidReason})` : '';
      this.say(`${problem}; rebuilt the indexes from ${segment.fileName}${cut}`);
    });
  }

  /** recoverLog: validate everything from the recovery point; the first bad batch ends the log. */
  recoverUnflushed(recoveryPoint: number): void {
    const from = Math.max(0, floorSegmentIndex(this.segments, recoveryPoint));
    this.checkTrusted(from);
    const unflushed = this.segments.slice(from);
    for (let i = 0; i < unflushed.length; i++) {
      const segment = unflushed[i]!;
      const result = this.recover(segment);
      if (result.truncatedBytes === 0) continue;
      const later = unflushed.slice(i + 1);
      this.deleteSegments(later);
      this.report.truncatedAtOffset = segment.nextOffset;
      const deleted = later.length ? ` and deleted ${plural(later.length, 'later segment')}` : '';
      const where = `position ${result.validBytes} of ${segment.fileName}`;
      this.say(`found a corrupt batch at ${where} (${result.invalidReason}); truncated the log to offset ${segment.nextOffset}${deleted}`);
      return;
    }
    const validated = plural(this.report.batchesValidated, 'batch');
    this.say(`recovered ${plural(unflushed.length, 'segment')} from recovery point ${recoveryPoint} (${validated} validated, no corruption)`);
  }
}

export function loadLog(opts: UnifiedLogLoadOptions, dir: string): LoadedLog {
  const submit = (op: LogSinkOp): void => opts.sink?.submit(op);
  const makeSegment: MakeSegment = (baseOffset, stored) =>
    new LogSegment(baseOffset, opts.config, opts.nowMs, rollJitterMs(opts.config, dir, baseOffset, opts.random), stored);
  const checkpoint = opts.leaderEpochCheckpoint ? new LeaderEpochCache(opts.leaderEpochCheckpoint) : undefined;
  const loader = new Loader(opts, dir, submit, checkpoint);
  const stored = [...opts.segments].sort((a, b) => a.baseOffset - b.baseOffset);
  loader.segments = stored.map((s) => makeSegment(s.baseOffset, s));
  loader.rebuildBadIndexes(stored);
  if (opts.cleanShutdown) {
    loader.report.skipped = true;
    const damaged = loader.checkTrusted(loader.segments.length);
    if (damaged === 0) loader.say(`clean shutdown: skipped log recovery; checked ${plural(loader.segments.length, 'segment')}, all intact`);
  } else {
    loader.recoverUnflushed(opts.recoveryPoint);
  }
  loader.closeTrailingGap();
  const last = loader.segments[loader.segments.length - 1];
  if (last && last.nextOffset < opts.logStartOffset) {
    loader.say(`deleting all segments because the log end offset ${last.nextOffset} is below the log start offset ${opts.logStartOffset}`);
    loader.deleteSegments([...loader.segments]);
  }
  if (loader.segments.length === 0) {
    const segment = makeSegment(opts.logStartOffset);
    loader.segments.push(segment);
    submit({ type: 'createSegment', dir, baseOffset: opts.logStartOffset });
    submit({ type: 'indexes', dir, baseOffset: opts.logStartOffset, offsetIndex: segment.offsetIndex.bytes(), timeIndex: segment.timeIndex.bytes() });
  }
  const segments = loader.segments;
  const logEndOffset = segments[segments.length - 1]!.nextOffset;
  const logStartOffset = Math.max(opts.logStartOffset, segments[0]!.baseOffset);
  const epochCache = checkpoint ?? rebuildEpochCache(segments);
  epochCache.truncateFromEnd(logEndOffset);
  epochCache.truncateFromStart(logStartOffset);
  return {
    segments, logStartOffset, logEndOffset, epochCache, report: loader.report,
    recoveryPoint: opts.cleanShutdown ? logEndOffset : Math.min(opts.recoveryPoint, logEndOffset),
    highWatermark: Math.min(Math.max(opts.highWatermark, logStartOffset), logEndOffset),
  };
}

/** Without a leader-epoch-checkpoint: an epoch starts at the first batch stamped with a higher epoch. */
function rebuildEpochCache(segments: readonly LogSegment[]): LeaderEpochCache {
  const cache = new LeaderEpochCache();
  for (const segment of segments) {
    for (let pos = 0; ; ) {
      const size = segment.log.batchSizeAt(pos);
      if (size < 0) break;
      const batch = segment.log.view(pos);
      const epoch = batch.partitionLeaderEpoch;
      if (epoch >= 0 && (cache.latestEpoch === undefined || epoch > cache.latestEpoch)) cache.assign(epoch, batch.baseOffset);
      pos += size;
    }
  }
  return cache;
}
