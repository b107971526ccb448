import type { KafkaErrorName } from '../protocol';

/** Metadata of one batch a producer wrote, as Kafka's BatchMetadata. */
interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
  timestampMs: number;
}

interface ProducerStateEntry {
  epoch: number;
  batches: BatchMetadata[];
}

/** The batch walk loadFromLog needs from a segment's .log (FileRecords). */
interface BatchSource {
  readonly sizeInBytes: number;
  batchSizeAt(position: number): number;
  view(position: number): { producerId: number; producerEpoch: number; baseSequence: number; baseOffset: number; lastOffsetDelta: number; maxTimestamp: number };
}

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN */
const NUM_BATCHES_TO_RETAIN = 5;

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; firstOffset: number; lastOffset: number; timestampMs: number }
  | { kind: 'error'; errorName: KafkaErrorName; message: string };

/**
 * The broker side of the idempotent producer (ProducerStateManager / ProducerAppendInfo):
 * per producer id, the epoch and the last 5 batches' sequence ranges, so a retried batch is
 * answered with its original offsets instead of being written twice.
 */
export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();

  check(producerId: number, epoch: number, firstSeq: number, lastSeq: number): SequenceCheck {
    if (producerId < 0) return { kind: 'append' };
    const entry = this.producers.get(producerId);
    if (!entry) return { kind: 'append' }; // unknown producer: any sequence is accepted
    if (epoch < entry.epoch) {
      return { kind: 'error', errorName: 'INVALID_PRODUCER_EPOCH', message: `Epoch ${epoch} is older than current epoch ${entry.epoch} for producer ${producerId}` };
    }
    if (epoch > entry.epoch) {
      return firstSeq === 0
        ? { kind: 'append' }
        : { kind: 'error', errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER', message: `Invalid sequence number for new epoch ${epoch}: ${firstSeq} (request epoch), 0 expected` };
    }
    const dup = entry.batches.find((b) => b.firstSeq === firstSeq && b.lastSeq === lastSeq);
    if (dup) return { kind: 'duplicate', firstOffset: dup.firstOffset, lastOffset: dup.lastOffset, timestampMs: dup.timestampMs };
    const last = entry.batches[entry.batches.length - 1];
    const expected = last ? (last.lastSeq + 1) % 2147483648 : firstSeq;
    if (firstSeq !== expected) {
      return {
        kind: 'error',
        errorName: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
        message: `Out of order sequence number for producer ${producerId}: ${firstSeq} (incoming seq. number), ${last ? last.lastSeq : -1} (current end sequence number)`,
      };
    }
    return { kind: 'append' };
  }

  record(producerId: number, epoch: number, batch: BatchMetadata): void {
    if (producerId < 0) return;
    let entry = this.producers.get(producerId);
    if (!entry || entry.epoch !== epoch) {
      entry = { epoch, batches: [] };
      this.producers.set(producerId, entry);
    }
    entry.batches.push(batch);
    if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.shift();
  }

  /**
   * Rebuilds the state from a loaded log, as Kafka's loadProducerState replays the log after
   * a restart (Kafka starts from its last producer snapshot; the lab reads every batch
   * header). Without it a restarted leader took any sequence from a producer it had
   * forgotten, so a batch lost in the crash left a gap that its retry could never fill.
   */
  loadFromLog(segments: readonly { readonly log: BatchSource }[]): void {
    for (const { log } of segments) {
      for (let position = 0; position < log.sizeInBytes; ) {
        const size = log.batchSizeAt(position);
        if (size <= 0) break;
        const batch = log.view(position);
        const producerId = batch.producerId;
        if (producerId >= 0) {
          const delta = batch.lastOffsetDelta;
          const firstOffset = batch.baseOffset;
          this.record(producerId, batch.producerEpoch, { firstSeq: batch.baseSequence, lastSeq: batch.baseSequence + delta, firstOffset, lastOffset: firstOffset + delta, timestampMs: batch.maxTimestamp });
        }
        position += size;
      }
    }
  }

  /** Forget batches at or above `offset` (after a truncation). */
  truncateTo(offset: number): void {
    for (const [pid, entry] of this.producers) {
      entry.batches = entry.batches.filter((b) => b.lastOffset < offset);
      if (entry.batches.length === 0) this.producers.delete(pid);
    }
  }

  get producerCount(): number {
    return this.producers.size;
  }
}
