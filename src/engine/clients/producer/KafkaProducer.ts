import { Fifo } from '../../util/Fifo';
import type { ProducerConfig } from '../../config/producerConfig';
import type { SimKernel, TaskId } from '../../kernel';
import type { ProducerRecord } from '../../lab/types';
import type { NetworkClient, NodeId, SimNetwork } from '../../network';
import type { ProducerView } from '../../snapshot';
import { illegalState, kafkaException, timeoutException } from '../errors';
import type { Metadata } from '../Metadata';
import { connectClient } from '../connectClient';
import { BuiltInPartitioner } from './BuiltInPartitioner';
import type { PendingRecord, ProducerBatch, RecordOutcomeListener, SendCallback } from './ProducerBatch';
import { RecordAccumulator } from './RecordAccumulator';
import { Sender } from './Sender';
import { ensureValidRecordSize, RecordSerializer } from './serialize';
import { RoundRobinPartitioner } from './RoundRobinPartitioner';
import { StickyPartitionCache } from './StickyPartitionCache';
import { TransactionManager } from './TransactionManager';

export interface KafkaProducerOptions {
  nodeId: NodeId;
  bootstrap: readonly NodeId[];
  config: ProducerConfig;
  /** Share a connection with an earlier instance (a reconfigured lab producer); else one is created. */
  client?: NetworkClient;
}

type AppOp =
  | { kind: 'send'; record: ProducerRecord; callback: SendCallback; startedMs: number }
  | { kind: 'flush'; callback: () => void }
  | { kind: 'close' };

type Step = 'done' | 'blocked';

/**
 * Kafka's KafkaProducer: send() serializes, waits for topic metadata, picks a partition
 * and appends to the RecordAccumulator; the Sender does the I/O. Calls are processed in
 * order like an application thread: a send blocked on metadata or buffer.memory (up to
 * max.block.ms) holds back the calls made after it.
 */
export class KafkaProducer {
  readonly nodeId: NodeId;
  readonly config: ProducerConfig;
  readonly client: NetworkClient;
  private readonly kernel: SimKernel;
  private readonly metadata: Metadata;
  private readonly accumulator: RecordAccumulator;
  private readonly txn: TransactionManager | null;
  private readonly sender: Sender;
  private readonly stickyCache: StickyPartitionCache;
  private readonly roundRobin = new RoundRobinPartitioner();
  private readonly serializer = new RecordSerializer();
  private readonly ownsClient: boolean;
  private readonly queue = new Fifo<AppOp>();
  private readonly incomplete = new Set<ProducerBatch>();
  private readonly flushes: { waitingFor: Set<ProducerBatch>; callback: () => void }[] = [];
  private blockedTask: TaskId | undefined;
  private cancelMetadataWait: (() => void) | undefined;
  private closing = false;
  private readonly closeCallbacks: (() => void)[] = [];
  closed = false;
  sent = 0;
  acked = 0;
  failed = 0;
  lastError: string | null = null;

  constructor(kernel: SimKernel, network: SimNetwork, options: KafkaProducerOptions) {
    const { config } = options;
    this.kernel = kernel;
    this.nodeId = options.nodeId;
    this.config = config;
    ({ client: this.client, ownsClient: this.ownsClient, metadata: this.metadata } = connectClient(kernel, network, options, 'producer', {
      metadataMaxAgeMs: config.metadataMaxAgeMs,
      requestTimeoutMs: config.requestTimeoutMs,
      retryBackoffMs: config.retryBackoffMs,
      retryBackoffMaxMs: config.retryBackoffMaxMs,
    }));
    this.accumulator = new RecordAccumulator(
      {
        batchSizeBytes: config.batchSize,
        lingerMs: config.lingerMs,
        bufferMemoryBytes: config.bufferMemory,
        deliveryTimeoutMs: config.deliveryTimeoutMs,
        adaptivePartitioning: config.partitionerAdaptivePartitioningEnable,
      },
      (topic) => new BuiltInPartitioner(topic, config.batchSize, kernel.random),
    );
    this.stickyCache = new StickyPartitionCache(kernel.random);
    this.txn = config.enableIdempotence ? new TransactionManager() : null;
    const recordOutcomes: RecordOutcomeListener = {
      onRecordAcked: () => {
        this.acked++;
      },
      onRecordFailed: (error) => {
        this.failed++;
        this.lastError = error.message;
      },
    };
    this.sender = new Sender({
      kernel, network, client: this.client, metadata: this.metadata, accumulator: this.accumulator, txn: this.txn, config, recordOutcomes,
      onBatchDone: (batch) => this.onBatchDone(batch),
      onRequestDone: () => this.maybeFinishClose(),
    });
    this.metadata.onUpdate(() => this.sender.wakeup());
  }

  get inFlightRequests(): number {
    return this.sender.inFlightRequests;
  }

  /** Asynchronous send; the callback runs once with metadata or an error. */
  send(record: ProducerRecord, callback: SendCallback): void {
    if (this.closing) {
      this.countFailure(illegalState('Cannot perform operation after producer has been closed'), callback);
      return;
    }
    this.enqueue({ kind: 'send', record, callback, startedMs: this.kernel.nowMs });
  }

  /** Make every buffered batch ready now; the callback runs when they have all completed. */
  flush(callback: () => void): void {
    this.enqueue({ kind: 'flush', callback });
  }

  /** Graceful close: send everything buffered, wait for responses, then release the connection. */
  close(callback: () => void = () => {}): void {
    if (this.closed) return callback();
    this.closeCallbacks.push(callback);
    if (this.closing) return;
    this.closing = true;
    this.enqueue({ kind: 'close' });
  }

  view(): ProducerView {
    const accumulator = this.accumulator.allBatches()
      .map((b) => ({ tp: b.tp, records: b.recordCount, bytes: b.estimatedSizeBytes, createdMs: b.createdMs }));
    return {
      id: this.nodeId,
      clientId: this.config.clientId,
      config: this.config.values,
      producerId: this.txn?.producerId ?? -1,
      accumulator,
      inFlightRequests: this.sender.inFlightRequests,
      sent: this.sent,
      acked: this.acked,
      failed: this.failed,
      stream: null,
      lastError: this.lastError,
    };
  }

  private enqueue(op: AppOp): void {
    this.queue.push(op);
    if (this.queue.length === 1) this.processQueue();
  }

  private processQueue(): void {
    while (this.queue.length > 0 && this.blockedTask === undefined && this.cancelMetadataWait === undefined) {
      const op = this.queue.peek()!;
      const step = op.kind === 'send' ? this.doSend(op) : op.kind === 'flush' ? this.beginFlush(op.callback) : this.beginClose();
      if (step === 'blocked') return;
      this.queue.shift();
    }
  }

  /** KafkaProducer.doSend. */
  private doSend(op: Extract<AppOp, { kind: 'send' }>): Step {
    const { record } = op;
    const remainingMs = Math.max(0, this.config.maxBlockMs - (this.kernel.nowMs - op.startedMs));
    this.metadata.maybeRefreshIfStale();
    const count = this.metadata.partitionCount(record.topic);
    if (count === null) return this.waitOnMetadata(op, remainingMs);
    if (record.partition !== undefined && record.partition >= count) {
      this.metadata.requestUpdate(); // partitions may have been added since: a later send can use them
      return this.fail(op, kafkaException(`Invalid partition given with record: ${record.partition} is not in the range [0...${count}).`));
    }
    const pending = this.serializer.serialize(record, this.kernel.nowMs, op.callback);
    const tooLarge = ensureValidRecordSize(pending.sizeBytes, this.config);
    if (tooLarge !== null) return this.fail(op, tooLarge);
    return this.appendRecord(op, pending, count, remainingMs);
  }

  /** Explicit partition, else murmur2 of the key over all partitions, else the sticky partitioners. */
  private choosePartition(record: ProducerRecord, key: Uint8Array | null, count: number): number {
    if (record.partition !== undefined) return record.partition;
    if (this.config.keylessPartitioner === 'round-robin') return this.roundRobin.partition(record.topic, this.metadata);
    if (key !== null && !this.config.partitionerIgnoreKeys) return BuiltInPartitioner.partitionForKey(key, count);
    if (this.config.keylessPartitioner === 'sticky') return this.stickyCache.partition(record.topic, this.metadata);
    return -1; // KIP-794: the accumulator's BuiltInPartitioner chooses
  }

  private appendRecord(op: Extract<AppOp, { kind: 'send' }>, pending: PendingRecord, count: number, remainingMs: number): Step {
    const topic = op.record.topic;
    // KafkaProducer aborts for a new batch whenever a partitioner.class is in use (KIP-480's onNewBatch).
    const kip480 = this.config.keylessPartitioner !== 'uniform-sticky';
    let partition = this.choosePartition(op.record, pending.key, count);
    let result = this.accumulator.append(topic, partition, pending, this.kernel.nowMs, this.metadata, kip480);
    if (result.kind === 'abortForNewBatch') {
      // KIP-480: a new batch is a chance to move the sticky partition before appending.
      if (this.config.keylessPartitioner === 'sticky') this.stickyCache.nextPartition(topic, this.metadata, partition);
      partition = this.choosePartition(op.record, pending.key, count);
      result = this.accumulator.append(topic, partition, pending, this.kernel.nowMs, this.metadata, false);
    }
    if (result.kind === 'noMemory') return this.waitForMemory(op, result.bytes, remainingMs);
    if (result.kind !== 'appended') return 'done';
    this.accumulator.exhausted = false;
    this.sent++;
    if (result.newBatchCreated) this.incomplete.add(result.batch);
    if (result.newBatchCreated || result.batchIsFull) this.sender.wakeup();
    return 'done';
  }

  private waitOnMetadata(op: Extract<AppOp, { kind: 'send' }>, remainingMs: number): Step {
    this.cancelMetadataWait = this.metadata.awaitTopic(op.record.topic, remainingMs, (error) => {
      this.cancelMetadataWait = undefined;
      if (error) {
        this.queue.shift();
        this.fail(op, error);
      }
      this.processQueue();
    });
    return 'blocked';
  }

  /** BufferPool.allocate blocking: wait for batches to complete, up to max.block.ms. */
  private waitForMemory(op: Extract<AppOp, { kind: 'send' }>, bytes: number, remainingMs: number): Step {
    this.accumulator.exhausted = true;
    this.sender.wakeup();
    this.blockedTask = this.kernel.schedule(remainingMs, `${this.nodeId} buffer.memory wait`, () => {
      this.blockedTask = undefined;
      this.accumulator.exhausted = false;
      this.queue.shift();
      this.fail(op, timeoutException(`Failed to allocate ${bytes} bytes within the configured max blocking time ${this.config.maxBlockMs} ms. Total memory: ${this.config.bufferMemory} bytes. Available memory: ${this.accumulator.availableMemoryBytes} bytes.`));
      this.processQueue();
    });
    return 'blocked';
  }

  private fail(op: Extract<AppOp, { kind: 'send' }>, error: Error): Step {
    this.countFailure(error, op.callback);
    return 'done';
  }

  private countFailure(error: Error, callback: SendCallback): void {
    this.failed++;
    this.lastError = error.message;
    callback(error);
  }

  private onBatchDone(batch: ProducerBatch): void {
    this.accumulator.deallocate(batch);
    this.incomplete.delete(batch);
    for (const flush of [...this.flushes]) {
      flush.waitingFor.delete(batch);
      if (flush.waitingFor.size === 0) this.finishFlush(flush);
    }
    if (this.blockedTask !== undefined) {
      // Memory was freed: let the blocked send try again.
      this.kernel.cancel(this.blockedTask);
      this.blockedTask = undefined;
      this.processQueue();
    }
    this.maybeFinishClose();
  }

  private beginFlush(callback: () => void): Step {
    const flush = { waitingFor: new Set(this.incomplete), callback };
    if (flush.waitingFor.size === 0) {
      callback();
      return 'done';
    }
    this.accumulator.flushesInProgress++;
    this.flushes.push(flush);
    this.sender.wakeup();
    return 'done';
  }

  private finishFlush(flush: (typeof this.flushes)[number]): void {
    this.flushes.splice(this.flushes.indexOf(flush), 1);
    this.accumulator.flushesInProgress--;
    flush.callback();
  }

  private beginClose(): Step {
    this.accumulator.closed = true;
    this.sender.wakeup();
    this.maybeFinishClose();
    return 'done';
  }

  private maybeFinishClose(): void {
    if (!this.closing || this.closed || !this.accumulator.closed || !this.sender.isIdle()) return;
    this.closed = true;
    this.sender.stop();
    this.metadata.close();
    if (this.ownsClient) this.client.close();
    this.kernel.emit('producer', this.nodeId, `closed (acked ${this.acked}, failed ${this.failed})`);
    for (const callback of this.closeCallbacks.splice(0)) callback();
  }
}
