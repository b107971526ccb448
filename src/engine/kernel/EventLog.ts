/**
 * The lab's event log: every state change the engine makes is reported here in plain
 * words, with structured fields for views and tests. It doubles as the deterministic
 * trace: same seed + same inputs = the same sequence of entries.
 *
 * It keeps the whole run, bounded by memory rather than by a small count: only beyond
 * EVENT_LOG_MAX_EVENTS events or an estimated EVENT_LOG_MAX_BYTES does it drop the oldest
 * (in bulk, an eighth at a time). Sentences are built lazily: an event stores the parts of
 * its text (see `lazy`) and joins them the first time someone reads `event.text`, because
 * most events of a fast run are never looked at.
 */
export type LabEventKind =
  | 'kernel'
  | 'network'
  | 'producer'
  | 'consumer'
  | 'broker'
  | 'controller'
  | 'log'
  | 'admin'
  | 'storage'
  | 'recovery'
  | 'config'
  /** A follower's fetches from its leader (appends, HW updates): many per second, so a kind of their own. */
  | 'replication'
  /** Consumer groups: the coordinator's joins, rebalances, heartbeats expiring, offset commits. */
  | 'group'
  /** The guarantees checker: a lost acknowledged record, a truncated consumed one, a broken invariant. */
  | 'guarantees';

export interface LabEvent {
  readonly seq: number;
  readonly timeMs: number;
  readonly kind: LabEventKind;
  /** Who did it, e.g. "broker 1", "producer", "controller". */
  readonly actor: string;
  /** One plain-English sentence a learner can read (built on first read). */
  readonly text: string;
  /** Topic-partition this event concerns, if any, e.g. "orders-3". */
  readonly tp?: string;
}

export type LabEventListener = (event: LabEvent) => void;

/**
 * A sentence not yet joined: the template's static strings (shared by every event of that
 * call site) and the interpolated values. Made by the `lazy` template tag.
 */
export class LazyText {
  constructor(
    private readonly strings: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  /** Rough retained size, for the log's memory budget. */
  get estimatedBytes(): number {
    let bytes = 32 + 8 * this.values.length;
    for (const v of this.values) if (typeof v === 'string') bytes += 2 * v.length;
    return bytes;
  }

  toString(): string {
    let out = this.strings[0]!;
    for (let i = 0; i < this.values.length; i++) out += String(this.values[i]) + this.strings[i + 1]!;
    return out;
  }
}

/**
 * Template tag for event text that is joined only when read:
 * `kernel.emit('producer', id, lazy\`acked ${n} records\`)`. Objects are turned into
 * strings at once so an event never keeps a large object (a batch, a buffer) alive.
 */
export function lazy(strings: TemplateStringsArray, ...values: unknown[]): LazyText {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'object' && v !== null) values[i] = String(v);
  }
  return new LazyText(strings, values);
}

/** What `emit` accepts as text: a finished string, lazy parts, or a function called on first read. */
export type EventText = string | LazyText | (() => string);

/** Retention limits (documented in docs/ARCHITECTURE.md): far above a classroom run. */
export const EVENT_LOG_MAX_EVENTS = 1_000_000;
export const EVENT_LOG_MAX_BYTES = 64 * 1024 * 1024;
/** An event object, its fields and its slot in the array, roughly. */
const EVENT_OVERHEAD_BYTES = 120;
/** How many events `recent()` returns by default (what the old fixed-size log kept). */
export const RECENT_EVENTS_DEFAULT = 5000;

/** One log entry; `text` is a getter so the sentence is joined once, on demand. */
class RecordedEvent implements LabEvent {
  declare readonly tp?: string;
  private body: EventText;
  /** Estimated retained size, fixed at emit so the log's budget adds up when it drops events. */
  readonly estimatedBytes: number;

  constructor(
    readonly seq: number,
    readonly timeMs: number,
    readonly kind: LabEventKind,
    readonly actor: string,
    text: EventText,
    tp: string | undefined,
  ) {
    this.body = text;
    this.estimatedBytes = estimateBytes(text);
    if (tp !== undefined) (this as { tp?: string }).tp = tp;
  }

  get text(): string {
    const body = this.body;
    if (typeof body === 'string') return body;
    const text = typeof body === 'function' ? body() : body.toString();
    this.body = text;
    return text;
  }

  toJSON(): LabEvent {
    const { seq, timeMs, kind, actor, text, tp } = this;
    return tp === undefined ? { seq, timeMs, kind, actor, text } : { seq, timeMs, kind, actor, text, tp };
  }
}

function estimateBytes(body: EventText): number {
  if (typeof body === 'string') return EVENT_OVERHEAD_BYTES + 2 * body.length;
  return EVENT_OVERHEAD_BYTES + (typeof body === 'function' ? 64 : body.estimatedBytes);
}

export interface EventLogLimits {
  maxEvents?: number;
  maxBytes?: number;
}

export class EventLog {
  /** Retained events, oldest first; entries[i].seq === firstRetainedSeq + i. */
  private entries: RecordedEvent[] = [];
  private readonly listeners = new Set<LabEventListener>();
  private nextSeq = 0;
  private retainedBytes = 0;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(limits: EventLogLimits = {}) {
    this.maxEvents = Math.max(8, limits.maxEvents ?? EVENT_LOG_MAX_EVENTS);
    this.maxBytes = Math.max(1024, limits.maxBytes ?? EVENT_LOG_MAX_BYTES);
  }

  emit(timeMs: number, kind: LabEventKind, actor: string, text: EventText, tp?: string): LabEvent {
    const event = new RecordedEvent(this.nextSeq++, timeMs, kind, actor, text, tp);
    this.entries.push(event);
    this.retainedBytes += event.estimatedBytes;
    if (this.entries.length > this.maxEvents || this.retainedBytes > this.maxBytes) this.dropOldest();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: LabEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events emitted since the lab started (including any dropped for memory). */
  get count(): number {
    return this.nextSeq;
  }

  /** Sequence number of the oldest event still kept (= count when the log is empty). */
  get firstRetainedSeq(): number {
    return this.nextSeq - this.entries.length;
  }

  /** The event with this sequence number, if it is still kept. */
  get(seq: number): LabEvent | undefined {
    return this.entries[seq - this.firstRetainedSeq];
  }

  /** Kept events with fromSeq ≤ seq < toSeqExclusive, oldest first (clamped to what is kept). */
  slice(fromSeq: number, toSeqExclusive: number = this.nextSeq): LabEvent[] {
    const first = this.firstRetainedSeq;
    return this.entries.slice(Math.max(0, fromSeq - first), Math.max(0, toSeqExclusive - first));
  }

  /**
   * The newest `limit` events (default 5,000, what the old fixed-size log kept), oldest first.
   * For older callers; views that page through the whole run use count/get/slice.
   */
  recent(limit = RECENT_EVENTS_DEFAULT): readonly LabEvent[] {
    return this.entries.slice(Math.max(0, this.entries.length - limit));
  }

  /** Drop the oldest eighth in one splice: dropping one per emit would shift the array every time. */
  private dropOldest(): void {
    const drop = Math.max(1, this.entries.length >> 3);
    let bytes = 0;
    for (let i = 0; i < drop; i++) bytes += this.entries[i]!.estimatedBytes;
    this.entries = this.entries.slice(drop);
    this.retainedBytes -= bytes;
  }
}

/** One dense line per event, as printed by the scenario runner and compared by determinism tests. */
export function formatEvent(e: LabEvent): string {
  return `${formatTime(e.timeMs)} ${e.actor.padEnd(12)} ${e.text}`;
}

export function formatTime(timeMs: number): string {
  const ms = Math.floor(timeMs);
  const s = Math.floor(ms / 1000);
  return `${String(s).padStart(5, ' ')}.${String(ms % 1000).padStart(3, '0')}s`;
}
