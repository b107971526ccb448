import type { ProducerConfig } from '../../config/producerConfig';
import type { SimKernel, TaskId } from '../../kernel';
import { formatBytes, formatOffsetRange } from '../../kernel/format';
import type { NetworkClient, NodeId, RequestOutcome, SimNetwork } from '../../network';
import {
  isRetriable, KafkaError, type InitProducerIdRequest, type KafkaErrorName, type ProducePartitionResponse, type ProduceRequest,
} from '../../protocol';
import { brokerLabel, plural, tpName } from '../common';
import { timeoutException } from '../errors';
import { ExponentialBackoff } from '../ExponentialBackoff';
import type { Metadata } from '../Metadata';
import type { ProducerBatch, RecordOutcomeListener } from './ProducerBatch';
import type { RecordAccumulator } from './RecordAccumulator';
import type { TransactionManager } from './TransactionManager';

/** Errors after which the client's metadata is stale (InvalidMetadataException and disconnects). */
const REFRESH_METADATA_ON: ReadonlySet<KafkaErrorName> = new Set<KafkaErrorName>([
  'NOT_LEADER_OR_FOLLOWER', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH', 'KAFKA_STORAGE_ERROR', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION',
]);

export interface SenderOptions {
  readonly kernel: SimKernel;
  readonly network: SimNetwork;
  readonly client: NetworkClient;
  readonly metadata: Metadata;
  readonly accumulator: RecordAccumulator;
  readonly txn: TransactionManager | null;
  readonly config: ProducerConfig;
  /** Counts each record as its batch completes (the producer's acked/failed). */
  readonly recordOutcomes: RecordOutcomeListener;
  /** A batch finished (acked or failed): its memory is free again. */
  readonly onBatchDone: (batch: ProducerBatch) => void;
  /** A produce request got its answer (or gave up): a closing producer may now be done. */
  readonly onRequestDone: () => void;
}

/**
 * Kafka's Sender: the producer's I/O loop. It runs only when woken (an append made a
 * batch ready, a response arrived, metadata changed) or at the next linger/backoff/expiry
 * deadline, drains ready batches into one ProduceRequest per leader, and completes,
 * retries or fails batches from the responses.
 */
export class Sender {
  private wakeTask: TaskId | undefined;
  private wakeAtMs = Infinity;
  private readonly inFlightBatches = new Set<ProducerBatch>();
  /** Partitions with a request in flight when max.in.flight=1 (Kafka mutes them to keep order). */
  private readonly muted = new Set<string>();
  private produceRequestsInFlight = 0;
  private initInFlight = false;
  private initRetryTask: TaskId | undefined;
  private readonly backoff: ExponentialBackoff;
  private readonly actor: string;
  private stopped = false;

  constructor(private readonly o: SenderOptions) {
    this.backoff = new ExponentialBackoff(o.config.retryBackoffMs, o.config.retryBackoffMaxMs, o.kernel.random);
    this.actor = o.client.nodeId;
  }

  get inFlightRequests(): number {
    return this.produceRequestsInFlight;
  }

  /** Nothing queued, nothing in flight. */
  isIdle(): boolean {
    return this.produceRequestsInFlight === 0 && !this.o.accumulator.hasUndrained();
  }

  wakeup(): void {
    this.wakeAt(this.o.kernel.nowMs);
  }

  stop(): void {
    this.stopped = true;
    this.o.kernel.cancel(this.wakeTask);
    this.o.kernel.cancel(this.initRetryTask);
  }

  private wakeAt(timeMs: number): void {
    if (this.stopped || timeMs >= this.wakeAtMs) return;
    this.o.kernel.cancel(this.wakeTask);
    this.wakeAtMs = timeMs;
    this.wakeTask = this.o.kernel.scheduleAt(timeMs, `${this.actor} sender`, () => {
      this.wakeTask = undefined;
      this.wakeAtMs = Infinity;
      this.runOnce();
    });
  }

  /** Sender.runOnce / sendProducerData. */
  private runOnce(): void {
    const { kernel, accumulator, metadata, config } = this.o;
    const nowMs = kernel.nowMs;
    this.maybeResetProducerId();
    // Batches are created in time order, so one look says whether any delivery.timeout.ms passed.
    if (nowMs >= accumulator.nextDeliveryDeadlineMs()) this.failExpiredBatches(nowMs);
    const ready = accumulator.ready(metadata, nowMs, this.muted, this.canSendTo);
    if (ready.unknownLeaderTopics.size > 0) metadata.requestUpdate();
    for (const node of ready.readyNodes) {
      // A node the network reports down refuses the connection: wait for new metadata.
      if (!this.o.network.isNodeUp(node)) {
        metadata.requestUpdate();
        continue;
      }
      const batches = accumulator.drainForNode(node, metadata, config.maxRequestSize, nowMs, this.o.txn, this.muted);
      if (batches.length > 0) this.sendProduceRequest(node, batches);
    }
    this.wakeAt(Math.min(nowMs + ready.nextReadyCheckDelayMs, accumulator.nextDeliveryDeadlineMs()));
  }

  /** A leader with max.in.flight.requests.per.connection requests out gets nothing more now; its responses wake the Sender. */
  private readonly canSendTo = (node: NodeId): boolean =>
    !this.o.network.isNodeUp(node) || this.o.client.inFlightTo(node) < this.o.config.maxInFlightRequestsPerConnection;

  private sendProduceRequest(node: NodeId, batches: ProducerBatch[]): void {
    const { config, client, kernel } = this.o;
    const byTopic = new Map<string, { partition: number; records: Uint8Array }[]>();
    for (const batch of batches) {
      const records = batch.encode(config.compressionType);
      batch.sentOnce = true;
      batch.unansweredRequests++;
      const list = byTopic.get(batch.topic) ?? [];
      list.push({ partition: batch.partition, records });
      byTopic.set(batch.topic, list);
      kernel.emit('producer', this.actor, produceText(node, batch.tp, batch.recordCount, records.length, config.compressionType, batch.closeReason), batch.tp);
    }
    const request: ProduceRequest = {
      apiKey: 'Produce',
      acks: config.acks,
      timeoutMs: config.requestTimeoutMs,
      topicData: [...byTopic].map(([topic, partitionData]) => ({ topic, partitionData })),
    };
    const summary = produceSummary(batches);
    if (config.acks === 0) {
      client.sendOneWay(node, request, summary);
      for (const batch of batches) this.completeAcksZero(batch);
      return;
    }
    this.produceRequestsInFlight++;
    for (const batch of batches) {
      this.inFlightBatches.add(batch);
      if (config.maxInFlightRequestsPerConnection === 1) this.muted.add(batch.tp);
    }
    client.send(node, request, summary, config.requestTimeoutMs, (outcome: RequestOutcome<ProduceRequest>) => {
      this.produceRequestsInFlight--;
      this.handleProduceResponse(batches, outcome);
      this.wakeup();
      this.o.onRequestDone();
    });
  }

  private handleProduceResponse(batches: ProducerBatch[], outcome: RequestOutcome<ProduceRequest>): void {
    const responses = new Map<string, ProducePartitionResponse>();
    if (outcome.ok) {
      for (const t of outcome.response.responses) for (const p of t.partitionResponses) responses.set(tpName(t.topic, p.partition), p);
    }
    for (const batch of batches) {
      if (outcome.ok) batch.unansweredRequests--; // the broker has read the bytes: they may be reused
      this.inFlightBatches.delete(batch);
      this.muted.delete(batch.tp);
      if (batch.done) continue; // expired by delivery.timeout.ms while in flight
      const response: Pick<ProducePartitionResponse, 'errorCode' | 'baseOffset' | 'logAppendTimeMs' | 'errorMessage'> = outcome.ok
        ? responses.get(batch.tp) ?? { errorCode: 'UNKNOWN_SERVER_ERROR', baseOffset: -1, logAppendTimeMs: -1, errorMessage: 'partition missing from the response' }
        : { errorCode: outcome.error, baseOffset: -1, logAppendTimeMs: -1, errorMessage: outcome.message };
      this.completeBatch(batch, response);
    }
  }

  private completeBatch(batch: ProducerBatch, response: Pick<ProducePartitionResponse, 'errorCode' | 'baseOffset' | 'logAppendTimeMs' | 'errorMessage'>): void {
    const error = response.errorCode;
    if (error === 'NONE' || error === 'DUPLICATE_SEQUENCE_NUMBER') {
      this.o.txn?.handleCompletedBatch(batch);
      this.o.kernel.emit('producer', this.actor, ackedText(batch.tp, response.baseOffset, batch.recordCount, this.o.config.acks), batch.tp);
      batch.complete(response.baseOffset, response.logAppendTimeMs, this.o.recordOutcomes, this.o.metadata.leaderEpochFor(batch.topic, batch.partition));
      this.o.onBatchDone(batch);
      return;
    }
    if (REFRESH_METADATA_ON.has(error)) this.o.metadata.requestUpdate();
    if (this.canRetry(batch, error)) {
      const backoffMs = this.backoff.backoffMs(batch.attempts);
      this.o.accumulator.reenqueue(batch, this.o.kernel.nowMs, backoffMs);
      this.o.kernel.emit('producer', this.actor, `Retrying ${batch.tp} batch after ${error} (attempt ${batch.attempts + 1}, backoff ${backoffMs} ms)`, batch.tp);
      return;
    }
    this.failBatch(batch, new KafkaError(error, response.errorMessage));
  }

  /** Sender.canRetry + TransactionManager.canRetry. */
  private canRetry(batch: ProducerBatch, error: KafkaErrorName): boolean {
    const { config, txn, kernel } = this.o;
    if (kernel.nowMs - batch.createdMs >= config.deliveryTimeoutMs || batch.attempts >= config.retries) return false;
    if (txn !== null && error === 'OUT_OF_ORDER_SEQUENCE_NUMBER') {
      // Out of order because an earlier batch is still unresolved: retry after it. Otherwise fatal.
      return !txn.needsReset && !txn.isNextSequence(batch.tp, batch.baseSequence);
    }
    return isRetriable(error);
  }

  private completeAcksZero(batch: ProducerBatch): void {
    this.o.kernel.emit('producer', this.actor, `${batch.tp}: sent ${plural(batch.recordCount, 'record')} with acks=0 (no acknowledgement; offset -1)`, batch.tp);
    batch.complete(-1, -1, this.o.recordOutcomes);
    this.o.onBatchDone(batch);
  }

  private failBatch(batch: ProducerBatch, error: Error): void {
    this.o.txn?.handleFailedBatch(batch);
    this.inFlightBatches.delete(batch);
    this.o.kernel.emit('producer', this.actor, `${batch.tp}: ${plural(batch.recordCount, 'record')} failed: ${error.message}`, batch.tp);
    batch.fail(error, this.o.recordOutcomes);
    this.o.onBatchDone(batch);
  }

  /** delivery.timeout.ms, for batches still queued and for batches in flight (Kafka fails both). */
  private failExpiredBatches(nowMs: number): void {
    const expired = this.o.accumulator.expiredBatches(nowMs);
    for (const batch of this.inFlightBatches) {
      if (nowMs - batch.createdMs >= this.o.config.deliveryTimeoutMs) expired.push(batch);
    }
    for (const batch of expired) {
      const message = `Expiring ${batch.recordCount} record(s) for ${batch.tp}:${nowMs - batch.createdMs} ms has passed since batch creation`;
      this.failBatch(batch, timeoutException(message));
    }
  }

  /** After a batch of unknown fate: wait for silence, then start over with a new producer id. */
  private maybeResetProducerId(): void {
    const txn = this.o.txn;
    if (txn === null) return;
    if (txn.needsReset && this.produceRequestsInFlight === 0 && !this.initInFlight) {
      this.o.kernel.emit('producer', this.actor, `a batch that may have reached a broker failed, so sequence numbers are unknown: requesting a new producer id (Kafka bumps the epoch)`);
      txn.reset();
      this.o.accumulator.clearSequences();
    }
    if (!txn.hasProducerId) this.initProducerId();
  }

  /** InitProducerId to the least-loaded broker; drain waits until the id is known. */
  private initProducerId(): void {
    const { kernel, client, metadata, config, txn } = this.o;
    if (txn === null || this.initInFlight || this.initRetryTask !== undefined) return;
    const node = metadata.leastLoadedNode();
    if (node === null) return this.retryInitProducerId();
    const request: InitProducerIdRequest = { apiKey: 'InitProducerId', transactionalId: null, transactionTimeoutMs: 60000 };
    this.initInFlight = true;
    client.send(node, request, 'InitProducerId', config.requestTimeoutMs, (outcome: RequestOutcome<InitProducerIdRequest>) => {
      this.initInFlight = false;
      if (this.stopped) return;
      if (!outcome.ok || outcome.response.errorCode !== 'NONE') return this.retryInitProducerId();
      txn.setProducerIdAndEpoch(outcome.response.producerId, outcome.response.producerEpoch);
      kernel.emit('producer', this.actor, `got producer id ${outcome.response.producerId} (epoch ${outcome.response.producerEpoch}) from ${brokerLabel(node)}: enable.idempotence=true, so brokers can drop duplicate retries`);
      this.wakeup();
    });
  }

  private retryInitProducerId(): void {
    this.initRetryTask = this.o.kernel.schedule(this.o.config.retryBackoffMs, `${this.actor} InitProducerId backoff`, () => {
      this.initRetryTask = undefined;
      this.wakeup();
    });
  }
}

/*
 * Event texts are built only if someone reads them, by closures made here, outside the
 * Sender's methods: a closure keeps its whole enclosing scope alive, and in
 * sendProduceRequest that scope holds the request's batches (the response callback needs
 * them), so every batch ever sent, with its records' callbacks, stayed reachable from the
 * event log (~300 bytes per record).
 */
function produceText(node: NodeId, tp: string, recordCount: number, sizeBytes: number, compressionType: string, closeReason: string): () => string {
  const compression = compressionType === 'none' ? '' : `, ${compressionType}`;
  return () => `Produce to ${brokerLabel(node)}: ${tp} (${plural(recordCount, 'record')}, ${formatBytes(sizeBytes)}${compression}) — ${closeReason}`;
}

function ackedText(tp: string, baseOffset: number, recordCount: number, acks: number): () => string {
  return () => {
    const range = baseOffset >= 0 ? `offsets ${formatOffsetRange(baseOffset, baseOffset + recordCount - 1)}` : plural(recordCount, 'record');
    return `${tp}: acked ${range} (acks=${acks === -1 ? 'all' : String(acks)})`;
  };
}

/** How many batches a request label names before "+N more" (a request may carry hundreds). */
const SUMMARY_BATCHES = 3;

/** "Produce orders-3 (12 records), orders-5 (1 record)" — the in-flight label views show. */
function produceSummary(batches: readonly ProducerBatch[]): string {
  const named = batches.slice(0, SUMMARY_BATCHES).map((b) => `${b.tp} (${plural(b.recordCount, 'record')})`);
  if (batches.length > SUMMARY_BATCHES) {
    let records = 0;
    for (const b of batches) records += b.recordCount;
    named.push(`+${batches.length - SUMMARY_BATCHES} more partitions (${plural(records, 'record')} in all)`);
  }
  return `Produce ${named.join(', ')}`;
}
