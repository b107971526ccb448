import type { BrokerEndpoint, LeaderAndIsrPartitionState, UpdateMetadataRequest } from '../protocol';

/**
 * A broker's view of the cluster (kafka.server.MetadataCache), kept up to date by the
 * controller's UpdateMetadata requests. Clients' Metadata requests are answered from here,
 * so a broker that missed an update answers with stale metadata, as in Kafka.
 */
export class MetadataCache {
  private readonly topics = new Map<string, Map<number, LeaderAndIsrPartitionState>>();
  private brokers: BrokerEndpoint[] = [];
  controllerId = -1;
  version = 0;

  update(request: UpdateMetadataRequest): void {
    this.controllerId = request.controllerId;
    this.brokers = [...request.liveBrokers].sort((a, b) => a.nodeId - b.nodeId);
    for (const topic of request.deletedTopics) this.topics.delete(topic);
    for (const state of request.partitionStates) {
      let partitions = this.topics.get(state.topicName);
      if (!partitions) this.topics.set(state.topicName, (partitions = new Map()));
      partitions.set(state.partitionIndex, state);
    }
    this.version++;
  }

  liveBrokers(): readonly BrokerEndpoint[] {
    return this.brokers;
  }

  isBrokerAlive(id: number): boolean {
    return this.brokers.some((b) => b.nodeId === id);
  }

  hasTopic(topic: string): boolean {
    return this.topics.has(topic);
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }

  partitions(topic: string): LeaderAndIsrPartitionState[] {
    const partitions = this.topics.get(topic);
    if (!partitions) return [];
    return [...partitions.values()].sort((a, b) => a.partitionIndex - b.partitionIndex);
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  /** True when every partition of `topic` has a leader: what CreateTopics waits for. */
  topicReady(topic: string, expectedPartitions: number): boolean {
    const partitions = this.topics.get(topic);
    if (!partitions || partitions.size < expectedPartitions) return false;
    for (const state of partitions.values()) if (state.leader < 0) return false;
    return true;
  }
}
