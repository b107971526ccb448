import type { NodeId } from '../../network';
import { BufferPool } from './BufferPool';
import { BuiltInPartitioner, StickyPartitionInfo } from './BuiltInPartitioner';
import { ProducerBatch, singleRecordBatchBytes, type PendingRecord } from './ProducerBatch';
import type { PartitionsView } from './StickyPartitionCache';
import type { TransactionManager } from './TransactionManager';

/** Cluster knowledge the accumulator needs: partition counts and leaders. */
export interface AccumulatorCluster extends PartitionsView {
  leaderFor(topic: string, partition: number): NodeId | null;
}

export interface AccumulatorConfig {
  batchSizeBytes: number;
  lingerMs: number;
  bufferMemoryBytes: number;
  deliveryTimeoutMs: number;
  adaptivePartitioning: boolean;
}

export type AppendResult =
  | { kind: 'appended'; batch: ProducerBatch; newBatchCreated: boolean; batchIsFull: boolean }
  /** KIP-480: the record would open a new batch; the caller picks a new sticky partition first. */
  | { kind: 'abortForNewBatch' }
  /** buffer.memory is used up: wait for batches to complete, up to max.block.ms. */
  | { kind: 'noMemory'; bytes: number };

export interface ReadyCheckResult {
  readyNodes: Set<NodeId>;
  /** When to look again for batches that are not ready yet (Infinity = nothing waiting). */
  nextReadyCheckDelayMs: number;
  unknownLeaderTopics: Set<string>;
}

/**
 * Kafka's RecordAccumulator: one deque of ProducerBatches per partition, bounded by
 * buffer.memory (accounted per batch buffer, as Kafka's BufferPool allocates). Batches
 * become ready when full, when linger.ms has passed, on flush/close, or when their retry
 * backoff has passed; drain() takes at most one batch per partition per node.
 */
export class RecordAccumulator {
  /** topic → partition → deque, in first-use order (Kafka's topicInfoMap). */
  private readonly topicInfos = new Map<string, Map<number, ProducerBatch[]>>();
  private readonly partitioners = new Map<string, BuiltInPartitioner>();
  private readonly drainIndex = new Map<NodeId, number>();
  private usedMemoryBytes = 0;
  private readonly pool: BufferPool;
  flushesInProgress = 0;
  closed = false;
  /** Someone is waiting for buffer memory: send everything now (BufferPool.queued() > 0). */
  exhausted = false;

  constructor(
    private readonly config: AccumulatorConfig,
    private readonly newPartitioner: (topic: string) => BuiltInPartitioner,
  ) {
    this.pool = new BufferPool(Math.floor(config.bufferMemoryBytes / Math.max(1, config.batchSizeBytes)));
  }

  get bufferedBytes(): number {
    return this.usedMemoryBytes;
  }

  get availableMemoryBytes(): number {
    return this.config.bufferMemoryBytes - this.usedMemoryBytes;
  }

  builtInPartitioner(topic: string): BuiltInPartitioner {
    let partitioner = this.partitioners.get(topic);
    if (!partitioner) {
      partitioner = this.newPartitioner(topic);
      this.partitioners.set(topic, partitioner);
    }
    return partitioner;
  }

  /**
   * Append to the partition's last batch, or open a new one. `partition` -1 lets KIP-794's
   * BuiltInPartitioner choose; `abortOnNewBatch` is KIP-480's hook.
   */
  append(topic: string, partition: number, record: PendingRecord, nowMs: number, cluster: PartitionsView, abortOnNewBatch: boolean): AppendResult {
    const sticky: StickyPartitionInfo | null = partition < 0 ? this.builtInPartitioner(topic).peekCurrentPartitionInfo(cluster) : null;
    const effective = sticky?.partition ?? partition;
    const deque = this.deque(topic, effective);
    const last = deque[deque.length - 1];
    let result: AppendResult;
    const appended = last !== undefined ? last.tryAppend(record) : -1;
    if (last !== undefined && appended >= 0) {
      result = { kind: 'appended', batch: last, newBatchCreated: false, batchIsFull: deque.length > 1 || last.isFull() };
    } else {
      if (abortOnNewBatch) return { kind: 'abortForNewBatch' };
      const bytes = Math.max(this.config.batchSizeBytes, singleRecordBatchBytes(record.sizeBytes));
      if (bytes > this.availableMemoryBytes) return { kind: 'noMemory', bytes };
      if (last !== undefined) last.closedForAppends = true;
      const pooled = bytes === this.config.batchSizeBytes ? this.pool.take() : undefined;
      const batch = new ProducerBatch(topic, effective, nowMs, bytes, pooled);
      batch.tryAppend(record);
      this.usedMemoryBytes += bytes;
      deque.push(batch);
      result = { kind: 'appended', batch, newBatchCreated: true, batchIsFull: deque.length > 1 || batch.isFull() };
    }
    if (sticky !== null && result.kind === 'appended') {
      const bytes = result.newBatchCreated ? result.batch.estimatedSizeBytes : record.sizeBytes;
      // enableSwitch = allBatchesFull: switching mid-batch would leave a small batch behind.
      this.builtInPartitioner(topic).updatePartitionInfo(sticky, bytes, cluster, deque[deque.length - 1]!.isFull());
    }
    return result;
  }

  /** Which leaders have something sendable now (RecordAccumulator.ready). */
  ready(cluster: AccumulatorCluster, nowMs: number, muted: ReadonlySet<string>): ReadyCheckResult {
    const result: ReadyCheckResult = { readyNodes: new Set(), nextReadyCheckDelayMs: Infinity, unknownLeaderTopics: new Set() };
    for (const [topic, partitions] of this.topicInfos) {
      const stats = this.queueSizes(topic, partitions.size, cluster);
      for (const [partition, deque] of partitions) {
        const leader = cluster.leaderFor(topic, partition);
        if (leader !== null && stats !== null) stats.add(partition, deque.length);
        const batch = deque[0];
        if (batch === undefined) continue;
        if (leader === null) result.unknownLeaderTopics.add(topic);
        else if (!result.readyNodes.has(leader) && !muted.has(batch.tp)) this.batchReady(batch, deque.length, leader, nowMs, result);
      }
      if (stats !== null) this.builtInPartitioner(topic).updatePartitionLoadStats(stats.sizes, stats.ids, stats.sizes.length);
    }
    return result;
  }

  /** RecordAccumulator.batchReady: sendable when full, lingered, backed off, flushing or closing. */
  private batchReady(batch: ProducerBatch, dequeLength: number, leader: NodeId, nowMs: number, result: ReadyCheckResult): void {
    const backingOff = batch.retryAtMs > nowMs;
    const waitedMs = nowMs - batch.lastAttemptMs;
    const timeToWaitMs = backingOff ? batch.retryAtMs - batch.lastAttemptMs : this.config.lingerMs;
    const full = dequeLength > 1 || batch.isFull();
    const sendable = full || waitedMs >= timeToWaitMs || this.exhausted || this.closed || this.flushesInProgress > 0;
    if (sendable && !backingOff) result.readyNodes.add(leader);
    else result.nextReadyCheckDelayMs = Math.min(result.nextReadyCheckDelayMs, Math.max(0, timeToWaitMs - waitedMs));
  }

  /** Why the first batch of a deque is ready, for the event log. */
  readyReason(batch: ProducerBatch, dequeLength: number, nowMs: number): string {
    if (batch.attempts > 0) return `retry attempt ${batch.attempts + 1}`;
    if (dequeLength > 1 || batch.isFull()) {
      return batch.writeLimitBytes > this.config.batchSizeBytes ? 'record larger than batch.size' : `batch.size=${this.config.batchSizeBytes} reached`;
    }
    if (nowMs - batch.createdMs >= this.config.lingerMs) {
      return this.config.lingerMs === 0 ? 'linger.ms=0: sent without waiting' : `linger.ms=${this.config.lingerMs} expired`;
    }
    if (this.closed) return 'producer closing';
    if (this.flushesInProgress > 0) return 'flush()';
    return 'buffer.memory exhausted';
  }

  /**
   * One batch per partition led by `node`, starting where the last drain stopped so no
   * partition starves, until max.request.size would be exceeded.
   */
  drainForNode(node: NodeId, cluster: AccumulatorCluster, maxRequestSizeBytes: number, nowMs: number, txn: TransactionManager | null, muted: Set<string>): ProducerBatch[] {
    const deques = this.deques().filter((d) => d[0] !== undefined && cluster.leaderFor(d[0].topic, d[0].partition) === node);
    if (deques.length === 0) return [];
    const start = (this.drainIndex.get(node) ?? 0) % deques.length;
    const drained: ProducerBatch[] = [];
    let sizeBytes = 0;
    for (let i = 0; i < deques.length; i++) {
      const deque = deques[(start + i) % deques.length]!;
      const first = deque[0]!;
      if (muted.has(first.tp) || first.retryAtMs > nowMs) continue;
      if (drained.length > 0 && sizeBytes + first.estimatedSizeBytes > maxRequestSizeBytes) {
        this.drainIndex.set(node, (start + i) % deques.length);
        return drained;
      }
      if (txn !== null && this.shouldStopDrainingPartition(first, txn)) continue;
      first.closeReason = this.readyReason(first, deque.length, nowMs);
      deque.shift();
      first.closedForAppends = true;
      if (txn !== null && !first.hasSequence) txn.assignSequence(first);
      sizeBytes += first.estimatedSizeBytes;
      drained.push(first);
    }
    this.drainIndex.set(node, start + 1);
    return drained;
  }

  /** Put a batch back for a retry: in front, in sequence order when idempotent. */
  reenqueue(batch: ProducerBatch, nowMs: number, backoffMs: number): void {
    batch.attempts++;
    batch.lastAttemptMs = nowMs;
    batch.retryAtMs = nowMs + backoffMs;
    const deque = this.deque(batch.topic, batch.partition);
    let at = 0;
    if (batch.hasSequence) {
      while (at < deque.length && deque[at]!.hasSequence && deque[at]!.baseSequence < batch.baseSequence) at++;
    }
    deque.splice(at, 0, batch);
  }

  /** Batches waiting here longer than delivery.timeout.ms; they are removed. */
  expiredBatches(nowMs: number): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (const deque of this.deques()) {
      for (let i = 0; i < deque.length; ) {
        const batch = deque[i]!;
        if (nowMs - batch.createdMs >= this.config.deliveryTimeoutMs) {
          deque.splice(i, 1);
          batch.closedForAppends = true;
          expired.push(batch);
        } else i++;
      }
    }
    return expired;
  }

  /** Earliest delivery.timeout.ms deadline of a queued batch. */
  nextExpiryMs(): number {
    let next = Infinity;
    for (const deque of this.deques()) for (const b of deque) next = Math.min(next, b.createdMs + this.config.deliveryTimeoutMs);
    return next;
  }

  /** A finished batch frees its buffer (BufferPool.deallocate). */
  deallocate(batch: ProducerBatch): void {
    this.usedMemoryBytes = Math.max(0, this.usedMemoryBytes - batch.writeLimitBytes);
    if (batch.writeLimitBytes !== this.config.batchSizeBytes) return; // a big record's own buffer is not pooled
    const buffer = batch.releaseBuffer();
    if (buffer !== null) this.pool.give(buffer);
  }

  /** After a producer id reset, queued batches get fresh sequences when drained. */
  clearSequences(): void {
    for (const deque of this.deques()) for (const b of deque) b.baseSequence = -1;
  }

  hasUndrained(): boolean {
    for (const deque of this.deques()) if (deque.length > 0) return true;
    return false;
  }

  allBatches(): ProducerBatch[] {
    return this.deques().flat();
  }

  /** Kafka: a retried batch goes alone, and only once every earlier sequence is resolved. */
  private shouldStopDrainingPartition(first: ProducerBatch, txn: TransactionManager): boolean {
    if (!txn.hasProducerId || txn.needsReset) return true;
    const firstInFlight = txn.firstInFlightSequence(first.tp);
    return firstInFlight !== -1 && first.hasSequence && first.baseSequence !== firstInFlight;
  }

  private deque(topic: string, partition: number): ProducerBatch[] {
    let partitions = this.topicInfos.get(topic);
    if (!partitions) {
      partitions = new Map();
      this.topicInfos.set(topic, partitions);
    }
    let deque = partitions.get(partition);
    if (!deque) {
      deque = [];
      partitions.set(partition, deque);
    }
    return deque;
  }

  private deques(): ProducerBatch[][] {
    return [...this.topicInfos.values()].flatMap((partitions) => [...partitions.values()]);
  }

  /**
   * Adaptive partitioning only starts once every partition of the topic has had a deque
   * (Kafka builds the queue sizes from the batches map).
   */
  private queueSizes(topic: string, dequeCount: number, cluster: PartitionsView): QueueSizes | null {
    if (!this.config.adaptivePartitioning) return null;
    const count = cluster.partitionCount(topic) ?? 0;
    return count > 0 && dequeCount >= count ? new QueueSizes() : null;
  }
}

class QueueSizes {
  readonly sizes: number[] = [];
  readonly ids: number[] = [];
  add(partition: number, size: number): void {
    this.ids.push(partition);
    this.sizes.push(size);
  }
}
