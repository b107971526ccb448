import type { SinkRow, SinkView } from '../groups/sink/types';
import type { SinkRowView, SinkSnapshotView } from '../snapshot';

/** How many of a sink's latest rows the snapshot carries (the counts stay exact). */
export const SINK_ROWS_IN_SNAPSHOT = 12;

/** What the builder reads of one group's sink (GroupSink satisfies it). */
export interface SinkSource {
  readonly groupId: string;
  /** Bumps on every change of the sink. */
  readonly version: number;
  view(): SinkView;
  /** The latest rows that duplicated a record the table already held (second copies), oldest first. */
  duplicateRows(): readonly SinkRow[];
  /** Rows the table holds for record `id` ("topic-N@offset"). */
  rowsFor(id: string): number;
}

const NO_SINKS: readonly SinkSnapshotView[] = [];

/**
 * The snapshot's sinks, sorted by group id. A lab whose groups never wrote anything pays one
 * empty call and gets the same empty array every frame; a sink is rebuilt only when its
 * version moved, so unchanged sinks keep their object and the Groups view skips re-rendering.
 */
export class SinkSnapshots {
  private readonly cache = new Map<string, { version: number; view: SinkSnapshotView }>();
  private last: readonly SinkSnapshotView[] = NO_SINKS;

  build(sinks: readonly SinkSource[]): readonly SinkSnapshotView[] {
    if (sinks.length === 0) {
      this.cache.clear();
      return (this.last = NO_SINKS);
    }
    const list = sinks.map((s) => this.sink(s)).sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
    if (list.length === this.last.length && list.every((s, i) => s === this.last[i])) return this.last;
    return (this.last = list);
  }

  private sink(source: SinkSource): SinkSnapshotView {
    const cached = this.cache.get(source.groupId);
    if (cached && cached.version === source.version) return cached.view;
    const view = sinkSnapshot(source);
    this.cache.set(source.groupId, { version: source.version, view });
    return view;
  }
}

/**
 * One sink: its counts, its latest rows and its latest duplicating rows (second copies of a
 * record), each with how many rows the table holds for its record. A busy topic pushes the
 * duplicates out of the latest rows within seconds; the second list keeps them in view.
 */
export function sinkSnapshot(source: SinkSource): SinkSnapshotView {
  const { latestRows, ...counts } = source.view();
  const withCopies = (row: SinkRow): SinkRowView => ({ ...row, copies: source.rowsFor(row.id) });
  const duplicateRows = counts.duplicates > 0 ? source.duplicateRows().slice(-SINK_ROWS_IN_SNAPSHOT).map(withCopies) : [];
  return { ...counts, latestRows: latestRows.slice(-SINK_ROWS_IN_SNAPSHOT).map(withCopies), duplicateRows };
}
