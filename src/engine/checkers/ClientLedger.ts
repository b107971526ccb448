/**
 * The client-side ledger of the guarantees checker: every record acknowledged to a producer
 * (its partition, offset, key and value) and every record a consumer returned. The checker
 * later asks whether each is still at its offset on the partition's current leader.
 */

export interface LedgerEntry {
  readonly client: string;
  readonly tp: string;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly atMs: number;
  /** The leader (broker:epoch) it was last found at its offset under; '' when not checked yet. */
  checkedUnder: string;
  /** What is at its offset now, when it is not the record (undefined: the record is in place). */
  mismatch?: { nowValue: string | null };
  /** The event that most likely caused the mismatch, once found. */
  cause?: string | null;
  causeSeq?: number | null;
}

/** Entries kept per kind: the most recent ones (memory stays bounded during long streams). */
export const LEDGER_MAX_ENTRIES = 10_000;

export class LedgerList {
  private entries: LedgerEntry[] = [];
  /** Entries dropped because the ledger was full (the oldest). */
  dropped = 0;

  add(entry: Omit<LedgerEntry, 'checkedUnder'>): void {
    this.entries.push({ ...entry, checkedUnder: '' });
    if (this.entries.length > LEDGER_MAX_ENTRIES * 1.2) {
      const cut = this.entries.length - LEDGER_MAX_ENTRIES;
      this.entries = this.entries.slice(cut);
      this.dropped += cut;
    }
  }

  get size(): number {
    return this.entries.length;
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  /** Entries grouped by partition, in offset order. */
  byPartition(): Map<string, LedgerEntry[]> {
    const map = new Map<string, LedgerEntry[]>();
    for (const e of this.entries) {
      const list = map.get(e.tp);
      if (list) list.push(e);
      else map.set(e.tp, [e]);
    }
    for (const list of map.values()) list.sort((a, b) => a.offset - b.offset);
    return map;
  }
}

/** What producers and consumers report to the checker (LabProducer / LabConsumer call it). */
export interface ClientObserver {
  acked(producer: string, tp: string, offset: number, key: string | null, value: string | null): void;
  consumed(consumer: string, tp: string, offset: number, key: string | null, value: string | null): void;
}

export class ClientLedger implements ClientObserver {
  readonly acks = new LedgerList();
  readonly consumed_ = new LedgerList();
  /** Bumped on every new entry, so the checker knows there is work. */
  version = 0;

  constructor(private readonly nowMs: () => number) {}

  acked(producer: string, tp: string, offset: number, key: string | null, value: string | null): void {
    if (offset < 0) return; // acks=0: the producer learns no offset
    this.acks.add({ client: producer, tp, offset, key, value, atMs: this.nowMs() });
    this.version++;
  }

  consumed(consumer: string, tp: string, offset: number, key: string | null, value: string | null): void {
    this.consumed_.add({ client: consumer, tp, offset, key, value, atMs: this.nowMs() });
    this.version++;
  }
}
