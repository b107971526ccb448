import type { Envelope } from '../../network';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from '../../protocol';
import type { KafkaBroker } from '../KafkaBroker';

type PartitionResult = ListOffsetsResponse['topics'][number]['partitions'][number];

/**
 * ListOffsets: EARLIEST → the log start offset, LATEST → the high watermark (what a
 * read_uncommitted consumer may read up to), a timestamp → the first offset whose
 * timestamp is at or after it, found through the time index (Partition.fetchOffsetForTimestamp).
 */
export function handleListOffsets(broker: KafkaBroker, envelope: Envelope, request: ListOffsetsRequest): void {
  const topics = request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => lookup(broker, topic.name, p.partitionIndex, p.timestamp)),
  }));
  broker.respond(envelope, { apiKey: 'ListOffsets', topics }, 'ListOffsets response');
}

function lookup(broker: KafkaBroker, topic: string, index: number, timestamp: number): PartitionResult {
  const tp = `${topic}-${index}`;
  const partition = broker.replicaManager.partitions.get(tp);
  const none = { partitionIndex: index, timestamp: -1, offset: -1, leaderEpoch: -1 };
  if (!partition) return { ...none, errorCode: broker.metadataCache.hasTopic(topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION' };
  const log = partition.log;
  if (!partition.isLeader || !log) return { ...none, errorCode: 'NOT_LEADER_OR_FOLLOWER' };
  const epoch = partition.leaderEpoch;
  if (timestamp === EARLIEST_TIMESTAMP) return { partitionIndex: index, errorCode: 'NONE', timestamp: -1, offset: log.logStartOffset, leaderEpoch: epoch };
  if (timestamp === LATEST_TIMESTAMP) return { partitionIndex: index, errorCode: 'NONE', timestamp: -1, offset: log.highWatermark, leaderEpoch: epoch };
  const found = log.fetchOffsetByTimestamp(timestamp);
  if (!found || found.offset >= log.highWatermark) return { ...none, errorCode: 'NONE' };
  return { partitionIndex: index, errorCode: 'NONE', timestamp: found.timestampMs, offset: found.offset, leaderEpoch: epoch };
}
