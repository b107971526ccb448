/**
 * The selected partition's log as a strip: segments (file names, sizes), one cell per offset
 * with its key (coloured per key) grouped by batch, log start / HW / LEO markers, consumer
 * positions, offset / time index entries. Only the offsets in view are drawn; the strip follows
 * new records until the learner scrolls or jumps (log start, HW, LEO). Cells are focusable
 * (arrow keys move) and show the record's value, timestamp, headers and batch on focus or hover,
 * read from the lab on demand (`readRecords`), never carried in snapshots.
 */
import { lazy, memo, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RecordDetail } from '../../engine/lab/LogRecordReader';
import type { OffsetsRecordDescription } from '../../engine/groups/schemas';
import type { ConsumerView, GroupSnapshotView, LogView, PartitionView } from '../../engine/snapshot';
import { useLabStore } from '../../runtime/store';
import { formatBytes } from './geometry/format';
import { computeLogStripLayout, logSummary, logViewport, nextMotion, STRIP_PAD_X_PX, WINDOW_MARGIN_CELLS, type LogStripLayout, type StripMotionState } from './geometry/logStripLayout';
import { Batches, Cells, IndexTicks, Markers, OffscreenConsumers, Segments, StripDefs } from './PartitionLogStripParts';
import { ReplicaBars, ReplicaLabels, ReplicaStateList } from './PartitionLogStripReplicas';
import { FOLD_LEGEND_QUERY, FoldedLegend, StripLegend } from './PartitionLogStripLegend';
import { useMediaQuery } from '../useMediaQuery';
import { useUiStore } from '../uiStore';
import { useElementSize } from './useElementSize';
import { partitionOf, selectConsumers } from './vizSelectors';
import { selectGroups } from '../groups/memberColours';
import './viz.css';

/** Reads records of `tp` from `fromOffset` (at most `count`), e.g. KafkaLab.readRecords. */
export type ReadRecords = (tp: string, fromOffset: number, count: number) => readonly RecordDetail[];
/** What a record of a __consumer_offsets partition means (null elsewhere), e.g. KafkaLab.describeOffsetsRecord. */
export type DescribeRecord = (tp: string, offset: number) => OffsetsRecordDescription | null;

export interface PartitionLogStripProps {
  /** "orders-3", or null when nothing is selected. */
  readonly tp: string | null;
  readonly className?: string;
  /** Without it the strip shows offsets only (no keys, no record details). */
  readonly readRecords?: ReadRecords;
  /** Decodes the focused record of a __consumer_offsets partition (a commit, a group, a tombstone). */
  readonly describeRecord?: DescribeRecord;
}

const INITIAL_SIZE = { width: 1248, height: 0 };

// A record's details show only on hover or focus: loaded then, not with the first screen.
const RecordDetails = lazy(() => import('./PartitionLogStripDetails').then((m) => ({ default: m.RecordDetails })));

export interface ConsumerPosition {
  readonly id: string;
  readonly position: number;
  readonly lag: number | null;
  /** The marker's text when not "<id> position <n>" (a group's committed offset). */
  readonly label?: string;
}

/** Consumers assigned `tp` with a known position, by id. */
export function consumerPositions(consumers: readonly ConsumerView[], tp: string): ConsumerPosition[] {
  const out: ConsumerPosition[] = [];
  for (const c of consumers) {
    for (const a of c.assignment) {
      if (a.tp === tp && a.position !== null) out.push({ id: c.id, position: a.position, lag: a.lag });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Each consumer group's committed offset on `tp`, drawn like a position and labelled as a commit. */
export function groupCommits(groups: readonly GroupSnapshotView[], tp: string): ConsumerPosition[] {
  const out: ConsumerPosition[] = [];
  for (const g of groups) {
    const committed = g.committed.find((p) => p.tp === tp)?.committed;
    if (committed !== undefined && committed !== null) out.push({ id: `${g.groupId} committed`, position: committed, lag: null, label: `${g.groupId} committed ${committed}` });
  }
  return out;
}

export function PartitionLogStrip({ tp, className, readRecords, describeRecord }: PartitionLogStripProps) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>(INITIAL_SIZE);
  const partition = useLabStore((s) => partitionOf(s.snapshot, tp));
  const consumers = useLabStore(selectConsumers);
  const groups = useLabStore(selectGroups);
  // Consumers change on every poll; keep the same array while this partition's positions do not.
  const fresh = tp ? [...consumerPositions(consumers, tp), ...groupCommits(groups, tp)] : [];
  const positionsKey = fresh.map((c) => `${c.id}@${c.position}`).join(',');
  const positions = useMemo(() => fresh, [positionsKey, tp]); // eslint-disable-line react-hooks/exhaustive-deps
  const cls = `kl-logstrip${className ? ` ${className}` : ''}`;

  let body: React.ReactNode;
  if (tp === null) {
    body = <p className="kl-logstrip-hint">Select a partition in the cluster view to see its log</p>;
  } else if (!partition) {
    body = <p className="kl-logstrip-hint">{tp} is not in the cluster (was the topic deleted?)</p>;
  } else if (!partition.log) {
    body = (
      <>
        <p className="kl-logstrip-hint" aria-live="polite">
          {leaderlessText(partition)}
        </p>
        <ReplicaStateList tp={tp} replicas={partition.replicaStates} />
      </>
    );
  } else if (partition.log.logEndOffset === partition.log.logStartOffset) {
    body = <EmptyLog partition={partition} log={partition.log} />;
  } else {
    // Keyed by partition: a new selection starts following its tail, with no focus carried over.
    body = <LogBody key={tp} partition={partition} log={partition.log} positions={positions} width={size.width} readRecords={readRecords} describeRecord={describeRecord} />;
  }
  return (
    <section ref={sizeRef} className={cls} aria-label={tp ? `Log of partition ${tp}` : 'Partition log'}>
      {body}
    </section>
  );
}

/**
 * Why there is no leader's log to draw: no leader at all, or (until ZooKeeper ends the dead
 * broker's session) a leader the controller still records whose broker is down.
 */
export function leaderlessText(p: Pick<PartitionView, 'tp' | 'leader' | 'replicaStates'>): string {
  const down = p.replicaStates.find((r) => r.broker === p.leader)?.role === 'offline';
  if (p.leader < 0 || !down) return `${p.tp}: no log to show — the partition has no leader right now`;
  return `${p.tp}: its leader, broker ${p.leader}, is down — the controller elects a new leader from the ISR once ZooKeeper ends broker ${p.leader}'s session`;
}

/** A log with no records: say what the first append will do instead of drawing stacked markers. */
function EmptyLog({ partition, log }: { partition: PartitionView; log: LogView }) {
  const active = log.segments.find((seg) => seg.isActive) ?? log.segments[log.segments.length - 1];
  return (
    <>
      <LogHead partition={partition} log={log} />
      <p className="kl-logstrip-hint kl-logstrip-hint--empty">
        Empty log: log start = HW = LEO = {log.logEndOffset}.
        {active ? ` Active segment ${active.fileName}.` : ''} The next record appended here gets offset {log.logEndOffset}.
      </p>
    </>
  );
}

function LogHead({ partition, log, children }: { partition: PartitionView; log: LogView; children?: React.ReactNode }) {
  return (
    <div className="kl-logstrip-head">
      <h3 className="kl-logstrip-title" title={partition.tp}>
        {partition.tp}
      </h3>
      <p className="kl-logstrip-facts" title={logFacts(partition, log)}>
        {logFacts(partition, log)}
      </p>
      {children}
    </div>
  );
}

interface LogBodyProps {
  partition: PartitionView;
  log: LogView;
  positions: readonly ConsumerPosition[];
  width: number;
  readRecords: ReadRecords | undefined;
  describeRecord: DescribeRecord | undefined;
}

const LogBody = memo(function LogBody({ partition, log, positions, width, readRecords, describeRecord }: LogBodyProps) {
  const tp = partition.tp;
  const [viewStart, setViewStart] = useState<number | null>(null);
  const view = logViewport(log.logStartOffset, log.logEndOffset, Math.max(240, width) - 2 * STRIP_PAD_X_PX, viewStart);
  const from = Math.max(log.logStartOffset, view.start - WINDOW_MARGIN_CELLS);
  const count = view.capacity + 2 * WINDOW_MARGIN_CELLS;
  // Read again whenever the log view changes (appends, HW, truncation) or the window moves.
  const records = useMemo(() => readRecords?.(tp, from, count), [readRecords, tp, from, count, log]);
  // One row per replica when there is more than one (a single replica is the strip itself).
  const replicas = partition.replicaStates.length > 1 ? partition.replicaStates : undefined;
  const layout = useMemo(
    () => computeLogStripLayout({ widthPx: width, log, consumers: positions, viewStart, records, ...(replicas ? { replicas } : {}) }),
    [width, log, positions, viewStart, records, replicas],
  );
  const snap = useSnapMotion(layout, log.logEndOffset);
  // Presenter mode enlarges every row; replica rows there take the legend's height instead.
  const presenter = useUiStore((st) => st.presenter);
  const foldLegend = (useMediaQuery(FOLD_LEGEND_QUERY) || presenter) && layout.replicaBlock !== null;
  const cells = useCellFocus(layout, log, setViewStart);
  const ids = useId();
  const summaryId = `${ids}-summary`;
  const popId = `${ids}-record`;
  const clipId = `${ids}-clip`.replace(/:/g, '_');
  const shown = cells.shownOffset;
  const detail = shown === null ? undefined : (records?.find((r) => r.offset === shown) ?? readRecords?.(tp, shown, 1)[0]);
  const meaning = useMemo(() => (shown === null ? null : (describeRecord?.(tp, shown) ?? null)), [describeRecord, tp, shown, log]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className={`kl-logstrip-body${snap ? ' kl-logstrip--snap' : ''}`}>
      <LogHead partition={partition} log={log}>
        <p id={summaryId} className="kl-sr-only">
          {logSummary(tp, log, positions)}
        </p>
        {foldLegend && <FoldedLegend layout={layout} />}
      </LogHead>
      {layout.view.windowed && <LogNav tp={tp} layout={layout} log={log} setViewStart={setViewStart} />}
      <svg
        className="kl-logstrip-svg"
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={`Log of ${tp}`}
        aria-describedby={summaryId}
        onWheel={(e) => wheelScroll(e, layout, setViewStart)}
      >
        <StripDefs layout={layout} clipId={clipId} />
        <g clipPath={`url(#${clipId})`}>
          <g className="kl-logstrip-scroll" style={{ transform: `translate(${layout.scrollX}px, 0px)` }}>
            <Segments layout={layout} />
            {/* Under everything else: consumer position lines cross the replica rows on top. */}
            {layout.replicaBlock && <ReplicaBars block={layout.replicaBlock} />}
            <g
              className="kl-cells"
              role="listbox"
              aria-orientation="horizontal"
              aria-label={`Records of ${tp}, offsets ${layout.view.start}–${Math.min(log.logEndOffset, layout.view.start + layout.view.capacity) - 1}`}
              ref={cells.groupRef}
              {...cells.handlers}
            >
              <Cells layout={layout} tabOffset={cells.tabOffset} describedOffset={shown} describedBy={popId} snap={snap} />
            </g>
            <Batches layout={layout} />
            <IndexTicks layout={layout} />
            <Markers markers={layout.markers} layout={layout} above />
            <Markers markers={layout.consumerMarkers} layout={layout} above={false} />
          </g>
        </g>
        <OffscreenConsumers layout={layout} />
        {layout.replicaBlock && <ReplicaLabels block={layout.replicaBlock} layout={layout} tp={tp} />}
      </svg>
      {!foldLegend && <StripLegend layout={layout} />}
      {shown !== null && (
        <Suspense fallback={null}>
          <RecordDetails
            id={popId}
            tp={tp}
            offset={shown}
            committed={shown < log.highWatermark}
            highWatermark={log.highWatermark}
            record={detail}
            meaning={meaning}
            anchor={() => cells.groupRef.current?.querySelector(`[data-offset="${shown}"]`)}
          />
        </Suspense>
      )}
    </div>
  );
});

/** Horizontal wheel / trackpad (or Shift + wheel) scrolls the window by whole cells. */
function wheelScroll(e: React.WheelEvent, layout: LogStripLayout, setViewStart: (s: number | null) => void): void {
  const delta = e.shiftKey ? e.deltaY : e.deltaX;
  const { windowed, start, maxStart } = layout.view;
  if (!windowed || Math.abs(delta) < 1) return;
  const next = start + Math.round(delta / layout.cellW) || start + Math.sign(delta);
  setViewStart(next >= maxStart ? null : Math.max(0, next));
}

/** Whether this render snaps (no CSS transitions) or slides; see nextMotion. */
function useSnapMotion(layout: LogStripLayout, leo: number): boolean {
  const last = useRef<StripMotionState>({ start: layout.view.start, anchor: layout.anchor, cellW: layout.cellW, leo, atMs: 0, snap: true });
  last.current = nextMotion(last.current, layout, performance.now(), leo);
  return last.current.snap;
}

/** "leader broker 0 · epoch 0 · replicas [0] · ISR [0] · 2 segments · 1.4 KB" (broker ids in brackets: lists, not counts). */
export function logFacts(partition: Pick<PartitionView, 'leader' | 'leaderEpoch' | 'replicas' | 'isr'>, log: Pick<LogView, 'segments' | 'sizeBytes'>): string {
  const n = log.segments.length;
  return [
    `leader broker ${partition.leader}`,
    `epoch ${partition.leaderEpoch}`,
    `replicas [${partition.replicas.join(', ')}]`,
    `ISR [${partition.isr.join(', ')}]`,
    `${n} segment${n === 1 ? '' : 's'}`,
    formatBytes(log.sizeBytes),
  ].join(' · ');
}

/** Buttons and a slider to move the window: log start, earlier, later, HW, LEO (follow new records). */
function LogNav({ tp, layout, log, setViewStart }: { tp: string; layout: LogStripLayout; log: LogView; setViewStart: (s: number | null) => void }) {
  const { start, capacity, maxStart, following } = layout.view;
  const lso = log.logStartOffset;
  const leo = log.logEndOffset;
  const hw = log.highWatermark;
  const go = (s: number): void => setViewStart(s >= maxStart ? null : Math.max(lso, s));
  const last = Math.min(leo, start + capacity) - 1;
  return (
    <div className="kl-logstrip-nav" role="toolbar" aria-label={`Move through the log of ${tp}`}>
      <button type="button" onClick={() => go(lso)} disabled={start <= lso}>
        ⇤ log start {lso}
      </button>
      <button type="button" onClick={() => go(start - capacity + 1)} disabled={start <= lso} aria-label="Earlier records">
        ‹
      </button>
      <input
        type="range"
        className="kl-logstrip-range"
        min={lso}
        max={maxStart}
        step={1}
        value={start}
        aria-label="First offset shown"
        aria-valuetext={`offsets ${start} to ${last} of ${lso} to ${leo - 1}`}
        onChange={(e) => go(Number(e.currentTarget.value))}
      />
      <button type="button" onClick={() => go(start + capacity - 1)} disabled={following} aria-label="Later records">
        ›
      </button>
      <button type="button" onClick={() => go(hw - Math.floor(capacity / 2))}>
        HW {hw}
      </button>
      <button type="button" onClick={() => setViewStart(null)} aria-pressed={following}>
        LEO {leo} ⇥
      </button>
      <span className="kl-logstrip-where" aria-live="off">
        {start}–{last} of {lso}–{leo - 1}
        {following ? ' · following new records' : ''}
      </span>
    </div>
  );
}

interface CellFocus {
  readonly groupRef: React.RefObject<SVGGElement | null>;
  readonly tabOffset: number;
  /** The record whose details show (hovered, else focused), or null. */
  readonly shownOffset: number | null;
  readonly handlers: {
    onKeyDown(e: React.KeyboardEvent): void;
    onFocus(e: React.FocusEvent): void;
    onBlur(e: React.FocusEvent): void;
    onPointerOver(e: React.PointerEvent): void;
    onPointerLeave(): void;
  };
}

function offsetOf(target: EventTarget | null): number | null {
  const el = target instanceof Element ? target.closest('[data-offset]') : null;
  return el ? Number(el.getAttribute('data-offset')) : null;
}

/**
 * Roving tabindex over the cells: arrows, Home/End, PageUp/PageDown; the window follows the focus.
 * While a cell has focus the window holds still (new records would push the focused cell out of
 * view and lose the focus); it follows the tail again when focus leaves, if it did before.
 */
function useCellFocus(layout: LogStripLayout, log: LogView, setViewStart: (s: number | null) => void): CellFocus {
  const groupRef = useRef<SVGGElement>(null);
  const heldByFocus = useRef(false);
  const [active, setActive] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const { start, capacity, windowed } = layout.view;
  const lastRecord = log.logEndOffset - 1;
  const inView = (o: number): boolean => o >= start && o < start + capacity && o >= log.logStartOffset && o <= lastRecord;
  const tabOffset = active !== null && inView(active) ? active : Math.min(lastRecord, start + capacity - 1);

  // Keyboard moves focus to the new active cell once it is rendered.
  useEffect(() => {
    if (!focused || active === null) return;
    const el = groupRef.current?.querySelector<SVGGElement>(`[data-offset="${active}"]`);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [active, focused, layout]);

  const moveTo = (o: number): void => {
    const target = Math.max(log.logStartOffset, Math.min(lastRecord, o));
    setActive(target);
    setDismissed(false);
    if (!windowed || inView(target)) return;
    const next = target < start ? target : target - capacity + 2;
    setViewStart(Math.min(next, layout.view.maxStart));
  };
  return {
    groupRef,
    tabOffset,
    shownOffset: hovered ?? (focused && !dismissed && active !== null && active >= log.logStartOffset && active <= lastRecord ? active : null),
    handlers: {
      onKeyDown(e) {
        const current = active ?? tabOffset;
        const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, PageDown: capacity - 1, PageUp: 1 - capacity };
        if (e.key in step) moveTo(current + step[e.key]!);
        else if (e.key === 'Home') moveTo(log.logStartOffset);
        else if (e.key === 'End') moveTo(lastRecord);
        else if (e.key === 'Escape') {
          setDismissed(true);
          setHovered(null);
        } else return;
        e.preventDefault();
      },
      onFocus(e) {
        const o = offsetOf(e.target);
        if (o !== null) setActive(o);
        if (!focused && layout.view.following) {
          heldByFocus.current = true;
          setViewStart(start);
        }
        setFocused(true);
        setDismissed(false);
      },
      onBlur(e) {
        if (groupRef.current?.contains(e.relatedTarget as Node | null)) return;
        setFocused(false);
        if (heldByFocus.current) setViewStart(null);
        heldByFocus.current = false;
      },
      onPointerOver(e) {
        const o = offsetOf(e.target);
        if (o !== hovered) setHovered(o);
      },
      onPointerLeave() {
        setHovered(null);
      },
    },
  };
}
