/**
 * The iteration order of java.util.HashMap / HashSet, which Kafka's assignors depend on: the sticky
 * assignor hands out partitions while walking a HashMap of members, the range assignor appends each topic's
 * partitions while walking a HashMap of topics. A Java HashMap iterates its table bucket by bucket; inside a
 * bucket, in insertion order (a resize splits each bucket into two while keeping that order). The bucket is
 * `(h ^ (h >>> 16)) & (tableSize - 1)`; the table starts at 16 and doubles whenever the size passes 0.75 ×
 * the table size, and never shrinks. Not modelled: a bucket of 8+ colliding keys (Java resizes below 64
 * buckets and builds a tree above), which member ids and topic names do not reach in the lab.
 */

/** HashMap.hash: spreads the high bits of hashCode() into the low ones before masking. */
export function javaSpread(hashCode: number): number {
  return (hashCode ^ (hashCode >>> 16)) | 0;
}

/** Table size of a `new HashMap<>()` (or HashSet) after `size` distinct puts. */
export function defaultTableSize(size: number): number {
  let tableSize = 16;
  while (size > tableSize * 0.75) tableSize *= 2;
  return tableSize;
}

/**
 * The order a default-constructed HashMap holding `items` (distinct, put in the given order) iterates them.
 */
export function javaHashOrder<T>(items: readonly T[], hashOf: (item: T) => number, tableSize = defaultTableSize(items.length)): T[] {
  const mask = tableSize - 1;
  return items
    .map((item, seq) => ({ item, seq, bucket: javaSpread(hashOf(item)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.seq - b.seq)
    .map((entry) => entry.item);
}

/**
 * The order of a HashMap filled with computeIfAbsent, as Kafka's AbstractPartitionAssignor.put and
 * CollectionUtils.groupPartitionsByTopic fill theirs. Unlike put, computeIfAbsent links a new key at the
 * head of its bucket (so a bucket lists its keys newest first), and it resizes before looking a key up
 * whenever the map is already over its threshold, even for a key that is present. `calls` is every key
 * passed to computeIfAbsent, in call order, repeats included.
 */
export function javaComputeIfAbsentOrder(calls: readonly string[], hashOf: (key: string) => number): string[] {
  let tableSize = 16;
  const seqOf = new Map<string, number>();
  for (const key of calls) {
    if (seqOf.size > tableSize * 0.75) tableSize *= 2;
    if (!seqOf.has(key)) seqOf.set(key, seqOf.size);
  }
  const mask = tableSize - 1;
  return [...seqOf.keys()]
    .map((key) => ({ key, seq: seqOf.get(key)!, bucket: javaSpread(hashOf(key)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || b.seq - a.seq)
    .map((entry) => entry.key);
}

interface SetEntry<T> {
  readonly item: T;
  readonly seq: number;
  readonly bucket: number;
}

/**
 * A HashSet whose `first()` is what `set.iterator().next()` returns in Java, for the one place (the sticky
 * assignor's partition movements) that takes "any" element and so depends on that order.
 */
export class JavaHashSet<T> {
  private readonly entries = new Map<string, SetEntry<T>>();
  private tableSize = 16;
  private nextSeq = 0;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly hashOf: (item: T) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(item: T): boolean {
    return this.entries.has(this.keyOf(item));
  }

  add(item: T): boolean {
    const key = this.keyOf(item);
    if (this.entries.has(key)) return false;
    this.entries.set(key, { item, seq: this.nextSeq++, bucket: javaSpread(this.hashOf(item)) });
    if (this.entries.size > this.tableSize * 0.75) this.tableSize *= 2;
    return true;
  }

  delete(item: T): boolean {
    return this.entries.delete(this.keyOf(item));
  }

  /** Java's iteration order over the current table. */
  values(): T[] {
    const mask = this.tableSize - 1;
    return [...this.entries.values()]
      .sort((a, b) => (a.bucket & mask) - (b.bucket & mask) || a.seq - b.seq)
      .map((entry) => entry.item);
  }

  first(): T | undefined {
    return this.values()[0];
  }
}

/** String.compareTo's sign: UTF-16 code unit order, which is also what JS's < compares (not localeCompare). */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
