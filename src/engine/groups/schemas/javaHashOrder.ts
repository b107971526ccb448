/**
 * The iteration order of java.util.HashMap / HashSet with String keys. Kafka 2.4's consumer builds its
 * JoinGroup subscription from a HashSet of topics and groups partitions by topic in a HashMap
 * (CollectionUtils.groupPartitionsByTopic), so the order of those fields on the wire, and therefore the
 * bytes, is the hash order. 3.9 sorts them instead (ConsumerProtocol.serializeSubscription).
 *
 * HashMap keeps 2^k buckets (16 at first) and doubles when it holds more than 0.75 × buckets; a key's
 * bucket is (h ^ (h >>> 16)) & (buckets - 1) with h = String.hashCode. Iteration walks the buckets in
 * order; put appends to a bucket (so a bucket lists its keys in insertion order) and resizes split buckets
 * without reordering them. A bucket that reaches 8 keys makes Java resize early (or, from 64 buckets,
 * build a tree); topic sets do not get there, and this does not model it.
 */
import { javaStringHashCode } from '../../util/hash';

const DEFAULT_CAPACITY = 16;
const LOAD_FACTOR = 0.75;

function bucketOf(key: string, capacity: number): number {
  const h = javaStringHashCode(key);
  return (h ^ (h >>> 16)) & (capacity - 1);
}

/** HashMap.tableSizeFor: the smallest power of two ≥ n. */
function tableSizeFor(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}

/** `keys` (distinct, in insertion order) as a HashMap with `capacity` buckets iterates them. */
function inBucketOrder(keys: readonly string[], capacity: number): string[] {
  return keys
    .map((key, index) => ({ key, index, bucket: bucketOf(key, capacity) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

function distinct(keys: Iterable<string>): string[] {
  return [...new Set(keys)];
}

/**
 * `new ArrayList<>(new HashSet<>(collection))`: the copy constructor sizes the table up front to
 * max(size / 0.75 + 1, 16) buckets.
 */
export function javaHashSetCopyOrder(keys: Iterable<string>): string[] {
  const unique = distinct(keys);
  const capacity = tableSizeFor(Math.max(Math.floor(unique.length / LOAD_FACTOR) + 1, DEFAULT_CAPACITY));
  return inBucketOrder(unique, capacity);
}

/**
 * CollectionUtils.groupPartitionsByTopic: a `new HashMap<>()` filled by computeIfAbsent, one call per
 * partition. Unlike put, computeIfAbsent puts a new key at the head of its bucket, and it resizes before
 * it looks a key up, once the map already holds more than the threshold, so the final table depends on
 * the calls made after the threshold was passed. This simulates the buckets as Java keeps them.
 */
export function javaGroupPartitionsByTopic(
  partitions: readonly { topic: string; partition: number }[],
): Array<{ topic: string; partitions: number[] }> {
  const byTopic = new Map<string, number[]>();
  let buckets: string[][] = emptyTable(DEFAULT_CAPACITY);
  for (const { topic, partition } of partitions) {
    if (byTopic.size > buckets.length * LOAD_FACTOR) buckets = resized(buckets);
    let list = byTopic.get(topic);
    if (list === undefined) {
      list = [];
      byTopic.set(topic, list);
      buckets[bucketOf(topic, buckets.length)]!.unshift(topic);
    }
    list.push(partition);
  }
  return buckets.flat().map((topic) => ({ topic, partitions: byTopic.get(topic)! }));
}

function emptyTable(capacity: number): string[][] {
  return Array.from({ length: capacity }, () => []);
}

/** HashMap.resize: each bucket splits into the same index and index + old capacity, keeping its order. */
function resized(buckets: string[][]): string[][] {
  const next = emptyTable(buckets.length * 2);
  for (const bucket of buckets) {
    for (const key of bucket) next[bucketOf(key, next.length)]!.push(key);
  }
  return next;
}
