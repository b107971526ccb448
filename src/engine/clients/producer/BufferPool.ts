/**
 * Kafka's BufferPool, for the part that matters in a simulation: buffers of batches of batch.size are
 * reused instead of allocated per batch (fresh memory costs zeroing, page faults and GC pressure).
 * Memory accounting for buffer.memory stays in the RecordAccumulator. A batch hands its buffer back only
 * when no request can still read it (ProducerBatch.releaseBuffer).
 */
export class BufferPool {
  private readonly free: Uint8Array[] = [];

  /** @param maxFree buffers kept at most (Kafka: what fits in buffer.memory) */
  constructor(private readonly maxFree: number) {}

  /** A free buffer, or undefined (then the batch allocates its own). */
  take(): Uint8Array | undefined {
    return this.free.pop();
  }

  give(buffer: Uint8Array): void {
    if (this.free.length < this.maxFree) this.free.push(buffer);
  }
}
