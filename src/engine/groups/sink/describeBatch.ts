import type { SinkRemedy, SinkWriteOutcome } from './types';

/** How many offset ranges an event names before it says "…". */
const RANGES_SHOWN = 4;

interface Written {
  readonly record: { topic: string; partition: number; offset: number };
  readonly outcome: SinkWriteOutcome;
}

/**
 * One sentence for a member's batch of writes: what was stored, and what the remedy kept out
 * (or, without one, which records the table now holds twice). One event per poll batch, so a
 * fast group does not flood the log.
 */
export function describeBatch(groupId: string, remedy: SinkRemedy, written: readonly Written[], interrupted?: { reason: string; unprocessed: number }): string {
  const of = (...outcomes: SinkWriteOutcome[]) => written.filter((w) => outcomes.includes(w.outcome)).map((w) => w.record);
  const stored = of('inserted', 'duplicate');
  const parts = [stored.length > 0 ? `wrote ${count(stored.length)} into group ${groupId}'s sink (${ranges(stored)})` : `wrote nothing new into group ${groupId}'s sink`];
  const duplicate = of('duplicate');
  if (duplicate.length > 0) parts.push(`${duplicate.length} of them ${duplicate.length === 1 ? 'was' : 'were'} already there, so the table now holds them twice: duplicates ${ranges(duplicate)} (remedy ${remedy})`);
  const skipped = of('skipped');
  if (skipped.length > 0) parts.push(`skipped ${count(skipped.length)} whose id was already stored (dedupe-id: ${ranges(skipped)})`);
  const rejected = of('rejected');
  if (rejected.length > 0) parts.push(`${count(rejected.length)} rejected by the unique constraint on (id, account) (${ranges(rejected)}): the write is idempotent`);
  const stale = of('stale');
  if (stale.length > 0) parts.push(`${count(stale.length)} not applied: the account's row already has that version or a newer one (version-check: ${ranges(stale)})`);
  if (interrupted && interrupted.unprocessed > 0) parts.push(`${interrupted.reason} before processing the other ${count(interrupted.unprocessed)} of the batch`);
  return parts.join('; ');
}

function count(n: number): string {
  return `${n} record${n === 1 ? '' : 's'}`;
}

/** "orders-0@3–7, orders-2@10": consecutive offsets of one partition as one range. */
export function ranges(records: readonly { topic: string; partition: number; offset: number }[]): string {
  const byTp = new Map<string, number[]>();
  for (const r of records) {
    const tp = `${r.topic}-${r.partition}`;
    byTp.set(tp, [...(byTp.get(tp) ?? []), r.offset]);
  }
  const out: string[] = [];
  for (const [tp, offsets] of byTp) {
    const sorted = [...new Set(offsets)].sort((a, b) => a - b);
    let start = sorted[0]!;
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === sorted[i - 1]! + 1) continue;
      const end = sorted[i - 1]!;
      out.push(start === end ? `${tp}@${start}` : `${tp}@${start}–${end}`);
      if (i < sorted.length) start = sorted[i]!;
    }
  }
  return out.length > RANGES_SHOWN ? `${out.slice(0, RANGES_SHOWN).join(', ')}, …` : out.join(', ');
}
