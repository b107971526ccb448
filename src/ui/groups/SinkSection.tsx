/**
 * A group's sink in the Groups tab: the application's table its members write each processed
 * record into. Picking a remedy applies the `sink` command; the counters and the latest rows
 * make duplicates visible (a record written twice after a member crashed before committing).
 */
import { memo, useCallback, useEffect, useId, useState } from 'react';
import { isSinkRemedy, type SinkRemedy } from '../../engine/groups/sink/types';
import type { SinkRowView, SinkSnapshotView } from '../../engine/snapshot';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useRuntime } from '../RuntimeContext';
import { useConsumerInfo } from './consumerInfo';
import { MemberSwatch } from './GroupTables';
import { REMEDY_LABELS, REMEDY_OPTIONS, REMEDY_SENTENCES, sinkTime } from './sinkWords';
import { useRunCommands } from './useRunCommands';
import './sink.css';

const selectSink = (groupId: string) => (s: LabStoreState): SinkSnapshotView | null => s.snapshot?.sinks?.find((x) => x.groupId === groupId) ?? null;

export function SinkSection({ groupId }: { groupId: string }) {
  const sink = useLabStore(useCallback((s: LabStoreState) => selectSink(groupId)(s), [groupId]));
  const headingId = useId();
  useSinkNarration(groupId, sink !== null);
  return (
    <section className="group-sink" aria-labelledby={headingId}>
      <h4 id={headingId} className="group-sink-title">
        Sink (the application's table)
      </h4>
      <p className="hint group-sink-hint">Members write each record here once they have processed it. A record processed again after a crash before its commit is written again, unless a remedy keeps it out.</p>
      <div className="group-sink-body">
        <div className="group-sink-side">
          <RemedyPicker groupId={groupId} remedy={sink?.remedy ?? 'none'} />
          <SinkCounters sink={sink} />
        </div>
        <SinkTable groupId={groupId} sink={sink} />
      </div>
    </section>
  );
}

/**
 * While the sink is on screen it announces its writes in the event log, which then explains each
 * duplicate. Only a sink that exists (members wrote, or a remedy was picked): looking creates none.
 */
function useSinkNarration(groupId: string, exists: boolean): void {
  const runtime = useRuntime();
  const lab = runtime.lab;
  useEffect(() => {
    const sink = exists ? lab?.sinks.find(groupId) : undefined;
    if (sink) sink.narrate = true;
  }, [lab, groupId, exists]);
}

function RemedyPicker({ groupId, remedy }: { groupId: string; remedy: SinkRemedy }) {
  const run = useRunCommands();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const choose = (value: string): void => {
    if (!isSinkRemedy(value)) return;
    setError(null);
    void run([{ type: 'sink', group: groupId, remedy: value }]).then(setError);
  };
  return (
    <div className="group-sink-remedy">
      <label htmlFor={id} className="inline-label">
        Remedy against duplicates
      </label>
      <select id={id} value={remedy} onChange={(e) => choose(e.target.value)} aria-describedby={`${id}-what`}>
        {REMEDY_OPTIONS.map((r) => (
          <option key={r} value={r}>
            {REMEDY_LABELS[r]}
          </option>
        ))}
      </select>
      <p id={`${id}-what`} className="group-sink-what">
        {REMEDY_SENTENCES[remedy]}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const SinkCounters = memo(function SinkCounters({ sink }: { sink: SinkSnapshotView | null }) {
  const counts = sink ?? { rows: 0, redelivered: 0, duplicates: 0, prevented: 0, received: 0 };
  return (
    <dl className="group-sink-counts" aria-label="Sink counters">
      <Counter label="rows" value={counts.rows} title={`${counts.received} writes received in all`} />
      <Counter label="records received twice" value={counts.redelivered} title="Records a member processed again (whether or not a remedy kept them out)" />
      <Counter label="duplicates held" value={counts.duplicates} title="Records the table holds more than once" alarm={counts.duplicates > 0} />
      <Counter label="writes kept out by the remedy" value={counts.prevented} title="Writes the remedy skipped or rejected" />
    </dl>
  );
});

function Counter({ label, value, title, alarm = false }: { label: string; value: number; title: string; alarm?: boolean }) {
  return (
    <div className={alarm ? 'is-alarm' : undefined} title={title} data-counter={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The latest rows, or only the duplicated ones (a busy topic pushes those out of the latest rows fast). */
function SinkTable({ groupId, sink }: { groupId: string; sink: SinkSnapshotView | null }) {
  const [onlyDuplicates, setOnlyDuplicates] = useState(false);
  const duplicates = sink?.duplicateRows ?? [];
  const showDuplicates = onlyDuplicates && duplicates.length > 0;
  if (!sink || sink.latestRows.length === 0) return <p className="empty group-sink-empty">No rows yet: each member writes a row for every record it processes.</p>;
  return (
    <div className="group-sink-rows">
      <label className="checkbox group-sink-filter">
        <input type="checkbox" checked={showDuplicates} disabled={duplicates.length === 0} onChange={(e) => setOnlyDuplicates(e.target.checked)} />
        <span>Only duplicated records{duplicates.length > 0 ? ` (latest ${duplicates.length})` : ': none yet'}</span>
      </label>
      <SinkRows label={showDuplicates ? `Duplicated rows of ${groupId}'s sink` : `Latest rows of ${groupId}'s sink`} rows={showDuplicates ? duplicates : sink.latestRows} />
      <p className="hint">Newest first; a row marked “duplicate” belongs to a record the table holds more than once.</p>
    </div>
  );
}

const SinkRows = memo(function SinkRows({ label, rows }: { label: string; rows: readonly SinkRowView[] }) {
  const consumers = useConsumerInfo();
  return (
    <table className="table compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">id (topic-partition@offset)</th>
          <th scope="col">account (key)</th>
          <th scope="col" className="group-sink-col-value">
            value
          </th>
          <th scope="col">written by</th>
          <th scope="col">time</th>
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((r, i) => (
          <SinkRowLine key={`${r.id}#${r.atMs}#${i}`} row={r} colour={consumers.find((c) => c.id === r.writtenBy)?.colour ?? -1} />
        ))}
      </tbody>
    </table>
  );
});

function SinkRowLine({ row, colour }: { row: SinkRowView; colour: number }) {
  const duplicate = row.copies > 1;
  return (
    <tr className={duplicate ? 'is-duplicate' : undefined} data-sink-row={row.id} title={`value: ${row.value ?? 'null'}`}>
      <th scope="row" className="mono">
        {row.id}
        {duplicate && <span className="group-sink-dup">duplicate ×{row.copies}</span>}
      </th>
      <td className="mono">{row.account}</td>
      <td className="mono group-sink-value group-sink-col-value">
        {row.value ?? <span className="muted">null</span>}
      </td>
      <td>
        <span className="group-member-id">
          <MemberSwatch colour={colour} />
          <span className="mono">{row.writtenBy}</span>
        </span>
      </td>
      <td className="mono">{sinkTime(row.atMs)}</td>
    </tr>
  );
}
