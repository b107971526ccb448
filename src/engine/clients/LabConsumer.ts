import type { ClientObserver } from '../checkers/ClientLedger';
import { withoutUnset } from './configChanges';
import { consumerConfig, type ConsumerConfig } from '../config/consumerConfig';
import type { ConfigInput, KafkaVersion } from '../config/types';
import { describeUnmodelled } from '../config/resolve';
import type { SimKernel, TaskId } from '../kernel';
import type { ConsumerRecord, TopicPartition } from '../lab/types';
import { NetworkClient, type NodeId, type SimNetwork } from '../network';
import type { ConsumedRecordView, ConsumerView } from '../snapshot';
import { tpKey } from './common';
import { illegalArgument, illegalState } from './errors';
import { KafkaConsumer } from './consumer/KafkaConsumer';
import type { OffsetAndTimestamp } from './consumer/OffsetFetcher';
import type { ProcessingSink } from '../groups/sink/types';
import { SinkProcessing } from '../groups/sink/SinkProcessing';

/** The poll loop never waits less than this, so fetch.max.wait.ms=0 cannot spin at one instant. */
const MIN_LOOP_POLL_MS = 10;
/** After a failed poll the loop waits this long before trying again (an app would log and retry). */
const LOOP_ERROR_BACKOFF_MS = 1000;

/**
 * The consumer a lab user drives: validated, promise-based calls on a KafkaConsumer with
 * manual assignment, an optional poll loop on kernel tasks (an application thread calling
 * poll(fetch.max.wait.ms) back to back) and live reconfiguration that keeps the
 * assignment and positions.
 */
export class LabConsumer {
  readonly id: string;
  private current: KafkaConsumer;
  private readonly client: NetworkClient;
  private loop: { task: TaskId | undefined; lastError: string | null } | null = null;
  /** The application's processing time per polled record (0: instant). */
  private perRecordMs = 0;
  private closed = false;
  /** How it ended, for views: close() leaves the group, crash() does not. */
  private ended: 'closed' | 'crashed' | null = null;
  /** Counts and recent records of consumers that reconfigure() replaced. */
  private carriedConsumed = 0;
  private carriedRecent: ConsumedRecordView[] = [];
  /** The application's processing of each polled batch, writing to the group's sink (null without a sink). */
  private readonly processing: SinkProcessing | null;

  /** The config this client was explicitly given (reconfigure layers changes over it). */
  private input: ConfigInput;

  constructor(
    private readonly kernel: SimKernel,
    private readonly network: SimNetwork,
    id: string,
    private readonly bootstrap: readonly NodeId[],
    private readonly version: KafkaVersion,
    configInput: ConfigInput,
    private readonly onChange: () => void = () => {},
    /** Told of every record poll returns (the guarantees checker's ledger). */
    private readonly observer?: ClientObserver,
    /** Where a group member writes the records it processed (the group's sink; a lab model). */
    sink?: ProcessingSink,
  ) {
    this.id = id;
    this.processing = sink ? new SinkProcessing(kernel, sink, id) : null;
    this.input = withoutUnset(configInput);
    const config = consumerConfig(version, { 'client.id': id, ...this.input });
    this.client = new NetworkClient(id, kernel, network);
    this.current = new KafkaConsumer(kernel, network, { nodeId: id, bootstrap, config, client: this.client });
    kernel.emit('consumer', id, `created (auto.offset.reset=${config.autoOffsetReset}, max.poll.records=${config.maxPollRecords}, fetch.max.wait.ms=${config.fetchMaxWaitMs}${describeUnmodelled(config.unmodelledKeys)})`);
  }

  get config(): ConsumerConfig {
    return this.current.config;
  }

  assign(tps: readonly TopicPartition[]): void {
    this.ensureOpen();
    if (!Array.isArray(tps)) throw illegalArgument('Topic partition collection to assign to cannot be null');
    const unique = new Map<string, TopicPartition>();
    for (const tp of tps) {
      validateTopicPartition(tp);
      unique.set(tpKey(tp), { topic: tp.topic, partition: tp.partition });
    }
    this.current.assign([...unique.values()]);
    const list = [...unique.keys()];
    this.kernel.emit('consumer', this.id, list.length > 0 ? `Assigned to partition(s): ${list.join(', ')}` : 'Unassigned every partition');
    this.onChange();
  }

  assignment(): TopicPartition[] {
    return this.current.assignment();
  }

  /** subscribe(): join the consumer's group (group.id) for `topics`; the group leader's assignor picks the partitions. */
  subscribe(topics: readonly string[]): void {
    this.ensureOpen();
    const list = [...new Set(topics)];
    for (const t of list) if (typeof t !== 'string' || t.trim() === '') throw illegalArgument('Topic collection to subscribe to cannot contain null or empty topic');
    this.current.subscribe(list);
    this.kernel.emit('consumer', this.id, list.length > 0 ? `Subscribed to topic(s): ${list.join(', ')}` : 'Unsubscribed all topics');
    this.onChange();
  }

  /** The topics of subscribe(), or [] for a consumer that assigns its partitions itself. */
  subscription(): string[] {
    return this.current.isSubscribed ? [...(this.current.coordinator?.subscription() ?? [])] : [];
  }

  /** The processing time per record set by setProcessingTime (0: instant). */
  get processingTimeMs(): number {
    return this.perRecordMs;
  }

  /** commitSync (resolves when the coordinator answered) or commitAsync (resolves at once; the callback logs). */
  commit(mode: 'sync' | 'async'): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.ensureOpen();
      } catch (error) {
        return reject(error);
      }
      this.current.commit(null, (error) => {
        if (mode === 'async') {
          if (error) this.kernel.emit('consumer', this.id, `commitAsync callback: ${error.name}: ${error.message}`);
          return;
        }
        this.onChange();
        if (error) reject(error);
        else resolve();
      });
      if (mode === 'async') resolve();
    });
  }

  /**
   * Processing time per record: after each poll the application works this long per record
   * before polling again. Above max.poll.interval.ms per batch, the member is thrown out.
   */
  setProcessingTime(perRecordMs: number): void {
    this.ensureOpen();
    if (!Number.isFinite(perRecordMs) || perRecordMs < 0) throw illegalArgument('Processing time per record must be a non-negative number of ms');
    this.perRecordMs = perRecordMs;
    this.kernel.emit('consumer', this.id, perRecordMs > 0 ? `now spends ${perRecordMs} ms processing each record` : 'processes records instantly again');
    this.onChange();
  }

  /** The process dies: no commit, no LeaveGroup; its group notices when the session times out. */
  crash(): void {
    if (this.closed) return;
    this.stopPolling();
    this.closed = true;
    this.processing?.stop('crashed');
    this.ended = 'crashed';
    this.current.crash();
    this.client.close();
    this.kernel.emit('consumer', this.id, 'crashed (no commit, no LeaveGroup)');
    this.onChange();
  }

  seek(tp: TopicPartition, offset: number): void {
    this.ensureAssigned(tp, 'seek');
    const problem = longProblem(offset, 'seek offset');
    if (problem !== null) throw illegalArgument(problem);
    this.current.seek(tp, offset);
    this.onChange();
  }

  seekToBeginning(tps?: readonly TopicPartition[]): void {
    const list = this.partitionsOrAll(tps, 'seekToBeginning');
    this.current.seekToBeginning(list);
    this.onChange();
  }

  seekToEnd(tps?: readonly TopicPartition[]): void {
    const list = this.partitionsOrAll(tps, 'seekToEnd');
    this.current.seekToEnd(list);
    this.onChange();
  }

  offsetsForTimes(queries: readonly { tp: TopicPartition; timestampMs: number }[]): Promise<(OffsetAndTimestamp | null)[]> {
    return new Promise((resolve, reject) => {
      try {
        this.ensureOpen();
        for (const q of queries) {
          validateTopicPartition(q.tp);
          if (q.timestampMs < 0) {
            throw illegalArgument(`The target time for partition ${tpKey(q.tp)} is ${q.timestampMs}. The target time cannot be negative.`);
          }
          const problem = longProblem(q.timestampMs, `The target time for partition ${tpKey(q.tp)}`);
          if (problem !== null) throw illegalArgument(problem);
        }
      } catch (error) {
        reject(error);
        return;
      }
      this.current.offsetsForTimes(queries, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }

  /**
   * offsetsForTimes, then seek each partition to the offset found (or to the end when no
   * record is that late) inside the response event, so the seek lands at a deterministic
   * simulated instant (a promise continuation would run whenever the driver yields).
   */
  seekToTimestamp(tps: readonly TopicPartition[], timestampMs: number): Promise<{ tp: TopicPartition; offset: number | null }[]> {
    return new Promise((resolve, reject) => {
      try {
        for (const tp of tps) this.ensureAssigned(tp, 'seek');
        if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw illegalArgument(`The target time is ${timestampMs}. The target time cannot be negative.`);
      } catch (error) {
        reject(error);
        return;
      }
      this.current.offsetsForTimes(tps.map((tp) => ({ tp, timestampMs })), (error, found) => {
        if (error) return reject(error);
        const result = tps.map((tp, i) => ({ tp, offset: found[i]?.offset ?? null }));
        for (const { tp, offset } of result) {
          if (!this.current.isAssigned(tp)) continue;
          if (offset === null) this.current.seekToEnd([tp]);
          else this.current.seek(tp, offset);
        }
        this.onChange();
        resolve(result);
      });
    });
  }

  position(tp: TopicPartition): number | null {
    this.ensureAssigned(tp, 'position');
    return this.current.position(tp);
  }

  poll(timeoutMs: number): Promise<ConsumerRecord[]> {
    return new Promise((resolve, reject) => {
      if (this.loop !== null) return reject(illegalState('The poll loop is running; call stopPolling() first.'));
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) return reject(illegalArgument('Timeout must not be negative'));
      this.pollCurrent(timeoutMs, (error, records) => {
        // A poll by hand hands the records to the caller: they count as processed at once.
        this.process(records, 0);
        this.onChange();
        if (error) reject(error);
        else resolve(records);
      });
    });
  }

  /** Poll back to back with timeout fetch.max.wait.ms, like an application's poll loop. */
  startPolling(): void {
    this.ensureOpen();
    if (this.loop !== null) return;
    const loop = { task: undefined as TaskId | undefined, lastError: null as string | null };
    this.loop = loop;
    this.kernel.emit('consumer', this.id, 'started polling');
    this.pollOnce(loop);
    this.onChange();
  }

  stopPolling(): void {
    if (this.loop === null) return;
    this.kernel.cancel(this.loop.task);
    this.loop = null;
    this.current.cancelPoll();
    this.kernel.emit('consumer', this.id, 'stopped polling');
    this.onChange();
  }

  /**
   * Apply `changes` over the config given so far (null returns a key to its default). Validates
   * first (throws ConfigException, changes nothing); keeps assignment and positions.
   */
  reconfigure(changes: ConfigInput): void {
    this.ensureOpen();
    const input = withoutUnset({ ...this.input, ...changes });
    const config = consumerConfig(this.version, { 'client.id': this.id, ...input });
    this.input = input;
    const old = this.current;
    const assignment = old.assignment();
    const positions = assignment.map((tp) => ({ tp, position: old.currentPosition(tp) }));
    const oldView = old.view();
    this.carriedConsumed += oldView.recordsConsumed;
    this.carriedRecent = [...this.carriedRecent, ...oldView.recentRecords].slice(-50);
    this.current = new KafkaConsumer(this.kernel, this.network, { nodeId: this.id, bootstrap: this.bootstrap, config, client: this.client });
    // A group member rejoins with its subscription (the old instance leaves first); the rest keep their assignment.
    if (old.isSubscribed && this.current.coordinator) this.current.subscribe(old.coordinator?.subscription() ?? []);
    else this.current.assign(assignment);
    for (const { tp, position } of positions) if (position !== null) this.current.restorePosition(tp, position);
    old.close();
    this.kernel.emit('consumer', this.id, `reconfigured (max.poll.records=${config.maxPollRecords}, fetch.max.wait.ms=${config.fetchMaxWaitMs}); kept the assignment and positions`);
    this.onChange();
  }

  close(): void {
    if (this.closed) return;
    this.stopPolling();
    this.closed = true;
    this.ended = 'closed';
    // A group member commits and leaves first; the connection closes after that.
    this.current.close(() => this.client.close());
    this.onChange();
  }

  view(): ConsumerView {
    const base = this.current.view();
    return {
      ...base,
      polling: this.loop !== null || base.polling,
      recordsConsumed: base.recordsConsumed + this.carriedConsumed,
      recentRecords: [...this.carriedRecent, ...base.recentRecords].slice(-50),
      ...(this.perRecordMs > 0 ? { perRecordMs: this.perRecordMs } : {}),
      ...(this.ended ? { ended: this.ended } : {}),
    };
  }

  private pollOnce(loop: NonNullable<LabConsumer['loop']>): void {
    const consumer = this.current;
    this.pollCurrent(Math.max(MIN_LOOP_POLL_MS, consumer.config.fetchMaxWaitMs), (error, records) => {
      if (this.loop !== loop) return;
      if (error && error.message !== loop.lastError) this.kernel.emit('consumer', this.id, `poll failed: ${error.message}`);
      loop.lastError = error ? error.message : null;
      this.onChange();
      const processingMs = records.length * this.perRecordMs;
      if (processingMs > 0) this.kernel.emit('consumer', this.id, `processing ${records.length} record${records.length === 1 ? '' : 's'} for ${processingMs} ms before the next poll`);
      this.process(records, this.perRecordMs);
      loop.task = this.kernel.schedule(error ? LOOP_ERROR_BACKOFF_MS : processingMs, `${this.id} poll loop`, () => {
        loop.task = undefined;
        // The last record's processing ends now too: write it before polling again.
        this.processing?.finish();
        if (this.loop === loop) this.pollOnce(loop);
      });
    });
  }

  /** A group member writes what it processes into its group's sink (see SinkProcessing). */
  private process(records: readonly ConsumerRecord[], perRecordMs: number): void {
    const groupId = this.current.config.groupId;
    if (groupId !== null && this.current.isSubscribed) this.processing?.start(groupId, records, perRecordMs);
  }

  /** Poll the current consumer, telling the observer what it returned. */
  private pollCurrent(timeoutMs: number, callback: (error: Error | null, records: ConsumerRecord[]) => void): void {
    this.current.poll(timeoutMs, (error, records) => {
      if (!error) for (const r of records) this.observer?.consumed(this.id, `${r.topic}-${r.partition}`, r.offset, r.key, r.value, r.leaderEpoch);
      callback(error, records);
    });
  }

  private partitionsOrAll(tps: readonly TopicPartition[] | undefined, method: string): TopicPartition[] {
    this.ensureOpen();
    if (tps === undefined) return this.current.assignment();
    for (const tp of tps) this.ensureAssigned(tp, method);
    return [...tps];
  }

  private ensureAssigned(tp: TopicPartition, method: string): void {
    this.ensureOpen();
    validateTopicPartition(tp);
    if (!this.current.isAssigned(tp)) {
      const what = method === 'position' ? 'You can only check the position for partitions assigned to this consumer.' : `No current assignment for partition ${tpKey(tp)}`;
      throw illegalState(what);
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw illegalState('This consumer has already been closed.');
  }
}

/** Java's Long.MAX_VALUE (2^63 − 1), the largest offset or timestamp Kafka can hold. */
const LONG_MAX_VALUE = 9223372036854775807n;

/**
 * What is wrong with `value` as a Java long the lab can use (an offset or a timestamp), or null.
 * Kafka's own text for negatives; beyond that, say which limit was passed: Long.MAX_VALUE, or the
 * 2^53 − 1 up to which JavaScript counts whole numbers exactly.
 */
export function longProblem(value: number, what: string): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return `${what} must be a number (got ${String(value)})`;
  if (value < 0) return `${what} must not be a negative number (got ${value})`;
  if (value === Infinity || BigInt(Math.floor(value)) > LONG_MAX_VALUE) {
    return `${what} ${value} is beyond Long.MAX_VALUE (${LONG_MAX_VALUE}), the largest value Kafka can hold`;
  }
  if (!Number.isInteger(value)) return `${what} must be a whole number (got ${value})`;
  if (!Number.isSafeInteger(value)) {
    return `${what} ${value} is above ${Number.MAX_SAFE_INTEGER} (2^53 − 1), the largest whole number the lab counts exactly`;
  }
  return null;
}

function validateTopicPartition(tp: TopicPartition): void {
  if (tp === null || typeof tp !== 'object' || typeof tp.topic !== 'string' || tp.topic.length === 0) {
    throw illegalArgument('A topic partition needs a non-empty topic name.');
  }
  if (!Number.isInteger(tp.partition) || tp.partition < 0) {
    throw illegalArgument(`Invalid partition ${tp.partition} for topic ${tp.topic}: partitions are numbered from 0.`);
  }
}
