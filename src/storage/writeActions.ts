import type { BufferedAction, RunAction, SegmentRef } from './OpBuffer';
import { segmentKey } from './OpBuffer';
import { chunksBefore, dirContentsRange, dirFilesRange, segmentChunkRange, type WriteTx } from './schema';
import { ABSENT_SEGMENT, dirKey, packChunks, type SegmentLayout, type SegmentState } from './SegmentLayout';

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
  await readUnknownSegments(tx, actions, layout);
  const w = new ActionWriter(tx, layout, requests);
  for (const action of actions) await w.apply(action);
}

class ActionWriter {
  constructor(
    private readonly tx: WriteTx,
    private readonly layout: SegmentLayout,
    private readonly requests: Promise<unknown>[],
  ) {}

  async apply(a: BufferedAction): Promise<void> {
    const tx = this.tx;
    switch (a.type) {
      case 'run':
        return this.run(a);
      case 'truncate': {
        const state = this.ensureSegment(a);
        if (a.sizeBytes < state.sizeBytes) this.layout.set(a, await this.cut(a, state, a.sizeBytes));
        return;
      }
      case 'indexes':
        this.ensureSegment(a);
        this.requests.push(tx.objectStore('indexes').put({ offsetIndex: a.offsetIndex, timeIndex: a.timeIndex }, segKey(a)));
        return;
      case 'createSegment':
        this.ensureSegment(a);
        return;
      case 'deleteSegment': {
        this.ensureBroker(a.broker);
        const { broker, dir, baseOffset } = a;
        this.requests.push(tx.objectStore('segments').delete(segmentChunkRange(broker, dir, baseOffset)));
        this.requests.push(tx.objectStore('indexes').delete(segKey(a)));
        this.layout.set(a, ABSENT_SEGMENT);
        return;
      }
      case 'deleteDir':
        this.ensureBroker(a.broker);
        this.requests.push(tx.objectStore('segments').delete(dirContentsRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('indexes').delete(dirContentsRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('files').delete(dirFilesRange(a.broker, a.dir)));
        this.requests.push(tx.objectStore('dirs').delete([a.broker, a.dir]));
        this.layout.deleteDir(a.broker, a.dir);
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

  /** Same effect as MemoryStorage's append: keep [0, position), then the bytes. */
  private async run(a: RunAction): Promise<void> {
    let state = this.ensureSegment(a);
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
    const store = this.tx.objectStore('segments');
    let position = start;
    for (const chunk of chunks) {
      this.requests.push(store.put(chunk, [a.broker, a.dir, a.baseOffset, position]));
      position += chunk.byteLength;
    }
    const last = chunks[chunks.length - 1];
    const tail = last ? { position: endBytes - last.byteLength, bytes: last } : state.tail;
    this.layout.set(a, { exists: true, sizeBytes: endBytes, tail });
  }

  /** Drops the bytes at and after `sizeBytes` (< state.sizeBytes), rewriting the chunk that straddles it. */
  private async cut(seg: SegmentRef, state: SegmentState, sizeBytes: number): Promise<SegmentState> {
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
    this.requests.push(this.tx.objectStore('indexes').put({}, segKey(seg)));
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
async function readUnknownSegments(tx: WriteTx, actions: BufferedAction[], layout: SegmentLayout): Promise<void> {
  const unknown = new Map<string, SegmentRef>();
  for (const a of actions) {
    if (a.type === 'run' || a.type === 'truncate' || a.type === 'indexes' || a.type === 'createSegment') {
      if (layout.get(a) === undefined) unknown.set(segmentKey(a), a);
    }
  }
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
