/**
 * The group's sink: a lab model of the application's database that a consumer group's members
 * write what they process into. It is not part of Kafka; it makes duplicate consumption (a
 * record processed again after a crash before its offset was committed) visible, and lets a
 * learner switch on one of the three classic remedies.
 */
import type { ConsumerRecord } from '../../lab/types';

/**
 * How the sink protects itself from a record delivered twice:
 * - none: every processed record becomes a row (a redelivered record is a duplicate row);
 * - dedupe-id: store-and-check — the application looks its processed-ids table up first and
 *   skips a record whose id is there;
 * - unique-constraint: the table has UNIQUE (id, account), so the second INSERT is rejected and
 *   the write is idempotent;
 * - version-check: a precondition (UPDATE … WHERE version < record's version): a record not
 *   newer than what the account's row already reflects is not applied.
 */
export const SINK_REMEDIES = ['none', 'dedupe-id', 'unique-constraint', 'version-check'] as const;
export type SinkRemedy = (typeof SINK_REMEDIES)[number];

export function isSinkRemedy(value: unknown): value is SinkRemedy {
  return (SINK_REMEDIES as readonly unknown[]).includes(value);
}

/** One row of the sink's table. */
export interface SinkRow {
  /**
   * The record's unique id: "topic-partition@offset". A real application carries its own id in
   * the message (an order id, a payment id); the lab uses the record's position in the log,
   * which is unique per record and identical on every delivery of it.
   */
  readonly id: string;
  /** The record's key (the seed's "account"); "null" for a record without a key. */
  readonly account: string;
  readonly value: string | null;
  /** The record's version for the precondition check: its offset in its partition. */
  readonly version: number;
  /** The member (consumer name) that wrote the row. */
  readonly writtenBy: string;
  /** Simulated time of the write: the moment processing of the record ended. */
  readonly atMs: number;
}

/** What became of one write. */
export type SinkWriteOutcome =
  /** A new row. */
  | 'inserted'
  /** A new row for a record the table already held (remedy none): a duplicate. */
  | 'duplicate'
  /** dedupe-id: the id was found in the processed-ids table, nothing written. */
  | 'skipped'
  /** unique-constraint: the INSERT violated UNIQUE (id, account), nothing written. */
  | 'rejected'
  /** version-check: the account's row is already at this version or newer, nothing written. */
  | 'stale';

/** The sink as views and expectations read it. */
export interface SinkView {
  readonly groupId: string;
  readonly remedy: SinkRemedy;
  /** Writes the members made (every record processed, redeliveries included). */
  readonly received: number;
  /** Rows the table holds. */
  readonly rows: number;
  /** Records the table holds more than once (distinct ids with two or more rows). */
  readonly duplicates: number;
  /** Records received more than once (whether or not a remedy kept them out). */
  readonly redelivered: number;
  /** Writes a remedy kept out of the table (skipped, rejected or stale). */
  readonly prevented: number;
  /** The latest rows, oldest first (at most SINK_ROWS_SHOWN; the counts above are exact). */
  readonly latestRows: readonly SinkRow[];
}

/**
 * What a LabConsumer needs of the sinks (a narrow seam: the consumer knows nothing else).
 * A member opens a batch when a poll hands it records, writes each record when its
 * processing ends, and closes the batch when it is done (or died half-way).
 */
export interface ProcessingSink {
  /** `records`: the batch in hand, in processing order (written one by one as each is done). */
  openBatch(groupId: string, member: string, records: readonly ConsumerRecord[]): ProcessingBatch;
}

export interface ProcessingBatch {
  write(record: ConsumerRecord): void;
  /** `interrupted`: why the rest of the batch was never processed (a crash), for the summary. */
  close(interrupted?: { reason: string; unprocessed: number }): void;
}
