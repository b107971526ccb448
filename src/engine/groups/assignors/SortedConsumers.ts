import { compareJavaStrings } from './javaCollections';

/**
 * The general sticky algorithm's `TreeSet<String>(SubscriptionComparator)`: members ordered by how many
 * partitions they hold now, then by id. As in Kafka, a member is removed before its count changes and added
 * back after, so the order is always that of the current counts.
 */
export class SortedConsumers {
  private readonly order: string[] = [];

  constructor(private readonly sizeOf: (consumer: string) => number) {}

  private compare(a: string, b: string): number {
    return this.sizeOf(a) - this.sizeOf(b) || compareJavaStrings(a, b);
  }

  add(consumer: string): void {
    if (this.order.includes(consumer)) return;
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.order[mid]!, consumer) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, consumer);
  }

  remove(consumer: string): void {
    const at = this.order.indexOf(consumer);
    if (at >= 0) this.order.splice(at, 1);
  }

  first(): string {
    return this.order[0]!;
  }

  last(): string {
    return this.order[this.order.length - 1]!;
  }

  /** TreeSet.pollLast: removes and returns the member with the most partitions (undefined when empty). */
  pollLast(): string | undefined {
    return this.order.pop();
  }

  /** A snapshot, so callers may change the set while walking it (they stop right after, as Kafka does). */
  values(): readonly string[] {
    return [...this.order];
  }
}
