import { describeTopicConfigs } from '../../config';
import { CLUSTER_METADATA_TOPIC_NAME } from '../../controller/topicValidation';
import { ZkPaths } from '../../controller/ZkStore';
import type { Envelope } from '../../network';
import type {
  CreatePartitionsRequest,
  CreateTopicsRequest,
  DeleteTopicsRequest,
  DescribeConfigsRequest,
  DescribeConfigsResponse,
  IncrementalAlterConfigsRequest,
  KafkaRequest,
  TopicResult,
} from '../../protocol';
import { AdminZkClient, type AdminResult } from '../AdminZkClient';
import type { RequestContext } from '../BrokerContext';

type AdminRequest = CreateTopicsRequest | DeleteTopicsRequest | CreatePartitionsRequest | DescribeConfigsRequest | IncrementalAlterConfigsRequest;

/** Admin requests. Topic creation, deletion and partition changes go to the controller, as in ZK mode. */
export function handleAdminRequest(broker: RequestContext, envelope: Envelope, request: KafkaRequest): void {
  const admin = new AdminZkClient(broker);
  const req = request as AdminRequest;
  switch (req.apiKey) {
    case 'CreateTopics':
      return createTopics(broker, admin, envelope, req);
    case 'DeleteTopics':
      return deleteTopics(broker, admin, envelope, req);
    case 'CreatePartitions':
      return createPartitions(broker, admin, envelope, req);
    case 'DescribeConfigs':
      return broker.respond(envelope, describeConfigs(broker, req), 'DescribeConfigs response');
    case 'IncrementalAlterConfigs': {
      const responses = req.resources.map((r) => {
        const result = r.resourceType === 'TOPIC'
          ? admin.alterTopicConfigs(r.resourceName, r.configs, req.validateOnly)
          : ({ ok: false, errorCode: 'INVALID_REQUEST', errorMessage: 'Kafka Lab does not change broker configs at runtime yet.' } as const);
        return { resourceType: r.resourceType, resourceName: r.resourceName, ...resultFields(result) };
      });
      return broker.respond(envelope, { apiKey: 'IncrementalAlterConfigs', responses }, 'IncrementalAlterConfigs response');
    }
  }
}

function resultFields(result: AdminResult): { errorCode: TopicResult['errorCode']; errorMessage: string | null } {
  return result.ok ? { errorCode: 'NONE', errorMessage: null } : { errorCode: result.errorCode, errorMessage: result.errorMessage };
}

function notController(broker: RequestContext, names: string[]): TopicResult[] | null {
  if (broker.isController) return null;
  return names.map((name) => ({ name, errorCode: 'NOT_CONTROLLER', errorMessage: `This is not the correct controller for this cluster (the controller is broker ${broker.metadataCache.controllerId}).` }));
}

function createTopics(broker: RequestContext, admin: AdminZkClient, envelope: Envelope, req: CreateTopicsRequest): void {
  const rejected = notController(broker, req.topics.map((t) => t.name));
  const results = rejected?.map((r) => ({ ...r, numPartitions: -1, replicationFactor: -1 })) ??
    req.topics.map((t) => {
      const result = t.name === CLUSTER_METADATA_TOPIC_NAME && broker.config.version !== '2.4'
        ? ({ ok: false, errorCode: 'INVALID_REQUEST', errorMessage: `Creation of internal topic ${CLUSTER_METADATA_TOPIC_NAME} is prohibited.` } as const)
        : admin.createTopic(t.name, t.numPartitions, t.replicationFactor, t.configs, req.validateOnly, t.assignments);
      return { name: t.name, ...resultFields(result), numPartitions: t.numPartitions === -1 ? broker.config.numPartitions : t.numPartitions, replicationFactor: t.replicationFactor === -1 ? broker.config.defaultReplicationFactor : t.replicationFactor };
    });
  const created = results.filter((r) => r.errorCode === 'NONE' && !req.validateOnly);
  const respond = (timedOut: boolean): void => {
    const topics = results.map((r) =>
      timedOut && created.includes(r) && !broker.metadataCache.topicReady(r.name, r.numPartitions)
        ? { ...r, errorCode: 'REQUEST_TIMED_OUT' as const, errorMessage: 'Timed out waiting for the topic to be created on all brokers.' }
        : r,
    );
    broker.respond(envelope, { apiKey: 'CreateTopics', topics }, 'CreateTopics response');
  };
  // Kafka's DelayedCreatePartitions: answer once the new leaders are in the metadata cache.
  waitForMetadata(broker, () => created.every((r) => broker.metadataCache.topicReady(r.name, r.numPartitions)), respond, req.timeoutMs);
}

function deleteTopics(broker: RequestContext, admin: AdminZkClient, envelope: Envelope, req: DeleteTopicsRequest): void {
  // KafkaApis checks the metadata cache first: a topic already being deleted has left it.
  const responses = notController(broker, req.topicNames) ?? req.topicNames.map((name) => ({
    name,
    ...(broker.metadataCache.hasTopic(name) ? resultFields(admin.deleteTopic(name)) : { errorCode: 'UNKNOWN_TOPIC_OR_PARTITION' as const, errorMessage: `Topic '${name}' does not exist.` }),
  }));
  const deleted = responses.filter((r) => r.errorCode === 'NONE');
  const respond = (timedOut: boolean): void => {
    const out = responses.map((r) =>
      timedOut && deleted.includes(r) && broker.metadataCache.hasTopic(r.name) ? { ...r, errorCode: 'REQUEST_TIMED_OUT' as const, errorMessage: 'Timed out waiting for the topic deletion.' } : r,
    );
    broker.respond(envelope, { apiKey: 'DeleteTopics', responses: out }, 'DeleteTopics response');
  };
  waitForMetadata(broker, () => deleted.every((r) => !broker.metadataCache.hasTopic(r.name)), respond, req.timeoutMs);
}

function createPartitions(broker: RequestContext, admin: AdminZkClient, envelope: Envelope, req: CreatePartitionsRequest): void {
  const results = notController(broker, req.topics.map((t) => t.name)) ?? req.topics.map((t) => ({ name: t.name, ...resultFields(admin.addPartitions(t.name, t.count, req.validateOnly)) }));
  const grown = req.topics.filter((_, i) => results[i]!.errorCode === 'NONE' && !req.validateOnly);
  const respond = (timedOut: boolean): void => {
    const out = results.map((r, i) => {
      const t = req.topics[i]!;
      return timedOut && grown.includes(t) && !broker.metadataCache.topicReady(t.name, t.count) ? { ...r, errorCode: 'REQUEST_TIMED_OUT' as const, errorMessage: 'Timed out waiting for the new partitions.' } : r;
    });
    broker.respond(envelope, { apiKey: 'CreatePartitions', results: out }, 'CreatePartitions response');
  };
  waitForMetadata(broker, () => grown.every((t) => broker.metadataCache.topicReady(t.name, t.count)), respond, req.timeoutMs);
}

function waitForMetadata(broker: RequestContext, ready: () => boolean, respondOnce: (timedOut: boolean) => void, timeoutMs: number): void {
  let answered = false;
  const respond = (timedOut: boolean): void => {
    answered = true;
    respondOnce(timedOut);
  };
  broker.metadataWaits.tryCompleteElseWatch(
    {
      tryComplete: () => {
        if (!ready()) return false;
        respond(false);
        return true;
      },
      onExpiration: () => respond(true),
      // The admin change is in ZooKeeper already; answer as a timeout would rather than never.
      onFailure: (error) => {
        broker.kernel.emit('broker', broker.actor, `error while waiting for metadata: ${error instanceof Error ? error.message : String(error)}`);
        if (!answered) respond(true);
      },
    },
    ['metadata'],
    Math.max(1, timeoutMs),
  );
}

function describeConfigs(broker: RequestContext, req: DescribeConfigsRequest): DescribeConfigsResponse {
  const results = req.resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (r.resourceType === 'BROKER') {
      const configs = Object.entries(broker.config.values).map(([name, value]) => ({ name, value, readOnly: true, isDefault: false, source: 'STATIC_BROKER_CONFIG' as const, isSensitive: false, documentation: '' }));
      return { ...base, errorCode: 'NONE' as const, errorMessage: null, configs };
    }
    if (!broker.zk.exists(ZkPaths.topic(r.resourceName))) {
      return { ...base, errorCode: 'UNKNOWN_TOPIC_OR_PARTITION' as const, errorMessage: `Topic '${r.resourceName}' does not exist.`, configs: [] };
    }
    const entries = describeTopicConfigs(broker.config, broker.topicOverrides(r.resourceName))
      .filter((e) => r.configurationKeys === null || r.configurationKeys.includes(e.name))
      .map((e) => ({ name: e.name, value: e.value, readOnly: false, isDefault: e.isDefault, source: e.source, isSensitive: false, documentation: e.doc }));
    return { ...base, errorCode: 'NONE' as const, errorMessage: null, configs: entries };
  });
  return { apiKey: 'DescribeConfigs', results };
}
