import { formatBytes } from '../../kernel/format';
import type { Envelope } from '../../network';
import type { FetchPartitionResponse, FetchRequest, KafkaErrorName } from '../../protocol';
import type { KafkaBroker } from '../KafkaBroker';
import { logErrorName } from './logErrors';

const EMPTY = new Uint8Array(0);

interface FetchRead {
  responses: { topic: string; partitions: FetchPartitionResponse[] }[];
  bytes: number;
  hasError: boolean;
}

/**
 * KafkaApis.handleFetchRequest + ReplicaManager.fetchMessages: read whole batches from
 * the leader's log below the high watermark (consumers) and answer at once when at least
 * fetch.min.bytes are available, an error occurred or maxWaitMs is 0; otherwise park the
 * fetch in purgatory until enough data arrives or fetch.max.wait.ms passes.
 */
export function handleFetch(broker: KafkaBroker, envelope: Envelope, request: FetchRequest): void {
  const first = readPartitions(broker, request);
  if (request.maxWaitMs <= 0 || first.bytes >= request.minBytes || first.hasError) {
    return sendFetchResponse(broker, envelope, first);
  }
  const keys = request.topics.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p.partition}`));
  broker.fetchWaits.tryCompleteElseWatch(
    {
      tryComplete: () => {
        const read = readPartitions(broker, request);
        if (read.bytes < request.minBytes && !read.hasError) return false;
        sendFetchResponse(broker, envelope, read);
        return true;
      },
      onExpiration: () => sendFetchResponse(broker, envelope, readPartitions(broker, request)),
    },
    keys,
    request.maxWaitMs,
  );
}

function sendFetchResponse(broker: KafkaBroker, envelope: Envelope, read: FetchRead): void {
  const summary = read.bytes > 0 ? `Fetch response (${formatBytes(read.bytes)})` : 'Fetch response (empty)';
  broker.respond(envelope, { apiKey: 'Fetch', errorCode: 'NONE', responses: read.responses }, summary);
}

function readPartitions(broker: KafkaBroker, request: FetchRequest): FetchRead {
  let remaining = request.maxBytes;
  let bytes = 0;
  let hasError = false;
  const responses = request.topics.map((topic) => ({
    topic: topic.topic,
    partitions: topic.partitions.map((p): FetchPartitionResponse => {
      const result = readPartition(broker, request, topic.topic, p.partition, p.fetchOffset, p.currentLeaderEpoch, Math.min(p.partitionMaxBytes, remaining), bytes === 0);
      if (result.errorCode !== 'NONE') hasError = true;
      bytes += result.records.byteLength;
      remaining = Math.max(0, remaining - result.records.byteLength);
      return result;
    }),
  }));
  return { responses, bytes, hasError };
}

function readPartition(
  broker: KafkaBroker,
  request: FetchRequest,
  topic: string,
  index: number,
  fetchOffset: number,
  currentLeaderEpoch: number,
  maxBytes: number,
  minOneMessage: boolean,
): FetchPartitionResponse {
  const tp = `${topic}-${index}`;
  const partition = broker.replicaManager.partitions.get(tp);
  const empty = (errorCode: KafkaErrorName): FetchPartitionResponse => ({
    partition: index,
    errorCode,
    highWatermark: partition?.log?.highWatermark ?? -1,
    lastStableOffset: partition?.log?.highWatermark ?? -1,
    logStartOffset: partition?.log?.logStartOffset ?? -1,
    records: EMPTY,
  });
  if (!partition) return empty(broker.metadataCache.hasTopic(topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
  if (!partition.isLeader || !partition.log) return empty('NOT_LEADER_OR_FOLLOWER');
  if (currentLeaderEpoch >= 0 && currentLeaderEpoch < partition.leaderEpoch) return empty('FENCED_LEADER_EPOCH');
  if (currentLeaderEpoch > partition.leaderEpoch) return empty('UNKNOWN_LEADER_EPOCH');
  const log = partition.log;
  // Consumers read only below the high watermark; followers (replication) read to the LEO.
  const maxOffset = request.replicaId < 0 ? log.highWatermark : log.logEndOffset;
  try {
    const read = log.read(fetchOffset, maxBytes, maxOffset, minOneMessage);
    return { ...empty('NONE'), records: read.records };
  } catch (error) {
    return empty(logErrorName(error));
  }
}
