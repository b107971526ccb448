import type { Random } from '../../kernel';
import { murmur2, toPositive } from '../../util/hash';
import type { PartitionsView } from './StickyPartitionCache';

/** The sticky partition of a topic and the bytes produced to it since it was chosen. */
export class StickyPartitionInfo {
  producedBytes = 0;
  constructor(readonly partition: number) {}
}

/** Partition load as a cumulative frequency table over partitions that have a leader. */
interface PartitionLoadStats {
  readonly cumulativeFrequencyTable: number[];
  readonly partitionIds: number[];
}

/**
 * KIP-794's BuiltInPartitioner (Kafka 3.3+), one per topic: keyless records stick to a
 * partition until batch.size bytes were produced to it and its last batch is full (or
 * 2 × batch.size regardless). The next partition is uniform over available partitions,
 * or weighted toward short queues when adaptive partitioning has load statistics.
 */
export class BuiltInPartitioner {
  private sticky: StickyPartitionInfo | null = null;
  private loadStats: PartitionLoadStats | null = null;

  constructor(
    private readonly topic: string,
    private readonly stickyBatchSizeBytes: number,
    private readonly random: Random,
  ) {}

  /** toPositive(murmur2(key)) % numPartitions over all partitions, led or not. */
  static partitionForKey(serializedKey: Uint8Array, numPartitions: number): number {
    return toPositive(murmur2(serializedKey)) % numPartitions;
  }

  get hasCurrentPartition(): boolean {
    return this.sticky !== null;
  }

  /** Whether appending `appendedBytes` more could move the sticky partition (the accumulator then refreshes load stats). */
  mayPickNextAfter(appendedBytes: number): boolean {
    return this.sticky !== null && this.sticky.producedBytes + appendedBytes >= this.stickyBatchSizeBytes;
  }

  peekCurrentPartitionInfo(cluster: PartitionsView): StickyPartitionInfo {
    if (this.sticky === null) this.sticky = new StickyPartitionInfo(this.nextPartition(cluster));
    return this.sticky;
  }

  /** Count appended bytes; switch partition once enough was produced (updatePartitionInfo). */
  updatePartitionInfo(info: StickyPartitionInfo, appendedBytes: number, cluster: PartitionsView, enableSwitch: boolean): void {
    if (info !== this.sticky) return;
    info.producedBytes += appendedBytes;
    const size = this.stickyBatchSizeBytes;
    if ((info.producedBytes >= size && enableSwitch) || info.producedBytes >= size * 2) {
      this.sticky = new StickyPartitionInfo(this.nextPartition(cluster));
    }
  }

  /**
   * Queue sizes (batches per partition) → inverted cumulative frequency table, e.g. sizes
   * 0 3 1 → weights 4 1 3 → CFT 4 5 8. Equal sizes mean no adaptivity (uniform choice).
   */
  updatePartitionLoadStats(queueSizes: number[] | null, partitionIds: number[], length: number): void {
    if (queueSizes === null || length < 1 || queueSizes.length < 2) {
      this.loadStats = null;
      return;
    }
    let maxSizePlus1 = queueSizes[0]!;
    let allEqual = true;
    for (let i = 1; i < length; i++) {
      if (queueSizes[i] !== maxSizePlus1) allEqual = false;
      if (queueSizes[i]! > maxSizePlus1) maxSizePlus1 = queueSizes[i]!;
    }
    ++maxSizePlus1;
    if (allEqual && length === queueSizes.length) {
      this.loadStats = null;
      return;
    }
    const cft = queueSizes.slice(0, length);
    cft[0] = maxSizePlus1 - cft[0]!;
    for (let i = 1; i < length; i++) cft[i] = maxSizePlus1 - cft[i]! + cft[i - 1]!;
    this.loadStats = { cumulativeFrequencyTable: cft, partitionIds: partitionIds.slice(0, length) };
  }

  private nextPartition(cluster: PartitionsView): number {
    const random = toPositive(this.random.nextInt32());
    const stats = this.loadStats;
    if (stats === null) {
      const available = cluster.availablePartitions(this.topic);
      if (available.length > 0) return available[random % available.length]!;
      return random % (cluster.partitionCount(this.topic) ?? 1);
    }
    const cft = stats.cumulativeFrequencyTable;
    const weighted = random % cft[cft.length - 1]!;
    // The first entry strictly greater than the draw (Arrays.binarySearch + 1 in Kafka).
    const index = cft.findIndex((value) => value > weighted);
    return stats.partitionIds[index]!;
  }
}
