import { ASSIGNOR_CLASSES, type KafkaVersion } from '../../config';
import { javaStringHashCode } from '../../util/hash';
import { javaComputeIfAbsentOrder } from './javaCollections';
import {
  AbstractPartitionAssignor,
  compareMemberInfo,
  topicPartitions,
  type AssignorMember,
  type GroupMembers,
  type PartitionsPerTopic,
} from './AbstractPartitionAssignor';
import type { TopicPartition, TopicPartitionPool } from './topicPartition';

/**
 * RangeAssignor: topic by topic, the members subscribed to it (sorted: static members by group.instance.id,
 * then dynamic ones by member id) each take a contiguous range; the first `partitions % members` take one
 * more. With several co-partitioned topics the same members get the extra partitions of every topic, which
 * is why range can be lopsided (the default in 2.4; 3.x lists [Range, CooperativeSticky]).
 *
 * 3.9's rack-aware pass (KIP-881) runs only when members set client.rack; the lab does not model racks, so
 * this is the non-rack path, which gives the same result as 2.4's arithmetic (start = n·i + min(i, extra)).
 */
export class RangeAssignor extends AbstractPartitionAssignor {
  static readonly RANGE_ASSIGNOR_NAME = 'range';
  readonly name = RangeAssignor.RANGE_ASSIGNOR_NAME;
  readonly className = ASSIGNOR_CLASSES.range;
  /** Same ranges in both releases; only the order of topics in a member's list differs (see assignPartitions). */
  readonly version: KafkaVersion;

  constructor(options: { version?: KafkaVersion } = {}) {
    super();
    this.version = options.version ?? '3.9';
  }

  protected assignPartitions(
    partitionsPerTopic: PartitionsPerTopic,
    members: GroupMembers,
    pool: TopicPartitionPool,
  ): Map<string, TopicPartition[]> {
    const consumersPerTopic = new Map<string, AssignorMember[]>();
    for (const member of members.values()) {
      for (const topic of member.topics) {
        const list = consumersPerTopic.get(topic) ?? [];
        list.push(member);
        consumersPerTopic.set(topic, list);
      }
    }
    const assignment = new Map<string, TopicPartition[]>();
    for (const memberId of members.keys()) assignment.set(memberId, []);
    // Each topic's partitions are appended in a HashMap order of topics, which fixes each member's list order:
    // 3.9 walks partitionsPerTopic; 2.4 walks consumersPerTopic, filled by computeIfAbsent (its own order).
    const topics = this.version === '2.4'
      ? javaComputeIfAbsentOrder([...members.values()].flatMap((member) => member.topics), javaStringHashCode)
      : [...partitionsPerTopic.keys()];
    for (const topic of topics) {
      const count = partitionsPerTopic.get(topic);
      if (count === undefined) continue;
      const consumers = [...(consumersPerTopic.get(topic) ?? [])].sort(compareMemberInfo);
      assignRanges(topicPartitions(pool, topic, count), consumers, assignment);
    }
    return assignment;
  }
}

/** RangeAssignor.assignRanges over one topic's TopicAssignmentState, without rack matching. */
function assignRanges(partitions: TopicPartition[], consumers: AssignorMember[], assignment: Map<string, TopicPartition[]>): void {
  if (consumers.length === 0) return;
  const perConsumer = Math.floor(partitions.length / consumers.length);
  let withExtraPartition = partitions.length % consumers.length;
  let next = 0;
  for (const consumer of consumers) {
    if (next >= partitions.length) break;
    const take = perConsumer + (withExtraPartition > 0 ? 1 : 0);
    if (take === 0) continue;
    assignment.get(consumer.memberId)!.push(...partitions.slice(next, next + take));
    next += take;
    if (take > perConsumer) withExtraPartition--;
  }
}
