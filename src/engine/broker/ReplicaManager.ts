import type { BrokerConfig } from '../config';
import { effectiveLogConfig } from '../config';
import type { SimKernel } from '../kernel';
import { UnifiedLog, type LogConfig, type LogSink, type LogSinkOp } from '../log';
import type { LeaderAndIsrPartitionState } from '../protocol';
import type { StorageSink, StoredLogDir } from '../storage';
import { CHECKPOINT_FILES, formatEpochCheckpoint, formatOffsetCheckpoint, leaderEpochCheckpointPath, parseEpochCheckpoint, parseOffsetCheckpoint, parsePartitionDir, partitionDir } from './checkpoints';
import { Partition } from './Partition';

/**
 * Kafka's ReplicaManager + LogManager for one broker: the partitions it hosts, their logs
 * in its log dir, recovery at start-up, retention and the checkpoint files.
 */
export class ReplicaManager {
  readonly partitions = new Map<string, Partition>();
  /** Logs found on disk at start-up that no LeaderAndIsr has claimed yet. */
  private readonly loadedLogs = new Map<string, UnifiedLog>();
  readonly recoveryMessages: string[] = [];
  /** Bumped when partitions are added or removed. */
  version = 0;
  /** Contents of the small files last submitted, by path. */
  private readonly writtenFiles = new Map<string, string>();

  constructor(
    private readonly brokerId: number,
    private readonly kernel: SimKernel,
    private readonly sink: StorageSink,
    private readonly config: () => BrokerConfig,
    private readonly topicOverrides: (topic: string) => Record<string, string>,
    /** Called when a partition's HW moved, so waiting produce and fetch requests re-check. */
    private readonly onHighWatermarkAdvanced: (tp: string) => void = () => {},
  ) {}

  /** min.insync.replicas for `topic`: its override, else the broker's. */
  minInsyncReplicas(topic: string): number {
    const override = this.topicOverrides(topic)['min.insync.replicas'];
    return override === undefined ? this.config().minInsyncReplicas : Number(override);
  }

  get actor(): string {
    return `broker ${this.brokerId}`;
  }

  /** Load every partition log in the stored log dir, running Kafka's recovery where needed. */
  loadLogs(stored: StoredLogDir | undefined): void {
    if (!stored) return;
    const cleanShutdown = stored.files.has(CHECKPOINT_FILES.cleanShutdown);
    const recoveryPoints = parseOffsetCheckpoint(stored.files.get(CHECKPOINT_FILES.recoveryPoint));
    const logStarts = parseOffsetCheckpoint(stored.files.get(CHECKPOINT_FILES.logStartOffset));
    const highWatermarks = parseOffsetCheckpoint(stored.files.get(CHECKPOINT_FILES.highWatermark));
    if (cleanShutdown) {
      this.kernel.emit('recovery', this.actor, 'found .kafka_cleanshutdown: the last shutdown was clean, so log recovery is skipped');
      this.submitFile(CHECKPOINT_FILES.cleanShutdown, null);
    } else if (stored.partitions.size > 0) {
      this.kernel.emit('recovery', this.actor, 'no clean-shutdown marker: recovering every segment above each recovery point');
    }
    for (const [dir, segments] of [...stored.partitions].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const { topic, partition } = parsePartitionDir(dir);
      let loading = true;
      const { log, report } = UnifiedLog.load({
        topic,
        partition,
        config: this.logConfig(topic),
        nowMs: this.kernel.nowMs,
        sink: this.dirSink(),
        // While loading, the log's own words are recovery events; afterwards ordinary log events.
        onEvent: (text) => this.kernel.emit(loading ? 'recovery' : 'log', this.actor, text, dir),
        segments,
        recoveryPoint: recoveryPoints.get(dir) ?? 0,
        logStartOffset: logStarts.get(dir) ?? 0,
        highWatermark: highWatermarks.get(dir) ?? 0,
        cleanShutdown,
        ...epochCheckpoint(stored.files.get(leaderEpochCheckpointPath(dir))),
      });
      loading = false;
      for (const message of report.messages) this.recoveryMessages.push(`Broker ${this.brokerId}: ${message}`);
      this.kernel.emit(
        'recovery',
        this.actor,
        `loaded ${dir}: ${log.segments.length} segment(s), log start ${log.logStartOffset}, LEO ${log.logEndOffset}, HW ${log.highWatermark}`,
        dir,
      );
      this.loadedLogs.set(dir, log);
    }
  }

  /**
   * Delete logs found at start-up whose topic no longer exists. In Kafka the controller does
   * not finish a deletion until every replica confirmed it, so such stray directories cannot
   * be reused by a new topic of the same name; the lab deletes any that storage still holds.
   */
  deleteStrayLogs(topicExists: (topic: string) => boolean): void {
    for (const [dir, log] of [...this.loadedLogs]) {
      if (topicExists(log.topic)) continue;
      this.loadedLogs.delete(dir);
      this.deleteDir(dir, log.segments.length, `topic ${log.topic} no longer exists`);
    }
  }

  /** Apply a controller's LeaderAndIsr for one partition this broker hosts. */
  becomeLeaderOrFollower(state: LeaderAndIsrPartitionState): Partition {
    const dir = partitionDir(state.topicName, state.partitionIndex);
    let partition = this.partitions.get(dir);
    if (!partition) {
      partition = new Partition(state.topicName, state.partitionIndex, this.brokerId, this.openLog(dir, state.topicName, state.partitionIndex));
      this.partitions.set(dir, partition);
      this.version++;
    }
    const wasLeader = partition.isLeader;
    const epochBefore = partition.leaderEpoch;
    partition.applyState(state);
    if (partition.isLeader && (!wasLeader || epochBefore !== state.leaderEpoch)) {
      const hwBefore = partition.log!.highWatermark;
      // Partition.makeLeader ends with the HW rule: a leader alone in the ISR moves the HW to
      // its LEO, so records acked before a crash become visible even if the HW checkpoint
      // was older, missing or damaged.
      partition.maybeIncrementLeaderHW(this.minInsyncReplicas(state.topicName));
      const hw = partition.log!.highWatermark;
      this.kernel.emit(
        'broker',
        this.actor,
        `became leader of ${dir} (leader epoch ${state.leaderEpoch}, ISR [${state.isr.join(', ')}], LEO ${partition.log!.logEndOffset}, HW ${hw}${hw > hwBefore ? ` raised from ${hwBefore}` : ''})`,
        dir,
      );
      if (hw > hwBefore) this.onHighWatermarkAdvanced(dir);
    }
    return partition;
  }

  /** StopReplica: stop hosting a partition, deleting its log when the topic is deleted. */
  stopReplica(topic: string, partitionIndex: number, deletePartition: boolean): void {
    const dir = partitionDir(topic, partitionIndex);
    const log = this.partitions.get(dir)?.log ?? this.loadedLogs.get(dir);
    this.partitions.delete(dir);
    this.loadedLogs.delete(dir);
    this.version++;
    if (deletePartition) this.deleteDir(dir, log?.segments.length ?? 0, 'StopReplica with delete');
  }

  /**
   * Remove a partition directory. Kafka renames it to "<dir>.<id>-delete" and deletes it
   * later; the lab's storage removes it in one operation, which is what the rename achieves.
   */
  private deleteDir(dir: string, segments: number, reason: string): void {
    this.sink.submit({ type: 'deleteDir', broker: this.brokerId, dir });
    for (const path of [...this.writtenFiles.keys()]) if (path.startsWith(`${dir}/`)) this.writtenFiles.delete(path);
    this.kernel.emit('log', this.actor, `deleted the log directory ${dir} (${segments} segment(s); ${reason})`, dir);
  }

  /** A topic's config changed in ZooKeeper: apply it to the logs of that topic. */
  updateTopicConfig(topic: string): void {
    const config = this.logConfig(topic);
    for (const partition of this.partitions.values()) {
      if (partition.topic === topic) partition.log?.updateConfig(config);
    }
  }

  /**
   * Kafka's periodic retention check (log.retention.check.interval.ms), over every local log
   * like LogManager.cleanupLogs; each log applies its own cleanup.policy.
   */
  runRetention(): number {
    let deleted = 0;
    for (const partition of this.partitions.values()) deleted += partition.log?.deleteOldSegments(this.kernel.nowMs) ?? 0;
    return deleted;
  }

  /** Write the recovery-point, log-start-offset and HW checkpoint files. */
  writeCheckpoints(): void {
    const recovery = new Map<string, number>();
    const logStart = new Map<string, number>();
    const hw = new Map<string, number>();
    for (const [dir, partition] of this.partitions) {
      const log = partition.log;
      if (!log) continue;
      recovery.set(dir, log.recoveryPoint);
      logStart.set(dir, log.logStartOffset);
      hw.set(dir, log.highWatermark);
    }
    this.submitFile(CHECKPOINT_FILES.recoveryPoint, formatOffsetCheckpoint(recovery));
    this.submitFile(CHECKPOINT_FILES.logStartOffset, formatOffsetCheckpoint(logStart));
    this.submitFile(CHECKPOINT_FILES.highWatermark, formatOffsetCheckpoint(hw));
    for (const [dir, partition] of this.partitions) {
      const entries = partition.log?.leaderEpochCache.entries();
      if (entries) this.submitFile(leaderEpochCheckpointPath(dir), formatEpochCheckpoint(entries));
    }
  }

  /** Clean shutdown: flush every log, checkpoint, then write the clean-shutdown marker. */
  shutdown(): void {
    for (const partition of this.partitions.values()) partition.log?.flush();
    this.writeCheckpoints();
    this.submitFile(CHECKPOINT_FILES.cleanShutdown, '');
  }

  logConfig(topic: string): LogConfig {
    return effectiveLogConfig(this.config(), this.topicOverrides(topic));
  }

  private openLog(dir: string, topic: string, partition: number): UnifiedLog {
    const loaded = this.loadedLogs.get(dir);
    if (loaded) {
      this.loadedLogs.delete(dir);
      return loaded;
    }
    this.kernel.emit('log', this.actor, `created log ${dir} with segment 00000000000000000000.log`, dir);
    return new UnifiedLog({
      topic,
      partition,
      config: this.logConfig(topic),
      nowMs: this.kernel.nowMs,
      sink: this.dirSink(),
      onEvent: (text) => this.kernel.emit('log', this.actor, text, dir),
    });
  }

  /** The log's sink: its segment operations, tagged with this broker's log dir. */
  private dirSink(): LogSink {
    return { submit: (op: LogSinkOp) => this.sink.submit({ ...op, broker: this.brokerId }) };
  }

  private submitFile(path: string, contents: string | null): void {
    // Checkpoints are written often (before every storage flush); unchanged files need no write.
    if (contents !== null && this.writtenFiles.get(path) === contents) return;
    if (contents === null) this.writtenFiles.delete(path);
    else this.writtenFiles.set(path, contents);
    this.sink.submit({ type: 'file', broker: this.brokerId, path, contents });
  }
}

function epochCheckpoint(contents: string | undefined): { leaderEpochCheckpoint?: { epoch: number; startOffset: number }[] } {
  const entries = parseEpochCheckpoint(contents);
  return entries ? { leaderEpochCheckpoint: entries } : {};
}
