/**
 * The iteration order of java.util.HashMap / HashSet, which Kafka's assignors depend on: the sticky
 * assignor hands out partitions while walking a HashMap of members, the range assignor appends each topic's
 * partitions while walking a HashMap of topics. A Java HashMap iterates its table bucket by bucket; inside a
 * bucket, in insertion order (a resize splits each bucket into two while keeping that order). The bucket is
 * `(h ^ (h >>> 16)) & (tableSize - 1)`; the table starts at 16 and doubles whenever the size passes 0.75 ×
 * the table size (or a bucket gets too long while the table is small), and never shrinks.
 */

/** HashMap.hash: spreads the high bits of hashCode() into the low ones before masking. */
export function javaSpread(hashCode: number): number {
  return (hashCode ^ (hashCode >>> 16)) | 0;
}

interface Node<T> {
  readonly key: string;
  readonly hash: number;
  readonly item: T;
}

const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/**
 * A model of java.util.HashMap's table (JDK 8–17): buckets of nodes in link order, put appending at a
 * bucket's tail and computeIfAbsent linking at its head, resize splitting each bucket in order, and a
 * bucket that grows past TREEIFY_THRESHOLD doubling the table while it is below 64 buckets. Not
 * modelled: tree bins (9+ keys in one bucket of a table of 64+), whose link order Java changes.
 */
export class JavaHashMapModel<T> {
  private table: Node<T>[][] | null = null;
  private initialTableSize: number;
  private count = 0;

  constructor(private readonly keyOf: (item: T) => string, private readonly hashOf: (item: T) => number, initialCapacity?: number) {
    // HashMap(int): the table is sized to tableSizeFor(initialCapacity) at the first insertion.
    let size = 1;
    while (size < (initialCapacity ?? 16)) size *= 2;
    this.initialTableSize = size;
  }

  get size(): number {
    return this.count;
  }

  private get threshold(): number {
    return this.table ? this.table.length * 0.75 : 0;
  }

  private resize(): Node<T>[][] {
    const old = this.table;
    const table: Node<T>[][] = Array.from({ length: old ? old.length * 2 : this.initialTableSize }, () => []);
    const mask = table.length - 1;
    // Split each bucket in link order: nodes keep their relative order in both halves.
    for (const bucket of old ?? []) for (const node of bucket) table[javaSpread(node.hash) & mask]!.push(node);
    this.table = table;
    return table;
  }

  private bucketOf(table: Node<T>[][], hash: number): Node<T>[] {
    return table[javaSpread(hash) & (table.length - 1)]!;
  }

  /** putVal for an absent key: link at the tail; a bucket of 9+ nodes below 64 buckets doubles the table. */
  put(item: T): void {
    const key = this.keyOf(item);
    const hash = this.hashOf(item);
    const table = this.table ?? this.resize();
    const bucket = this.bucketOf(table, hash);
    if (bucket.some((node) => node.key === key)) return;
    bucket.push({ key, hash, item });
    if (bucket.length - 1 >= TREEIFY_THRESHOLD && table.length < MIN_TREEIFY_CAPACITY) this.resize();
    if (++this.count > this.threshold) this.resize();
  }

  /** computeIfAbsent: resizes first when already over the threshold, then links a new key at the head. */
  computeIfAbsent(item: T): void {
    const table = this.table === null || this.count > this.threshold ? this.resize() : this.table;
    const key = this.keyOf(item);
    const hash = this.hashOf(item);
    const bucket = this.bucketOf(table, hash);
    if (bucket.some((node) => node.key === key)) return;
    bucket.unshift({ key, hash, item });
    if (bucket.length - 1 >= TREEIFY_THRESHOLD - 1 && table.length < MIN_TREEIFY_CAPACITY) this.resize();
    this.count++;
  }

  has(item: T): boolean {
    return this.table !== null && this.bucketOf(this.table, this.hashOf(item)).some((node) => node.key === this.keyOf(item));
  }

  delete(item: T): boolean {
    if (this.table === null) return false;
    const bucket = this.bucketOf(this.table, this.hashOf(item));
    const at = bucket.findIndex((node) => node.key === this.keyOf(item));
    if (at < 0) return false;
    bucket.splice(at, 1);
    this.count--;
    return true;
  }

  /** Iteration order: bucket by bucket, each in link order. */
  values(): T[] {
    return (this.table ?? []).flatMap((bucket) => bucket.map((node) => node.item));
  }
}

/** The order a default-constructed HashMap (or HashSet) iterates `items`, put in the given order. */
export function javaHashOrder<T>(items: readonly T[], hashOf: (item: T) => number, keyOf: (item: T) => string = String): T[] {
  const map = new JavaHashMapModel(keyOf, hashOf);
  for (const item of items) map.put(item);
  return map.values();
}

/**
 * The order of `new HashSet<>(collection)`: the copy constructor sizes its table for the collection up
 * front (HashMap(max(n / 0.75 + 1, 16))), then adds the items in order.
 */
export function javaHashSetCopyOrder<T>(items: readonly T[], hashOf: (item: T) => number, keyOf: (item: T) => string = String): T[] {
  const map = new JavaHashMapModel(keyOf, hashOf, Math.max(Math.floor(items.length / 0.75) + 1, 16));
  for (const item of items) map.put(item);
  return map.values();
}

/**
 * The order of a HashMap filled with computeIfAbsent, as Kafka's AbstractPartitionAssignor.put and
 * CollectionUtils.groupPartitionsByTopic fill theirs: a bucket lists its keys newest first. `calls` is
 * every key passed to computeIfAbsent, in call order, repeats included (a call for a present key can
 * still resize the table).
 */
export function javaComputeIfAbsentOrder(calls: readonly string[], hashOf: (key: string) => number): string[] {
  const map = new JavaHashMapModel<string>(String, hashOf);
  for (const key of calls) map.computeIfAbsent(key);
  return map.values();
}

/**
 * A HashSet whose `first()` is what `set.iterator().next()` returns in Java, for the one place (the sticky
 * assignor's partition movements) that takes "any" element and so depends on that order.
 */
export class JavaHashSet<T> {
  private readonly map: JavaHashMapModel<T>;

  constructor(keyOf: (item: T) => string, hashOf: (item: T) => number) {
    this.map = new JavaHashMapModel(keyOf, hashOf);
  }

  get size(): number {
    return this.map.size;
  }

  has(item: T): boolean {
    return this.map.has(item);
  }

  add(item: T): boolean {
    if (this.map.has(item)) return false;
    this.map.put(item);
    return true;
  }

  delete(item: T): boolean {
    return this.map.delete(item);
  }

  values(): T[] {
    return this.map.values();
  }

  first(): T | undefined {
    return this.values()[0];
  }
}

/** String.compareTo's sign: UTF-16 code unit order, which is also what JS's < compares (not localeCompare). */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
