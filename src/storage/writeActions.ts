import type { BufferedAction, RunAction, SegmentRef } from './OpBuffer';
import { DeferredRows } from './DeferredRows';
import { segmentKey } from './OpBuffer';
import { chunksBefore, dirContentsRange, dirFilesRange, segmentChunkRange, type SegmentIndexes, type WriteTx } from './schema';
import { ABSENT_SEGMENT, dirKey, packChunks, type SegmentLayout, type SegmentState } from './SegmentLayout';
import { entryBytes, PACKED_SEGMENT_MAX_BYTES, PackRows, type PackEntry } from './SegmentPacks';

/** IndexedDB writes 16–128 KiB values fastest; larger ones go to separate blob files. */
export const CHUNK_BYTES_MAX = 128 * 1024;
/**
 * A small last chunk is rewritten together with the next flush's bytes, so a partition that
 * receives a few records per flush does not end up as thousands of tiny rows. Bounded so the
 * rewrite costs at most this much per segment per flush.
 */
export const TAIL_MERGE_BELOW_BYTES = 16 * 1024;

/**
 * Issues every action's requests, in order, inside one readwrite transaction. Requests on one
 * transaction run in the order they are made, so only reads (unknown segments, the chunk that a
 * truncation splits) are awaited. Request promises go to `requests` for the caller to await
 * with the transaction. `layout` is the flush's own copy and is updated as actions apply.
 */
export async function writeActions(
  tx: WriteTx,
  actions: BufferedAction[],
  layout: SegmentLayout,
  requests: Promise<unknown>[],
): Promise<void> {
  const packs = new PackRows(tx, layout, requests);
  await readUnknownSegments(tx, actions, layout, packs);
  const rows = new DeferredRows(tx, requests);
  const w = new ActionWriter(tx, layout, requests, packs, rows);
  for (const action of actions) await w.apply(action);
  await w.packClosedSegments();
  packs.finish();
  rows.issueAll();
}

class ActionWriter {
  /** Dirs this flush changed: where a segment may have closed. */
  private readonly touched = new Map<string, { broker: number; dir: string }>();

  constructor(
    private readonly tx: WriteTx,
    private readonly layout: SegmentLayout,
    private readonly requests: Promise<unknown>[],
    private readonly packs: PackRows,
    /** The segments' own rows this flush writes, held to the end (see DeferredRows). */
    private readonly rows: DeferredRows,
  ) {}

  async apply(a: BufferedAction): Promise<void> {
    const tx = this.tx;
    if ('dir' in a) this.touched.set(dirKey(a.broker, a.dir), { broker: a.broker, dir: a.dir });
    switch (a.type) {
      case 'run':
        return this.run(a);
      case 'truncate': {
        const state = await this.ownRows(a);
        if (a.sizeBytes < state.sizeBytes) this.layout.set(a, await this.cut(a, state, a.sizeBytes));
        return;
      }
      case 'indexes': {
        const { unpackable, ...state } = await this.ownRows(a);
        // New index bytes may make it small enough to pack.
        if (unpackable) this.layout.set(a, state);
        this.rows.putIndexes(a, { offsetIndex: a.offsetIndex, timeIndex: a.timeIndex });
        return;
      }
      case 'createSegment':
        this.ensureSegment(a);
        return;
      case 'deleteSegment':
        return this.deleteSegment(a);
      case 'deleteDir':
        this.ensureBroker(a.broker);
        this.requests.push(tx.objectStore('segments').delete(dirContentsRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('indexes').delete(dirContentsRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('packs').delete(dirContentsRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('files').delete(dirFilesRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('dirs').delete([a.broker, a.dir]));
        this.layout.deleteDir(a.broker, a.dir);
        this.packs.dropDir(a.broker, a.dir);
        this.rows.dropDir(a.broker, a.dir);
        return;
      case 'file':
        this.ensureBroker(a.broker);
        if (a.contents === null) this.requests.push(tx.objectStore('files').delete([a.broker, a.path]));
        else this.requests.push(tx.objectStore('files').put(a.contents, [a.broker, a.path]));
        return;
      case 'znode':
        if (a.data === null) this.requests.push(tx.objectStore('znodes').delete(a.path));
        else this.requests.push(tx.objectStore('znodes').put(a.data, a.path));
        return;
      case 'meta':
        this.requests.push(tx.objectStore('meta').put(a.value, a.name));
        return;
    }
  }

  private async deleteSegment(a: Extract<BufferedAction, { type: 'deleteSegment' }>): Promise<void> {
    this.ensureBroker(a.broker);
    if (this.layout.get(a) === undefined) await this.packs.ensureKnown(a.broker, a.dir);
    const pack = this.layout.get(a)?.pack;
    if (pack !== undefined) await this.packs.take(a, pack);
    this.requests.push(this.tx.objectStore('segments').delete(segmentChunkRange(a.broker, a.dir, a.baseOffset)));
    this.requests.push(this.tx.objectStore('indexes').delete(segKey(a)));
    this.layout.set(a, ABSENT_SEGMENT);
    this.rows.drop(a);
  }

  /** The segment, moved out of its pack first if it is packed: a write to it changes its own rows. */
  private async ownRows(seg: SegmentRef): Promise<SegmentState> {
    const state = this.ensureSegment(seg);
    if (state.pack === undefined) return state;
    const entry = await this.packs.take(seg, state.pack);
    const log = entry.log.slice();
    if (log.byteLength > 0) this.rows.putChunk(seg, 0, log);
    const row: SegmentIndexes = {};
    if (entry.offsetIndex) row.offsetIndex = entry.offsetIndex.slice();
    if (entry.timeIndex) row.timeIndex = entry.timeIndex.slice();
    this.rows.putIndexes(seg, row);
    const own: SegmentState = { exists: true, sizeBytes: log.byteLength, tail: log.byteLength > 0 ? { position: 0, bytes: log } : null };
    this.layout.set(seg, own);
    return own;
  }

  /**
   * Moves each closed small segment of the dirs this flush touched into a pack (see
   * SegmentPacks). The segment with the highest base offset is the active one and stays.
   */
  async packClosedSegments(): Promise<void> {
    const segments = this.tx.objectStore('segments');
    const indexes = this.tx.objectStore('indexes');
    for (const { broker, dir } of this.touched.values()) {
      const loose = [...this.layout.looseSegments(broker, dir)];
      if (loose.length < 2) continue;
      const active = Math.max(...loose);
      for (const baseOffset of loose) {
        if (baseOffset === active) continue;
        const seg = { broker, dir, baseOffset };
        const state = this.layout.get(seg)!;
        if (state.unpackable) continue;
        const entry = await this.packable(seg, state);
        if (!entry) {
          this.layout.set(seg, { ...state, unpackable: true });
          continue;
        }
        const pack = await this.packs.add(seg, entry);
        this.rows.drop(seg);
        this.requests.push(segments.delete(segmentChunkRange(broker, dir, baseOffset)));
        this.requests.push(indexes.delete(segKey(seg)));
        this.layout.set(seg, { ...state, pack });
      }
    }
  }

  /** The segment's files when they are small enough to pack, else null. */
  private async packable(seg: SegmentRef, state: SegmentState): Promise<PackEntry | null> {
    if (state.sizeBytes > PACKED_SEGMENT_MAX_BYTES) return null;
    const written = this.rows.indexesOf(seg);
    const [log, row] = await Promise.all([this.wholeLog(seg, state), written ?? this.tx.objectStore('indexes').get(segKey(seg))]);
    if (!log) return null;
    const entry: PackEntry = { baseOffset: seg.baseOffset, log };
    if (row?.offsetIndex instanceof Uint8Array) entry.offsetIndex = row.offsetIndex;
    if (row?.timeIndex instanceof Uint8Array) entry.timeIndex = row.timeIndex;
    return entryBytes(entry) <= PACKED_SEGMENT_MAX_BYTES ? entry : null;
  }

  /** The segment's .log: its last chunk when that is all of it (the usual case), else its chunks joined; null if a row is damaged. */
  private async wholeLog(seg: SegmentRef, state: SegmentState): Promise<Uint8Array | null> {
    const { tail, sizeBytes } = state;
    if (sizeBytes === 0) return new Uint8Array(0);
    if (tail && tail.position === 0 && tail.bytes.byteLength === sizeBytes) return tail.bytes;
    this.rows.issue(seg);
    const range = segmentChunkRange(seg.broker, seg.dir, seg.baseOffset);
    const store = this.tx.objectStore('segments');
    const [keys, chunks] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
    if (!chunks.every((chunk) => chunk instanceof Uint8Array)) return null;
    const log = new Uint8Array(sizeBytes);
    keys.forEach((key, i) => log.set(chunks[i]!.subarray(0, sizeBytes - key[3]), key[3]));
    return log;
  }

  /** Same effect as MemoryStorage's append: keep [0, position), then the bytes. */
  private async run(a: RunAction): Promise<void> {
    let state = await this.ownRows(a);
    if (a.position < state.sizeBytes) state = await this.cut(a, state, a.position);
    let start = a.position;
    let parts = a.parts;
    if (a.position > state.sizeBytes) {
      // Write the gap as zeros (what MemoryStorage reads there) so chunks stay contiguous.
      parts = [new Uint8Array(a.position - state.sizeBytes), ...parts];
      start = state.sizeBytes;
    }
    if (state.tail && state.tail.bytes.byteLength < TAIL_MERGE_BELOW_BYTES) {
      parts = [state.tail.bytes, ...parts];
      start = state.tail.position;
    }
    const endBytes = a.position + a.sizeBytes;
    const chunks = packChunks(parts, endBytes - start, CHUNK_BYTES_MAX);
    let position = start;
    for (const chunk of chunks) {
      this.rows.putChunk(a, position, chunk);
      position += chunk.byteLength;
    }
    const last = chunks[chunks.length - 1];
    const tail = last ? { position: endBytes - last.byteLength, bytes: last } : state.tail;
    this.layout.set(a, { exists: true, sizeBytes: endBytes, tail });
  }

  /** Drops the bytes at and after `sizeBytes` (< state.sizeBytes), rewriting the chunk that straddles it. */
  private async cut(seg: SegmentRef, state: SegmentState, sizeBytes: number): Promise<SegmentState> {
    this.rows.issue(seg);
    const store = this.tx.objectStore('segments');
    this.requests.push(store.delete(segmentChunkRange(seg.broker, seg.dir, seg.baseOffset, sizeBytes)));
    let straddling = state.tail && state.tail.position < sizeBytes ? state.tail : null;
    if (!straddling && sizeBytes > 0) {
      const cursor = await store.openCursor(chunksBefore(seg.broker, seg.dir, seg.baseOffset, sizeBytes), 'prev');
      if (cursor) straddling = { position: cursor.key[3], bytes: cursor.value };
    }
    if (!straddling) return { exists: true, sizeBytes: 0, tail: null };
    const keep = sizeBytes - straddling.position;
    if (keep < straddling.bytes.byteLength) {
      straddling = { position: straddling.position, bytes: straddling.bytes.slice(0, keep) };
      this.requests.push(store.put(straddling.bytes, [seg.broker, seg.dir, seg.baseOffset, straddling.position]));
    }
    return { exists: true, sizeBytes, tail: straddling };
  }

  /** MemoryStorage creates the broker's log dir, the partition dir and the segment on first touch. */
  private ensureSegment(seg: SegmentRef): SegmentState {
    this.ensureBroker(seg.broker);
    const key = dirKey(seg.broker, seg.dir);
    if (!this.layout.dirRows.has(key)) {
      this.requests.push(this.tx.objectStore('dirs').put(1, [seg.broker, seg.dir]));
      this.layout.dirRows.add(key);
    }
    const state = this.layout.get(seg);
    if (state === undefined) throw new Error(`segment ${segmentKey(seg)} was not read before writing`);
    if (state.exists) return state;
    this.rows.putIndexes(seg, {});
    const created = { ...state, exists: true };
    this.layout.set(seg, created);
    return created;
  }

  private ensureBroker(broker: number): void {
    if (this.layout.brokers.has(broker)) return;
    this.requests.push(this.tx.objectStore('dirs').put(1, [broker, '']));
    this.layout.brokers.add(broker);
  }
}

/** Reads size, last chunk and existence of the segments this flush touches that the layout does not know. */
async function readUnknownSegments(tx: WriteTx, actions: BufferedAction[], layout: SegmentLayout, packs: PackRows): Promise<void> {
  let unknown = new Map<string, SegmentRef>();
  for (const a of actions) {
    if (a.type === 'run' || a.type === 'truncate' || a.type === 'indexes' || a.type === 'createSegment') {
      if (layout.get(a) === undefined) unknown.set(segmentKey(a), a);
    }
  }
  // A packed segment is known once its dir's packs are read.
  const dirs = new Map([...unknown.values()].map((seg) => [dirKey(seg.broker, seg.dir), seg]));
  for (const seg of dirs.values()) await packs.ensureKnown(seg.broker, seg.dir);
  unknown = new Map([...unknown].filter(([, seg]) => layout.get(seg) === undefined));
  const segments = tx.objectStore('segments');
  const indexes = tx.objectStore('indexes');
  await Promise.all(
    [...unknown.values()].map(async (seg) => {
      const [indexKey, cursor] = await Promise.all([
        indexes.getKey(segKey(seg)),
        segments.openCursor(segmentChunkRange(seg.broker, seg.dir, seg.baseOffset), 'prev'),
      ]);
      const tail = cursor ? { position: cursor.key[3], bytes: cursor.value } : null;
      const sizeBytes = tail ? tail.position + tail.bytes.byteLength : 0;
      // Chunks alone prove the segment exists (its index row may be lost); the row proves an empty one.
      layout.set(seg, { exists: indexKey !== undefined || tail !== null, sizeBytes, tail });
    }),
  );
}

function segKey(seg: SegmentRef): [number, string, number] {
  return [seg.broker, seg.dir, seg.baseOffset];
}
