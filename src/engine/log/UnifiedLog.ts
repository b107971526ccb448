/**
 * One replica's log of one partition (Kafka's UnifiedLog + LocalLog): an ordered list of segments with
 * logStartOffset, log end offset (LEO), high watermark (HW), recovery point and a leader-epoch cache.
 * Every durable change goes to the LogSink and is described in plain words to onEvent.
 */
import { baseOffsetAt, batchSizeAt } from '../record/RecordBatchView';
import { getInt32 } from '../util/bytes';
import { PARTITION_LEADER_EPOCH_OFFSET } from '../record/types';
import { KafkaLogError } from './errors';
import { tpName } from '../protocol/topicPartition';
import type { TimestampAndOffset } from './FileRecords';
import { LeaderEpochCache } from './LeaderEpochCache';
import type { LogConfig } from './LogConfig';
import { loadLog, type LoadedLog } from './LogLoader';
import { readLog, fetchOffsetByTimestamp } from './LogReads';
import { deleteOldSegments } from './LogRetention';
import { LogSegment } from './LogSegment';
import {
  emptyAppendInfo, type LogAppendInfo, type LogEventSink, type LogReadResult, type LogSink, type LogSinkOp,
  type RecoveryReport, type UnifiedLogLoadOptions, type UnifiedLogOptions,
} from './LogTypes';
import { analyzeAndValidate, assignOffsetsAndStamp, type AppendAnalysis } from './LogValidator';
import { rollJitterMs } from './rollJitter';
import { plural } from './plural';

export class UnifiedLog {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  readonly leaderEpochCache: LeaderEpochCache;
  private cfg: LogConfig;
  private segs: LogSegment[];
  private lso: number;
  private leo: number;
  private hw: number;
  private rp: number;
  private lastNowMs: number;
  /** The lowest offset truncated to since the cleaner last asked (see takeTruncationPoint). */
  private truncatedTo: number | undefined;
  private readonly sink: LogSink | undefined;
  private readonly onEvent: LogEventSink | undefined;
  private readonly random: UnifiedLogOptions['random'];

  /** @param loaded internal: state rebuilt by UnifiedLog.load */
  constructor(opts: UnifiedLogOptions, loaded?: LoadedLog) {
    this.topic = opts.topic;
    this.partition = opts.partition;
    this.dir = tpName(opts.topic, opts.partition);
    this.cfg = opts.config;
    this.lastNowMs = opts.nowMs;
    this.sink = opts.sink;
    this.onEvent = opts.onEvent;
    this.random = opts.random;
    if (loaded) {
      ({ segments: this.segs, logStartOffset: this.lso, logEndOffset: this.leo } = loaded);
      ({ highWatermark: this.hw, recoveryPoint: this.rp, epochCache: this.leaderEpochCache } = loaded);
      return;
    }
    this.lso = this.leo = this.hw = this.rp = opts.logStartOffset ?? 0;
    this.leaderEpochCache = new LeaderEpochCache();
    this.segs = [this.newSegment(this.lso, opts.nowMs)];
  }

  /** Rebuilds a log from stored segments, recovering what was not flushed before an unclean shutdown. */
  static load(opts: UnifiedLogLoadOptions): { log: UnifiedLog; report: RecoveryReport } {
    const loaded = loadLog(opts, tpName(opts.topic, opts.partition));
    for (const message of loaded.report.messages) opts.onEvent?.(message);
    return { log: new UnifiedLog(opts, loaded), report: loaded.report };
  }

  get config(): LogConfig { return this.cfg; }
  get logStartOffset(): number { return this.lso; }
  get logEndOffset(): number { return this.leo; }
  get highWatermark(): number { return this.hw; }
  get recoveryPoint(): number { return this.rp; }
  get segments(): readonly LogSegment[] { return this.segs; }
  get activeSegment(): LogSegment { return this.segs[this.segs.length - 1]!; }
  get latestEpoch(): number | undefined { return this.leaderEpochCache.latestEpoch; }
  get size(): number {
    let total = 0;
    for (const s of this.segs) total += s.size;
    return total;
  }

  private emit(text: string): void {
    this.onEvent?.(`${this.dir}: ${text}`);
  }

  private submit(op: LogSinkOp): void {
    this.sink?.submit(op);
  }

  private submitIndexes(segment: LogSegment): void {
    const { dir } = this;
    const { baseOffset, offsetIndex, timeIndex } = segment;
    this.submit({ type: 'indexes', dir, baseOffset, offsetIndex: offsetIndex.bytes(), timeIndex: timeIndex.bytes() });
  }

  private newSegment(baseOffset: number, nowMs: number): LogSegment {
    const segment = new LogSegment(baseOffset, this.cfg, nowMs, rollJitterMs(this.cfg, this.dir, baseOffset, this.random));
    this.submit({ type: 'createSegment', dir: this.dir, baseOffset });
    // Kafka creates the segment's .index and .timeindex files with it (empty until entries come).
    this.submitIndexes(segment);
    return segment;
  }

  /**
   * Appends a producer's batches: validates them, assigns offsets from the LEO, stamps the leader epoch
   * (and the append time under LogAppendTime), rolls a segment if needed and updates the epoch cache.
   */
  appendAsLeader(records: Uint8Array, leaderEpoch: number, nowMs: number): LogAppendInfo {
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    const a = analyzeAndValidate(records, 'client', this.cfg, this.dir);
    if (a.batchCount === 0) return emptyAppendInfo();
    const firstOffset = this.leo;
    const lastOffset = firstOffset + a.offsetSpan - 1;
    const logAppendTime = this.cfg.messageTimestampType === 'LogAppendTime';
    const maxTimestamp = logAppendTime ? nowMs : a.maxTimestamp;
    const offsetOfMaxTimestamp = logAppendTime ? lastOffset : firstOffset + a.relativeOffsetOfMaxTimestamp;
    const rolledSegment = this.maybeRoll(a, maxTimestamp, lastOffset, firstOffset, nowMs);
    const stamp = (buffer: Uint8Array, position: number): void =>
      assignOffsetsAndStamp(buffer, position, a.validBytes, firstOffset, leaderEpoch, logAppendTime ? nowMs : undefined);
    this.appendToActive(records.subarray(0, a.validBytes), lastOffset, maxTimestamp, offsetOfMaxTimestamp, nowMs, stamp);
    this.maybeAssignEpochStartOffset(leaderEpoch, firstOffset);
    return {
      firstOffset, lastOffset, numRecords: a.numRecords, maxTimestamp, offsetOfMaxTimestamp,
      logAppendTimeMs: logAppendTime ? nowMs : -1, validBytes: a.validBytes,
      ...(rolledSegment === undefined ? {} : { rolledSegment }),
    };
  }

  /** Appends batches fetched from the leader, keeping their offsets and epochs. */
  appendAsFollower(records: Uint8Array, nowMs = this.lastNowMs): LogAppendInfo {
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    const a = analyzeAndValidate(records, 'replication', this.cfg, this.dir);
    if (a.batchCount === 0) return emptyAppendInfo();
    if (!a.offsetsMonotonic) throw new KafkaLogError('OFFSETS_OUT_OF_ORDER', `Out of order offsets found in append to ${this.dir}`);
    if (a.firstBatchBaseOffset < this.leo) {
      throw new KafkaLogError('UNEXPECTED_APPEND_OFFSET', `Unexpected offset in append to ${this.dir}. First offset ${a.firstBatchBaseOffset} is less than the next offset ${this.leo}.`);
    }
    const rolledSegment = this.maybeRoll(a, a.maxTimestamp, a.lastOffset, a.firstBatchBaseOffset, nowMs);
    this.appendToActive(records.subarray(0, a.validBytes), a.lastOffset, a.maxTimestamp, a.offsetOfMaxTimestamp, nowMs);
    for (let pos = 0; pos < a.validBytes; pos += batchSizeAt(records, pos)) {
      this.maybeAssignEpochStartOffset(getInt32(records, pos + PARTITION_LEADER_EPOCH_OFFSET), baseOffsetAt(records, pos));
    }
    return {
      firstOffset: a.firstBatchBaseOffset, lastOffset: a.lastOffset, numRecords: a.numRecords, maxTimestamp: a.maxTimestamp,
      offsetOfMaxTimestamp: a.offsetOfMaxTimestamp, logAppendTimeMs: -1, validBytes: a.validBytes,
      ...(rolledSegment === undefined ? {} : { rolledSegment }),
    };
  }

  private maybeRoll(a: AppendAnalysis, maxTimestamp: number, lastOffset: number, firstOffset: number, nowMs: number): number | undefined {
    const reason = this.activeSegment.rollReason(a.validBytes, maxTimestamp, lastOffset, nowMs, this.cfg);
    if (reason === undefined) return undefined;
    const before = this.activeSegment;
    const after = this.rollAt(firstOffset, nowMs, reason);
    return after === before ? undefined : after.baseOffset;
  }

  private appendToActive(bytes: Uint8Array, lastOffset: number, maxTimestamp: number, offsetOfMaxTimestamp: number,
    nowMs: number, prepare?: (buffer: Uint8Array, localPosition: number) => void): void {
    const segment = this.activeSegment;
    const { position, indexed } = segment.append(bytes, lastOffset, maxTimestamp, offsetOfMaxTimestamp, nowMs, prepare);
    this.leo = lastOffset + 1;
    if (this.sink) {
      this.submit({ type: 'append', dir: this.dir, baseOffset: segment.baseOffset, position, bytes: segment.log.slice(position, bytes.length) });
      if (indexed) this.submitIndexes(segment);
    }
  }

  /** Records that `leaderEpoch` starts at `startOffset` (also what a new leader does with its LEO). */
  maybeAssignEpochStartOffset(leaderEpoch: number, startOffset: number): void {
    if (this.leaderEpochCache.assign(leaderEpoch, startOffset)) {
      this.emit(`leader epoch ${leaderEpoch} starts at offset ${startOffset}`);
    }
  }

  /** Whole batches from startOffset, up to maxBytes (one batch at least with minOneMessage), below isolationMaxOffset. */
  read(startOffset: number, maxBytes: number, isolationMaxOffset: number, minOneMessage: boolean): LogReadResult {
    return readLog(this.segs, this.lso, this.leo, this.dir, { startOffset, maxBytes, isolationMaxOffset, minOneMessage });
  }

  /** ListOffsets: -2 earliest (logStartOffset), -1 latest (LEO), -3 max timestamp, else first record with timestamp >= target. */
  fetchOffsetByTimestamp(timestampMs: number): TimestampAndOffset | undefined {
    return fetchOffsetByTimestamp(this.segs, this.lso, this.leo, this.leaderEpochCache, timestampMs);
  }

  /** Raises the HW (clamped to [logStartOffset, LEO]); it never goes down here. Returns the HW. */
  updateHighWatermark(hw: number): number {
    const clamped = Math.min(Math.max(hw, this.lso), this.leo);
    if (clamped > this.hw) this.hw = clamped;
    return this.hw;
  }

  /** Kafka's UnifiedLog.updateHighWatermark for followers: clamps but may lower the HW. */
  forceHighWatermark(hw: number): number {
    this.hw = Math.min(Math.max(hw, this.lso), this.leo);
    return this.hw;
  }

  /** Flushes everything: the recovery point becomes the LEO. */
  flush(): void {
    this.rp = this.leo;
  }

  updateConfig(config: LogConfig): void {
    this.cfg = config;
  }

  /** Rolls a new active segment at the LEO. */
  roll(nowMs: number, reason: string): LogSegment {
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    return this.rollAt(this.leo, nowMs, reason);
  }

  private rollAt(expectedNextOffset: number, nowMs: number, reason: string): LogSegment {
    const newOffset = Math.max(expectedNextOffset, this.leo);
    const active = this.activeSegment;
    if (active.baseOffset === newOffset && active.size === 0) return active; // already fresh: nothing to roll
    if (active.onBecomeInactiveSegment()) this.submitIndexes(active);
    const segment = this.newSegment(newOffset, nowMs);
    this.segs.push(segment);
    this.emit(`rolled new segment ${segment.fileName} (${reason})`);
    this.rp = Math.max(this.rp, Math.min(newOffset, this.leo)); // Kafka flushes up to the new segment on roll
    return segment;
  }

  /** Removes every offset >= offset: later segments are deleted, the rest truncated, the epoch cache trimmed. */
  truncateTo(offset: number): boolean {
    if (offset < 0) throw new RangeError(`Cannot truncate partition ${this.dir} to a negative offset (${offset}).`);
    if (offset >= this.leo) {
      // Kafka truncates the epoch cache even then: a broker that became leader and then
      // follower without appending has an epoch entry at its LEO the new leader never wrote.
      if (this.leaderEpochCache.truncateFromEnd(this.leo)) this.emit(`removed leader-epoch entries at or after offset ${this.leo} (no records were cut)`);
      return false;
    }
    if (this.segs[0]!.baseOffset > offset) {
      this.truncateFullyAndStartAt(offset);
      return true;
    }
    const doomed = this.segs.filter((s) => s.baseOffset > offset);
    this.segs = this.segs.filter((s) => s.baseOffset <= offset);
    for (const s of doomed) this.submit({ type: 'deleteSegment', dir: this.dir, baseOffset: s.baseOffset, reason: 'truncation' });
    const active = this.activeSegment;
    const removed = active.truncateTo(offset, this.lastNowMs);
    this.submit({ type: 'truncate', dir: this.dir, baseOffset: active.baseOffset, sizeBytes: active.size });
    this.submitIndexes(active);
    const oldLeo = this.leo;
    this.noteTruncation(offset);
    this.leo = offset;
    this.leaderEpochCache.truncateFromEnd(offset);
    this.lso = Math.min(this.lso, offset);
    this.hw = Math.min(this.hw, this.leo);
    this.rp = Math.min(this.rp, this.leo);
    const segmentsNote = doomed.length ? ` and deleted ${plural(doomed.length, 'later segment')}` : '';
    this.emit(`truncated the log from offset ${oldLeo} to ${offset} (${removed} bytes cut from ${active.fileName}${segmentsNote})`);
    return true;
  }

  /** Deletes everything and restarts the log, empty, at newOffset (a follower far behind the leader's log start). */
  truncateFullyAndStartAt(newOffset: number): void {
    for (const s of this.segs) this.submit({ type: 'deleteSegment', dir: this.dir, baseOffset: s.baseOffset, reason: 'truncation' });
    const count = this.segs.length;
    this.noteTruncation(newOffset);
    this.segs = [this.newSegment(newOffset, this.lastNowMs)];
    this.leo = this.lso = this.hw = this.rp = newOffset;
    this.leaderEpochCache.clear();
    this.emit(`deleted all ${plural(count, 'segment')} and restarted the log at offset ${newOffset}`);
  }

  /**
   * @internal the log cleaner's swap (LocalLog.replaceSegments): `cleaned` takes the place of `old`, a run of
   * inactive segments starting at cleaned's base offset. Storage gets the old files deleted and the new one
   * written in one submission, so a flush holds all of it or none: what Kafka's .cleaned → .swap → rename achieves.
   */
  replaceSegments(cleaned: LogSegment, old: readonly LogSegment[]): void {
    const first = this.segs.indexOf(old[0]!);
    const contiguous = first >= 0 && old.every((s, i) => this.segs[first + i] === s);
    if (!contiguous || cleaned.baseOffset !== old[0]!.baseOffset || first + old.length >= this.segs.length) {
      throw new Error(`${this.dir}: cleaned segment ${cleaned.fileName} does not replace a run of inactive segments`);
    }
    this.segs.splice(first, old.length, cleaned);
    const dir = this.dir;
    const baseOffset = cleaned.baseOffset;
    for (const s of old) this.submit({ type: 'deleteSegment', dir, baseOffset: s.baseOffset, reason: 'cleaning' });
    this.submit({ type: 'createSegment', dir, baseOffset });
    // Appends never span FileRecords chunks, so each chunk is a run of whole batches.
    for (let position = 0; position < cleaned.size; ) {
      const end = cleaned.log.contiguousEnd(position);
      this.submit({ type: 'append', dir, baseOffset, position, bytes: cleaned.log.slice(position, end - position) });
      position = end;
    }
    this.submitIndexes(cleaned);
  }

  private noteTruncation(offset: number): void {
    this.truncatedTo = Math.min(this.truncatedTo ?? offset, offset);
  }

  /**
   * The lowest offset the log was truncated to since the last call, if any: the cleaner lowers its
   * checkpoint to it (LogManager.truncateTo → LogCleaner.maybeTruncateCheckpoint), or re-appended records
   * would count as clean.
   */
  takeTruncationPoint(): number | undefined {
    const offset = this.truncatedTo;
    this.truncatedTo = undefined;
    return offset;
  }

  /** Retention per cleanup.policy (see LogRetention). Returns the number of segments deleted. */
  deleteOldSegments(nowMs: number): number {
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    return deleteOldSegments(this, nowMs);
  }

  /** @internal used by LogRetention: deletes whole segments from the front of the log. */
  deleteSegments(deletable: LogSegment[], reason: string, nowMs: number): number {
    let doomed = deletable;
    if (deletable.length === this.segs.length) {
      const fresh = this.roll(nowMs, 'retention is deleting every segment, so a new empty one is needed');
      if (deletable[deletable.length - 1]!.baseOffset === fresh.baseOffset) doomed = deletable.slice(0, -1);
    }
    const gone = new Set(doomed);
    this.segs = this.segs.filter((s) => !gone.has(s));
    for (const s of doomed) {
      this.submit({ type: 'deleteSegment', dir: this.dir, baseOffset: s.baseOffset, reason: 'retention' });
      const range = s.size > 0 ? `offsets ${s.baseOffset}-${s.nextOffset - 1}` : 'empty';
      this.emit(`deleted segment ${s.fileName} (${range}, ${s.size} bytes) due to ${reason}; files are removed after file.delete.delay.ms=${this.cfg.fileDeleteDelayMs}`);
    }
    this.maybeIncrementLogStartOffset(this.segs[0]!.baseOffset, 'segment deletion');
    return deletable.length;
  }

  /** Moves logStartOffset forward (retention or DeleteRecords); never past the HW. */
  maybeIncrementLogStartOffset(newLogStartOffset: number, reason: string): boolean {
    if (newLogStartOffset > this.hw) {
      throw new KafkaLogError('OFFSET_OUT_OF_RANGE', `Cannot increment the log start offset to ${newLogStartOffset} of partition ${this.dir} since it is larger than the high watermark ${this.hw}`);
    }
    if (newLogStartOffset <= this.lso) return false;
    const old = this.lso;
    this.lso = newLogStartOffset;
    this.leaderEpochCache.truncateFromStart(newLogStartOffset);
    this.rp = Math.max(this.rp, newLogStartOffset);
    this.emit(`log start offset moved from ${old} to ${newLogStartOffset} (${reason})`);
    return true;
  }
}
