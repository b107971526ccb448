import type { StorageOp } from '../engine/storage';

/**
 * The last words of a page that is going away. An IndexedDB transaction started in
 * `pagehide` does not commit before the page dies, so at unload the runtime writes every
 * operation not yet known to be committed (including the clean-shutdown marker) to
 * localStorage, synchronously. The next start replays them into IndexedDB before loading.
 *
 * Replaying is safe even if the last flush did commit after all: the journal is the ordered
 * suffix of position-based writes, so applying it again yields the same files.
 */
export type JournalEntry = { kind: 'op'; op: StorageOp } | { kind: 'meta'; name: string; value: unknown };

/** Keep the journal well inside localStorage's ~5 MB quota. */
export const MAX_JOURNAL_BYTES = 1024 * 1024;

/** Tracks what was submitted since the last flush known to have committed. */
export class OpJournal {
  private entries: { seq: number; entry: JournalEntry }[] = [];
  private nextSeq = 0;
  private bytes = 0;

  record(entry: JournalEntry): void {
    this.entries.push({ seq: this.nextSeq++, entry });
    this.bytes += entryBytes(entry);
  }

  /** Call when a flush begins; pass the result to `committed` once it succeeded. */
  mark(): number {
    return this.nextSeq;
  }

  /** Everything recorded before `mark` is durable now. */
  committed(mark: number): void {
    let i = 0;
    while (i < this.entries.length && this.entries[i]!.seq < mark) {
      this.bytes -= entryBytes(this.entries[i]!.entry);
      i++;
    }
    if (i > 0) this.entries = this.entries.slice(i);
  }

  get pendingBytes(): number {
    return this.bytes;
  }

  /** What is not known to be committed, oldest first; at most `maxBytes` of it (a prefix). */
  pending(maxBytes = Number.POSITIVE_INFINITY): JournalEntry[] {
    const out: JournalEntry[] = [];
    let bytes = 0;
    for (const { entry } of this.entries) {
      bytes += entryBytes(entry);
      if (bytes > maxBytes) break;
      out.push(entry);
    }
    return out;
  }
}

function entryBytes(entry: JournalEntry): number {
  if (entry.kind === 'meta') return 256;
  const op = entry.op;
  if (op.type === 'append') return 64 + op.bytes.byteLength;
  if (op.type === 'indexes') return 64 + op.offsetIndex.byteLength + op.timeIndex.byteLength;
  if (op.type === 'file') return 64 + (op.contents?.length ?? 0);
  if (op.type === 'znode') return 64 + (op.data?.length ?? 0);
  return 64;
}

/**
 * Write the journal; true when all of it was written. When it is larger than `maxBytes`, the oldest
 * part that fits is written: ops are position-based and ordered, so a prefix replays to the state of
 * an earlier moment (the clean-shutdown marker, last, is then missing and recovery runs). The runtime
 * warns before the unsaved tail gets this large (the 'behind' storage health).
 */
export function writeShutdownJournal(storage: Pick<Storage, 'setItem'>, key: string, journal: OpJournal, maxBytes = MAX_JOURNAL_BYTES): boolean {
  const entries = journal.pending(maxBytes);
  try {
    storage.setItem(key, JSON.stringify({ version: 1, entries }, replacer));
    return journal.pendingBytes <= maxBytes;
  } catch {
    return false;
  }
}

/** Read (and validate) a journal; null when there is none or it cannot be trusted. */
export function readShutdownJournal(storage: Pick<Storage, 'getItem'>, key: string): JournalEntry[] | null {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text, reviver) as { version?: unknown; entries?: unknown };
    if (parsed.version !== 1 || !Array.isArray(parsed.entries)) return null;
    return parsed.entries.filter(isEntry);
  } catch {
    return null;
  }
}

export function clearShutdownJournal(storage: Pick<Storage, 'removeItem'>, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do: a journal we cannot remove is replayed again, which is harmless.
  }
}

export function journalKey(dbName: string): string {
  return `${dbName}:shutdown-journal`;
}

function isEntry(value: unknown): value is JournalEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as { kind?: unknown; op?: { type?: unknown }; name?: unknown };
  if (e.kind === 'meta') return typeof e.name === 'string';
  return e.kind === 'op' && typeof e.op?.type === 'string';
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $bytes: toBase64(value) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
    return fromBase64((value as { $bytes: string }).$bytes);
  }
  return value;
}

/** Chromium 140+ and Firefox 133+ have native base64 (about 100× faster than building a binary string). */
type NativeBase64 = { toBase64?: () => string };
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array };

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as NativeBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as NativeFromBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
