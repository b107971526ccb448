import { isInternalTopic, validateTopicName } from '../../controller/topicValidation';
import type { Envelope } from '../../network';
import type { MetadataRequest, PartitionMetadata, TopicMetadata } from '../../protocol';
import { AdminZkClient } from '../AdminZkClient';
import type { RequestContext } from '../BrokerContext';

/**
 * Metadata answered from this broker's MetadataCache. An unknown topic is auto-created
 * (ZK mode: the broker writes it to ZooKeeper itself) when the client allows it and
 * auto.create.topics.enable is true; until its leaders exist it reports LEADER_NOT_AVAILABLE.
 */
export function handleMetadata(broker: RequestContext, envelope: Envelope, request: MetadataRequest): void {
  const cache = broker.metadataCache;
  const names = request.topics ?? cache.topicNames();
  const topics = names.map((name): TopicMetadata => {
    if (cache.hasTopic(name)) return topicMetadata(broker, name);
    const nameError = validateTopicName(name);
    if (nameError) return { errorCode: 'INVALID_TOPIC_EXCEPTION', name, isInternal: false, partitions: [] };
    if (request.allowAutoTopicCreation && broker.config.autoCreateTopicsEnable) {
      const result = new AdminZkClient(broker).createTopic(name, -1, -1, {}, false);
      if (result.ok) broker.kernel.emit('admin', broker.actor, `auto-created topic ${name} (auto.create.topics.enable=true) for ${envelope.from}`);
      return { errorCode: result.ok || result.errorCode === 'TOPIC_ALREADY_EXISTS' ? 'LEADER_NOT_AVAILABLE' : result.errorCode, name, isInternal: false, partitions: [] };
    }
    return { errorCode: 'UNKNOWN_TOPIC_OR_PARTITION', name, isInternal: false, partitions: [] };
  });
  broker.respond(
    envelope,
    { apiKey: 'Metadata', brokers: [...cache.liveBrokers()], clusterId: broker.clusterId, controllerId: cache.controllerId, topics },
    `Metadata response (${topics.length} topic${topics.length === 1 ? '' : 's'})`,
  );
}

function topicMetadata(broker: RequestContext, name: string): TopicMetadata {
  const cache = broker.metadataCache;
  const partitions = cache.partitions(name).map((state): PartitionMetadata => ({
    errorCode: state.leader >= 0 && cache.isBrokerAlive(state.leader) ? 'NONE' : 'LEADER_NOT_AVAILABLE',
    partitionIndex: state.partitionIndex,
    leaderId: state.leader,
    leaderEpoch: state.leaderEpoch,
    replicaNodes: [...state.replicas],
    isrNodes: [...state.isr],
    offlineReplicas: state.replicas.filter((id) => !cache.isBrokerAlive(id)),
  }));
  return { errorCode: 'NONE', name, isInternal: isInternalTopic(name), partitions };
}
