import { NO_ASSIGNORS_CONFIGURED, type ConsumerConfig } from '../../config/consumerConfig';
import type { SimKernel, TaskId } from '../../kernel';
import { formatOffsetRange } from '../../kernel/format';
import type { ConsumerRecord, TopicPartition } from '../../lab/types';
import type { NetworkClient, NodeId, SimNetwork } from '../../network';
import type { ConsumedRecordView, ConsumerGroupInfo, ConsumerView } from '../../snapshot';
import { plural, tpKey, tpName } from '../common';
import { ClientException, illegalState } from '../errors';
import type { Metadata } from '../Metadata';
import { connectClient } from '../connectClient';
import { ConsumerCoordinator } from './ConsumerCoordinator';
import type { CommitCallback, CommittedOffsets } from './OffsetCommitter';
import { Fetcher } from './Fetcher';
import { OffsetFetcher, type OffsetAndTimestamp } from './OffsetFetcher';
import { OffsetValidator } from './OffsetValidator';
import { SubscriptionState, type ResetStrategy } from './SubscriptionState';

export interface KafkaConsumerOptions {
  nodeId: NodeId;
  bootstrap: readonly NodeId[];
  config: ConsumerConfig;
  /** Share a connection with an earlier instance (a reconfigured lab consumer); else one is created. */
  client?: NetworkClient;
}

export type PollCallback = (error: Error | null, records: ConsumerRecord[]) => void;

/** How many recently returned records the view keeps. */
const RECENT_RECORDS = 50;

interface PendingPoll {
  readonly callback: PollCallback;
  readonly timeoutTask: TaskId;
}

/**
 * Kafka's KafkaConsumer with manual assignment (no groups yet): poll() returns buffered
 * records if there are any, otherwise fetches from partition leaders and waits until
 * records arrive or the timeout passes. Positions without an offset come from
 * auto.offset.reset through ListOffsets.
 */
export class KafkaConsumer {
  readonly nodeId: NodeId;
  readonly config: ConsumerConfig;
  readonly client: NetworkClient;
  private readonly kernel: SimKernel;
  private readonly metadata: Metadata;
  private readonly subscriptions = new SubscriptionState();
  private readonly fetcher: Fetcher;
  private readonly offsetFetcher: OffsetFetcher;
  private readonly validator: OffsetValidator;
  private readonly ownsClient: boolean;
  private pendingPoll: PendingPoll | null = null;
  /** The group membership side (subscribe, commits); null without group.id. */
  readonly coordinator: ConsumerCoordinator | null;
  private subscribed = false;
  private committedFetchInFlight = false;
  private readonly recent: ConsumedRecordView[] = [];
  closed = false;
  recordsConsumed = 0;
  lastError: string | null = null;

  constructor(kernel: SimKernel, network: SimNetwork, options: KafkaConsumerOptions) {
    const { config } = options;
    this.kernel = kernel;
    this.nodeId = options.nodeId;
    this.config = config;
    ({ client: this.client, ownsClient: this.ownsClient, metadata: this.metadata } = connectClient(kernel, network, options, 'consumer', {
      metadataMaxAgeMs: config.metadataMaxAgeMs,
      requestTimeoutMs: config.requestTimeoutMs,
      retryBackoffMs: config.retryBackoffMs,
      retryBackoffMaxMs: config.retryBackoffMs,
    }));
    const wake = (): void => this.attemptPoll();
    const common = { kernel, client: this.client, metadata: this.metadata, subscriptions: this.subscriptions, config };
    this.fetcher = new Fetcher({ ...common, network, onFetchDone: wake });
    this.offsetFetcher = new OffsetFetcher({ ...common, onResetDone: wake });
    this.validator = new OffsetValidator({ ...common, onDone: wake });
    this.coordinator = config.groupId ? new ConsumerCoordinator({ ...common, nodeId: this.nodeId, wake, onDisconnect: (listener) => network.onDisconnect(listener), refusalOf: (node) => network.refusalOf(node) }) : null;
    this.metadata.onUpdate(() => {
      // A reset that waited for a leader can go now, even between polls (position() asked for it).
      this.offsetFetcher.resetPositionsIfNeeded();
      this.attemptPoll();
    });
  }

  /** subscribe(): the group decides the partitions (needs group.id; not together with assign()). */
  subscribe(topics: readonly string[]): void {
    if (!this.coordinator) throw new ClientException('InvalidGroupIdException', 'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.');
    if (this.subscriptions.size > 0 && !this.subscribed) throw illegalState('Subscription to topics, partitions and pattern are mutually exclusive');
    if (this.config.partitionAssignmentStrategy.length === 0) throw illegalState(NO_ASSIGNORS_CONFIGURED);
    this.subscribed = topics.length > 0;
    this.coordinator.subscribe(topics);
    this.attemptPoll();
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }

  /** commitSync / commitAsync: `offsets` (or everything consumed so far) to the group's coordinator. */
  commit(offsets: CommittedOffsets | null, callback: CommitCallback): void {
    if (!this.coordinator) return callback(new ClientException('InvalidGroupIdException', 'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.'));
    this.coordinator.commit(offsets ?? this.coordinator.committer.consumedOffsets(), callback);
  }

  assign(tps: readonly TopicPartition[]): void {
    if (this.subscribed) throw illegalState('Subscription to topics, partitions and pattern are mutually exclusive');
    const before = new Set(this.subscriptions.assignedPartitions().map(tpKey));
    this.subscriptions.assignFromUser(tps);
    for (const key of before) if (!this.subscriptions.isAssigned(key)) this.fetcher.clearBufferedDataFor(key);
    for (const tp of tps) this.metadata.add(tp.topic);
  }

  assignment(): TopicPartition[] {
    return this.subscriptions.assignedPartitions();
  }

  isAssigned(tp: TopicPartition): boolean {
    return this.subscriptions.isAssigned(tpKey(tp));
  }

  seek(tp: TopicPartition, offset: number): void {
    const key = tpKey(tp);
    this.subscriptions.seek(key, offset);
    this.fetcher.clearBufferedDataFor(key);
    this.kernel.emit('consumer', this.nodeId, `Seeking to offset ${offset} for partition ${key}`, key);
  }

  seekToBeginning(tps: readonly TopicPartition[]): void {
    this.requestReset(tps, 'earliest', 'seekToBeginning');
  }

  seekToEnd(tps: readonly TopicPartition[]): void {
    this.requestReset(tps, 'latest', 'seekToEnd');
  }

  /** Next offset to fetch, or null while unknown (a reset is still being looked up). */
  position(tp: TopicPartition): number | null {
    const state = this.subscriptions.state(tpKey(tp));
    if (state === undefined) return null;
    if (state.position === null || state.resetStrategy !== null) {
      this.updateFetchPositions(false); // like Kafka's position(), start the lookup
      return null;
    }
    return state.position;
  }

  /** The known position without starting a lookup (null while unknown or resetting). */
  currentPosition(tp: TopicPartition): number | null {
    const key = tpKey(tp);
    return this.subscriptions.hasValidPosition(key) ? this.subscriptions.state(key)!.position : null;
  }

  /** Carry a position over from a replaced consumer, without an event. */
  restorePosition(tp: TopicPartition, offset: number): void {
    this.subscriptions.seek(tpKey(tp), offset);
  }

  offsetsForTimes(queries: readonly { tp: TopicPartition; timestampMs: number }[], callback: (error: Error | null, result: (OffsetAndTimestamp | null)[]) => void): void {
    this.offsetFetcher.offsetsForTimes(queries, callback);
  }

  /** Records (at most max.poll.records) as soon as there are any, or [] after `timeoutMs`. */
  poll(timeoutMs: number, callback: PollCallback): void {
    if (this.closed) return callback(illegalState('This consumer has already been closed.'), []);
    if (this.pendingPoll !== null) return callback(illegalState('poll() is already in progress: KafkaConsumer is not safe for multi-threaded access'), []);
    if (this.subscriptions.size === 0 && !this.subscribed) {
      return callback(illegalState('Consumer is not subscribed to any topics or assigned any partitions: assign partitions to it (or subscribe it to topics) before polling'), []);
    }
    const timeoutTask = this.kernel.schedule(timeoutMs, `${this.nodeId} poll timeout`, () => this.finishPoll(null, []));
    this.pendingPoll = { callback, timeoutTask };
    this.attemptPoll();
  }

  /** End a waiting poll() now with no records (like wakeup(), without the exception). */
  cancelPoll(): void {
    this.finishPoll(null, []);
  }

  /** close(): a group member commits (auto-commit) and sends LeaveGroup first. */
  close(onClosed: () => void = () => {}): void {
    if (this.closed) return onClosed();
    this.finishPoll(null, []);
    this.closed = true;
    const done = (): void => {
      this.release();
      onClosed();
    };
    if (this.coordinator) this.coordinator.close(done);
    else done();
  }

  /** The process died: no commit, no LeaveGroup; the coordinator finds out when the session times out. */
  crash(): void {
    if (this.closed) return;
    this.finishPoll(null, []);
    this.closed = true;
    this.coordinator?.shutdown();
    this.release();
  }

  private release(): void {
    this.fetcher.close();
    this.offsetFetcher.close();
    this.validator.close();
    this.metadata.close();
    if (this.ownsClient) this.client.close();
    this.kernel.emit('consumer', this.nodeId, `closed after consuming ${plural(this.recordsConsumed, 'record')}`);
  }

  view(): ConsumerView {
    return {
      id: this.nodeId,
      clientId: this.config.clientId,
      config: this.config.values,
      assignment: this.subscriptions.states().map((s) => {
        const position = s.resetStrategy === null ? s.position : null;
        return {
          tp: s.key,
          position,
          highWatermark: s.highWatermark,
          lag: position !== null && s.highWatermark !== null ? Math.max(0, s.highWatermark - position) : null,
        };
      }),
      polling: this.pendingPoll !== null,
      recordsConsumed: this.recordsConsumed,
      recentRecords: [...this.recent],
      lastError: this.lastError,
      ...(this.coordinator ? { group: groupInfo(this.coordinator) } : {}),
    };
  }

  /** One pass of KafkaConsumer.poll's loop; runs again whenever a response arrives. */
  private attemptPoll(): void {
    if (this.pendingPoll === null || this.closed) return;
    try {
      this.metadata.maybeRefreshIfStale();
      // Membership work (join, sync, auto-commit) happens here; fetching goes on for what is owned.
      if (this.coordinator && this.subscribed) this.coordinator.poll();
      this.updateFetchPositions(true);
      this.validator.throwIfTruncated();
      this.validator.validatePositionsIfNeeded();
      const records = this.fetcher.collectFetch();
      // Collecting may have asked for resets (OFFSET_OUT_OF_RANGE): look them up now.
      this.offsetFetcher.resetPositionsIfNeeded();
      // Pipelining: the next fetch goes out before the application processes these records.
      this.fetcher.sendFetches();
      if (records.length > 0) this.finishPoll(null, records);
    } catch (error) {
      this.finishPoll(error instanceof Error ? error : new Error(String(error)), []);
    }
  }

  /** Positions without an offset take auto.offset.reset; 'none' is an error (when `strict`). */
  private updateFetchPositions(strict: boolean): void {
    const initializing = this.subscriptions.initializingPartitions();
    if (initializing.length > 0 && this.coordinator && this.subscribed) {
      // refreshCommittedOffsetsIfNeeded: a group member starts where the group committed.
      this.refreshCommittedOffsets(initializing.map((s) => s.key));
      return;
    }
    if (initializing.length > 0) {
      const policy = this.config.autoOffsetReset;
      if (policy === 'none') {
        if (strict) throw new ClientException('NoOffsetForPartitionException', `Undefined offset with no reset policy for partitions: [${initializing.map((s) => s.key).join(', ')}]`);
      } else {
        for (const s of initializing) this.subscriptions.requestOffsetReset(s.key, policy, `auto.offset.reset=${policy}`);
      }
    }
    this.offsetFetcher.resetPositionsIfNeeded();
  }

  private refreshCommittedOffsets(keys: string[]): void {
    if (this.committedFetchInFlight || !this.coordinator) return;
    this.committedFetchInFlight = true;
    this.coordinator.committer.fetchCommitted(keys, (committed) => {
      this.committedFetchInFlight = false;
      if (committed === null || this.closed) return this.attemptPoll();
      const policy = this.config.autoOffsetReset;
      for (const key of keys) {
        const state = this.subscriptions.state(key);
        if (!state || state.position !== null || state.resetStrategy !== null) continue;
        const c = committed.get(key);
        if (c) {
          this.subscriptions.seek(key, c.offset);
          this.kernel.emit('consumer', this.nodeId, `Setting offset for partition ${key} to the committed offset ${c.offset}`, key);
        } else if (policy !== 'none') this.subscriptions.requestOffsetReset(key, policy, `no committed offset; auto.offset.reset=${policy}`);
        else this.lastError = `Undefined offset with no reset policy for partition ${key}`;
      }
      this.offsetFetcher.resetPositionsIfNeeded();
      this.attemptPoll();
    });
  }

  private requestReset(tps: readonly TopicPartition[], strategy: ResetStrategy, reason: string): void {
    if (tps.length > 0) this.kernel.emit('consumer', this.nodeId, `Seeking to ${strategy === 'earliest' ? 'EARLIEST' : 'LATEST'} offset of partition(s) ${tps.map(tpKey).join(', ')}`);
    for (const tp of tps) {
      const key = tpKey(tp);
      this.subscriptions.requestOffsetReset(key, strategy, reason);
      this.fetcher.clearBufferedDataFor(key);
    }
  }

  private finishPoll(error: Error | null, records: ConsumerRecord[]): void {
    const pending = this.pendingPoll;
    if (pending === null) return;
    this.pendingPoll = null;
    this.kernel.cancel(pending.timeoutTask);
    if (error) this.lastError = error.message;
    else this.noteConsumed(records);
    pending.callback(error, records);
  }

  private noteConsumed(records: ConsumerRecord[]): void {
    if (records.length === 0) return;
    this.recordsConsumed += records.length;
    for (let i = Math.max(0, records.length - RECENT_RECORDS); i < records.length; i++) {
      const r = records[i]!;
      this.recent.push({ tp: tpName(r.topic, r.partition), offset: r.offset, timestampMs: r.timestampMs, key: r.key, value: r.value });
    }
    if (this.recent.length > RECENT_RECORDS) this.recent.splice(0, this.recent.length - RECENT_RECORDS);
    for (const [key, run] of partitionRuns(records)) {
      const position = this.subscriptions.state(key)?.position;
      this.kernel.emit('consumer', this.nodeId, fetchedText(key, run.count, run.firstOffset, run.lastOffset, position), key);
    }
  }
}

interface PartitionRun {
  count: number;
  firstOffset: number;
  lastOffset: number;
}

/** Per partition, in order of first appearance: how many records and the first and last offsets. */
function partitionRuns(records: readonly ConsumerRecord[]): Map<string, PartitionRun> {
  const runs = new Map<string, PartitionRun>();
  let run: PartitionRun | undefined;
  let previous: ConsumerRecord | undefined;
  for (const r of records) {
    // Records arrive grouped by partition: look the partition up only where it changes.
    if (previous === undefined || r.partition !== previous.partition || r.topic !== previous.topic) {
      const key = tpName(r.topic, r.partition);
      run = runs.get(key);
      if (run === undefined) {
        run = { count: 0, firstOffset: r.offset, lastOffset: r.offset };
        runs.set(key, run);
      }
    }
    run!.count++;
    run!.lastOffset = r.offset;
    previous = r;
  }
  return runs;
}

/**
 * The lazy text of a fetch event, made outside the consumer's methods so the closure keeps
 * these primitives and not the enclosing scope (which holds the fetched records).
 */
function fetchedText(tp: string, count: number, firstOffset: number, lastOffset: number, position: number | null | undefined): () => string {
  return () => `Fetched ${plural(count, 'record')} from ${tp} (offsets ${formatOffsetRange(firstOffset, lastOffset)}); position now ${position}`;
}

/** What the consumer knows of its group, for views (read only). */
function groupInfo(c: ConsumerCoordinator): ConsumerGroupInfo {
  const broker = c.coordinator === null ? null : Number(c.coordinator.replace(/^broker-/, ''));
  return {
    groupId: c.groupId,
    memberId: c.generation.memberId,
    generation: c.generation.generationId,
    memberState: c.state,
    subscription: [...c.subscription()],
    coordinator: broker !== null && Number.isInteger(broker) ? broker : null,
  };
}
