/**
 * The iteration order of java.util.HashMap / HashSet with String keys. Kafka 2.4's consumer builds its
 * JoinGroup subscription from a HashSet of topics and groups partitions by topic in a HashMap
 * (CollectionUtils.groupPartitionsByTopic), so the order of those fields on the wire, and therefore the
 * bytes, is the hash order. 3.9 sorts them instead (ConsumerProtocol.serializeSubscription).
 *
 * HashMap keeps 2^k buckets (16 at first) and doubles when it holds more than 0.75 × buckets; a key's
 * bucket is (h ^ (h >>> 16)) & (buckets - 1) with h = String.hashCode. Iteration walks the buckets in
 * order and each bucket in insertion order (resizes split buckets without reordering them). Buckets only
 * turn into trees at 8 colliding keys in a table of ≥ 64 buckets, which small topic sets never reach.
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
 * partition. computeIfAbsent resizes before it looks a key up, once the map already holds more than the
 * threshold, so the final table size depends on the calls made after the threshold was passed.
 */
export function javaGroupPartitionsByTopic(
  partitions: readonly { topic: string; partition: number }[],
): Array<{ topic: string; partitions: number[] }> {
  const byTopic = new Map<string, number[]>();
  let capacity = DEFAULT_CAPACITY;
  for (const { topic, partition } of partitions) {
    if (byTopic.size > capacity * LOAD_FACTOR) capacity *= 2;
    let list = byTopic.get(topic);
    if (list === undefined) {
      list = [];
      byTopic.set(topic, list);
    }
    list.push(partition);
  }
  return inBucketOrder([...byTopic.keys()], capacity).map((topic) => ({ topic, partitions: byTopic.get(topic)! }));
}
