import type { TopicConfigEntry } from '../config';
import type { SimKernel } from '../kernel';
import { NetworkClient, type SimNetwork } from '../network';
import { KafkaError, type KafkaErrorName, type KafkaRequest, type KafkaResponse, type ResponseFor } from '../protocol';
import type { LabAdmin, NewTopic } from './types';

/** default.api.timeout.ms / request.timeout.ms for admin calls */
const ADMIN_TIMEOUT_MS = 30000;
/** metadata.max.age.ms: how long the admin client trusts what it knows about the controller. */
const METADATA_MAX_AGE_MS = 300000;

/**
 * Kafka's AdminClient over the simulated network: it asks a bootstrap broker for metadata
 * to find the controller, then sends topic operations there (ZooKeeper mode), so learners
 * see each admin call travel the network.
 */
export class LabAdminClient implements LabAdmin {
  private readonly client: NetworkClient;
  /** The controller from the last Metadata response, as Kafka's AdminClient caches metadata. */
  private controller: { id: number; fetchedAtMs: number } | null = null;

  constructor(
    private readonly kernel: SimKernel,
    network: SimNetwork,
    private readonly bootstrap: readonly string[],
  ) {
    this.client = new NetworkClient('admin', kernel, network);
  }

  async createTopic(topic: NewTopic): Promise<void> {
    const response = await this.toController({
      apiKey: 'CreateTopics',
      topics: [
        {
          name: topic.name,
          numPartitions: topic.partitions ?? -1,
          replicationFactor: topic.replicationFactor ?? -1,
          ...(topic.replicaAssignment ? { assignments: topic.replicaAssignment.map((brokerIds, partitionIndex) => ({ partitionIndex, brokerIds: [...brokerIds] })) } : {}),
          configs: topic.configs ?? {},
        },
      ],
      timeoutMs: ADMIN_TIMEOUT_MS,
      validateOnly: false,
    }, `CreateTopics ${topic.name}`);
    throwIfError(response.topics[0]);
  }

  async deleteTopic(name: string): Promise<void> {
    const response = await this.toController({ apiKey: 'DeleteTopics', topicNames: [name], timeoutMs: ADMIN_TIMEOUT_MS }, `DeleteTopics ${name}`);
    throwIfError(response.responses[0]);
  }

  async createPartitions(name: string, totalCount: number): Promise<void> {
    const response = await this.toController({ apiKey: 'CreatePartitions', topics: [{ name, count: totalCount }], timeoutMs: ADMIN_TIMEOUT_MS, validateOnly: false }, `CreatePartitions ${name} → ${totalCount}`);
    throwIfError(response.results[0]);
  }

  async alterTopicConfigs(name: string, set: Record<string, string>, remove: string[] = []): Promise<void> {
    const configs = [
      ...Object.entries(set).map(([key, value]) => ({ name: key, configOperation: 'SET' as const, value })),
      ...remove.map((key) => ({ name: key, configOperation: 'DELETE' as const, value: null })),
    ];
    const response = await this.request(this.bootstrap[0]!, { apiKey: 'IncrementalAlterConfigs', resources: [{ resourceType: 'TOPIC', resourceName: name, configs }], validateOnly: false }, `IncrementalAlterConfigs ${name}`);
    const result = response.responses[0];
    if (result && result.errorCode !== 'NONE') throw new KafkaError(result.errorCode, result.errorMessage ?? undefined);
  }

  async describeTopicConfigs(name: string): Promise<TopicConfigEntry[]> {
    const response = await this.request(this.bootstrap[0]!, { apiKey: 'DescribeConfigs', resources: [{ resourceType: 'TOPIC', resourceName: name, configurationKeys: null }] }, `DescribeConfigs ${name}`);
    const result = response.results[0];
    if (!result) throw new KafkaError('UNKNOWN_SERVER_ERROR', 'empty DescribeConfigs response');
    if (result.errorCode !== 'NONE') throw new KafkaError(result.errorCode, result.errorMessage ?? undefined);
    return result.configs.map((c) => ({ name: c.name, value: c.value ?? '', source: c.source === 'DYNAMIC_BROKER_CONFIG' ? 'STATIC_BROKER_CONFIG' : c.source, isDefault: c.isDefault, doc: c.documentation }));
  }

  async listTopics(): Promise<string[]> {
    const response = await this.request(this.bootstrap[0]!, { apiKey: 'Metadata', topics: null, allowAutoTopicCreation: false }, 'Metadata (all topics)');
    return response.topics.map((t) => t.name).sort();
  }

  /**
   * Send `request` to the controller: the one cached from an earlier Metadata response, or
   * found with a Metadata request first (Kafka's AdminClient keeps cluster metadata for
   * metadata.max.age.ms and refreshes it on NOT_CONTROLLER). The second request is sent from
   * inside the first one's response event (a callback, not a promise continuation), so its
   * simulated send time never depends on when microtasks run.
   */
  private toController<R extends KafkaRequest>(request: R, summary: string): Promise<ResponseFor<R>> {
    return new Promise((resolve, reject) => {
      const sendTo = (controllerId: number, retryOnStale: boolean): void =>
        this.send(`broker-${controllerId}`, request, summary, (error) => {
          this.controller = null;
          reject(error);
        }, (response) => {
          if (retryOnStale && hasNotController(response)) {
            this.controller = null;
            return findController();
          }
          resolve(response);
        });
      const findController = (): void =>
        this.send(this.bootstrap[0]!, { apiKey: 'Metadata', topics: [], allowAutoTopicCreation: false }, 'Metadata (find the controller)', reject, (metadata) => {
          if (metadata.controllerId < 0) return reject(new KafkaError('NOT_CONTROLLER', 'The cluster has no controller right now.'));
          this.controller = { id: metadata.controllerId, fetchedAtMs: this.kernel.nowMs };
          sendTo(metadata.controllerId, false);
        });
      const known = this.controller;
      if (known && this.kernel.nowMs - known.fetchedAtMs < METADATA_MAX_AGE_MS) sendTo(known.id, true);
      else findController();
    });
  }

  private request<R extends KafkaRequest>(destination: string, request: R, summary: string): Promise<ResponseFor<R>> {
    return new Promise((resolve, reject) => this.send(destination, request, summary, reject, resolve));
  }

  private send<R extends KafkaRequest>(destination: string, request: R, summary: string, reject: (e: Error) => void, onResponse: (r: ResponseFor<R>) => void): void {
    this.client.send(destination, request, summary, ADMIN_TIMEOUT_MS, (outcome) => {
      if (outcome.ok) onResponse(outcome.response);
      else reject(new KafkaError(outcome.error, outcome.message));
    });
  }
}

function hasNotController(response: KafkaResponse): boolean {
  const results = 'topics' in response ? response.topics : 'responses' in response ? response.responses : 'results' in response ? response.results : [];
  return (results as { errorCode?: KafkaErrorName }[]).some((r) => r.errorCode === 'NOT_CONTROLLER');
}

function throwIfError(result: { errorCode: KafkaErrorName; errorMessage: string | null } | undefined): void {
  if (!result) throw new KafkaError('UNKNOWN_SERVER_ERROR', 'empty response');
  if (result.errorCode !== 'NONE') throw new KafkaError(result.errorCode, result.errorMessage ?? undefined);
}
