import type { ProducerBatch } from './ProducerBatch';

interface PartitionSequences {
  nextSequence: number;
  lastAckedSequence: number;
  /** Batches that have a sequence and are not finished (sent, or waiting to be retried). */
  inFlight: ProducerBatch[];
}

/** Sequence numbers wrap at Integer.MAX_VALUE, as on the broker. */
const SEQUENCE_MODULUS = 2147483648;

/**
 * The idempotent half of Kafka's TransactionManager: the producer id and epoch from
 * InitProducerId, and per partition the next sequence to hand out, the last acknowledged
 * one, and the batches whose fate is not known yet. Transactions are not modelled.
 */
export class TransactionManager {
  producerId = -1;
  producerEpoch = -1;
  initInFlight = false;
  /**
   * A batch that may have reached a broker failed for good, so the broker's idea of the
   * next sequence is unknown. Kafka bumps the epoch (KIP-360); the lab asks for a new
   * producer id once nothing is in flight, and restarts every sequence at 0.
   */
  needsReset = false;
  private readonly partitions = new Map<string, PartitionSequences>();

  get hasProducerId(): boolean {
    return this.producerId >= 0;
  }

  setProducerIdAndEpoch(producerId: number, producerEpoch: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
  }

  /** Called when a batch is drained for the first time. */
  assignSequence(batch: ProducerBatch): void {
    const state = this.state(batch.tp);
    batch.baseSequence = state.nextSequence;
    batch.producerId = this.producerId;
    batch.producerEpoch = this.producerEpoch;
    state.nextSequence = (state.nextSequence + batch.recordCount) % SEQUENCE_MODULUS;
    state.inFlight.push(batch);
    state.inFlight.sort((a, b) => a.baseSequence - b.baseSequence);
  }

  /** Lowest sequence not yet resolved for the partition, or -1. */
  firstInFlightSequence(tp: string): number {
    return this.partitions.get(tp)?.inFlight[0]?.baseSequence ?? -1;
  }

  hasInFlight(tp: string): boolean {
    return (this.partitions.get(tp)?.inFlight.length ?? 0) > 0;
  }

  /** The broker would accept this batch next: everything before it is acknowledged. */
  isNextSequence(tp: string, sequence: number): boolean {
    const state = this.partitions.get(tp);
    return state !== undefined && (state.lastAckedSequence + 1) % SEQUENCE_MODULUS === sequence;
  }

  handleCompletedBatch(batch: ProducerBatch): void {
    const state = this.partitions.get(batch.tp);
    if (!state || !batch.hasSequence) return;
    const lastSequence = (batch.baseSequence + batch.recordCount - 1) % SEQUENCE_MODULUS;
    state.lastAckedSequence = Math.max(state.lastAckedSequence, lastSequence);
    this.remove(state, batch);
  }

  handleFailedBatch(batch: ProducerBatch): void {
    const state = this.partitions.get(batch.tp);
    if (!state || !batch.hasSequence) return;
    this.remove(state, batch);
    if (batch.sentOnce) this.needsReset = true;
  }

  /** Forget the producer id and every sequence (after needsReset). */
  reset(): void {
    this.producerId = -1;
    this.producerEpoch = -1;
    this.partitions.clear();
    this.needsReset = false;
  }

  private state(tp: string): PartitionSequences {
    let state = this.partitions.get(tp);
    if (!state) {
      state = { nextSequence: 0, lastAckedSequence: -1, inFlight: [] };
      this.partitions.set(tp, state);
    }
    return state;
  }

  private remove(state: PartitionSequences, batch: ProducerBatch): void {
    const i = state.inFlight.indexOf(batch);
    if (i >= 0) state.inFlight.splice(i, 1);
  }
}
