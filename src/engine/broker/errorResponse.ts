import type { GroupRequest, KafkaErrorName, KafkaRequest, KafkaResponse } from '../protocol';

/**
 * Kafka's AbstractRequest.getErrorResponse: the response to `request` with `errorCode` on
 * every topic, partition or resource it named. A broker answers with it when handling the
 * request threw, so no request is ever left unanswered.
 */
export function errorResponse(request: KafkaRequest, errorCode: KafkaErrorName, errorMessage: string): KafkaResponse {
  switch (request.apiKey) {
    case 'Produce':
      return {
        apiKey: 'Produce',
        responses: request.topicData.map((t) => ({
          topic: t.topic,
          partitionResponses: t.partitionData.map((p) => ({ partition: p.partition, errorCode, errorMessage, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 })),
        })),
      };
    case 'Fetch':
      return {
        apiKey: 'Fetch',
        errorCode,
        responses: request.topics.map((t) => ({
          topic: t.topic,
          partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: new Uint8Array(0) })),
        })),
      };
    case 'ListOffsets':
      return {
        apiKey: 'ListOffsets',
        topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode, timestamp: -1, offset: -1, leaderEpoch: -1 })) })),
      };
    case 'OffsetsForLeaderEpoch':
      return { apiKey: 'OffsetsForLeaderEpoch', topics: request.topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode, leaderEpoch: -1, endOffset: -1 })) })) };
    case 'Metadata':
      return { apiKey: 'Metadata', brokers: [], clusterId: '', controllerId: -1, topics: (request.topics ?? []).map((name) => ({ errorCode, name, isInternal: false, partitions: [] })) };
    case 'CreateTopics':
      return { apiKey: 'CreateTopics', topics: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage, numPartitions: -1, replicationFactor: -1 })) };
    case 'DeleteTopics':
      return { apiKey: 'DeleteTopics', responses: request.topicNames.map((name) => ({ name, errorCode, errorMessage })) };
    case 'CreatePartitions':
      return { apiKey: 'CreatePartitions', results: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage })) };
    case 'DescribeConfigs':
      return { apiKey: 'DescribeConfigs', results: request.resources.map((r) => ({ resourceType: r.resourceType, resourceName: r.resourceName, errorCode, errorMessage, configs: [] })) };
    case 'IncrementalAlterConfigs':
      return { apiKey: 'IncrementalAlterConfigs', responses: request.resources.map((r) => ({ resourceType: r.resourceType, resourceName: r.resourceName, errorCode, errorMessage })) };
    case 'InitProducerId':
      return { apiKey: 'InitProducerId', errorCode, producerId: -1, producerEpoch: -1 };
    case 'LeaderAndIsr':
      return { apiKey: 'LeaderAndIsr', errorCode, partitionErrors: [] };
    case 'UpdateMetadata':
      return { apiKey: 'UpdateMetadata', errorCode };
    case 'StopReplica':
      return { apiKey: 'StopReplica', errorCode };
    default:
      return groupErrorResponse(request, errorCode, errorMessage);
  }
}

function groupErrorResponse(request: GroupRequest, errorCode: KafkaErrorName, errorMessage: string): KafkaResponse {
  switch (request.apiKey) {
    case 'FindCoordinator':
      return { apiKey: 'FindCoordinator', errorCode, errorMessage, nodeId: -1, host: '', port: -1 };
    case 'JoinGroup':
      return { apiKey: 'JoinGroup', errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId: request.memberId, members: [] };
    case 'SyncGroup':
      return { apiKey: 'SyncGroup', errorCode, protocolType: null, protocolName: null, assignment: new Uint8Array(0) };
    case 'Heartbeat':
      return { apiKey: 'Heartbeat', errorCode };
    case 'LeaveGroup':
      return { apiKey: 'LeaveGroup', errorCode, members: [] };
    case 'OffsetCommit':
      return { apiKey: 'OffsetCommit', topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })) };
    case 'OffsetFetch':
      return { apiKey: 'OffsetFetch', errorCode, topics: [] };
    case 'ListGroups':
      return { apiKey: 'ListGroups', errorCode, groups: [] };
    case 'DescribeGroups':
      return { apiKey: 'DescribeGroups', groups: request.groups.map((groupId) => ({ errorCode, groupId, groupState: '', protocolType: '', protocolData: '', members: [] })) };
  }
}
