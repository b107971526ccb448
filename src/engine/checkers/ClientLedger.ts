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
  /** The leader epoch it was written under, as the client learnt it (-1 unknown). */
  readonly epoch: number;
  /** What is at its offset now, when it is not the record (undefined: the record is in place). */
  mismatch?: { nowValue: string | null };
  /** The event that most likely caused the mismatch, once found. */
  cause?: string | null;
  causeSeq?: number | null;
}

/** One partition's entries in the order they came, and how far they were checked. */
export interface PartitionLedger {
  readonly entries: LedgerEntry[];
  /** The leader (broker:epoch) entries[0..checked) were checked under. */
  checkedUnder: string;
  checked: number;
}

/** Entries kept per kind: the most recent ones (memory stays bounded during long streams). */
export const LEDGER_MAX_ENTRIES = 10_000;

export class LedgerList {
  private readonly byTp = new Map<string, PartitionLedger>();
  /** Every entry in arrival order, for dropping the oldest. */
  private order: LedgerEntry[] = [];
  /** Entries not at their offset now (kept in step with re-checks and drops). */
  readonly mismatched = new Set<LedgerEntry>();
  /** Entries dropped because the ledger was full (the oldest). */
  dropped = 0;

  add(entry: LedgerEntry): void {
    let ledger = this.byTp.get(entry.tp);
    if (!ledger) this.byTp.set(entry.tp, (ledger = { entries: [], checkedUnder: '', checked: 0 }));
    ledger.entries.push(entry);
    this.order.push(entry);
    if (this.order.length > LEDGER_MAX_ENTRIES * 1.2) this.dropOldest(this.order.length - LEDGER_MAX_ENTRIES);
  }

  get size(): number {
    return this.order.length;
  }

  all(): readonly LedgerEntry[] {
    return this.order;
  }

  partitions(): IterableIterator<[string, PartitionLedger]> {
    return this.byTp.entries();
  }

  /** Drop the `count` oldest entries: each partition's list loses a prefix. */
  private dropOldest(count: number): void {
    const doomed = this.order.slice(0, count);
    this.order = this.order.slice(count);
    this.dropped += count;
    const perTp = new Map<string, number>();
    for (const e of doomed) {
      perTp.set(e.tp, (perTp.get(e.tp) ?? 0) + 1);
      this.mismatched.delete(e);
    }
    for (const [tp, n] of perTp) {
      const ledger = this.byTp.get(tp)!;
      ledger.entries.splice(0, n);
      ledger.checked = Math.max(0, ledger.checked - n);
      if (ledger.entries.length === 0) this.byTp.delete(tp);
    }
  }
}

/** What producers and consumers report to the checker (LabProducer / LabConsumer call it). */
export interface ClientObserver {
  acked(producer: string, tp: string, offset: number, key: string | null, value: string | null, epoch: number): void;
  consumed(consumer: string, tp: string, offset: number, key: string | null, value: string | null, epoch: number): void;
}

export class ClientLedger implements ClientObserver {
  readonly acks = new LedgerList();
  readonly consumedRecords = new LedgerList();
  /** Bumped on every new entry, so the checker knows there is work. */
  version = 0;

  constructor(private readonly nowMs: () => number) {}

  acked(producer: string, tp: string, offset: number, key: string | null, value: string | null, epoch: number): void {
    if (offset < 0) return; // acks=0: the producer learns no offset
    this.acks.add({ client: producer, tp, offset, key, value, epoch, atMs: this.nowMs() });
    this.version++;
  }

  consumed(consumer: string, tp: string, offset: number, key: string | null, value: string | null, epoch: number): void {
    this.consumedRecords.add({ client: consumer, tp, offset, key, value, epoch, atMs: this.nowMs() });
    this.version++;
  }
}
