/**
 * The group sink's table and its remedies, driven directly: the same schedule of writes (every
 * record once, then a crashed member's records again, as the next owner reprocesses them) under
 * each remedy.
 */
import { describe, expect, it } from 'vitest';
import type { ConsumerRecord } from '../../lab/types';
import { GroupSink, SINK_ROWS_SHOWN } from './GroupSink';
import { SINK_REMEDIES, type SinkRemedy } from './types';

function clock() {
  const events: { actor: string; text: string }[] = [];
  return { nowMs: 0, events, emit: (_kind: 'consumer', actor: string, text: string) => void events.push({ actor, text }) };
}

function record(partition: number, offset: number, key: string | null = `k${offset % 3}`): ConsumerRecord {
  return { topic: 'orders', partition, offset, timestampMs: 0, timestampType: 'CreateTime', key, value: `v${partition}-${offset}`, headers: {}, leaderEpoch: 0 };
}

/** c1 processes orders-0@0–4, c2 orders-1@0–4 and dies uncommitted; c1 then reprocesses orders-1@0–4. */
function crashSchedule(sink: GroupSink): void {
  for (let o = 0; o < 5; o++) sink.write('c1', record(0, o));
  for (let o = 0; o < 5; o++) sink.write('c2', record(1, o));
  for (let o = 0; o < 5; o++) sink.write('c1', record(1, o));
}

describe('GroupSink', () => {
  it('without a remedy, the records processed twice are held twice: duplicates show', () => {
    const sink = new GroupSink('g1', clock());
    crashSchedule(sink);
    const view = sink.view();
    expect(view).toMatchObject({ remedy: 'none', received: 15, rows: 15, duplicates: 5, redelivered: 5, prevented: 0 });
    expect(sink.rowsFor('orders-1@3')).toBe(2);
    expect(sink.rowsFor('orders-0@3')).toBe(1);
    expect(sink.remedyFailures).toBe(0);
    // The second copies, for views: c1's rewrites of what c2 never committed.
    expect(sink.duplicateRows().map((r) => `${r.id} by ${r.writtenBy}`)).toEqual([0, 1, 2, 3, 4].map((o) => `orders-1@${o} by c1`));
  });

  it.each(SINK_REMEDIES.filter((r) => r !== 'none'))('with %s, the same schedule leaves each record once: no duplicate, none lost', (remedy) => {
    const sink = new GroupSink('g1', clock());
    sink.setRemedy(remedy);
    crashSchedule(sink);
    expect(sink.view()).toMatchObject({ remedy, received: 15, rows: 10, duplicates: 0, redelivered: 5, prevented: 5 });
    for (const p of [0, 1]) for (let o = 0; o < 5; o++) expect(sink.rowsFor(`orders-${p}@${o}`)).toBe(1);
    // The first delivery's row stays: it was written by the member that died.
    expect(sink.view().latestRows.filter((r) => r.id.startsWith('orders-1@')).map((r) => r.writtenBy)).toEqual(['c2', 'c2', 'c2', 'c2', 'c2']);
  });

  it('names each outcome the way its remedy works', () => {
    const outcomes: Record<SinkRemedy, string> = { none: 'duplicate', 'dedupe-id': 'skipped', 'unique-constraint': 'rejected', 'version-check': 'stale' };
    for (const remedy of SINK_REMEDIES) {
      const sink = new GroupSink('g1', clock());
      sink.setRemedy(remedy);
      expect(sink.write('c1', record(0, 7))).toBe('inserted');
      expect(sink.write('c2', record(0, 7))).toBe(outcomes[remedy]);
    }
  });

  it('version-check applies a newer record of the account and refuses an older or equal one', () => {
    const sink = new GroupSink('g1', clock());
    sink.setRemedy('version-check');
    expect(sink.write('c1', record(0, 5, 'acct-1'))).toBe('inserted');
    // Reprocessing from an earlier committed offset: versions 3 and 5 are not newer than 5.
    expect(sink.write('c2', record(0, 3, 'acct-1'))).toBe('stale');
    expect(sink.write('c2', record(0, 5, 'acct-1'))).toBe('stale');
    expect(sink.write('c2', record(0, 6, 'acct-1'))).toBe('inserted');
    // Another account, or the same key in another partition, has its own version.
    expect(sink.write('c2', record(0, 4, 'acct-2'))).toBe('inserted');
    expect(sink.write('c2', record(1, 2, 'acct-1'))).toBe('inserted');
  });

  it('a row carries the id, the account (the key), the value, the version, the writer and the time', () => {
    const c = clock();
    const sink = new GroupSink('g1', c);
    c.nowMs = 1234;
    sink.write('c3', record(2, 9, null));
    expect(sink.view().latestRows).toEqual([{ id: 'orders-2@9', account: 'null', value: 'v2-9', version: 9, writtenBy: 'c3', atMs: 1234 }]);
  });

  it('switching a remedy on applies it from the next write; rows from before stay', () => {
    const sink = new GroupSink('g1', clock());
    crashSchedule(sink);
    sink.setRemedy('dedupe-id');
    expect(sink.write('c1', record(1, 0))).toBe('skipped');
    expect(sink.write('c1', record(0, 9))).toBe('inserted');
    expect(sink.view()).toMatchObject({ rows: 16, duplicates: 5 });
    expect(sink.remedyFailures).toBe(0);
  });

  it('keeps exact counts but only the latest rows as objects', () => {
    const sink = new GroupSink('g1', clock());
    for (let o = 0; o < SINK_ROWS_SHOWN + 50; o++) sink.write('c1', record(0, o));
    const view = sink.view();
    expect(view.rows).toBe(SINK_ROWS_SHOWN + 50);
    expect(view.latestRows).toHaveLength(SINK_ROWS_SHOWN);
    expect(view.latestRows[0]!.id).toBe('orders-0@50');
  });

  describe('batches', () => {
    it('stay quiet until someone picks a remedy, then say one sentence per batch', () => {
      const c = clock();
      const sink = new GroupSink('g1', c);
      const quiet = sink.openBatch('c1');
      quiet.write(record(0, 0));
      quiet.close();
      expect(c.events).toEqual([]);
      sink.setRemedy('none');
      const batch = sink.openBatch('c2');
      for (const o of [0, 1, 2]) batch.write(record(0, o));
      batch.close();
      expect(c.events.at(-1)).toEqual({ actor: 'c2', text: "wrote 3 records into group g1's sink (orders-0@0–2); 1 of them was already there, so the table now holds them twice: duplicates orders-0@0 (remedy none)" });
    });

    it('say what each remedy kept out, and what a crash left unprocessed', () => {
      const c = clock();
      const sink = new GroupSink('g1', c);
      sink.setRemedy('unique-constraint');
      sink.write('c1', record(0, 0));
      sink.write('c1', record(0, 1));
      const batch = sink.openBatch('c2');
      for (const o of [0, 1, 2]) batch.write(record(0, o));
      batch.close({ reason: 'crashed', unprocessed: 4 });
      batch.write(record(0, 3));
      expect(c.events.at(-1)!.text).toBe("wrote 1 record into group g1's sink (orders-0@2); 2 records rejected by the unique constraint on (id, account) (orders-0@0–1): the write is idempotent; crashed before processing the other 4 records of the batch");
      expect(sink.rowsFor('orders-0@3')).toBe(0);
    });
  });
});
