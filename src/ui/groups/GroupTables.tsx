/** The group's members (colour, partitions, lag, actions) and its committed offsets per partition. */
import { memo } from 'react';
import type { GroupSnapshotView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { selectSelectTp } from '../selectors';
import { useConsumerInfo, type ConsumerInfo } from './consumerInfo';
import { memberColour } from './memberColours';
import { byTp } from './tpOrder';

export interface MemberRow {
  readonly consumerId: string;
  readonly leader: boolean;
  readonly partitions: readonly string[];
  readonly lag: number | null;
  /** Plain words for what it is doing ("crashed", "joining", "slow: 200 ms per record"), or null. */
  readonly status: string | null;
  readonly running: boolean;
}

/** The coordinator's members, then this lab's consumers of the group that are not members (yet). */
export function memberRows(group: GroupSnapshotView, consumers: readonly ConsumerInfo[]): MemberRow[] {
  const rows: MemberRow[] = group.members.map((m) => {
    const c = consumers.find((x) => x.id === m.consumerId);
    return { consumerId: m.consumerId ?? m.clientId, leader: m.clientId === group.leaderClientId, partitions: m.partitions.map((p) => p.tp), lag: m.lag, status: memberStatus(c, true), running: !!c && !c.ended };
  });
  for (const c of consumers) {
    if (c.groupId !== group.groupId || c.ended || rows.some((r) => r.consumerId === c.id)) continue;
    rows.push({ consumerId: c.id, leader: false, partitions: [], lag: null, status: memberStatus(c, false), running: true });
  }
  // By name, so rows do not move about as members rejoin in another order.
  return rows.sort((a, b) => a.consumerId.localeCompare(b.consumerId, 'en', { numeric: true }));
}

function memberStatus(c: ConsumerInfo | undefined, isMember: boolean): string | null {
  if (!c) return null;
  if (c.ended === 'crashed') return 'crashed: still a member until its session times out';
  if (c.ended === 'closed') return 'closed: left the group';
  if (!isMember) return c.subscribed ? 'joining' : 'not subscribed';
  if (c.perRecordMs > 0) return `slow: ${c.perRecordMs} ms per record`;
  return null;
}

interface MembersProps {
  readonly group: GroupSnapshotView;
  onCrash(consumerId: string): void;
  onClose(consumerId: string): void;
}

export const MembersTable = memo(function MembersTable({ group, onCrash, onClose }: MembersProps) {
  const consumers = useConsumerInfo();
  const rows = memberRows(group, consumers);
  if (rows.length === 0) return <p className="empty">No members.</p>;
  return (
    <table className="table compact group-members" aria-label={`Members of ${group.groupId}`}>
      <thead>
        <tr>
          <th scope="col">member</th>
          <th scope="col">partitions</th>
          <th scope="col" className="num" title="Records on its partitions it has not read yet: log end (HW) − its position">
            unread
          </th>
          <th scope="col">
            <span className="sr-only">actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.consumerId} data-member={r.consumerId}>
            <th scope="row" className="group-member-name">
              <span className="group-member-id">
                <MemberSwatch colour={colourOf(consumers, r.consumerId)} />
                <span className="mono">{r.consumerId}</span>
              </span>
              {r.leader && <span className="pill group-leader-pill" title="The leader member runs the assignor">leader</span>}
              {r.status && <span className="group-member-status">{r.status}</span>}
            </th>
            <td className="mono group-member-parts">
              {r.partitions.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                r.partitions.map((tp, i) => (
                  <span key={tp} className="group-tp">
                    {tp}
                    {i < r.partitions.length - 1 ? ', ' : ''}
                  </span>
                ))
              )}
            </td>
            <td className={`num${(r.lag ?? 0) > 0 ? ' warn' : ''}`}>{r.lag ?? '—'}</td>
            <td>
              {r.running && (
                <div className="group-member-actions">
                  <button type="button" className="btn btn-small btn-danger-quiet" aria-label={`Crash ${r.consumerId}`} title="The process dies: no commit, no LeaveGroup" onClick={() => onCrash(r.consumerId)}>
                    Crash
                  </button>
                  <button type="button" className="btn btn-small btn-quiet" aria-label={`Close ${r.consumerId}`} title="close(): commits and sends LeaveGroup" onClick={() => onClose(r.consumerId)}>
                    Close
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export function MemberSwatch({ colour }: { colour: number }) {
  if (colour < 0) return null;
  return <span className="group-swatch" style={{ background: memberColour(colour) }} aria-hidden="true" />;
}

export const CommittedTable = memo(function CommittedTable({ group }: { group: GroupSnapshotView }) {
  const consumers = useConsumerInfo();
  const selectTp = useLabStore(selectSelectTp);
  const owner = new Map<string, string>();
  for (const m of group.members) for (const p of m.partitions) owner.set(p.tp, m.consumerId ?? m.clientId);
  const rows = [...new Map([...group.committed, ...group.members.flatMap((m) => m.partitions)].map((p) => [p.tp, p])).values()].sort((a, b) => byTp(a.tp, b.tp));
  const committedOf = new Map(group.committed.map((p) => [p.tp, p.committed]));
  if (rows.length === 0) return <p className="empty">No partition assigned and nothing committed yet.</p>;
  return (
    <table className="table compact group-committed" aria-label={`Committed offsets of ${group.groupId}`}>
      <thead>
        <tr>
          <th scope="col">partition</th>
          <th scope="col" className="num">committed</th>
          <th scope="col" className="num">log end</th>
          <th scope="col" className="num" title="Log end (HW) − committed offset: what kafka-consumer-groups --describe calls LAG">
            lag
          </th>
          <th scope="col">owner</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const committed = committedOf.get(p.tp) ?? null;
          const lag = p.highWatermark === null || committed === null ? null : Math.max(0, p.highWatermark - committed);
          const who = owner.get(p.tp);
          return (
            <tr key={p.tp} data-tp={p.tp}>
              <th scope="row">
                <button type="button" className="link mono" onClick={() => selectTp(p.tp)} title="Show this partition's log">
                  {p.tp}
                </button>
              </th>
              <td className="num">{committed ?? '—'}</td>
              <td className="num">{p.highWatermark ?? '—'}</td>
              <td className={`num${(lag ?? 0) > 0 ? ' warn' : ''}`}>{lag ?? '—'}</td>
              <td className="mono">
                {who ? (
                  <>
                    <MemberSwatch colour={colourOf(consumers, who)} />
                    {who}
                  </>
                ) : (
                  <span className="muted">nobody</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

function colourOf(consumers: readonly ConsumerInfo[], id: string): number {
  return consumers.find((c) => c.id === id)?.colour ?? -1;
}
