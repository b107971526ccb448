import type { BrokerConfig } from '../config';
import type { ZkStore } from '../controller/ZkStore';
import type { SimKernel } from '../kernel';
import type { Envelope } from '../network';
import type { KafkaResponse } from '../protocol';
import type { DelayedOperationPurgatory } from './DelayedOperationPurgatory';
import type { MetadataCache } from './MetadataCache';
import type { ReplicaManager } from './ReplicaManager';

/**
 * What AdminZkClient needs from its broker: ZooKeeper, the broker's config and clock, the
 * live brokers and topic overrides. Narrow interfaces instead of KafkaBroker keep the broker,
 * its request handlers, AdminZkClient and the controller free of type-level cycles.
 */
export interface AdminContext {
  readonly zk: ZkStore;
  readonly config: BrokerConfig;
  readonly kernel: SimKernel;
  readonly actor: string;
  readonly metadataCache: MetadataCache;
  topicOverrides(topic: string): Record<string, string>;
}

/** What the request handlers (KafkaApis) need from their broker. */
export interface RequestContext extends AdminContext {
  readonly clusterId: string;
  readonly replicaManager: ReplicaManager;
  /** CreateTopics / DeleteTopics / CreatePartitions waiting for metadata to propagate. */
  readonly metadataWaits: DelayedOperationPurgatory;
  /** True while this broker is the controller (ZK mode sends topic admin requests there). */
  readonly isController: boolean;
  respond(request: Envelope, response: KafkaResponse, summary: string): void;
}
