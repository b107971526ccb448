import type { BrokerConfig } from '../config';
import { KafkaController } from '../controller/KafkaController';
import { ZkPaths, type ZkStore } from '../controller/ZkStore';
import type { SimKernel, TaskId } from '../kernel';
import type { ControllerHost } from '../controller/ControllerHost';
import { brokerNodeId, NetworkClient, type Envelope, type NetworkEndpoint, type RequestOutcome, type SimNetwork } from '../network';
import type { BrokerEndpoint, KafkaRequest, KafkaResponse } from '../protocol';
import { parseTpName } from '../protocol/topicPartition';
import type { StorageSink, StoredLogDir } from '../storage';
import { DelayedOperationPurgatory } from './DelayedOperationPurgatory';
import { errorResponse } from './errorResponse';
import { handleAdminRequest } from './handlers/admin';
import { handleGroupRequest } from './handlers/groups';
import { GroupCoordinatorService } from '../groups/coordinator/GroupCoordinatorService';
import { GROUP_METADATA_TOPIC_NAME } from '../groups/coordinator/GroupMetadataManager';
import { handleFetch } from './handlers/fetch';
import { handleListOffsets } from './handlers/listOffsets';
import { handleOffsetsForLeaderEpoch } from './handlers/offsetsForLeaderEpoch';
import { handleMetadata } from './handlers/metadata';
import { handleProduce } from './handlers/produce';
import { MetadataCache } from './MetadataCache';
import type { Partition } from './Partition';
import { ReplicaManager } from './ReplicaManager';

/** Kafka's producer id block size (ProducerIdManager.PidBlockSize). */
const PRODUCER_ID_BLOCK_SIZE = 1000;
/** replica.high.watermark.checkpoint.interval.ms */
const HW_CHECKPOINT_INTERVAL_MS = 5000;
/** log.flush.offset.checkpoint.interval.ms / log.flush.start.offset.checkpoint.interval.ms */
const OFFSET_CHECKPOINT_INTERVAL_MS = 60000;
/** ReplicaManager.IsrChangePropagationInterval / Blackout / MaxDelay (2.4.1 ReplicaManager.scala:149-150,328). */
const ISR_CHANGE_CHECK_INTERVAL_MS = 2500;
const ISR_CHANGE_BLACKOUT_MS = 5000;
const ISR_CHANGE_MAX_DELAY_MS = 60000;

export interface BrokerOptions {
  id: number;
  kernel: SimKernel;
  network: SimNetwork;
  zk: ZkStore;
  sink: StorageSink;
  config: BrokerConfig;
  clusterId: string;
}

/**
 * One Kafka broker (KafkaServer + KafkaApis in ZooKeeper mode): a network endpoint that
 * answers client requests from its ReplicaManager and MetadataCache, and follows its
 * controller's LeaderAndIsr / UpdateMetadata / StopReplica. The broker that wins the
 * /controller election also runs the KafkaController.
 */
export class KafkaBroker implements NetworkEndpoint, ControllerHost {
  readonly id: number;
  readonly nodeId: string;
  readonly host = 'localhost';
  readonly port: number;
  readonly kernel: SimKernel;
  readonly network: SimNetwork;
  readonly zk: ZkStore;
  readonly clusterId: string;
  readonly metadataCache = new MetadataCache();
  readonly replicaManager: ReplicaManager;
  readonly metadataWaits: DelayedOperationPurgatory;
  /** This broker's GroupCoordinator, for the groups whose __consumer_offsets partition it leads. */
  readonly groups: GroupCoordinatorService;
  /** The controller-to-broker channel, used while this broker is the controller. */
  readonly controllerChannel: NetworkClient;
  controller: KafkaController | null = null;
  config: BrokerConfig;
  alive = true;
  /** False while isolated from ZooKeeper: no watch events reach it (see BrokerLifecycle). */
  zkConnected = true;
  /** A long GC pause: the process runs nothing until resumed (see BrokerLifecycle.pause). */
  paused = false;
  /** The highest controller epoch seen in a LeaderAndIsr: older controllers are fenced. */
  private controllerEpochSeen = 0;
  /** Partitions whose ISR this broker changed since the last isr_change_notification. */
  private readonly isrChanges = new Set<string>();
  private lastIsrChangeMs = 0;
  private lastIsrPropagationMs = 0;
  private producerIdNext = 0;
  private producerIdEnd = -1;
  /** The request whose handler is running, and whether it has been answered yet. */
  private handling: { envelopeId: number; answered: boolean } | null = null;
  /** Periodic task per label, so shutdown can cancel them. */
  private readonly timers = new Map<string, TaskId>();
  /** This broker's ZooKeeper watches: a stopped or crashed broker must not react to ZooKeeper. */
  private readonly unwatch: (() => void)[] = [];

  constructor(options: BrokerOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the coordinator reads the broker's current config
    const broker = this;
    this.id = options.id;
    this.nodeId = brokerNodeId(options.id);
    this.port = 9092 + options.id;
    this.kernel = options.kernel;
    this.network = options.network;
    this.zk = options.zk;
    this.clusterId = options.clusterId;
    this.config = options.config;
    this.replicaManager = new ReplicaManager({
      brokerId: this.id,
      kernel: this.kernel,
      sink: options.sink,
      config: () => this.config,
      topicOverrides: (topic) => this.topicOverrides(topic),
      hasTopic: (topic) => this.metadataCache.hasTopic(topic),
      network: this.network,
      isRunning: () => this.alive && !this.paused,
      isrWriter: {
        writeIsr: (partition, isr) => this.writeIsr(partition, isr),
        recordIsrChange: (tp) => {
          this.isrChanges.add(tp);
          this.lastIsrChangeMs = this.kernel.nowMs;
        },
      },
    });
    this.metadataWaits = new DelayedOperationPurgatory(this.kernel, `${this.nodeId} admin`);
    this.groups = new GroupCoordinatorService({
      id: this.id,
      kernel: this.kernel,
      get config() {
        return broker.config;
      },
      appendRecords: (timeoutMs, acks, topic, partition, records, respond) =>
        this.replicaManager.appendRecords(timeoutMs, acks, [{ topic, partition, records }], (results) => respond(results[0]?.response.errorCode ?? 'UNKNOWN_SERVER_ERROR')),
      localLog: (topic, partition) => this.replicaManager.partitions.get(`${topic}-${partition}`)?.log ?? null,
    });
    this.controllerChannel = new NetworkClient(this.nodeId, this.kernel, this.network, false);
    this.network.register(this);
  }

  get actor(): string {
    return `broker ${this.id}`;
  }

  get isolated(): boolean {
    return this.network.isIsolated(this.nodeId);
  }

  get isController(): boolean {
    return this.controller !== null;
  }

  get endpoint(): BrokerEndpoint {
    return { nodeId: this.id, host: this.host, port: this.port, rack: null };
  }

  /** Load the log dir (with recovery), register in ZooKeeper and start periodic tasks. */
  startup(stored: StoredLogDir | undefined): void {
    this.replicaManager.loadLogs(stored);
    this.replicaManager.deleteStrayLogs((topic) => this.zk.exists(ZkPaths.topic(topic)));
    this.register();
    this.kernel.emit('broker', this.actor, `started on ${this.host}:${this.port} and registered in ZooKeeper at ${ZkPaths.brokerId(this.id)}`);
    this.unwatch.push(this.zk.watch(ZkPaths.topicConfigs, (path) => this.zkConnected && this.onTopicConfigChange(path)));
    // Every broker watches /controller: when the controller's session ends, the first to re-create it wins.
    this.unwatch.push(
      this.zk.watch(ZkPaths.controller, (path, data) => {
        if (path === ZkPaths.controller && data === null && this.alive && this.zkConnected) this.maybeElectController();
      }),
    );
    this.every(this.config.logRetentionCheckIntervalMs, 'retention check', () => this.replicaManager.runRetention());
    // The cleaner thread sleeps log.cleaner.backoff.ms between runs (a run takes no simulated time).
    const cleaner = this.config.logCleaner;
    if (cleaner.enable && cleaner.threads > 0) this.every(Math.max(1, cleaner.backoffMs), 'log cleaner', () => this.replicaManager.logCleaner.run());
    this.every(HW_CHECKPOINT_INTERVAL_MS, 'HW checkpoint', () => this.replicaManager.writeCheckpoints());
    this.every(OFFSET_CHECKPOINT_INTERVAL_MS, 'offset checkpoints', () => this.replicaManager.writeCheckpoints());
    this.every(Math.max(1, Math.floor(this.config.replicaLagTimeMaxMs / 2)), 'isr-expiration', () => this.replicaManager.isr.maybeShrinkIsr());
    this.every(ISR_CHANGE_CHECK_INTERVAL_MS, 'isr-change-propagation', () => this.maybePropagateIsrChanges());
  }

  /**
   * The leader's ISR write (2.4.1 Partition.updateIsr via ReplicationUtils): conditional on its
   * cached zkVersion, with its leader epoch and its last controller epoch. A BADVERSION counts
   * as success when the znode already holds exactly this state. Fails without a session.
   */
  private writeIsr(partition: Partition, isr: readonly number[]): number | null {
    if (!this.alive || this.paused || !this.zkConnected) return null;
    const path = ZkPaths.partitionState(partition.topic, partition.partition);
    const znode = { controller_epoch: partition.controllerEpoch, leader: this.id, version: 1 as const, leader_epoch: partition.leaderEpoch, isr: [...isr] };
    const written = this.zk.setJsonIfVersion(path, znode, partition.partitionEpoch);
    if (written !== null) return written;
    const current = this.zk.getJson<typeof znode>(path);
    const same = current && current.leader === this.id && current.leader_epoch === partition.leaderEpoch && current.isr.join() === znode.isr.join();
    return same ? this.zk.dataVersion(path) : null;
  }

  /**
   * ReplicaManager.maybePropagateIsrChanges: once no ISR change happened for 5 s (or none was
   * propagated for 60 s), write one /isr_change_notification/isr_change_N znode; the controller
   * then sends UpdateMetadata so other brokers and clients learn the new ISR.
   */
  private maybePropagateIsrChanges(): void {
    if (this.isrChanges.size === 0 || !this.zkConnected) return;
    const now = this.kernel.nowMs;
    if (this.lastIsrChangeMs + ISR_CHANGE_BLACKOUT_MS > now && this.lastIsrPropagationMs + ISR_CHANGE_MAX_DELAY_MS > now) return;
    const partitions = [...this.isrChanges].sort().map(parseTpName);
    this.isrChanges.clear();
    this.lastIsrPropagationMs = now;
    this.zk.createSequential(`${ZkPaths.isrChangeNotification}/isr_change_`, JSON.stringify({ version: 1, partitions }));
  }

  /** The broker's ephemeral registration, /brokers/ids/N (again after its session expired). */
  register(): void {
    this.zk.setJson(ZkPaths.brokerId(this.id), { version: 5, host: this.host, port: this.port, endpoints: [`PLAINTEXT://${this.host}:${this.port}`], rack: null });
  }

  /** Its ZooKeeper session ended (isolated, or the process stopped): a controller resigns, as Kafka's does on session expiry. */
  onSessionExpired(): void {
    this.controller?.resign();
    this.controller = null;
  }

  /**
   * Back in touch with ZooKeeper within its session: catch up with what the dropped watches
   * said (the controller's broker changes, a free /controller, topic configs).
   */
  onZkReconnected(): void {
    if (!this.alive) return;
    if (this.controller) this.controller.catchUpAfterReconnect();
    else this.maybeElectController();
    for (const partition of this.replicaManager.partitions.values()) this.replicaManager.updateTopicConfig(partition.topic);
  }

  /** Become the controller if /controller is free (the first broker to start wins). */
  maybeElectController(): void {
    if (this.zk.exists(ZkPaths.controller)) return;
    this.controller = new KafkaController(this);
    this.controller.startup();
  }

  /** Clean shutdown: flush logs, write checkpoints and the .kafka_cleanshutdown marker. */
  shutdown(): void {
    this.replicaManager.shutdown();
    this.stopTasks();
    this.kernel.emit('broker', this.actor, 'shut down cleanly (logs flushed, checkpoints and .kafka_cleanshutdown written)');
  }

  /**
   * Stops this broker's process: it answers nothing more, its timers and ZooKeeper watches
   * end, and the network drops what is sent to it. Its ZooKeeper registration stays until
   * the session ends (at once after a clean shutdown, after the session timeout after a crash).
   */
  stop(options: { resetConnections?: boolean } = {}): void {
    this.alive = false;
    this.stopTasks();
    this.groups.shutdown();
    this.replicaManager.fetchers.shutdown();
    for (const unwatch of this.unwatch.splice(0)) unwatch();
    this.onSessionExpired();
    this.network.setNodeUp(this.nodeId, false);
    // A killed or stopped process's sockets are closed by its OS; a machine that lost power answers nothing.
    if (options.resetConnections) this.network.resetConnectionsTo(this.nodeId, `${this.actor} is no longer running`);
  }

  private stopTasks(): void {
    for (const t of this.timers.values()) this.kernel.cancel(t);
    this.timers.clear();
  }

  sendToBroker<R extends KafkaRequest>(brokerId: number, request: R, summary: string, timeoutMs: number, callback: (outcome: RequestOutcome<R>) => void): void {
    if (!this.alive) return;
    this.controllerChannel.send(brokerNodeId(brokerId), request, summary, timeoutMs, callback);
  }

  isBrokerReachable(brokerId: number): boolean {
    return this.network.isNodeUp(brokerNodeId(brokerId));
  }

  deliver(envelope: Envelope): void {
    if (!this.alive) return;
    // Responses reach the controller channel through its own connection, never the broker.
    if (envelope.direction === 'response') return;
    this.handleSafely(envelope, envelope.body as KafkaRequest);
  }

  respond(request: Envelope, response: KafkaResponse, summary: string): void {
    if (!this.alive) return;
    if (this.handling?.envelopeId === request.id) this.handling.answered = true;
    this.network.send(this.nodeId, request.from, 'response', request.correlationId, response, summary, request.connectionId);
  }

  /**
   * KafkaApis.handle's catch-all: an exception while handling a request becomes an error
   * response (UNKNOWN_SERVER_ERROR with the exception's message) instead of escaping the
   * kernel event and leaving the client waiting.
   */
  private handleSafely(envelope: Envelope, request: KafkaRequest): void {
    const handling = { envelopeId: envelope.id, answered: false };
    this.handling = handling;
    try {
      this.handle(envelope, request);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const unanswered = !handling.answered && !(request.apiKey === 'Produce' && request.acks === 0);
      this.kernel.emit('broker', this.actor, `error handling ${request.apiKey} from ${envelope.from}: ${message}${unanswered ? ' (answered with UNKNOWN_SERVER_ERROR)' : ''}`);
      if (unanswered) this.respond(envelope, errorResponse(request, 'UNKNOWN_SERVER_ERROR', message), `${request.apiKey} response (UNKNOWN_SERVER_ERROR)`);
    } finally {
      this.handling = null;
    }
  }

  /** Topic-level config overrides from ZooKeeper (/config/topics/<topic>). */
  topicOverrides(topic: string): Record<string, string> {
    return this.zk.getJson<{ config: Record<string, string> }>(ZkPaths.topicConfig(topic))?.config ?? {};
  }

  minInsyncReplicas(topic: string): number {
    return this.replicaManager.minInsyncReplicas(topic);
  }

  /** Allocate a producer id from this broker's block, fetching a new block from ZooKeeper when used up. */
  nextProducerId(): number {
    if (this.producerIdNext > this.producerIdEnd) {
      const last = this.zk.getJson<{ block_end: number }>(ZkPaths.producerIdBlock);
      const start = last ? last.block_end + 1 : 0;
      const end = start + PRODUCER_ID_BLOCK_SIZE - 1;
      this.zk.setJson(ZkPaths.producerIdBlock, { version: 1, broker: this.id, block_start: start, block_end: end });
      this.producerIdNext = start;
      this.producerIdEnd = end;
    }
    return this.producerIdNext++;
  }

  private handle(envelope: Envelope, request: KafkaRequest): void {
    switch (request.apiKey) {
      case 'Produce':
        return handleProduce(this, envelope, request);
      case 'Fetch':
        return handleFetch(this, envelope, request);
      case 'ListOffsets':
        return handleListOffsets(this, envelope, request);
      case 'OffsetsForLeaderEpoch':
        return handleOffsetsForLeaderEpoch(this, envelope, request);
      case 'Metadata':
        return handleMetadata(this, envelope, request);
      case 'InitProducerId': {
        const producerId = this.nextProducerId();
        this.kernel.emit('broker', this.actor, `assigned producer id ${producerId} (epoch 0) to ${envelope.from}`);
        return this.respond(envelope, { apiKey: 'InitProducerId', errorCode: 'NONE', producerId, producerEpoch: 0 }, `producer id ${producerId}`);
      }
      case 'LeaderAndIsr':
        return this.onLeaderAndIsr(envelope, request);
      case 'UpdateMetadata':
        if (request.controllerEpoch < this.controllerEpochSeen) {
          return this.respond(envelope, { apiKey: 'UpdateMetadata', errorCode: 'STALE_CONTROLLER_EPOCH' }, 'UpdateMetadata rejected (STALE_CONTROLLER_EPOCH)');
        }
        this.controllerEpochSeen = request.controllerEpoch;
        this.metadataCache.update(request);
        this.metadataWaits.checkAndComplete('metadata');
        return this.respond(envelope, { apiKey: 'UpdateMetadata', errorCode: 'NONE' }, 'metadata updated');
      case 'StopReplica':
        for (const p of request.partitions) {
          this.replicaManager.stopReplica(p.topicName, p.partitionIndex, p.deletePartition);
          if (p.topicName === GROUP_METADATA_TOPIC_NAME) this.groups.onLeadershipChange(p.partitionIndex, false);
        }
        return this.respond(envelope, { apiKey: 'StopReplica', errorCode: 'NONE' }, 'replicas stopped');
      case 'FindCoordinator':
      case 'JoinGroup':
      case 'SyncGroup':
      case 'Heartbeat':
      case 'LeaveGroup':
      case 'OffsetCommit':
      case 'OffsetFetch':
      case 'ListGroups':
      case 'DescribeGroups':
        return handleGroupRequest(this, envelope, request);
      default:
        return handleAdminRequest(this, envelope, request);
    }
  }

  /**
   * A LeaderAndIsr from an older controller than one already heard from is fenced
   * (STALE_CONTROLLER_EPOCH); a partition state whose leader epoch is not newer is stale.
   */
  private onLeaderAndIsr(envelope: Envelope, request: Extract<KafkaRequest, { apiKey: 'LeaderAndIsr' }>): void {
    if (request.controllerEpoch < this.controllerEpochSeen) {
      this.kernel.emit('broker', this.actor, `ignored a LeaderAndIsr from broker ${request.controllerId}: its controller epoch ${request.controllerEpoch} is older than ${this.controllerEpochSeen} (a fenced zombie controller)`);
      return this.respond(envelope, { apiKey: 'LeaderAndIsr', errorCode: 'STALE_CONTROLLER_EPOCH', partitionErrors: [] }, 'LeaderAndIsr rejected (STALE_CONTROLLER_EPOCH)');
    }
    this.controllerEpochSeen = request.controllerEpoch;
    const partitionErrors = request.partitionStates.map((state) => {
      const applied = this.replicaManager.becomeLeaderOrFollower(state);
      // KafkaApis.onLeadershipChange: the coordinator follows __consumer_offsets leadership.
      if (applied && state.topicName === GROUP_METADATA_TOPIC_NAME) this.groups.onLeadershipChange(state.partitionIndex, applied.isLeader);
      return { topicName: state.topicName, partitionIndex: state.partitionIndex, errorCode: applied ? ('NONE' as const) : ('STALE_CONTROLLER_EPOCH' as const) };
    });
    this.respond(envelope, { apiKey: 'LeaderAndIsr', errorCode: 'NONE', partitionErrors }, `LeaderAndIsr applied (${partitionErrors.length})`);
  }

  private onTopicConfigChange(path: string): void {
    const topic = path.slice(ZkPaths.topicConfigs.length + 1);
    if (!topic || topic.includes('/')) return;
    this.replicaManager.updateTopicConfig(topic);
  }

  private every(intervalMs: number, label: string, run: () => void): void {
    const tick = (): void => {
      if (!this.alive) return;
      if (!this.paused) run();
      this.timers.set(label, this.kernel.schedule(intervalMs, `${this.nodeId} ${label}`, tick));
    };
    this.timers.set(label, this.kernel.schedule(intervalMs, `${this.nodeId} ${label}`, tick));
  }
}

