/**
 * Sizes Kafka Lab can show. Kafka itself has no such hard limits; the lab refuses larger
 * requests up front, before anything is allocated, with Kafka's error codes and a message
 * naming the limit (docs/FIDELITY.md). Exported so the UI can name them too.
 *
 * Chosen from measurements: the cluster view and the per-partition logs stay responsive at
 * 2,000 partitions (a topic of 10,000 took 6 s to appear, 100,001 froze the tab), and a
 * class never needs more; __consumer_offsets alone takes 50.
 */
export const LAB_LIMITS = {
  /** Partitions in one topic (CreateTopics, CreatePartitions, num.partitions). */
  maxPartitionsPerTopic: 1000,
  /** Partitions of all topics together, internal ones included. */
  maxPartitionsInCluster: 2000,
  /** Topics in the cluster, internal ones included. */
  maxTopics: 1000,
} as const;

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function partitionsPerTopicMessage(requested: number): string {
  return `Kafka Lab shows at most ${grouped(LAB_LIMITS.maxPartitionsPerTopic)} partitions per topic; ${grouped(requested)} were requested.`;
}

export function partitionsInClusterMessage(existing: number, adding: number): string {
  return `Kafka Lab shows at most ${grouped(LAB_LIMITS.maxPartitionsInCluster)} partitions in the cluster; it has ${grouped(existing)} and ${grouped(adding)} more were requested.`;
}

export function topicsMessage(): string {
  return `Kafka Lab shows at most ${grouped(LAB_LIMITS.maxTopics)} topics; delete one before creating another.`;
}
