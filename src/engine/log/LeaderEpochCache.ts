/**
 * The leader-epoch cache of one replica (LeaderEpochFileCache.java): (epoch, startOffset) entries with
 * both strictly increasing. It answers OffsetsForLeaderEpoch / DivergingEpoch questions via endOffsetFor
 * and is trimmed when the log is truncated (from the end) or retention moves logStartOffset (from the start).
 */
export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export interface EpochEndOffset {
  epoch: number;
  endOffset: number;
}

/** UNDEFINED_EPOCH / UNDEFINED_EPOCH_OFFSET */
const UNDEFINED = -1;

export class LeaderEpochCache {
  private list: EpochEntry[];

  constructor(entries: readonly EpochEntry[] = []) {
    this.list = entries.map((e) => ({ ...e }));
  }

  entries(): readonly EpochEntry[] {
    return this.list;
  }

  get latestEntry(): EpochEntry | undefined {
    return this.list[this.list.length - 1];
  }

  get earliestEntry(): EpochEntry | undefined {
    return this.list[0];
  }

  get latestEpoch(): number | undefined {
    return this.latestEntry?.epoch;
  }

  /**
   * Records that `epoch` starts at `startOffset`. Ignored for negative epochs and for a repeat of the
   * latest epoch at a later offset; a new entry first removes entries it contradicts (epoch >= it, or
   * start offset >= it), which is how an epoch restarting earlier truncates its predecessors.
   * Returns whether the cache changed.
   */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0) return false;
    const latest = this.latestEntry;
    if (latest && latest.epoch === epoch && startOffset >= latest.startOffset) return false;
    this.list = this.list.filter((e) => e.epoch < epoch && e.startOffset < startOffset);
    this.list.push({ epoch, startOffset });
    return true;
  }

  /** (epoch, end offset) for a requested epoch: the start of the next higher epoch, or LEO for the latest. */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const latest = this.latestEntry;
    if (requestedEpoch === UNDEFINED || latest === undefined) return { epoch: UNDEFINED, endOffset: UNDEFINED };
    if (requestedEpoch === latest.epoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higherIndex = this.list.findIndex((e) => e.epoch > requestedEpoch);
    if (higherIndex < 0) return { epoch: UNDEFINED, endOffset: UNDEFINED };
    const higher = this.list[higherIndex]!;
    const floor = higherIndex > 0 ? this.list[higherIndex - 1]! : undefined;
    return floor === undefined
      ? { epoch: requestedEpoch, endOffset: higher.startOffset }
      : { epoch: floor.epoch, endOffset: higher.startOffset };
  }

  /** The epoch that wrote `offset` (the last entry starting at or before it). */
  epochForOffset(offset: number): number | undefined {
    let epoch: number | undefined;
    for (const e of this.list) if (e.startOffset <= offset) epoch = e.epoch;
    return epoch;
  }

  /** Log truncated to endOffset: entries starting at or after it are gone. Returns whether it changed. */
  truncateFromEnd(endOffset: number): boolean {
    const before = this.list.length;
    this.list = this.list.filter((e) => e.startOffset < endOffset);
    return this.list.length !== before;
  }

  /**
   * logStartOffset moved to startOffset: entries wholly below it are dropped and the one covering it
   * is moved up to start there. Returns whether it changed.
   */
  truncateFromStart(startOffset: number): boolean {
    let covering = -1;
    for (let i = 0; i < this.list.length; i++) if (this.list[i]!.startOffset <= startOffset) covering = i;
    if (covering < 0) return false;
    const moved = this.list[covering]!.startOffset !== startOffset;
    if (covering === 0 && !moved) return false;
    this.list = [{ epoch: this.list[covering]!.epoch, startOffset }, ...this.list.slice(covering + 1)];
    return true;
  }

  clear(): void {
    this.list = [];
  }
}
