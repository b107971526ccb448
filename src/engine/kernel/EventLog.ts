/**
 * The lab's event log: every state change the engine makes is reported here in plain
 * words, with structured fields for views and tests. It doubles as the deterministic
 * trace: same seed + same inputs = the same sequence of entries.
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
  | 'config';

export interface LabEvent {
  readonly seq: number;
  readonly timeMs: number;
  readonly kind: LabEventKind;
  /** Who did it, e.g. "broker 1", "producer", "controller". */
  readonly actor: string;
  /** One plain-English sentence a learner can read. */
  readonly text: string;
  /** Topic-partition this event concerns, if any, e.g. "orders-3". */
  readonly tp?: string;
}

export type LabEventListener = (event: LabEvent) => void;

export class EventLog {
  private readonly entries: LabEvent[] = [];
  private readonly listeners = new Set<LabEventListener>();
  private nextSeq = 0;

  /** @param capacity how many recent events are retained for views */
  constructor(private readonly capacity = 5000) {}

  emit(timeMs: number, kind: LabEventKind, actor: string, text: string, tp?: string): LabEvent {
    const event: LabEvent = tp === undefined
      ? { seq: this.nextSeq++, timeMs, kind, actor, text }
      : { seq: this.nextSeq++, timeMs, kind, actor, text, tp };
    this.entries.push(event);
    // Trim in bulk: dropping one entry per emit would shift the whole array every time.
    if (this.entries.length >= 2 * this.capacity) this.trim();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: LabEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Retained events, oldest first. */
  recent(): readonly LabEvent[] {
    this.trim();
    return this.entries;
  }

  private trim(): void {
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  get count(): number {
    return this.nextSeq;
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
