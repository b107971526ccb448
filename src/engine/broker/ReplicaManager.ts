import type { BrokerConfig } from '../config';
import { effectiveLogConfig } from '../config';
import type { SimKernel } from '../kernel';
import { formatOffsetRange } from '../kernel/format';
import { UnifiedLog, type LogConfig, type LogSink, type LogSinkOp } from '../log';
import { logDirImage } from './diskImage';
import { brokerNodeId } from '../network/Envelope';
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  tpName,
  type FetchPartitionResponse,
  type FetchRequest,
  type KafkaErrorName,
  type LeaderAndIsrPartitionState,
  type ListOffsetsResponse,
  type ProducePartitionResponse,
} from '../protocol';
import type { StorageSink, StoredLogDir } from '../storage';
import { CLEANER_OFFSET_CHECKPOINT_FILE } from '../log/cleaner';
import { BrokerLogCleaner } from './BrokerLogCleaner';
import { CHECKPOINT_FILES, formatEpochCheckpoint, formatOffsetCheckpoint, leaderEpochCheckpointPath, parseEpochCheckpoint, parseOffsetCheckpoint, parsePartitionDir } from './checkpoints';
import { DelayedOperationPurgatory } from './DelayedOperationPurgatory';
import { Partition, type ReplicationRules } from './Partition';
import { processFollowerFetch, truncateFollower } from './replication/followerFetch';
import { IsrManager, type IsrWriter } from './replication/IsrManager';
import { ReplicaFetcherManager, type FetchOutcome, type FollowerFetchPosition } from './replication/ReplicaFetcherThread';
import type { SimNetwork } from '../network';

export type ListOffsetsPartitionResult = ListOffsetsResponse['topics'][number]['partitions'][number];

export interface AppendEntry {
  topic: string;
  partition: number;
  records: Uint8Array;
}

export interface ProduceResult {
  topic: string;
  response: ProducePartitionResponse;
}

/** What one fetch read: per-partition results, their record bytes and whether any failed. */
export interface FetchRead {
  responses: { topic: string; partitions: FetchPartitionResponse[] }[];
  bytes: number;
  hasError: boolean;
}

interface Appended extends ProduceResult {
  /** The HW a successful acks=all write waits for (last offset + 1). */
  requiredOffset: number;
  partition: Partition | null;
}

export interface ReplicaManagerOptions {
  brokerId: number;
  kernel: SimKernel;
  sink: StorageSink;
  config: () => BrokerConfig;
  topicOverrides: (topic: string) => Record<string, string>;
  hasTopic: (topic: string) => boolean;
  network: SimNetwork;
  isrWriter: IsrWriter;
  /** False while the broker is stopped or paused. */
  isRunning: () => boolean;
}

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

  /** acks=all produce requests waiting for the HW (Kafka's DelayedProduce purgatory). */
  readonly produceWaits: DelayedOperationPurgatory;
  /** Fetches waiting for fetch.min.bytes (Kafka's DelayedFetch purgatory). */
  readonly fetchWaits: DelayedOperationPurgatory;
  private readonly brokerId: number;
  private readonly kernel: SimKernel;
  private readonly sink: StorageSink;
  private readonly config: () => BrokerConfig;
  private readonly topicOverrides: (topic: string) => Record<string, string>;
  /** Whether the broker's metadata knows `topic` (UNKNOWN_TOPIC_OR_PARTITION vs NOT_LEADER_OR_FOLLOWER). */
  private readonly hasTopic: (topic: string) => boolean;
  private readonly isrWriter: IsrWriter;
  /** This broker's follower fetchers, one per leader broker. */
  readonly fetchers: ReplicaFetcherManager;
  /** The leader's side of the ISR: follower positions, expansion and the isr-expiration shrink. */
  readonly isr: IsrManager;
  /** Extra delay before each of this broker's fetches (a "slow follower", set by the lab). */
  slowFetchDelayMs = 0;
  /** The log cleaner: compacts this broker's logs with cleanup.policy=compact (KafkaBroker schedules it). */
  readonly logCleaner: BrokerLogCleaner;

  constructor(options: ReplicaManagerOptions) {
    ({ brokerId: this.brokerId, kernel: this.kernel, sink: this.sink, config: this.config, topicOverrides: this.topicOverrides, hasTopic: this.hasTopic, isrWriter: this.isrWriter } = options);
    this.produceWaits = new DelayedOperationPurgatory(this.kernel, `${brokerNodeId(this.brokerId)} produce`);
    this.fetchWaits = new DelayedOperationPurgatory(this.kernel, `${brokerNodeId(this.brokerId)} fetch`);
    this.isr = new IsrManager({
      kernel: this.kernel,
      actor: this.actor,
      partitions: this.partitions,
      writer: this.isrWriter,
      rules: (topic) => this.rules(topic),
      onHighWatermarkAdvanced: (tp) => this.onHighWatermarkAdvanced(tp),
      onIsrChanged: (tp) => this.produceWaits.checkAndComplete(tp),
    });
    this.logCleaner = new BrokerLogCleaner({
      brokerId: this.brokerId, kernel: this.kernel, config: this.config, partitions: this.partitions,
      hasLog: (dir) => this.partitions.has(dir) || this.loadedLogs.has(dir),
      writeFile: (path, contents) => this.submitFile(path, contents),
    });
    this.fetchers = new ReplicaFetcherManager({
      brokerId: this.brokerId,
      kernel: this.kernel,
      network: options.network,
      canFetch: options.isRunning,
      maxWaitMs: () => this.config().replicaFetchWaitMaxMs,
      minBytes: () => this.config().replicaFetchMinBytes,
      partitionMaxBytes: () => this.config().replicaFetchMaxBytes,
      backoffMs: () => this.config().replicaFetchBackoffMs,
      extraDelayMs: () => this.slowFetchDelayMs,
      position: (tp, leaderId) => this.followerPosition(tp, leaderId),
      process: (tp, leaderId, fetchOffset, leaderEpoch, data) => this.processFollowerFetch(tp, leaderId, fetchOffset, leaderEpoch, data),
    });
  }

  /** The HW/ISR rules of this broker's version profile, for `topic`, now. */
  rules(topic: string): ReplicationRules {
    const config = this.config();
    return {
      freezeHwUnderMinIsr: config.version !== '2.4',
      minInsyncReplicas: this.minInsyncReplicas(topic),
      replicaLagTimeMaxMs: config.replicaLagTimeMaxMs,
      nowMs: this.kernel.nowMs,
    };
  }

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
    this.logCleaner.loadCheckpoint(stored.files.get(CLEANER_OFFSET_CHECKPOINT_FILE));
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
        compacted: this.logCleaner.wasCleaned(dir),
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
      // Said in the restart report too: a learner should see why records disappeared.
      this.recoveryMessages.push(`Broker ${this.brokerId}: deleted ${dir} (${log.logEndOffset - log.logStartOffset} record offsets): its topic ${log.topic} no longer exists in ZooKeeper`);
      this.deleteDir(dir, log.segments.length, `topic ${log.topic} no longer exists`);
    }
  }

  /**
   * Apply a controller's LeaderAndIsr for one partition this broker hosts. A state whose
   * leader epoch is not newer than the one applied is stale and ignored (Kafka answers
   * STALE_CONTROLLER_EPOCH); returns null then.
   */
  becomeLeaderOrFollower(state: LeaderAndIsrPartitionState): Partition | null {
    const dir = tpName(state.topicName, state.partitionIndex);
    let partition = this.partitions.get(dir);
    if (partition && state.leaderEpoch <= partition.leaderEpoch) return null;
    if (!partition) {
      partition = new Partition(state.topicName, state.partitionIndex, this.brokerId, this.openLog(dir, state.topicName, state.partitionIndex));
      this.partitions.set(dir, partition);
      this.version++;
    }
    const isLeader = partition.applyState(state, this.kernel.nowMs);
    if (isLeader) this.makeLeader(partition, state);
    else this.makeFollower(partition, state);
    // Waiting produces and fetches learn the leadership moved (NOT_LEADER_OR_FOLLOWER).
    this.produceWaits.checkAndComplete(dir);
    this.fetchWaits.checkAndComplete(dir);
    return partition;
  }

  private makeLeader(partition: Partition, state: LeaderAndIsrPartitionState): void {
    const dir = partition.tp;
    this.fetchers.removeFetcher(dir);
    const hwBefore = partition.log!.highWatermark;
    // Partition.makeLeader ends with the HW rule: a leader alone in the ISR moves the HW to
    // its LEO, so records acked before a crash become visible even if the HW checkpoint
    // was older, missing or damaged.
    partition.maybeIncrementLeaderHW(this.rules(state.topicName));
    const hw = partition.log!.highWatermark;
    this.kernel.emit(
      'broker',
      this.actor,
      `became leader of ${dir} (leader epoch ${state.leaderEpoch}, ISR [${state.isr.join(', ')}], LEO ${partition.log!.logEndOffset}, HW ${hw}${hw > hwBefore ? ` raised from ${hwBefore}` : ''})`,
      dir,
    );
    if (hw > hwBefore) this.onHighWatermarkAdvanced(dir);
  }

  /**
   * Partition.makeFollower, then the fetcher: follow the new leader from the log end, with
   * the diverging-epoch check reconciling the logs. With lab.truncation=hw the follower first
   * truncates to its HW, the pre-KIP-101 rule.
   */
  private makeFollower(partition: Partition, state: LeaderAndIsrPartitionState): void {
    const dir = partition.tp;
    this.fetchers.removeFetcher(dir);
    const log = partition.log!;
    if (state.leader < 0) {
      this.kernel.emit('broker', this.actor, `${dir} has no leader (leader epoch ${state.leaderEpoch}): its replica here waits`, dir);
      return;
    }
    this.kernel.emit('broker', this.actor, `became a follower of ${dir} (leader broker ${state.leader}, leader epoch ${state.leaderEpoch}, LEO ${log.logEndOffset}, HW ${log.highWatermark})`, dir);
    if (this.config().labTruncation === 'hw') {
      truncateFollower(partition, log.highWatermark, 'lab.truncation=hw: the pre-0.11 rule truncates a new follower to its high watermark', { emit: (text) => this.kernel.emit('broker', this.actor, text, dir) });
    }
    this.fetchers.addFetcher(partition.topic, partition.partition, dir, state.leader);
  }

  private followerPosition(tp: string, leaderId: number): FollowerFetchPosition | null {
    const partition = this.partitions.get(tp);
    const log = partition?.log;
    if (!partition || !log || partition.isLeader || partition.leader !== leaderId) return null;
    const lastFetchedEpoch = this.config().labTruncation === 'hw' ? -1 : log.latestEpoch ?? -1;
    return { fetchOffset: log.logEndOffset, currentLeaderEpoch: partition.leaderEpoch, lastFetchedEpoch };
  }

  private processFollowerFetch(tp: string, leaderId: number, fetchOffset: number, leaderEpoch: number, data: FetchPartitionResponse): FetchOutcome {
    const partition = this.partitions.get(tp);
    if (!partition || partition.isLeader || partition.leader !== leaderId) return 'failed';
    // An answer to a fetch made under an earlier epoch (a LeaderAndIsr came meanwhile) is stale: fetch again.
    if (partition.leaderEpoch !== leaderEpoch) return 'continue';
    return processFollowerFetch(partition, leaderId, fetchOffset, data, this.kernel.nowMs, {
      emit: (text) => this.kernel.emit('broker', this.actor, text, tp),
      fetched: (text) => this.kernel.emit('replication', this.actor, text, tp),
    });
  }

  /** StopReplica: stop hosting a partition, deleting its log when the topic is deleted. */
  stopReplica(topic: string, partitionIndex: number, deletePartition: boolean): void {
    const dir = tpName(topic, partitionIndex);
    const log = this.partitions.get(dir)?.log ?? this.loadedLogs.get(dir);
    this.fetchers.removeFetcher(dir);
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

  /** The HW of `tp` moved: waiting acks=all produces and fetches may complete now. */
  private onHighWatermarkAdvanced(tp: string): void {
    this.produceWaits.checkAndComplete(tp);
    this.fetchWaits.checkAndComplete(tp);
  }

  /** The partition `topic`-`partition` if this broker hosts it, else the error a request gets. */
  leaderPartition(topic: string, partition: number): Partition | { errorCode: 'UNKNOWN_TOPIC_OR_PARTITION' | 'NOT_LEADER_OR_FOLLOWER' } {
    const found = this.partitions.get(tpName(topic, partition));
    if (found) return found;
    return { errorCode: this.hasTopic(topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION' };
  }

  /**
   * Kafka's ReplicaManager.appendRecords: append each partition's batches to its leader log,
   * then answer at once (acks 0/1, or errors) or, for acks=all, once the HW has reached every
   * append (a delayed produce) or the timeout passes. `respond` is not called for acks=0.
   */
  appendRecords(timeoutMs: number, acks: number, entries: readonly AppendEntry[], respond: (results: ProduceResult[]) => void): void {
    const appended = entries.map((e) => this.appendToLocalLog(e, acks));
    if (acks === 0) return; // no response at all, as Kafka
    const waiting = acks === -1 ? appended.filter((r) => r.response.errorCode === 'NONE') : [];
    /** Per waiting append, its answer once known (DelayedProduce's acksPending / error). */
    const outcome = new Map<Appended, KafkaErrorName>();
    let answered = false;
    const answer = (timedOut: boolean): void => {
      answered = true;
      respond(appended.map((r) => {
        const error = outcome.get(r) ?? (timedOut && waiting.includes(r) ? 'REQUEST_TIMED_OUT' : 'NONE');
        if (error === 'NONE') return { topic: r.topic, response: r.response };
        return { topic: r.topic, response: { ...r.response, errorCode: error, errorMessage: waitErrorMessage(error), ...(error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' ? {} : { baseOffset: -1 }) } };
      }));
    };
    if (waiting.length === 0) return answer(false);
    this.produceWaits.tryCompleteElseWatch(
      {
        tryComplete: () => {
          for (const r of waiting) {
            if (outcome.has(r)) continue;
            const error = this.checkEnoughReplicasReachOffset(r);
            if (error !== null) outcome.set(r, error);
          }
          if (outcome.size < waiting.length) return false;
          answer(false);
          return true;
        },
        onExpiration: () => answer(true),
        onFailure: (error) => {
          const errorMessage = this.reportFailure('a waiting produce', error);
          if (answered) return;
          answered = true;
          respond(appended.map((r) => ({ topic: r.topic, response: { ...r.response, errorCode: 'UNKNOWN_SERVER_ERROR', errorMessage, baseOffset: -1 } })));
        },
      },
      waiting.map((r) => r.partition!.tp),
      timeoutMs,
    );
  }

  /**
   * Partition.checkEnoughReplicasReachOffset: null while the HW is below the append; then
   * NONE, or NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR shrank under min.insync.replicas;
   * NOT_LEADER_OR_FOLLOWER once this broker no longer leads the partition.
   */
  private checkEnoughReplicasReachOffset(r: Appended): KafkaErrorName | null {
    const partition = r.partition!;
    if (!partition.isLeader || this.partitions.get(partition.tp) !== partition) return 'NOT_LEADER_OR_FOLLOWER';
    if (partition.log!.highWatermark < r.requiredOffset) return null;
    return partition.isr.length < partition.effectiveMinIsr(this.rules(partition.topic)) ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : 'NONE';
  }

  /** Report an exception in a delayed operation; returns its message for the error response. */
  private reportFailure(what: string, error: unknown): string {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.kernel.emit('broker', this.actor, `error completing ${what}: ${message} (answered with UNKNOWN_SERVER_ERROR)`);
    return message;
  }

  private appendToLocalLog({ topic, partition: index, records }: AppendEntry, acks: number): Appended {
    const tp = tpName(topic, index);
    const fail = (errorCode: KafkaErrorName, errorMessage?: string): Appended => {
      this.kernel.emit('broker', this.actor, `rejected a produce to ${tp}: ${errorCode}${errorMessage ? ` (${errorMessage})` : ''}`, tp);
      return { topic, response: { partition: index, errorCode, ...(errorMessage ? { errorMessage } : {}), baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 }, requiredOffset: 0, partition: null };
    };
    if (acks !== 0 && acks !== 1 && acks !== -1) return fail('INVALID_REQUIRED_ACKS');
    const partition = this.leaderPartition(topic, index);
    if (!(partition instanceof Partition)) return fail(partition.errorCode);
    const result = partition.appendRecordsToLeader(records, acks, this.rules(topic));
    const log = partition.log;
    if (result.kind === 'error') return fail(result.errorCode, result.errorMessage);
    if (!log) return fail('NOT_LEADER_OR_FOLLOWER');
    if (result.kind === 'duplicate') {
      this.kernel.emit('broker', this.actor, `${tp}: producer ${result.producerId} retried a batch it already wrote (sequence ${result.baseSequence}); answered with the original offsets ${formatOffsetRange(result.firstOffset, result.lastOffset)} instead of writing it twice`, tp);
      return { topic, response: { partition: index, errorCode: 'NONE', baseOffset: result.firstOffset, logAppendTimeMs: -1, logStartOffset: log.logStartOffset }, requiredOffset: result.lastOffset + 1, partition };
    }
    const { info } = result;
    this.kernel.emit('broker', this.actor, appendedText(tp, info.firstOffset, info.lastOffset, info.numRecords, log.activeSegment.fileName, log.logEndOffset, log.highWatermark, acks), tp);
    if (result.hwMoved) this.onHighWatermarkAdvanced(tp);
    // Followers waiting at the log end have new records to fetch.
    else this.fetchWaits.checkAndComplete(tp);
    const response = { partition: index, errorCode: 'NONE' as const, baseOffset: info.firstOffset, logAppendTimeMs: info.logAppendTimeMs, logStartOffset: log.logStartOffset };
    return { topic, response, requiredOffset: info.lastOffset + 1, partition };
  }

  /**
   * Kafka's ReplicaManager.fetchMessages: read every requested partition and answer at once
   * when at least fetch.min.bytes are available, an error occurred or maxWaitMs is 0;
   * otherwise wait in the fetch purgatory until enough data arrives or maxWaitMs passes.
   */
  fetchMessages(request: FetchRequest, respondOnce: (read: FetchRead) => void): void {
    let answered = false;
    const respond = (read: FetchRead): void => {
      answered = true;
      respondOnce(read);
    };
    const first = this.readFromLocalLog(request);
    if (request.replicaId >= 0) this.isr.onFollowerFetch(request, first.responses);
    if (request.maxWaitMs <= 0 || first.bytes >= request.minBytes || first.hasError) return respond(first);
    this.fetchWaits.tryCompleteElseWatch(
      {
        tryComplete: () => {
          const read = this.readFromLocalLog(request);
          if (read.bytes < request.minBytes && !read.hasError) return false;
          respond(read);
          return true;
        },
        onExpiration: () => respond(this.readFromLocalLog(request)),
        onFailure: (error) => {
          this.reportFailure('a waiting fetch', error);
          if (answered) return;
          const responses = request.topics.map((t) => ({
            topic: t.topic,
            partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: 'UNKNOWN_SERVER_ERROR' as const, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: new Uint8Array(0) })),
          }));
          respond({ responses, bytes: 0, hasError: true });
        },
      },
      request.topics.flatMap((t) => t.partitions.map((p) => tpName(t.topic, p.partition))),
      request.maxWaitMs,
    );
  }

  private readFromLocalLog(request: FetchRequest): FetchRead {
    let remaining = request.maxBytes;
    let bytes = 0;
    let hasError = false;
    const responses = request.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((p): FetchPartitionResponse => {
        const partition = this.leaderPartition(topic.topic, p.partition);
        const maxBytes = Math.min(p.partitionMaxBytes, remaining);
        // Consumers (replicaId < 0) read only below the HW; followers to the LEO.
        const result = partition instanceof Partition
          ? partition.fetchRecords(p.fetchOffset, p.currentLeaderEpoch, maxBytes, request.replicaId < 0, bytes === 0, p.lastFetchedEpoch ?? -1)
          : { partition: p.partition, errorCode: partition.errorCode, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: new Uint8Array(0) };
        if (result.errorCode !== 'NONE' || result.divergingEpoch) hasError = true;
        bytes += result.records.byteLength;
        remaining = Math.max(0, remaining - result.records.byteLength);
        return result;
      }),
    }));
    return { responses, bytes, hasError };
  }

  /**
   * ListOffsets on the leader (Partition.fetchOffsetForTimestamp): EARLIEST → the log start
   * offset, LATEST → the HW (what a read_uncommitted consumer may read up to), a timestamp →
   * the first offset at or after it below the HW, found through the time index.
   */
  fetchOffsetForTimestamp(topic: string, index: number, timestamp: number): ListOffsetsPartitionResult {
    const partition = this.leaderPartition(topic, index);
    const none = { partitionIndex: index, timestamp: -1, offset: -1, leaderEpoch: -1 };
    if (!(partition instanceof Partition)) return { ...none, errorCode: partition.errorCode };
    const log = partition.log;
    if (!partition.isLeader || !log) return { ...none, errorCode: 'NOT_LEADER_OR_FOLLOWER' };
    const epoch = partition.leaderEpoch;
    if (timestamp === EARLIEST_TIMESTAMP) return { partitionIndex: index, errorCode: 'NONE', timestamp: -1, offset: log.logStartOffset, leaderEpoch: epoch };
    if (timestamp === LATEST_TIMESTAMP) return { partitionIndex: index, errorCode: 'NONE', timestamp: -1, offset: log.highWatermark, leaderEpoch: epoch };
    const found = log.fetchOffsetByTimestamp(timestamp);
    if (!found || found.offset >= log.highWatermark) return { ...none, errorCode: 'NONE' };
    return { partitionIndex: index, errorCode: 'NONE', timestamp: found.timestampMs, offset: found.offset, leaderEpoch: epoch };
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

  /**
   * What this broker's log dir holds after its process died: every byte written (the OS page
   * cache survives a process crash), the indexes and the small files as last written. A
   * restarted broker loads it and runs Kafka's recovery (there is no clean-shutdown marker
   * unless the broker shut down cleanly).
   */
  diskImage(options: { powerLoss?: boolean } = {}): StoredLogDir {
    const logs = new Map<string, UnifiedLog>(this.loadedLogs);
    for (const [dir, partition] of this.partitions) if (partition.log) logs.set(dir, partition.log);
    return logDirImage(this.brokerId, logs, this.writtenFiles, options.powerLoss === true);
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

function waitErrorMessage(error: KafkaErrorName): string {
  if (error === 'REQUEST_TIMED_OUT') return 'acks=all: the ISR did not reach this offset within the request timeout';
  if (error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND') return 'the records were written, but the ISR shrank below min.insync.replicas before they were replicated';
  return 'this broker is no longer the leader of the partition';
}

function epochCheckpoint(contents: string | undefined): { leaderEpochCheckpoint?: { epoch: number; startOffset: number }[] } {
  const entries = parseEpochCheckpoint(contents);
  return entries ? { leaderEpochCheckpoint: entries } : {};
}

/**
 * The text of an append event, built only if someone reads it (one per produced batch: an
 * eager string cost ~150 bytes per event as a rope). Made outside the methods so the closure
 * keeps these primitives, not the request being handled.
 */
function appendedText(tp: string, firstOffset: number, lastOffset: number, numRecords: number, fileName: string, leo: number, hw: number, acks: number): () => string {
  return () => {
    const ackNote = acks === -1 ? ' (acks=all)' : acks === 0 ? ' (acks=0: no response)' : '';
    return `appended offsets ${formatOffsetRange(firstOffset, lastOffset)} (${numRecords} record${numRecords === 1 ? '' : 's'}) to ${tp}/${fileName}; LEO ${leo}, HW ${hw}${ackNote}`;
  };
}
