import type { ConsumerRecord } from '../../lab/types';
import type { ProcessingBatch, SinkRemedy, SinkRow, SinkView, SinkWriteOutcome } from './types';
import { describeBatch } from './describeBatch';

/** How many of the latest rows a sink keeps as objects for views (its counts stay exact). */
export const SINK_ROWS_SHOWN = 200;

/** What a sink needs of the kernel: the simulated clock and the event log. */
export interface SinkClock {
  readonly nowMs: number;
  emit(kind: 'consumer', actor: string, text: string): void;
}

/**
 * One consumer group's sink: a small table the group's members write each processed record
 * into, with the remedy the application uses against records delivered twice. Pure and
 * deterministic: a write is a function of the table and the record.
 *
 * The bookkeeping behind every remedy is kept whatever the remedy (ids held, each account's
 * version), so switching the remedy mid-run applies it from the next write on; rows written
 * before stay as they are (a real table keeps its old duplicate rows too).
 */
export class GroupSink {
  private current: SinkRemedy = 'none';
  /**
   * Per partition ("topic-N"): offset → rows held, offset → times a member wrote it (redeliveries
   * included), and the lowest offset written (where the checker starts looking for lost records).
   * Number-keyed maps per partition: a long run writes many records.
   */
  private readonly byTp = new Map<string, { rows: Map<number, number>; received: Map<number, number>; first: number }>();
  /** "account|topic-partition" → the version (offset) of the latest record applied to it. */
  private readonly versions = new Map<string, number>();
  private readonly latest: SinkRow[] = [];
  /** The latest second (or later) rows of a record, for views: a busy topic pushes them out of `latest` fast. */
  private readonly duplicated: SinkRow[] = [];
  /** id → open batches holding the record, not yet written (processing in progress). */
  private readonly inHand = new Map<string, number>();
  private counts = { received: 0, rows: 0, duplicates: 0, redelivered: 0, prevented: 0 };
  /** Writes after a remedy was on that still made a second row (the checker's finding; 0 by design). */
  private duplicatesUnderRemedy = 0;
  /** Announce batches in the event log (off until someone looks at the sink: quiet traces stay as they were). */
  narrate = false;
  /** Bumps on every change, so views and checkers can skip an unchanged sink. */
  version = 0;

  constructor(
    readonly groupId: string,
    private readonly clock: SinkClock,
  ) {}

  get remedy(): SinkRemedy {
    return this.current;
  }

  setRemedy(remedy: SinkRemedy): void {
    this.current = remedy;
    this.narrate = true;
    this.version++;
    this.clock.emit('consumer', `sink ${this.groupId}`, `group ${this.groupId}'s sink now uses remedy ${remedy}: ${REMEDY_WORDS[remedy]}`);
  }

  /** Write one processed record, as the application does when its processing ends. */
  write(member: string, record: ConsumerRecord): SinkWriteOutcome {
    const row = rowOf(record, member, this.clock.nowMs);
    const tp = this.partition(`${record.topic}-${record.partition}`);
    tp.first = Math.min(tp.first, record.offset);
    const received = (tp.received.get(record.offset) ?? 0) + 1;
    tp.received.set(record.offset, received);
    this.counts.received++;
    if (received === 2) this.counts.redelivered++;
    this.version++;
    const held = tp.rows.get(record.offset) ?? 0;
    const outcome = this.decide(row, held);
    if (outcome === 'inserted' || outcome === 'duplicate') {
      tp.rows.set(record.offset, held + 1);
      this.insert(row, held);
    } else this.counts.prevented++;
    return outcome;
  }

  /**
   * A batch of writes by one member, announced as one event when it closes. Its records are
   * "in hand" until written: processed soon, so not lost even if their offsets are committed.
   */
  openBatch(member: string, records: readonly ConsumerRecord[] = []): ProcessingBatch {
    const written: { record: ConsumerRecord; outcome: SinkWriteOutcome }[] = [];
    const pending = new Set(records.map(recordId));
    for (const id of pending) this.inHand.set(id, (this.inHand.get(id) ?? 0) + 1);
    const release = (id: string): void => {
      if (!pending.delete(id)) return;
      const n = (this.inHand.get(id) ?? 1) - 1;
      if (n > 0) this.inHand.set(id, n);
      else this.inHand.delete(id);
    };
    let open = true;
    return {
      write: (record) => {
        if (!open) return;
        release(recordId(record));
        written.push({ record, outcome: this.write(member, record) });
      },
      close: (interrupted) => {
        if (!open) return;
        open = false;
        for (const id of [...pending]) release(id);
        if (this.narrate && (written.length > 0 || interrupted)) this.clock.emit('consumer', member, describeBatch(this.groupId, this.current, written, interrupted));
      },
    };
  }

  /** Rows held for record `id` ("topic-N@offset"): 0, 1, or more when duplicated. */
  rowsFor(id: string): number {
    const at = id.lastIndexOf('@');
    return this.byTp.get(id.slice(0, at))?.rows.get(Number(id.slice(at + 1))) ?? 0;
  }

  /** True while a member holds the record in a batch it is still processing. */
  isInHand(id: string): boolean {
    return this.inHand.has(id);
  }

  /** The lowest offset of `tp` ("topic-N") a member wrote, or undefined when none did. */
  firstOffset(tp: string): number | undefined {
    return this.byTp.get(tp)?.first;
  }

  /** Ids the table holds more than once that were written while a remedy was on (must be 0). */
  get remedyFailures(): number {
    return this.duplicatesUnderRemedy;
  }

  /** The latest rows that duplicated a record already held, oldest first (at most SINK_ROWS_SHOWN). */
  duplicateRows(): readonly SinkRow[] {
    return this.duplicated.slice(-SINK_ROWS_SHOWN);
  }

  view(): SinkView {
    return { groupId: this.groupId, remedy: this.current, ...this.counts, latestRows: this.latest.slice(-SINK_ROWS_SHOWN) };
  }

  private partition(tp: string): { rows: Map<number, number>; received: Map<number, number>; first: number } {
    let state = this.byTp.get(tp);
    if (!state) this.byTp.set(tp, (state = { rows: new Map(), received: new Map(), first: Number.MAX_SAFE_INTEGER }));
    return state;
  }

  /** What the remedy does with a record of which the table holds `held` rows. */
  private decide(row: SinkRow, held: number): SinkWriteOutcome {
    switch (this.current) {
      case 'none':
        return held > 0 ? 'duplicate' : 'inserted';
      case 'dedupe-id':
        // SELECT 1 FROM processed_ids WHERE id = ? — found: skip the record.
        return held > 0 ? 'skipped' : 'inserted';
      case 'unique-constraint':
        // The id is unique per record, so UNIQUE (id, account) is violated exactly when the id is held.
        return held > 0 ? 'rejected' : 'inserted';
      case 'version-check': {
        const applied = this.versions.get(versionKey(row));
        return applied !== undefined && applied >= row.version ? 'stale' : 'inserted';
      }
    }
  }

  private insert(row: SinkRow, held: number): void {
    this.counts.rows++;
    if (held === 1) {
      this.counts.duplicates++;
      if (this.current !== 'none') this.duplicatesUnderRemedy++;
    }
    const key = versionKey(row);
    this.versions.set(key, Math.max(this.versions.get(key) ?? -1, row.version));
    this.latest.push(row);
    // Trimmed in bulk, so a busy sink does not shift the array on every write.
    if (this.latest.length >= 2 * SINK_ROWS_SHOWN) this.latest.splice(0, this.latest.length - SINK_ROWS_SHOWN);
    if (held > 0) {
      this.duplicated.push(row);
      if (this.duplicated.length >= 2 * SINK_ROWS_SHOWN) this.duplicated.splice(0, this.duplicated.length - SINK_ROWS_SHOWN);
    }
  }
}

const REMEDY_WORDS: Record<SinkRemedy, string> = {
  none: 'every processed record becomes a row, so a record processed twice is stored twice',
  'dedupe-id': 'before writing, look the record\'s unique id up among the stored ones and skip it when found',
  'unique-constraint': 'the table has UNIQUE (id, account), so a second INSERT of a record is rejected (an idempotent write)',
  'version-check': 'write only if the account\'s row is older than the record (its version, the offset, must be newer)',
};

export function recordId(record: { topic: string; partition: number; offset: number }): string {
  return `${record.topic}-${record.partition}@${record.offset}`;
}

function rowOf(record: ConsumerRecord, member: string, atMs: number): SinkRow {
  return { id: recordId(record), account: record.key ?? 'null', value: record.value, version: record.offset, writtenBy: member, atMs };
}

/** Versions are offsets, which only order records of one partition: a key's row keeps one version per partition. */
function versionKey(row: SinkRow): string {
  return `${row.account}|${row.id.slice(0, row.id.lastIndexOf('@'))}`;
}
