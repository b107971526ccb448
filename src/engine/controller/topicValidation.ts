/**
 * Kafka's topic name rules (org.apache.kafka.common.internals.Topic, 2.x/3.x wording) and
 * the '.'/'_' collision check the ZooKeeper-era controller runs before creating a topic
 * (AdminZkClient.validateTopicCreate). Violations are INVALID_TOPIC_EXCEPTION.
 */

export const MAX_TOPIC_NAME_LENGTH = 249;
export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets';
export const TRANSACTION_STATE_TOPIC_NAME = '__transaction_state';
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set([GROUP_METADATA_TOPIC_NAME, TRANSACTION_STATE_TOPIC_NAME]);
/** KRaft's metadata log; 3.x brokers refuse to create a topic of this name, even in ZK mode. */
export const CLUSTER_METADATA_TOPIC_NAME = '__cluster_metadata';

/** What kafka-topics prints when a new name contains '.' or '_'. */
export const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. " +
  'To avoid issues it is best to use either, but not both.';

/** Kafka's legal characters: ASCII letters and digits, '.', '_' and '-'. */
const LEGAL_NAME = /^[a-zA-Z0-9._-]+$/;

/** Topic.validate: the error message, or null when the name is legal. */
export function validateTopicName(name: string): string | null {
  if (name.length === 0) return "Topic name is illegal, it can't be empty";
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`;
  }
  if (!LEGAL_NAME.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}

export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}

/** Metric names turn '.' into '_', so "a.b" and "a_b" would share metrics. */
export function hasCollisionChars(name: string): boolean {
  return name.includes('_') || name.includes('.');
}

export function unifyCollisionChars(name: string): string {
  return name.replaceAll('.', '_');
}

export function hasCollision(topicA: string, topicB: string): boolean {
  return unifyCollisionChars(topicA) === unifyCollisionChars(topicB);
}

/**
 * Every existing topic the new name collides with, sorted (Kafka lists them in its set's
 * order; sorting keeps the lab's message deterministic). The name itself is not a collision:
 * that is TOPIC_ALREADY_EXISTS.
 */
export function collidingTopics(name: string, existing: Iterable<string>): string[] {
  if (!hasCollisionChars(name)) return [];
  const colliding: string[] = [];
  for (const topic of existing) if (topic !== name && hasCollision(name, topic)) colliding.push(topic);
  return colliding.sort();
}

/** The first colliding existing topic (by name), or null. */
export function collidingTopic(name: string, existing: Iterable<string>): string | null {
  return collidingTopics(name, existing)[0] ?? null;
}

/** AdminZkClient's INVALID_TOPIC_EXCEPTION message, e.g. "Topic 'a.b' collides with existing topics: a_b". */
export function topicCollisionMessage(name: string, colliding: readonly string[]): string {
  return `Topic '${name}' collides with existing topics: ${colliding.join(', ')}`;
}
