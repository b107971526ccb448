import type { NodeId } from '../../network';
import { BufferPool } from './BufferPool';
import { BuiltInPartitioner, StickyPartitionInfo } from './BuiltInPartitioner';
import { ProducerBatch, singleRecordBatchBytes, type PendingRecord } from './ProducerBatch';
import type { PartitionsView } from './StickyPartitionCache';
import type { TransactionManager } from './TransactionManager';

/** Cluster knowledge the accumulator needs: partition counts and leaders. */
export interface AccumulatorCluster extends PartitionsView {
  leaderFor(topic: string, partition: number): NodeId | null;
  /** Changes whenever leaders may have changed (Metadata.version); without it leaders are looked up every time. */
  readonly version?: number;
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

/** One partition's batches, oldest first, and its place in first-use order. */
class PartitionQueue {
  readonly batches: ProducerBatch[] = [];
  constructor(readonly topic: string, readonly partition: number, readonly order: number) {}
}

const byFirstUse = (a: PartitionQueue, b: PartitionQueue): number => a.order - b.order;

/**
 * Kafka's RecordAccumulator: one deque of ProducerBatches per partition, bounded by
 * buffer.memory (accounted per batch buffer, as Kafka's BufferPool allocates). Batches
 * become ready when full, when linger.ms has passed, on flush/close, or when their retry
 * backoff has passed; drain() takes at most one batch per partition per node.
 *
 * Kafka's ready() and drain() walk every partition; here they walk only the partitions that
 * hold batches (the `queued` set), so a send or a Sender wake-up costs the same with 6 or
 * 600 partitions. Adaptive partitioning's queue statistics, which do need every partition,
 * are computed only when the partitioner picks its next sticky partition.
 */
export class RecordAccumulator {
  /** topic → partition → queue, in first-use order (Kafka's topicInfoMap). */
  private readonly topicInfos = new Map<string, Map<number, PartitionQueue>>();
  /** Queues that hold at least one batch. */
  private readonly queued = new Set<PartitionQueue>();
  private queuesCreated = 0;
  /** The queued partitions by leader (null = unknown), rebuilt when the cluster's version changes. */
  private byLeader = new Map<NodeId | null, Set<PartitionQueue>>();
  private byLeaderVersion: number | undefined = -1;
  /** Every batch not yet done, in creation order (so by createdMs); done ones are skipped lazily. */
  private readonly creationOrder = new BatchFifo();
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
  append(topic: string, partition: number, record: PendingRecord, nowMs: number, cluster: AccumulatorCluster, abortOnNewBatch: boolean): AppendResult {
    const sticky: StickyPartitionInfo | null = partition < 0 ? this.stickyInfo(topic, cluster) : null;
    const effective = sticky?.partition ?? partition;
    const queue = this.queue(topic, effective);
    const deque = queue.batches;
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
      this.markQueued(queue, cluster);
      this.creationOrder.push(batch);
      result = { kind: 'appended', batch, newBatchCreated: true, batchIsFull: deque.length > 1 || batch.isFull() };
    }
    if (sticky !== null && result.kind === 'appended') {
      const bytes = result.newBatchCreated ? result.batch.estimatedSizeBytes : record.sizeBytes;
      // enableSwitch = allBatchesFull: switching mid-batch would leave a small batch behind.
      if (this.builtInPartitioner(topic).mayPickNextAfter(bytes)) this.prepareLoadStats(topic, cluster);
      this.builtInPartitioner(topic).updatePartitionInfo(sticky, bytes, cluster, deque[deque.length - 1]!.isFull());
    }
    return result;
  }

  /**
   * Which leaders have something sendable now (RecordAccumulator.ready). Walks only partitions
   * holding batches, by leader; a leader `canSend` refuses (max.in.flight reached, node down) is
   * skipped whole: the Sender is woken again when a response or new metadata arrives.
   */
  ready(cluster: AccumulatorCluster, nowMs: number, muted: ReadonlySet<string>, canSend: (node: NodeId) => boolean = () => true): ReadyCheckResult {
    const result: ReadyCheckResult = { readyNodes: new Set(), nextReadyCheckDelayMs: Infinity, unknownLeaderTopics: new Set() };
    for (const [leader, queues] of this.queuesByLeader(cluster)) {
      if (leader === null) {
        for (const queue of queues) result.unknownLeaderTopics.add(queue.topic);
        continue;
      }
      if (!canSend(leader)) continue;
      for (const queue of queues) {
        const batch = queue.batches[0]!;
        if (!muted.has(batch.tp) && this.batchReady(batch, queue.batches.length, nowMs, result)) {
          result.readyNodes.add(leader);
          break;
        }
      }
    }
    return result;
  }

  /**
   * RecordAccumulator.batchReady: sendable when full, lingered, backed off, flushing or closing.
   * Deadlines are compared as times (now >= readyAt), the same sum the Sender's wake-up is
   * scheduled for, so a wake-up always finds its batch ready.
   */
  private batchReady(batch: ProducerBatch, dequeLength: number, nowMs: number, result: ReadyCheckResult): boolean {
    const backingOff = batch.retryAtMs > nowMs;
    const readyAtMs = backingOff ? batch.retryAtMs : batch.lastAttemptMs + this.config.lingerMs;
    const full = dequeLength > 1 || batch.isFull();
    const sendable = full || nowMs >= readyAtMs || this.exhausted || this.closed || this.flushesInProgress > 0;
    if (sendable && !backingOff) return true;
    result.nextReadyCheckDelayMs = Math.min(result.nextReadyCheckDelayMs, Math.max(0, readyAtMs - nowMs));
    return false;
  }

  /** Why the first batch of a deque leaves now, for the event log (the first condition that holds). */
  readyReason(batch: ProducerBatch, dequeLength: number, nowMs: number): string {
    if (batch.attempts > 0) return `retry attempt ${batch.attempts + 1}`;
    if (dequeLength > 1 || batch.isFull()) {
      return batch.writeLimitBytes > this.config.batchSizeBytes ? 'record larger than batch.size' : `batch.size=${this.config.batchSizeBytes} reached`;
    }
    const lingerMs = this.config.lingerMs;
    if (nowMs >= batch.createdMs + lingerMs) return lingerMs === 0 ? 'linger.ms=0: sent without waiting' : `linger.ms=${lingerMs} expired`;
    if (this.closed) return 'producer closing';
    if (this.flushesInProgress > 0) return 'flush()';
    if (this.exhausted) return 'buffer.memory exhausted: a send is waiting for memory';
    // Kafka drains every partition of a ready broker into one request, lingering or not.
    return `sent with another batch that was ready for the same broker (linger.ms=${lingerMs} had not expired yet)`;
  }

  /**
   * One batch per partition led by `node`, starting where the last drain stopped so no
   * partition starves, until max.request.size would be exceeded.
   */
  drainForNode(node: NodeId, cluster: AccumulatorCluster, maxRequestSizeBytes: number, nowMs: number, txn: TransactionManager | null, muted: Set<string>): ProducerBatch[] {
    const led = this.queuesByLeader(cluster).get(node);
    if (led === undefined || led.size === 0) return [];
    const queues = [...led].sort(byFirstUse);
    const start = (this.drainIndex.get(node) ?? 0) % queues.length;
    const drained: ProducerBatch[] = [];
    let sizeBytes = 0;
    for (let i = 0; i < queues.length; i++) {
      const queue = queues[(start + i) % queues.length]!;
      const first = queue.batches[0]!;
      if (muted.has(first.tp) || first.retryAtMs > nowMs) continue;
      if (drained.length > 0 && sizeBytes + first.estimatedSizeBytes > maxRequestSizeBytes) {
        this.drainIndex.set(node, (start + i) % queues.length);
        return drained;
      }
      if (txn !== null && this.shouldStopDrainingPartition(first, txn)) continue;
      first.closeReason = this.readyReason(first, queue.batches.length, nowMs);
      queue.batches.shift();
      if (queue.batches.length === 0) this.markEmpty(queue);
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
    const queue = this.queue(batch.topic, batch.partition);
    const deque = queue.batches;
    let at = 0;
    if (batch.hasSequence) {
      while (at < deque.length && deque[at]!.hasSequence && deque[at]!.baseSequence < batch.baseSequence) at++;
    }
    deque.splice(at, 0, batch);
    this.markQueued(queue, null);
  }

  /** Batches waiting here for delivery.timeout.ms or longer; they are removed (in first-use order of their partitions). */
  expiredBatches(nowMs: number): ProducerBatch[] {
    if (nowMs < this.nextDeliveryDeadlineMs()) return [];
    const expired: ProducerBatch[] = [];
    for (const queue of this.queuedInFirstUseOrder()) {
      const deque = queue.batches;
      for (let i = 0; i < deque.length; ) {
        const batch = deque[i]!;
        if (nowMs >= batch.createdMs + this.config.deliveryTimeoutMs) {
          deque.splice(i, 1);
          batch.closedForAppends = true;
          expired.push(batch);
        } else i++;
      }
      if (deque.length === 0) this.markEmpty(queue);
    }
    return expired;
  }

  /**
   * Earliest delivery.timeout.ms deadline of any batch not yet done, queued here or in flight
   * (what the Sender sleeps until), in O(1) amortized: batches are created in time order.
   */
  nextDeliveryDeadlineMs(): number {
    const oldest = this.creationOrder.oldestNotDone();
    return oldest === undefined ? Infinity : oldest.createdMs + this.config.deliveryTimeoutMs;
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
    for (const queue of this.queued) for (const b of queue.batches) b.baseSequence = -1;
  }

  hasUndrained(): boolean {
    return this.queued.size > 0;
  }

  /** Every queued batch, partitions in first-use order. */
  allBatches(): ProducerBatch[] {
    return this.queuedInFirstUseOrder().flatMap((queue) => queue.batches);
  }

  /** Kafka: a retried batch goes alone, and only once every earlier sequence is resolved. */
  private shouldStopDrainingPartition(first: ProducerBatch, txn: TransactionManager): boolean {
    if (!txn.hasProducerId || txn.needsReset) return true;
    const firstInFlight = txn.firstInFlightSequence(first.tp);
    return firstInFlight !== -1 && first.hasSequence && first.baseSequence !== firstInFlight;
  }

  private queue(topic: string, partition: number): PartitionQueue {
    let partitions = this.topicInfos.get(topic);
    if (!partitions) {
      partitions = new Map();
      this.topicInfos.set(topic, partitions);
    }
    let queue = partitions.get(partition);
    if (!queue) {
      queue = new PartitionQueue(topic, partition, this.queuesCreated++);
      partitions.set(partition, queue);
    }
    return queue;
  }

  private markQueued(queue: PartitionQueue, cluster: AccumulatorCluster | null): void {
    if (this.queued.has(queue)) return;
    this.queued.add(queue);
    // Without a cluster at hand (a re-enqueue), the index is rebuilt on the next look.
    if (cluster === null || cluster.version === undefined || cluster.version !== this.byLeaderVersion) this.byLeaderVersion = -1;
    else addTo(this.byLeader, cluster.leaderFor(queue.topic, queue.partition), queue);
  }

  private markEmpty(queue: PartitionQueue): void {
    this.queued.delete(queue);
    for (const queues of this.byLeader.values()) if (queues.delete(queue)) return;
  }

  /** The queued partitions grouped by their current leader. */
  private queuesByLeader(cluster: AccumulatorCluster): Map<NodeId | null, Set<PartitionQueue>> {
    if (cluster.version === undefined || cluster.version !== this.byLeaderVersion) {
      const byLeader = new Map<NodeId | null, Set<PartitionQueue>>();
      for (const queue of this.queuedInFirstUseOrder()) addTo(byLeader, cluster.leaderFor(queue.topic, queue.partition), queue);
      this.byLeader = byLeader;
      this.byLeaderVersion = cluster.version;
    }
    return this.byLeader;
  }

  private queuedInFirstUseOrder(): PartitionQueue[] {
    return [...this.queued].sort(byFirstUse);
  }

  /** The topic's sticky partition; a first pick uses the current queue statistics. */
  private stickyInfo(topic: string, cluster: AccumulatorCluster): StickyPartitionInfo {
    const partitioner = this.builtInPartitioner(topic);
    if (!partitioner.hasCurrentPartition) this.prepareLoadStats(topic, cluster);
    return partitioner.peekCurrentPartitionInfo(cluster);
  }

  /**
   * Adaptive partitioning's queue sizes (batches per led partition), which Kafka's ready()
   * recomputes on every call; here they are computed only when the partitioner may pick a
   * new partition, which keeps a send independent of the partition count. They start once
   * every partition of the topic has had a deque (Kafka builds them from the batches map).
   */
  private prepareLoadStats(topic: string, cluster: AccumulatorCluster): void {
    if (!this.config.adaptivePartitioning) return;
    const partitioner = this.builtInPartitioner(topic);
    const partitions = this.topicInfos.get(topic);
    const count = cluster.partitionCount(topic) ?? 0;
    if (partitions === undefined || count === 0 || partitions.size < count) {
      partitioner.updatePartitionLoadStats(null, [], 0);
      return;
    }
    const stats = new QueueSizes();
    for (const [partition, queue] of partitions) if (cluster.leaderFor(topic, partition) !== null) stats.add(partition, queue.batches.length);
    partitioner.updatePartitionLoadStats(stats.sizes, stats.ids, stats.sizes.length);
  }
}

function addTo(map: Map<NodeId | null, Set<PartitionQueue>>, leader: NodeId | null, queue: PartitionQueue): void {
  let set = map.get(leader);
  if (set === undefined) {
    set = new Set();
    map.set(leader, set);
  }
  set.add(queue);
}

/**
 * Batches in creation order with lazy removal: the oldest batch not yet done is found by
 * skipping done ones at the head; the list is compacted when done ones dominate.
 */
class BatchFifo {
  private items: ProducerBatch[] = [];
  private head = 0;
  /** Length after the last compaction: compacting again only once it doubled keeps pushes O(1) amortized. */
  private compactedLength = 0;

  push(batch: ProducerBatch): void {
    this.items.push(batch);
    if (this.items.length > 2 * this.compactedLength + 1024) {
      this.items = this.items.slice(this.head).filter((b) => !b.done);
      this.head = 0;
      this.compactedLength = this.items.length;
    }
  }

  oldestNotDone(): ProducerBatch | undefined {
    while (this.head < this.items.length && this.items[this.head]!.done) this.head++;
    return this.items[this.head];
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
