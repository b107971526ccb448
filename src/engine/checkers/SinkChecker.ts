/**
 * The group invariant about the lab's sinks (issue 7): with a remedy on, no record is lost or
 * duplicated in a group's sink.
 * - SinkNoDuplicate: no record is held twice because of a write made while a remedy was on.
 * - SinkNoLoss: every record of a partition below the group's committed offset — from the first
 *   offset of that partition any member wrote — has a row. A committed offset says "processed";
 *   a record below it with no row was committed before it was processed (at-most-once) and is
 *   gone for good, since no member will be handed it again.
 * Incremental: each (group, partition) is verified up to the committed offset once.
 */

/** A sink as the checker reads it (GroupSink satisfies it). */
export interface CheckedSink {
  readonly groupId: string;
  readonly remedy: string;
  readonly remedyFailures: number;
  rowsFor(id: string): number;
  isInHand(id: string): boolean;
  firstOffset(tp: string): number | undefined;
}

/** What the checker reads of the lab (KafkaLab satisfies it). */
export interface SinkCheckedCluster {
  readonly sinks: { all(): readonly CheckedSink[] };
  group(groupId: string): { readonly committed: ReadonlyMap<string, number> } | null;
  /** Records of `tp`'s leader log from `fromOffset` ([] without a leader). */
  readRecords(tp: string, fromOffset: number, count: number): readonly { readonly offset: number }[];
}

export type Violate = (invariant: string, tp: string, text: string) => void;

/** How many records one check reads per partition at most (the rest waits for the next check). */
const READ_CHUNK = 500;

export class SinkChecker {
  /** "group|tp" → offset below which every record was found in the sink. */
  private readonly verifiedUpTo = new Map<string, number>();

  constructor(private readonly cluster: SinkCheckedCluster) {}

  check(violate: Violate): void {
    for (const sink of this.cluster.sinks.all()) {
      if (sink.remedy === 'none') continue;
      if (sink.remedyFailures > 0) {
        violate('SinkNoDuplicate', '', `group ${sink.groupId}'s sink holds ${sink.remedyFailures} record(s) twice although its remedy ${sink.remedy} was on`);
      }
      const committed = this.cluster.group(sink.groupId)?.committed;
      if (committed) for (const [tp, offset] of committed) this.checkPartition(sink, tp, offset, violate);
    }
  }

  private checkPartition(sink: CheckedSink, tp: string, committed: number, violate: Violate): void {
    const first = sink.firstOffset(tp);
    if (first === undefined) return;
    const key = `${sink.groupId}|${tp}`;
    const from = Math.max(first, this.verifiedUpTo.get(key) ?? first);
    if (from >= committed) return;
    const records = this.cluster.readRecords(tp, from, Math.min(READ_CHUNK, committed - from));
    if (records.length === 0) return;
    const below = records.filter((r) => r.offset < committed);
    // A record a member is still processing is not lost yet: look again from it next time.
    const inHand = below.find((r) => sink.isInHand(`${tp}@${r.offset}`));
    const settled = inHand === undefined ? below : below.filter((r) => r.offset < inHand.offset);
    const missing = settled.filter((r) => sink.rowsFor(`${tp}@${r.offset}`) === 0).map((r) => r.offset);
    if (missing.length > 0) {
      const shown = missing.length > 5 ? `${missing.slice(0, 5).join(', ')}, …` : missing.join(', ');
      violate('SinkNoLoss', tp, `group ${sink.groupId} committed ${tp} up to offset ${committed} but its sink has no row for offset(s) ${shown}: committed before they were processed, so they are lost`);
    }
    const upTo = inHand !== undefined ? inHand.offset : Math.min(committed, records[records.length - 1]!.offset + 1);
    this.verifiedUpTo.set(key, Math.max(from, upTo));
  }
}
