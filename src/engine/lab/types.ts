import type { ConfigInput, KafkaVersion, TopicConfigEntry } from '../config';
import type { LinkOptions } from '../network';
import type { StorageSink, StoredCluster } from '../storage';

export interface LabOptions {
  seed: number;
  /** Kafka version profile for defaults; '3.9' unless given. */
  kafkaVersion?: KafkaVersion;
  /** Number of brokers (ids 0..n-1, ports 9092+id). Default 3. */
  brokerCount?: number;
  /** Where state changes are persisted; nothing is persisted when absent. */
  storage?: StorageSink;
  /** Stored state to restart from (a full-cluster restart with Kafka's log recovery). */
  restore?: StoredCluster;
  /** Simulated time to start at (a restart continues the old clock). */
  startTimeMs?: number;
  /** Network link defaults. */
  link?: Partial<LinkOptions>;
  /** Broker config overrides applied to every broker, e.g. {"auto.create.topics.enable": "false"}. */
  brokerConfig?: ConfigInput;
  /** Brokers that were down when the lab was saved: a restart leaves them down (start them later). */
  downBrokers?: readonly number[];
}

export interface NewTopic {
  name: string;
  /** Default: the broker's num.partitions. */
  partitions?: number;
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Replicas per partition (partition i gets replicaAssignment[i]; the first is preferred). Exclusive with partitions/replicationFactor. */
  replicaAssignment?: number[][];
  configs?: Record<string, string>;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface ProducerRecord {
  topic: string;
  key?: string | null;
  value: string | null;
  partition?: number;
  timestampMs?: number;
  headers?: Record<string, string>;
}

/** Kafka's RecordMetadata; offset is -1 for acks=0. */
export interface RecordMetadata {
  topic: string;
  partition: number;
  offset: number;
  timestampMs: number;
  serializedKeySize: number;
  serializedValueSize: number;
}

export interface ConsumerRecord {
  topic: string;
  partition: number;
  offset: number;
  timestampMs: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  leaderEpoch: number;
}

export interface StreamOptions {
  topic: string;
  recordsPerSecond: number;
  /** Keys to cycle through at random; null = keyless records. */
  keys: string[] | null;
  valuePrefix?: string;
}

export interface LabAdmin {
  createTopic(topic: NewTopic): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  /** Increase the partition count to `totalCount` (Kafka never shrinks). */
  createPartitions(name: string, totalCount: number): Promise<void>;
  /** Set and/or remove topic config overrides (IncrementalAlterConfigs). */
  alterTopicConfigs(name: string, set: Record<string, string>, remove?: string[]): Promise<void>;
  describeTopicConfigs(name: string): Promise<TopicConfigEntry[]>;
  listTopics(): Promise<string[]>;
}

export type { ConfigInput, KafkaVersion };
