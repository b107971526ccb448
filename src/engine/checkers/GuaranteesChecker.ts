import type { LabEvent } from '../kernel';
import type { UnifiedLog } from '../log';
import { readRecordWindow } from '../lab/LogRecordReader';
import { mayBeCompactedAway } from '../log/cleaner';
import type { GuaranteesView, LedgerIssueView, ViolationView } from '../snapshot';
import type { ClientLedger, LedgerEntry, LedgerList } from './ClientLedger';
import { InvariantChecker, type CheckedCluster } from './InvariantChecker';

/** How many issues of each kind the view lists (the counts are exact). */
const ISSUES_SHOWN = 200;

/**
 * The live guarantees panel's engine: the client ledger (acknowledged and consumed records)
 * checked against each partition's current leader, and Kafka's invariants. A finding is an
 * event with its likely cause, never an exception. Checks are incremental: a ledger entry is
 * re-read only when its partition's leader or epoch changed since it was last found in place.
 */
export class GuaranteesChecker {
  private readonly invariants: InvariantChecker;
  private lastStep = -1;
  private view: GuaranteesView = { ackedChecked: 0, consumedChecked: 0, lostAckedCount: 0, truncatedConsumedCount: 0, lostAcked: [], truncatedConsumed: [], violations: [] };
  private lost = 0;
  private truncated = 0;
  /** The findings behind the current view (its lists are rebuilt only when these change). */
  private lastLost: readonly LedgerEntry[] = [];
  private lastTruncated: readonly LedgerEntry[] = [];

  constructor(private readonly cluster: CheckedCluster, private readonly ledger: ClientLedger) {
    this.invariants = new InvariantChecker(cluster);
  }

  /** Check now (cheap when nothing changed since the last check) and return the findings. */
  check(): GuaranteesView {
    const step = this.cluster.kernel.steps + this.ledger.version;
    if (step === this.lastStep) return this.view;
    this.lastStep = step;
    // ZooKeeper's partition states, parsed once for both checks.
    const states = this.cluster.partitionStates();
    const leaders = this.currentLeaders(states);
    const lostAcked = this.verify(this.ledger.acks, leaders);
    const truncatedConsumed = this.verify(this.ledger.consumedRecords, leaders);
    const violations = this.invariants.check(states);
    this.report(lostAcked, truncatedConsumed);
    const same = sameEntries(lostAcked, this.lastLost) && sameEntries(truncatedConsumed, this.lastTruncated) && violations === this.view.violations;
    this.lastLost = lostAcked;
    this.lastTruncated = truncatedConsumed;
    const counts = { ackedChecked: this.ledger.acks.size, consumedChecked: this.ledger.consumedRecords.size };
    if (same && counts.ackedChecked === this.view.ackedChecked && counts.consumedChecked === this.view.consumedChecked) return this.view;
    this.view = {
      ...counts,
      lostAckedCount: lostAcked.length,
      truncatedConsumedCount: truncatedConsumed.length,
      lostAcked: same ? this.view.lostAcked : lostAcked.slice(-ISSUES_SHOWN).map(issueView),
      truncatedConsumed: same ? this.view.truncatedConsumed : truncatedConsumed.slice(-ISSUES_SHOWN).map(issueView),
      violations,
    };
    return this.view;
  }

  /** Lost acknowledged records of one producer (or all), checked now. */
  lostAckedCount(producer?: string): number {
    this.check();
    return [...this.ledger.acks.mismatched].filter((e) => producer === undefined || e.client === producer).length;
  }

  truncatedConsumedCount(consumer?: string): number {
    this.check();
    return [...this.ledger.consumedRecords.mismatched].filter((e) => consumer === undefined || e.client === consumer).length;
  }

  get violations(): readonly ViolationView[] {
    return this.check().violations;
  }

  /** Each partition's leader as the controller recorded it, if that broker applied it and serves the log. */
  private currentLeaders(states: ReturnType<CheckedCluster['partitionStates']>): Map<string, { key: string; log: UnifiedLog }> {
    const leaders = new Map<string, { key: string; log: UnifiedLog }>();
    for (const { tp, leader, leaderEpoch } of states) {
      const broker = this.cluster.brokers[leader];
      const partition = broker?.alive ? broker.replicaManager.partitions.get(tp) : undefined;
      if (!partition?.log || !partition.isLeader || partition.leaderEpoch !== leaderEpoch) continue;
      leaders.set(tp, { key: `${leader}:${leaderEpoch}`, log: partition.log });
    }
    return leaders;
  }

  /**
   * Check the entries not yet checked under their partition's current leader (all of them
   * after a leader or epoch change, else only the new ones); returns those not in place.
   */
  private verify(list: LedgerList, leaders: Map<string, { key: string; log: UnifiedLog }>): LedgerEntry[] {
    for (const [tp, ledger] of list.partitions()) {
      const leader = leaders.get(tp);
      if (!leader) continue;
      if (ledger.checkedUnder !== leader.key) {
        ledger.checkedUnder = leader.key;
        ledger.checked = 0;
      }
      if (ledger.checked === ledger.entries.length) continue;
      const pending = ledger.entries.slice(ledger.checked).filter((e) => !sameEpochInPlace(e, leader.log)).sort((a, b) => a.offset - b.offset);
      if (pending.length > 0) checkAgainstLog(pending, leader.log);
      for (let i = ledger.checked; i < ledger.entries.length; i++) {
        const e = ledger.entries[i]!;
        if (e.mismatch) list.mismatched.add(e);
        else list.mismatched.delete(e);
      }
      ledger.checked = ledger.entries.length;
    }
    return [...list.mismatched].sort((a, b) => a.atMs - b.atMs);
  }

  /** New findings become events (the count only grows or shrinks by what changed). */
  private report(lostAcked: LedgerEntry[], truncatedConsumed: LedgerEntry[]): void {
    const { kernel } = this.cluster;
    if (lostAcked.length > this.lost) {
      const fresh = lostAcked.filter((e) => e.cause === undefined);
      for (const e of fresh) Object.assign(e, this.causeOf(e.tp));
      const first = fresh[0];
      if (first) kernel.emit('guarantees', 'checker', `${fresh.length} acknowledged record(s) lost, e.g. ${first.client}'s ${first.tp}@${first.offset} (value ${JSON.stringify(first.value)}): ${first.mismatch?.nowValue === null ? 'the log now ends before it' : `offset ${first.offset} now holds ${JSON.stringify(first.mismatch?.nowValue)}`}${first.cause ? `; likely cause: ${first.cause}` : ''}`, first.tp);
    }
    if (truncatedConsumed.length > this.truncated) {
      const fresh = truncatedConsumed.filter((e) => e.cause === undefined);
      for (const e of fresh) Object.assign(e, this.causeOf(e.tp));
      const first = fresh[0];
      if (first) kernel.emit('guarantees', 'checker', `${fresh.length} consumed record(s) are no longer in the log, e.g. ${first.client} read ${first.tp}@${first.offset} (value ${JSON.stringify(first.value)})${first.cause ? `; likely cause: ${first.cause}` : ''}`, first.tp);
    }
    this.lost = lostAcked.length;
    this.truncated = truncatedConsumed.length;
  }

  /** The latest election, truncation or offline event of `tp`: the likely cause of a loss. */
  private causeOf(tp: string): { cause: string | null; causeSeq: number | null } {
    const log = this.cluster.kernel.log;
    const from = Math.max(log.firstRetainedSeq, log.count - 5000);
    const events: readonly LabEvent[] = log.slice(from, log.count);
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i]!;
      if (e.tp !== tp || (e.kind !== 'controller' && e.kind !== 'broker')) continue;
      const text = typeof e.text === 'string' ? e.text : String(e.text);
      if (/truncated|UNCLEAN|elected|offline/.test(text)) return { cause: `${e.actor}: ${text}`, causeSeq: e.seq };
    }
    return { cause: null, causeSeq: null };
  }
}

/**
 * The cheap check (Kafka's log matching: one leader per epoch, so two logs holding the same
 * epoch at an offset hold the same record there): the entry's epoch is the one the leader's
 * epoch cache names for its offset. Otherwise the record is read and compared.
 */
function sameEpochInPlace(e: LedgerEntry, log: UnifiedLog): boolean {
  if (e.epoch < 0 || e.offset < log.logStartOffset || e.offset >= log.logEndOffset) return false;
  if (log.leaderEpochCache.epochForOffset(e.offset) !== e.epoch) return false;
  if (e.mismatch) delete e.mismatch;
  return true;
}

/** Compare entries (one partition, offset order) with the records the leader's log holds now. */
function checkAgainstLog(entries: LedgerEntry[], log: UnifiedLog): void {
  let i = 0;
  while (i < entries.length) {
    const from = entries[i]!.offset;
    const span = Math.min(1000, entries[entries.length - 1]!.offset - from + 1);
    const byOffset = new Map(readRecordWindow(log, from, span).map((r) => [r.offset, r]));
    const windowEnd = from + span - 1;
    // Always at least entries[i], so the loop advances even when the window is empty.
    do {
      const e = entries[i]!;
      const found = byOffset.get(e.offset);
      if (e.offset < log.logStartOffset) delete e.mismatch; // removed by retention, not lost
      else if (!found && mayBeCompactedAway(log, e.offset)) delete e.mismatch; // removed by the log cleaner
      else if (!found) e.mismatch = { nowValue: null };
      else if (found.key === e.key && found.value === e.value) delete e.mismatch;
      else e.mismatch = { nowValue: found.value };
      i++;
    } while (i < entries.length && entries[i]!.offset <= windowEnd);
  }
}

function sameEntries(a: readonly LedgerEntry[], b: readonly LedgerEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

function issueView(e: LedgerEntry): LedgerIssueView {
  return { client: e.client, tp: e.tp, offset: e.offset, key: e.key, value: e.value, nowValue: e.mismatch?.nowValue ?? null, atMs: e.atMs, causeSeq: e.causeSeq ?? null, cause: e.cause ?? null };
}
