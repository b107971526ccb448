import type { KafkaErrorName } from './errors';
import type { GroupRequest, GroupResponse } from './groupMessages';

/**
 * Kafka requests and responses as the simulated network carries them. Field names follow
 * Kafka's JSON message schemas (clients/src/main/resources/common/message/*.json) in
 * camelCase; record data travels as real v2 record-batch bytes.
 */
export type ApiKey =
  | 'Produce'
  | 'Fetch'
  | 'ListOffsets'
  | 'OffsetsForLeaderEpoch'
  | 'Metadata'
  | 'CreateTopics'
  | 'DeleteTopics'
  | 'CreatePartitions'
  | 'DescribeConfigs'
  | 'IncrementalAlterConfigs'
  | 'InitProducerId'
  | 'LeaderAndIsr'
  | 'UpdateMetadata'
  | 'StopReplica'
  | GroupRequest['apiKey'];

// ---------------------------------------------------------------- Produce
export interface ProduceRequest {
  apiKey: 'Produce';
  acks: 0 | 1 | -1;
  timeoutMs: number;
  topicData: { topic: string; partitionData: { partition: number; records: Uint8Array }[] }[];
}
export interface ProducePartitionResponse {
  partition: number;
  errorCode: KafkaErrorName;
  errorMessage?: string;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
}
export interface ProduceResponse {
  apiKey: 'Produce';
  responses: { topic: string; partitionResponses: ProducePartitionResponse[] }[];
}

// ---------------------------------------------------------------- Fetch
export interface FetchPartition {
  partition: number;
  fetchOffset: number;
  currentLeaderEpoch: number;
  partitionMaxBytes: number;
  /** Followers (Fetch v12+): the epoch of the last batch they hold, for the diverging-epoch check. */
  lastFetchedEpoch?: number;
}
export interface FetchRequest {
  apiKey: 'Fetch';
  /** -1 for consumers; the follower's broker id for replica fetches. */
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: 'read_uncommitted' | 'read_committed';
  topics: { topic: string; partitions: FetchPartition[] }[];
}
export interface FetchPartitionResponse {
  partition: number;
  errorCode: KafkaErrorName;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  records: Uint8Array;
  /** The follower's last epoch ends earlier on the leader: truncate, then fetch again (no records). */
  divergingEpoch?: { epoch: number; endOffset: number };
}
export interface FetchResponse {
  apiKey: 'Fetch';
  errorCode: KafkaErrorName;
  responses: { topic: string; partitions: FetchPartitionResponse[] }[];
}

// ---------------------------------------------------------------- OffsetsForLeaderEpoch (KIP-101, KIP-320)
export interface OffsetsForLeaderEpochRequest {
  apiKey: 'OffsetsForLeaderEpoch';
  /** -1 for consumers validating their position (KIP-320); a broker id for followers. */
  replicaId: number;
  topics: { topic: string; partitions: { partition: number; currentLeaderEpoch: number; leaderEpoch: number }[] }[];
}
export interface EpochEndOffsetResult {
  partition: number;
  errorCode: KafkaErrorName;
  /** The largest epoch ≤ the requested one the leader knows, and where it ends (-1, -1: unknown). */
  leaderEpoch: number;
  endOffset: number;
}
export interface OffsetsForLeaderEpochResponse {
  apiKey: 'OffsetsForLeaderEpoch';
  topics: { topic: string; partitions: EpochEndOffsetResult[] }[];
}

// ---------------------------------------------------------------- ListOffsets
/** Special ListOffsets timestamps (ListOffsetsRequest.EARLIEST_TIMESTAMP etc). */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export interface ListOffsetsRequest {
  apiKey: 'ListOffsets';
  replicaId: number;
  isolationLevel: 'read_uncommitted' | 'read_committed';
  topics: { name: string; partitions: { partitionIndex: number; timestamp: number }[] }[];
}
export interface ListOffsetsResponse {
  apiKey: 'ListOffsets';
  topics: {
    name: string;
    partitions: { partitionIndex: number; errorCode: KafkaErrorName; timestamp: number; offset: number; leaderEpoch: number }[];
  }[];
}

// ---------------------------------------------------------------- Metadata
export interface MetadataRequest {
  apiKey: 'Metadata';
  /** null = all topics. */
  topics: string[] | null;
  allowAutoTopicCreation: boolean;
}
export interface PartitionMetadata {
  errorCode: KafkaErrorName;
  partitionIndex: number;
  leaderId: number;
  leaderEpoch: number;
  replicaNodes: number[];
  isrNodes: number[];
  offlineReplicas: number[];
}
export interface TopicMetadata {
  errorCode: KafkaErrorName;
  name: string;
  isInternal: boolean;
  partitions: PartitionMetadata[];
}
export interface BrokerEndpoint {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}
export interface MetadataResponse {
  apiKey: 'Metadata';
  brokers: BrokerEndpoint[];
  clusterId: string;
  controllerId: number;
  topics: TopicMetadata[];
}

// ---------------------------------------------------------------- Admin
export interface CreatableTopic {
  name: string;
  /** -1 = use the broker's num.partitions. */
  numPartitions: number;
  /** -1 = use the broker's default.replication.factor. */
  replicationFactor: number;
  /** Manual replica assignment (Kafka's `assignments`): numPartitions and replicationFactor must then be -1. */
  assignments?: { partitionIndex: number; brokerIds: number[] }[];
  configs: Record<string, string>;
}
export interface CreateTopicsRequest {
  apiKey: 'CreateTopics';
  topics: CreatableTopic[];
  timeoutMs: number;
  validateOnly: boolean;
}
export interface TopicResult {
  name: string;
  errorCode: KafkaErrorName;
  errorMessage: string | null;
}
export interface CreateTopicsResponse {
  apiKey: 'CreateTopics';
  topics: (TopicResult & { numPartitions: number; replicationFactor: number })[];
}
export interface DeleteTopicsRequest {
  apiKey: 'DeleteTopics';
  topicNames: string[];
  timeoutMs: number;
}
export interface DeleteTopicsResponse {
  apiKey: 'DeleteTopics';
  responses: TopicResult[];
}
export interface CreatePartitionsRequest {
  apiKey: 'CreatePartitions';
  topics: { name: string; count: number }[];
  timeoutMs: number;
  validateOnly: boolean;
}
export interface CreatePartitionsResponse {
  apiKey: 'CreatePartitions';
  results: TopicResult[];
}
export type ConfigResourceType = 'TOPIC' | 'BROKER';
export interface DescribeConfigsRequest {
  apiKey: 'DescribeConfigs';
  resources: { resourceType: ConfigResourceType; resourceName: string; configurationKeys: string[] | null }[];
}
export interface DescribedConfig {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  source: 'DYNAMIC_TOPIC_CONFIG' | 'DYNAMIC_BROKER_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';
  isSensitive: boolean;
  documentation: string;
}
export interface DescribeConfigsResponse {
  apiKey: 'DescribeConfigs';
  results: {
    resourceType: ConfigResourceType;
    resourceName: string;
    errorCode: KafkaErrorName;
    errorMessage: string | null;
    configs: DescribedConfig[];
  }[];
}
export interface IncrementalAlterConfigsRequest {
  apiKey: 'IncrementalAlterConfigs';
  resources: {
    resourceType: ConfigResourceType;
    resourceName: string;
    configs: { name: string; configOperation: 'SET' | 'DELETE'; value: string | null }[];
  }[];
  validateOnly: boolean;
}
export interface IncrementalAlterConfigsResponse {
  apiKey: 'IncrementalAlterConfigs';
  responses: { resourceType: ConfigResourceType; resourceName: string; errorCode: KafkaErrorName; errorMessage: string | null }[];
}
export interface InitProducerIdRequest {
  apiKey: 'InitProducerId';
  transactionalId: string | null;
  transactionTimeoutMs: number;
}
export interface InitProducerIdResponse {
  apiKey: 'InitProducerId';
  errorCode: KafkaErrorName;
  producerId: number;
  producerEpoch: number;
}

// ---------------------------------------------------------------- Controller → broker (ZooKeeper mode)
export interface LeaderAndIsrPartitionState {
  topicName: string;
  partitionIndex: number;
  controllerEpoch: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
  replicas: number[];
  isNew: boolean;
}
export interface LeaderAndIsrRequest {
  apiKey: 'LeaderAndIsr';
  controllerId: number;
  controllerEpoch: number;
  partitionStates: LeaderAndIsrPartitionState[];
  /** Topic configs the broker needs to open the logs (the lab's shortcut for ZK reads). */
  topicConfigs: Record<string, Record<string, string>>;
}
export interface LeaderAndIsrResponse {
  apiKey: 'LeaderAndIsr';
  errorCode: KafkaErrorName;
  partitionErrors: { topicName: string; partitionIndex: number; errorCode: KafkaErrorName }[];
}
export interface UpdateMetadataRequest {
  apiKey: 'UpdateMetadata';
  controllerId: number;
  controllerEpoch: number;
  partitionStates: LeaderAndIsrPartitionState[];
  liveBrokers: BrokerEndpoint[];
  /** Topics removed from the cluster (the lab's way of sending Kafka's deletion tombstones). */
  deletedTopics: string[];
}
export interface UpdateMetadataResponse {
  apiKey: 'UpdateMetadata';
  errorCode: KafkaErrorName;
}
export interface StopReplicaRequest {
  apiKey: 'StopReplica';
  controllerId: number;
  controllerEpoch: number;
  partitions: { topicName: string; partitionIndex: number; deletePartition: boolean }[];
}
export interface StopReplicaResponse {
  apiKey: 'StopReplica';
  errorCode: KafkaErrorName;
}

export type KafkaRequest =
  | ProduceRequest
  | FetchRequest
  | ListOffsetsRequest
  | OffsetsForLeaderEpochRequest
  | MetadataRequest
  | CreateTopicsRequest
  | DeleteTopicsRequest
  | CreatePartitionsRequest
  | DescribeConfigsRequest
  | IncrementalAlterConfigsRequest
  | InitProducerIdRequest
  | LeaderAndIsrRequest
  | UpdateMetadataRequest
  | StopReplicaRequest
  | GroupRequest;

export type KafkaResponse =
  | ProduceResponse
  | FetchResponse
  | ListOffsetsResponse
  | OffsetsForLeaderEpochResponse
  | MetadataResponse
  | CreateTopicsResponse
  | DeleteTopicsResponse
  | CreatePartitionsResponse
  | DescribeConfigsResponse
  | IncrementalAlterConfigsResponse
  | InitProducerIdResponse
  | LeaderAndIsrResponse
  | UpdateMetadataResponse
  | StopReplicaResponse
  | GroupResponse;

/** The response type that answers request type R. */
export type ResponseFor<R extends KafkaRequest> = Extract<KafkaResponse, { apiKey: R['apiKey'] }>;
