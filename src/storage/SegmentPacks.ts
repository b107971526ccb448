import type { SegmentRef } from './OpBuffer';
import { dirContentsRange, type PackKey, type StoredPack, type WriteTx } from './schema';
import type { SegmentLayout, SegmentState } from './SegmentLayout';

/**
 * Packs: closed small segments of one partition dir stored together in one row (schema v2).
 * A reload pays per row read, not per byte: 10,000 1 KiB segments were 20,000 rows (a .log
 * chunk and an index row each) and are now ~160. Only closed segments are packed, so appends
 * never rewrite a pack; anything that writes to a packed segment (a truncation, new index
 * bytes) first moves it back to its own rows.
 */

/**
 * A segment whose files together are at most this size is packed once it is closed. Larger ones
 * (the demo topic's full 16 KiB segments with their indexes) already cost few rows per byte, and
 * rewriting packs of them on every roll cost more CPU while streaming than it saved at reload.
 */
export const PACKED_SEGMENT_MAX_BYTES = 16 * 1024;
/** A pack takes segments until it holds this much (a rewrite costs at most this per flush). */
export const PACK_BYTES_MAX = 64 * 1024;

export interface PackEntry {
  baseOffset: number;
  log: Uint8Array;
  /** Undefined: the file is missing (the engine rebuilds it), as with a missing index row. */
  offsetIndex?: Uint8Array;
  timeIndex?: Uint8Array;
}

const MISSING = -1;
const NUMBERS_PER_ENTRY = 4;

export function entryBytes(e: PackEntry): number {
  return e.log.byteLength + (e.offsetIndex?.byteLength ?? 0) + (e.timeIndex?.byteLength ?? 0);
}

export function packBytes(entries: readonly PackEntry[]): number {
  let total = 0;
  for (const e of entries) total += entryBytes(e);
  return total;
}

/** One standalone buffer (a view would store its whole underlying buffer). */
export function encodePack(entries: readonly PackEntry[]): StoredPack {
  const bytes = new Uint8Array(packBytes(entries));
  const numbers: number[] = [];
  let at = 0;
  const put = (file: Uint8Array | undefined): number => {
    if (!file) return MISSING;
    bytes.set(file, at);
    at += file.byteLength;
    return file.byteLength;
  };
  for (const e of entries) numbers.push(e.baseOffset, put(e.log), put(e.offsetIndex), put(e.timeIndex));
  return { bytes, entries: numbers };
}

/**
 * The segments of a stored pack, as views into its bytes. A row that does not have the
 * pack's shape yields the entries that fit before the damage: never an exception.
 */
export function decodePack(value: unknown): PackEntry[] {
  const pack = value as Partial<StoredPack> | undefined;
  const bytes = pack?.bytes;
  const numbers = pack?.entries;
  if (!(bytes instanceof Uint8Array) || !Array.isArray(numbers)) return [];
  const entries: PackEntry[] = [];
  let at = 0;
  const take = (length: unknown): Uint8Array | undefined | null => {
    if (length === MISSING) return undefined;
    if (!Number.isSafeInteger(length) || (length as number) < 0 || at + (length as number) > bytes.byteLength) return null;
    const file = bytes.subarray(at, at + (length as number));
    at += length as number;
    return file;
  };
  for (let i = 0; i + NUMBERS_PER_ENTRY <= numbers.length; i += NUMBERS_PER_ENTRY) {
    const baseOffset: unknown = numbers[i];
    if (!Number.isSafeInteger(baseOffset) || (baseOffset as number) < 0) break;
    const log = take(numbers[i + 1]);
    const offsetIndex = take(numbers[i + 2]);
    const timeIndex = take(numbers[i + 3]);
    if (!log || offsetIndex === null || timeIndex === null) break;
    const entry: PackEntry = { baseOffset: baseOffset as number, log };
    if (offsetIndex) entry.offsetIndex = offsetIndex;
    if (timeIndex) entry.timeIndex = timeIndex;
    entries.push(entry);
  }
  return entries;
}

/** The layout state of a packed segment: its whole .log is its tail chunk. */
export function packedState(entry: PackEntry, pack: number): SegmentState {
  const size = entry.log.byteLength;
  return { exists: true, sizeBytes: size, tail: size > 0 ? { position: 0, bytes: entry.log } : null, pack };
}

interface OpenPack {
  key: PackKey;
  entries: PackEntry[];
}

/**
 * The packs one flush touches, read at most once each and written once at the end (`finish`),
 * inside the flush's transaction. `layout` is the flush's copy and is kept in step.
 */
export class PackRows {
  private readonly open = new Map<string, OpenPack>();
  private readonly dirty = new Set<OpenPack>();

  constructor(
    private readonly tx: WriteTx,
    private readonly layout: SegmentLayout,
    private readonly requests: Promise<unknown>[],
  ) {}

  /** Reads the dir's packs into the layout when it does not know them (before load, after maintenance). */
  async ensureKnown(broker: number, dir: string): Promise<void> {
    if (this.layout.packs(broker, dir)) return;
    const store = this.tx.objectStore('packs');
    const range = dirContentsRange(broker, dir);
    const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
    keys.forEach((key, i) => {
      const entries = decodePack(values[i]);
      this.open.set(packId(key), { key, entries });
      this.layout.setPack(broker, dir, key[2], packBytes(entries));
      for (const entry of entries) {
        const seg = { broker, dir, baseOffset: entry.baseOffset };
        if (!this.layout.get(seg)?.exists) this.layout.set(seg, packedState(entry, key[2]));
      }
    });
    this.layout.markPacksKnown(broker, dir);
  }

  /** Removes a packed segment from its pack and returns its files. */
  async take(seg: SegmentRef, pack: number): Promise<PackEntry> {
    const open = await this.load([seg.broker, seg.dir, pack]);
    const i = open.entries.findIndex((e) => e.baseOffset === seg.baseOffset);
    const [entry] = i < 0 ? [] : open.entries.splice(i, 1);
    this.changed(open);
    return entry ?? { baseOffset: seg.baseOffset, log: new Uint8Array(0) };
  }

  /** Adds a closed segment to the dir's last pack while it has room, else to a new pack. */
  async add(seg: SegmentRef, entry: PackEntry): Promise<number> {
    await this.ensureKnown(seg.broker, seg.dir);
    const packs = this.layout.packs(seg.broker, seg.dir)!;
    let last = -1;
    for (const id of packs.keys()) last = Math.max(last, id);
    const room = last >= 0 && packs.get(last)! + entryBytes(entry) <= PACK_BYTES_MAX;
    const id = room ? last : last + 1;
    const open = room ? await this.load([seg.broker, seg.dir, id]) : this.create([seg.broker, seg.dir, id]);
    open.entries.push(entry);
    this.changed(open);
    return id;
  }

  /** Writes every pack this flush changed; an emptied pack's row is deleted. */
  finish(): void {
    const store = this.tx.objectStore('packs');
    for (const { key, entries } of this.dirty) {
      const [broker, dir, id] = key;
      if (entries.length === 0) {
        this.requests.push(store.delete(key));
        this.layout.setPack(broker, dir, id, null);
      } else {
        this.requests.push(store.put(encodePack(entries), key));
      }
    }
  }

  /** Forgets the packs of a deleted dir (deleteDir removed their rows). */
  dropDir(broker: number, dir: string): void {
    for (const [id, open] of this.open) {
      if (open.key[0] !== broker || open.key[1] !== dir) continue;
      this.open.delete(id);
      this.dirty.delete(open);
    }
  }

  private changed(open: OpenPack): void {
    this.dirty.add(open);
    this.layout.setPack(open.key[0], open.key[1], open.key[2], packBytes(open.entries));
  }

  private create(key: PackKey): OpenPack {
    const open = { key, entries: [] };
    this.open.set(packId(key), open);
    return open;
  }

  private async load(key: PackKey): Promise<OpenPack> {
    const cached = this.open.get(packId(key));
    if (cached) return cached;
    const open = { key, entries: decodePack(await this.tx.objectStore('packs').get(key)) };
    this.open.set(packId(key), open);
    return open;
  }
}

function packId(key: PackKey): string {
  return `${key[0]}\u0000${key[1]}\u0000${key[2]}`;
}
