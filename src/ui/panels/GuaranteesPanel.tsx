/**
 * What Kafka promised and whether it held: acknowledged records still in the log, consumed
 * records not truncated away, Kafka's invariants. The engine's checker finds them (see
 * src/engine/checkers); this tab says it in plain words, one line per incident, each with a
 * button that shows its likely cause in the event log.
 */
import { memo } from 'react';
import type { LedgerIssueView, ViolationView } from '../../engine/snapshot';
import { formatSeconds } from '../../runtime/framePacing';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useUiStore } from '../uiStore';
import { groupIssues, groupViolations, nowText, offsetsText, quote, timeSpan, type IssueGroup } from './guaranteesView';
import './guarantees.css';

const NONE: readonly never[] = [];
const selectLost = (s: LabStoreState): readonly LedgerIssueView[] => s.snapshot?.guarantees.lostAcked ?? NONE;
const selectTruncated = (s: LabStoreState): readonly LedgerIssueView[] => s.snapshot?.guarantees.truncatedConsumed ?? NONE;
const selectViolations = (s: LabStoreState): readonly ViolationView[] => s.snapshot?.guarantees.violations ?? NONE;
const selectAcked = (s: LabStoreState): number => s.snapshot?.guarantees.ackedChecked ?? 0;
const selectConsumed = (s: LabStoreState): number => s.snapshot?.guarantees.consumedChecked ?? 0;
const selectLostCount = (s: LabStoreState): number => s.snapshot?.guarantees.lostAckedCount ?? 0;
const selectTruncatedCount = (s: LabStoreState): number => s.snapshot?.guarantees.truncatedConsumedCount ?? 0;

const count = (n: number): string => n.toLocaleString('en-US');

export default function GuaranteesPanel() {
  const lost = useLabStore(selectLost);
  const truncated = useLabStore(selectTruncated);
  const violations = useLabStore(selectViolations);
  const acked = useLabStore(selectAcked);
  const consumed = useLabStore(selectConsumed);
  // Exact totals: the lists carry the latest 200 only.
  const lostCount = useLabStore(selectLostCount);
  const truncatedCount = useLabStore(selectTruncatedCount);
  return (
    <div className="guarantees">
      <p className="hint guarantees-intro">
        Every record a producer got an acknowledgement for, and every record a consumer read, is checked against its partition's current leader; so are
        Kafka's own rules (a leader is in its ISR, the HW never passes an in-sync replica's LEO, leader epochs only grow).
      </p>
      <Section title="Acknowledged records that are no longer in the log" n={lostCount} ok={`No acknowledged record lost · ${count(acked)} checked`}>
        <IssueList issues={lost} verb="acknowledged to" />
      </Section>
      <Section title="Consumed records later truncated" n={truncatedCount} ok={`No consumed record truncated · ${count(consumed)} checked`}>
        <IssueList issues={truncated} verb="read by" />
      </Section>
      <Section title="Kafka invariants broken" n={violations.length} ok="No Kafka invariant broken">
        <ViolationList violations={violations} />
      </Section>
    </div>
  );
}

function Section({ title, n, ok, children }: { title: string; n: number; ok: string; children: React.ReactNode }) {
  return (
    <section className={`guarantee${n > 0 ? ' guarantee--bad' : ''}`} aria-label={title}>
      <h3>
        {title} <span className="guarantee-count">{n}</span>
      </h3>
      {n === 0 ? (
        <p className="guarantee-ok">
          <span aria-hidden="true">✓ </span>
          {ok}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

/** One line per incident; lists only change when the checker finds something new. */
const IssueList = memo(function IssueList({ issues, verb }: { issues: readonly LedgerIssueView[]; verb: string }) {
  return (
    <ul className="guarantee-list">
      {groupIssues(issues).map((g) => (
        <IssueItem key={g.key} group={g} verb={verb} />
      ))}
    </ul>
  );
});

function IssueItem({ group: g, verb }: { group: IssueGroup; verb: string }) {
  const f = g.first;
  return (
    <li>
      <p className="guarantee-what">
        <strong>
          {g.tp} · {offsetsText(g.offsets)}
        </strong>{' '}
        {verb} {g.client} at {timeSpan(g.fromMs, g.toMs)}
      </p>
      <p className="guarantee-detail">
        {g.offsets.length > 1 ? 'e.g. ' : ''}offset {f.offset}: key {quote(f.key)}, value {quote(f.value)} — {nowText(f)}.
      </p>
      <Cause cause={g.cause} seq={g.causeSeq} about={`${g.tp} ${offsetsText(g.offsets)}`} />
    </li>
  );
}

const ViolationList = memo(function ViolationList({ violations }: { violations: readonly ViolationView[] }) {
  return (
    <ul className="guarantee-list">
      {groupViolations(violations).map((g) => (
        <li key={g.key}>
          <p className="guarantee-what">
            <strong>{g.invariant}</strong> on {g.tp}
            {g.count > 1 ? ` (${g.count} times)` : ''} at t={formatSeconds(g.latest.atMs)}
          </p>
          <p className="guarantee-detail">{g.latest.text}</p>
          <Cause cause={null} seq={g.latest.seq} about={`${g.invariant} on ${g.tp}`} label="Show in event log" />
        </li>
      ))}
    </ul>
  );
});

/** The likely cause in words, and a button that shows its event in the event log. */
function Cause({ cause, seq, about, label = 'Show cause in event log' }: { cause: string | null; seq: number | null; about: string; label?: string }) {
  const jump = useUiStore((s) => s.jumpToEvent);
  return (
    <p className="guarantee-cause">
      {cause ? <span>Likely cause: {cause} </span> : seq === null ? <span>No cause found in the event log. </span> : null}
      {seq !== null && (
        <button type="button" className="btn btn-small" aria-label={`${label}: ${about}`} onClick={() => jump(seq)}>
          {label} ↗
        </button>
      )}
    </p>
  );
}
