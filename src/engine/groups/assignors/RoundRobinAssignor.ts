import { ASSIGNOR_CLASSES } from '../../config';
import { compareJavaStrings } from './javaCollections';
import {
  AbstractPartitionAssignor,
  compareMemberInfo,
  topicPartitions,
  type GroupMembers,
  type PartitionsPerTopic,
} from './AbstractPartitionAssignor';
import type { TopicPartition, TopicPartitionPool } from './topicPartition';

/**
 * RoundRobinAssignor: every partition of every subscribed topic (topics sorted by name, partitions in
 * order) is dealt to the members in turn (a CircularIterator over the sorted members), skipping a member
 * not subscribed to that partition's topic. Balanced when all members subscribe to the same topics.
 */
export class RoundRobinAssignor extends AbstractPartitionAssignor {
  static readonly ROUNDROBIN_ASSIGNOR_NAME = 'roundrobin';
  readonly name = RoundRobinAssignor.ROUNDROBIN_ASSIGNOR_NAME;
  readonly className = ASSIGNOR_CLASSES.roundrobin;

  protected assignPartitions(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
  ): Map<string, TopicPartition[]> {
    const assignment = new Map<string, TopicPartition[]>();
    for (const memberId of members.keys()) assignment.set(memberId, []);
    const sorted = [...members.values()].sort(compareMemberInfo);
    // CircularIterator: `next` is the index peek() would return.
    let next = 0;
    for (const partition of allPartitionsSorted(partitionsPerTopic, members, pool)) {
      // Some member subscribes to this topic (the topic list came from the subscriptions), so this ends.
      while (!sorted[next]!.topics.includes(partition.topic)) next = (next + 1) % sorted.length;
      assignment.get(sorted[next]!.memberId)!.push(partition);
      next = (next + 1) % sorted.length;
    }
    return assignment;
  }
}

function allPartitionsSorted(partitionsPerTopic: PartitionsPerTopic, members: GroupMembers, pool: TopicPartitionPool): TopicPartition[] {
  const topics = new Set<string>();
  for (const member of members.values()) for (const topic of member.topics) topics.add(topic);
  const all: TopicPartition[] = [];
  for (const topic of [...topics].sort(compareJavaStrings)) {
    const count = partitionsPerTopic.get(topic);
    if (count !== undefined) all.push(...topicPartitions(pool, topic, count));
  }
  return all;
}
