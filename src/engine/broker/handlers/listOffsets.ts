import type { Envelope } from '../../network';
import type { ListOffsetsRequest } from '../../protocol';
import type { RequestContext } from '../BrokerContext';

/** KafkaApis.handleListOffsetRequest: each partition answered by ReplicaManager.fetchOffsetForTimestamp. */
export function handleListOffsets(broker: RequestContext, envelope: Envelope, request: ListOffsetsRequest): void {
  const topics = request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => broker.replicaManager.fetchOffsetForTimestamp(topic.name, p.partitionIndex, p.timestamp)),
  }));
  broker.respond(envelope, { apiKey: 'ListOffsets', topics }, 'ListOffsets response');
}
