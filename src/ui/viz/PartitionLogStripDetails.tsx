/**
 * The details of one record of the log strip, shown on hover or keyboard focus: key, value,
 * timestamp (and its type), headers, and the batch it was written in. A fixed-position popover
 * placed above its cell (below when there is no room), with plain text a screen reader reads as
 * the focused cell's description.
 */
import { useLayoutEffect, useRef } from 'react';
import type { OffsetsRecordDescription } from '../../engine/groups/schemas';
import { MAX_KEY_CHARS, MAX_VALUE_CHARS, type RecordDetail } from '../../engine/lab/LogRecordReader';
import { formatBytes, formatSimMs } from './geometry/format';
import { keyColour } from './geometry/logStripLayoutKeys';
import './recordMeaning.css';

export interface RecordDetailsProps {
  readonly id: string;
  readonly tp: string;
  readonly offset: number;
  readonly committed: boolean;
  readonly highWatermark: number;
  /** undefined when the lab cannot read records (only the offset is known). */
  readonly record: RecordDetail | undefined;
  /** A __consumer_offsets record's decoded meaning (its key and value are binary structs, not text). */
  readonly meaning?: OffsetsRecordDescription | null;
  /** Finds the cell's element (after the render): the popover is placed next to it. */
  readonly anchor: () => Element | null | undefined;
}

const GAP_PX = 8;

export function RecordDetails({ id, tp, offset, committed, highWatermark, record, meaning = null, anchor }: RecordDetailsProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const pop = ref.current;
    const el = anchor();
    if (!pop || !el) return;
    const cell = el.getBoundingClientRect();
    const w = pop.offsetWidth;
    const h = pop.offsetHeight;
    const left = Math.max(GAP_PX, Math.min(window.innerWidth - w - GAP_PX, cell.left + cell.width / 2 - w / 2));
    const above = cell.top - GAP_PX - h;
    const below = cell.bottom + GAP_PX;
    const top = above >= GAP_PX || below + h > window.innerHeight ? Math.max(GAP_PX, above) : below;
    pop.style.left = `${Math.round(left)}px`;
    pop.style.top = `${Math.round(top)}px`;
  });
  const status = committed ? 'committed' : `not yet committed (at or above HW ${highWatermark})`;
  return (
    <div ref={ref} id={id} role="tooltip" className="kl-record-pop">
      <p className="kl-record-pop-title">
        <span className="kl-record-pop-tp" title={tp}>
          {tp}
        </span>{' '}
        offset {offset} · {status}
      </p>
      {meaning && <OffsetsMeaning meaning={meaning} />}
      {record ? <RecordFields record={record} binary={meaning !== null} /> : <p className="kl-record-pop-note">Record contents are not available here.</p>}
    </div>
  );
}

/** `binary`: key and value are structs decoded above (as text they would read as noise). */
function RecordFields({ record: r, binary = false }: { record: RecordDetail; binary?: boolean }) {
  const b = r.batch;
  const count = b.lastOffset - b.baseOffset + 1;
  return (
    <dl className="kl-record-fields">
      <dt>Key</dt>
      <dd>
        {r.key === null ? (
          <em>null (no key: the partitioner chose the partition)</em>
        ) : binary ? (
          <em>binary struct ({formatBytes(r.keySizeBytes)}), decoded above</em>
        ) : (
          <TextValue text={r.key} sizeBytes={r.keySizeBytes} max={MAX_KEY_CHARS} swatch={keyColour(r.keyHash).band} />
        )}
      </dd>
      <dt>Value</dt>
      <dd>{r.value === null ? <em>null (a tombstone)</em> : binary ? <em>binary struct ({formatBytes(r.valueSizeBytes)}), decoded above</em> : <TextValue text={r.value} sizeBytes={r.valueSizeBytes} max={MAX_VALUE_CHARS} />}</dd>
      <dt>Timestamp</dt>
      <dd>
        {formatSimMs(r.timestampMs)} ({r.timestampMs} ms) ·{' '}
        {b.timestampType === 'CreateTime' ? 'CreateTime (set by the producer)' : 'LogAppendTime (set by the broker)'}
      </dd>
      <dt>Headers</dt>
      <dd>{r.headers.length === 0 ? <em>none</em> : <Headers headers={r.headers} />}</dd>
      <dt>Batch</dt>
      <dd>
        offsets {b.baseOffset}–{b.lastOffset} ({count} record{count === 1 ? '' : 's'}) · {b.compression === 'none' ? 'uncompressed' : b.compression} ·{' '}
        {formatBytes(b.sizeBytes)} at position {b.position} of {b.segment} · leader epoch {b.partitionLeaderEpoch}
        {b.isTransactional ? ' · transactional' : ''}
        {b.isControl ? ' · control batch' : ''}
      </dd>
      <dt>Producer</dt>
      <dd>{producerText(r)}</dd>
    </dl>
  );
}

/** What the coordinator wrote: a commit, a group's metadata or a tombstone, in words and as Kafka's formatter prints it. */
function OffsetsMeaning({ meaning }: { meaning: OffsetsRecordDescription }) {
  const kind = meaning.kind === 'offset' ? 'Offset commit' : meaning.kind === 'group' ? 'Group metadata' : 'Coordinator record';
  return (
    <div className="kl-record-meaning">
      <p className="kl-record-meaning-text">
        <strong>{kind}:</strong> {meaning.summary}
      </p>
      {meaning.formatted !== null && <code className="kl-record-meaning-line">{meaning.formatted}</code>}
    </div>
  );
}

/** "id 1000, epoch 0, sequence 6 (batch base sequence 4)", or why there is none. */
export function producerText(r: Pick<RecordDetail, 'offset' | 'batch'>): string {
  const b = r.batch;
  if (b.producerId < 0) return 'none: not an idempotent producer (producer id -1)';
  const seq = b.baseSequence >= 0 ? `, sequence ${b.baseSequence + (r.offset - b.baseOffset)} (batch base sequence ${b.baseSequence})` : '';
  return `id ${b.producerId}, epoch ${b.producerEpoch}${seq}`;
}

/** Text of any length: up to four lines on screen, all of it in the DOM for screen readers. */
function TextValue({ text, sizeBytes, max, swatch }: { text: string; sizeBytes: number; max: number; swatch?: string }) {
  const cut = text.length >= max && sizeBytes > text.length;
  const long = text.length > 40;
  const swatchEl = swatch && <span className="kl-key-swatch" style={{ background: swatch }} aria-hidden="true" />;
  const size = (
    <span className="kl-record-size">
      {swatch && long && swatchEl}({formatBytes(sizeBytes)}
      {long ? `, ${text.length.toLocaleString('en-US')} characters` : ''}
      {cut ? ' shown of more' : ''})
    </span>
  );
  return (
    <span className={`kl-record-line${long ? ' kl-record-line--long' : ''}`}>
      {!long && swatchEl}
      <span className="kl-record-text">{text === '' ? <em>empty string</em> : text}</span>
      {size}
    </span>
  );
}

function Headers({ headers }: { headers: RecordDetail['headers'] }) {
  return (
    <ul className="kl-record-headers">
      {headers.map((h, i) => (
        <li key={i}>
          <span className="kl-record-inline">{h.key}</span> = {h.value === null ? <em>null</em> : <span className="kl-record-inline">{h.value}</span>}
        </li>
      ))}
    </ul>
  );
}
