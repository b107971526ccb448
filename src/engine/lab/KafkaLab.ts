import { findGroup, type GroupView } from './groupViews';
import { brokerConfig, KAFKA_VERSIONS, type BrokerConfig, type ConfigInput, type KafkaVersion } from '../config';
import { KafkaBroker } from '../broker/KafkaBroker';
import { LabConsumer } from '../clients/LabConsumer';
import { LabProducer } from '../clients/LabProducer';
import { ZkPaths, ZkStore, type PartitionStateZNode, type TopicAssignmentZNode } from '../controller/ZkStore';
import { SimKernel } from '../kernel';
import { SimNetwork } from '../network';
import { tpName } from '../protocol';
import type { GuaranteesView, LabSnapshot } from '../snapshot';
import { ClientLedger } from '../checkers/ClientLedger';
import { GuaranteesChecker } from '../checkers/GuaranteesChecker';
import { NULL_SINK, type StorageSink, type StoredLogDir } from '../storage';
import { applyCommand, CommandLog, type CommandResult, type ElectionResultEntry, type LabCommand } from './commands';
import { LabAdminClient } from './LabAdminClient';
import { readRecordWindow, type RecordDetail } from './LogRecordReader';
import { describeOffsetsRecordAt, isOffsetsTopicPartition, offsetsKeyName } from './LogRecordBytes';
import type { OffsetsRecordDescription } from '../groups/schemas';
import { SnapshotBuilder } from './SnapshotBuilder';
import { BrokerLifecycle } from './BrokerLifecycle';
import { GroupSinks, type GroupSink } from '../groups/sink';
import type { LabAdmin, LabOptions, TopicPartition } from './types';

export const DEFAULT_BROKER_COUNT = 3;

/**
 * The lab's engine: a simulated Kafka cluster (ZooKeeper, brokers, the controller, the
 * network) plus the clients people drive. Everything runs on the kernel's simulated clock,
 * so the same seed and the same commands always produce the same trace.
 */
export class KafkaLab {
  readonly kernel: SimKernel;
  readonly network: SimNetwork;
  readonly zk: ZkStore;
  /** Broker N at index N; a restarted broker replaces its entry. */
  readonly brokers: KafkaBroker[];
  /** Crash, clean shutdown and restart of brokers (see BrokerLifecycle). */
  readonly lifecycle: BrokerLifecycle;
  private readonly brokerBase: { config: BrokerConfig; sink: StorageSink };
  readonly admin: LabAdmin;
  readonly kafkaVersion: KafkaVersion;
  readonly clusterId: string;
  /** What the start-up recovery did, in plain words (empty on a fresh lab). */
  readonly recoveryReport: string[];
  readonly bootstrap: readonly string[];
  /** Every command applied through apply(), with its simulated time (see commands.ts). */
  readonly commandLog = new CommandLog();
  private readonly producerById = new Map<string, LabProducer>();
  private readonly consumerById = new Map<string, LabConsumer>();
  private readonly snapshots: SnapshotBuilder;
  /** Records acknowledged to producers and returned to consumers, for the guarantees checker. */
  readonly ledger: ClientLedger;
  /** Kafka's invariants and the client ledger, checked against the live cluster. */
  readonly checker: GuaranteesChecker;
  /** Each consumer group's sink: the application's table its members write processed records into (a lab model, not Kafka). */
  readonly sinks: GroupSinks;
  private commandCount = 0;
  private nextClientNumber = 1;

  static create(options: LabOptions): KafkaLab {
    return new KafkaLab(options);
  }

  private constructor(options: LabOptions) {
    this.kafkaVersion = options.kafkaVersion ?? '3.9';
    if (!(KAFKA_VERSIONS as readonly string[]).includes(this.kafkaVersion)) {
      throw new RangeError(`Unknown Kafka version profile "${this.kafkaVersion}": the lab knows ${KAFKA_VERSIONS.join(' and ')}.`);
    }
    const brokerCount = options.brokerCount ?? DEFAULT_BROKER_COUNT;
    if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 9) throw new RangeError(`A lab has 1 to 9 brokers, got ${brokerCount}.`);
    const sink: StorageSink = options.storage ?? NULL_SINK;
    this.kernel = new SimKernel({ seed: options.seed, startTimeMs: options.startTimeMs ?? 0 });
    this.network = new SimNetwork(this.kernel, options.link);
    this.sinks = new GroupSinks(this.kernel);
    this.zk = new ZkStore(this.kernel, sink, options.restore?.znodes);
    this.clusterId = this.ensureClusterId();
    if (options.restore) this.expireOldSessions();
    // Like a single-machine quickstart, the offsets topic's RF fits the cluster (Kafka's default 3
    // would leave a 1- or 2-broker lab without a group coordinator); an explicit value wins.
    const base = brokerConfig(this.kafkaVersion, { 'offsets.topic.replication.factor': String(Math.min(3, brokerCount)), ...(options.brokerConfig ?? {}) });
    this.brokerBase = { config: base, sink };
    const down = new Set((options.downBrokers ?? []).filter((id) => Number.isInteger(id) && id >= 0 && id < brokerCount));
    this.brokers = Array.from({ length: brokerCount }, (_, id) => (down.has(id) ? this.downBroker(id) : this.startBroker(id, options.restore?.logDirs.get(id))));
    this.lifecycle = new BrokerLifecycle({
      kernel: this.kernel,
      zk: this.zk,
      network: this.network,
      brokers: this.brokers,
      restartBroker: (id, logDir) => this.restartBroker(id, logDir),
    });
    this.recoveryReport = this.brokers.flatMap((b) => b.replicaManager.recoveryMessages);
    for (const id of down) {
      this.lifecycle.keepDown(id, options.restore?.logDirs.get(id) ?? { brokerId: id, files: new Map(), partitions: new Map() });
      this.kernel.emit('broker', `broker ${id}`, `stays down: it was not running when the lab was saved (start it again to bring its partitions back)`);
      this.recoveryReport.push(`Broker ${id} was down when the lab was saved, so it stays down: its partitions are offline until you start it (Brokers tab).`);
    }
    this.bootstrap = this.brokers.map((b) => b.nodeId);
    // The first broker to create /controller wins the election: broker 0, as it starts first.
    for (const broker of this.brokers) broker.maybeElectController();
    this.admin = new LabAdminClient(this.kernel, this.network, this.bootstrap);
    this.ledger = new ClientLedger(() => this.kernel.nowMs);
    this.checker = new GuaranteesChecker(this, this.ledger);
    this.snapshots = new SnapshotBuilder(this);
  }

  get nowMs(): number {
    return this.kernel.nowMs;
  }

  get seed(): number {
    return this.kernel.seed;
  }

  /** Changes whenever engine state may have changed; publish a new snapshot only then. */
  get version(): number {
    return this.kernel.steps + this.commandCount;
  }

  /** Record that a command changed state outside an event (views must refresh). */
  touch(): void {
    this.commandCount++;
  }

  /** The one entry for user actions: apply a LabCommand and record it in the command log. */
  apply<C extends LabCommand>(command: C): Promise<CommandResult<C>> {
    return applyCommand(this, command, this.commandLog);
  }

  /**
   * kafka-leader-election: the controller runs a preferred or unclean election for each
   * partition (an operator's ElectLeaders request; the lab calls the controller directly).
   */
  electLeaders(type: 'preferred' | 'unclean', partitions: readonly TopicPartition[]): ElectionResultEntry[] {
    const controller = this.brokers.find((b) => b.alive && b.controller !== null)?.controller;
    if (!controller) throw new Error('There is no controller right now: an election needs one (wait for a broker to win /controller).');
    if (partitions.length === 0) throw new RangeError('Name at least one partition to elect a leader for.');
    return partitions.map((p) => ({ tp: tpName(p.topic, p.partition), outcome: controller.electLeader(p.topic, p.partition, type) }));
  }

  createProducer(config: ConfigInput = {}, id?: string): LabProducer {
    const producerId = id ?? this.nextFreeName('producer');
    if (this.producerById.has(producerId) || this.consumerById.has(producerId)) throw new Error(`A client named ${producerId} already exists.`);
    const producer = new LabProducer(this.kernel, this.network, producerId, this.bootstrap, this.kafkaVersion, config, () => this.touch(), this.ledger);
    this.producerById.set(producerId, producer);
    this.touch();
    return producer;
  }

  createConsumer(config: ConfigInput = {}, id?: string): LabConsumer {
    const consumerId = id ?? this.nextFreeName('consumer');
    if (this.producerById.has(consumerId) || this.consumerById.has(consumerId)) throw new Error(`A client named ${consumerId} already exists.`);
    const consumer = new LabConsumer(this.kernel, this.network, consumerId, this.bootstrap, this.kafkaVersion, config, () => this.touch(), this.ledger, this.sinks);
    this.consumerById.set(consumerId, consumer);
    this.touch();
    return consumer;
  }

  /** "producer-N" / "consumer-N" with the next number whose name nobody has taken by hand. */
  private nextFreeName(kind: 'producer' | 'consumer'): string {
    for (;;) {
      const name = `${kind}-${this.nextClientNumber++}`;
      if (!this.producerById.has(name) && !this.consumerById.has(name)) return name;
    }
  }

  producers(): LabProducer[] {
    return [...this.producerById.values()];
  }

  consumers(): LabConsumer[] {
    return [...this.consumerById.values()];
  }

  producer(id: string): LabProducer | undefined {
    return this.producerById.get(id);
  }

  consumer(id: string): LabConsumer | undefined {
    return this.consumerById.get(id);
  }

  broker(id: number): KafkaBroker {
    const broker = this.brokers[id];
    if (!broker) throw new RangeError(`There is no broker ${id}.`);
    return broker;
  }

  /** True when every partition of every topic has a leader serving its log (cheap: no snapshot). */
  allPartitionsServing(): boolean {
    for (const topic of this.zk.children(ZkPaths.topics)) {
      if (this.zk.exists(ZkPaths.deleteTopic(topic))) continue;
      const assignment = this.zk.getJson<{ partitions: Record<string, number[]> }>(ZkPaths.topic(topic));
      for (const p of Object.keys(assignment?.partitions ?? {})) {
        const tp = tpName(topic, Number(p));
        if (!this.brokers.some((b) => b.alive && b.replicaManager.partitions.get(tp)?.isLeader)) return false;
      }
    }
    return true;
  }

  /** Up to `count` records of `tp`'s leader log from `fromOffset` (for views; [] without a leader). */
  readRecords(tp: string, fromOffset: number, count: number): RecordDetail[] {
    const log = this.brokers.find((b) => b.alive && b.replicaManager.partitions.get(tp)?.isLeader)?.replicaManager.partitions.get(tp)?.log;
    if (!log) return [];
    // The coordinator's records have binary struct keys: name them ("g1 · orders-3") instead of garbled text.
    const nameKey = isOffsetsTopicPartition(tp) ? (key: Uint8Array) => offsetsKeyName(key, this.kafkaVersion) : undefined;
    return readRecordWindow(log, fromOffset, count, nameKey);
  }

  /** What the record at `offset` of a __consumer_offsets partition means, decoded from its bytes (null for other topics). */
  describeOffsetsRecord(tp: string, offset: number): OffsetsRecordDescription | null {
    if (!isOffsetsTopicPartition(tp)) return null;
    const log = this.brokers.find((b) => b.alive && b.replicaManager.partitions.get(tp)?.isLeader)?.replicaManager.partitions.get(tp)?.log;
    return log ? describeOffsetsRecordAt(log, offset, this.kafkaVersion) : null;
  }

  /** The guarantees checker's findings now (incremental: cheap when nothing changed). */
  /** A consumer group as its coordinator holds it (null when no running broker coordinates it). */
  group(groupId: string): GroupView | null {
    return findGroup(this.brokers, groupId, this.kafkaVersion);
  }

  /** The sink of consumer group `groupId` (made on first use). */
  sink(groupId: string): GroupSink {
    return this.sinks.sink(groupId);
  }

  guarantees(): GuaranteesView {
    return this.checker.check();
  }

  /** Every partition's assignment and its leader, epoch and ISR as ZooKeeper records them. */
  partitionStates(): { tp: string; replicas: readonly number[]; leader: number; leaderEpoch: number; isr: readonly number[] }[] {
    const out: { tp: string; replicas: readonly number[]; leader: number; leaderEpoch: number; isr: readonly number[] }[] = [];
    for (const topic of this.zk.children(ZkPaths.topics)) {
      if (this.zk.exists(ZkPaths.deleteTopic(topic))) continue;
      const assignment = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
      for (const [p, replicas] of Object.entries(assignment?.partitions ?? {})) {
        const state = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, Number(p)));
        if (state) out.push({ tp: tpName(topic, Number(p)), replicas, leader: state.leader, leaderEpoch: state.leader_epoch, isr: state.isr });
      }
    }
    return out;
  }

  snapshot(): LabSnapshot {
    return this.snapshots.build();
  }

  /** Write every broker's checkpoint files (the runtime calls this before each storage flush). */
  checkpoint(): void {
    for (const broker of this.brokers) if (broker.alive) broker.replicaManager.writeCheckpoints();
  }

  /** Clean shutdown of every broker: flushed logs, checkpoints, .kafka_cleanshutdown markers. */
  shutdown(): void {
    for (const broker of this.brokers) if (broker.alive) broker.shutdown();
  }

  /** Broker `id` again, on its log dir: recovery, registration, and the controller election if /controller is free. */
  private restartBroker(id: number, logDir: StoredLogDir): KafkaBroker {
    const broker = this.startBroker(id, logDir);
    this.brokers[id] = broker;
    broker.maybeElectController();
    this.touch();
    return broker;
  }

  /** A broker that is not started: not registered in ZooKeeper, unreachable on the network. */
  private downBroker(id: number): KafkaBroker {
    const broker = this.newBroker(id);
    broker.stop();
    return broker;
  }

  private startBroker(id: number, logDir: StoredLogDir | undefined): KafkaBroker {
    const broker = this.newBroker(id);
    broker.startup(logDir);
    return broker;
  }

  private newBroker(id: number): KafkaBroker {
    const { config: base, sink } = this.brokerBase;
    return new KafkaBroker({
      id,
      kernel: this.kernel,
      network: this.network,
      zk: this.zk,
      sink,
      config: { ...base, brokerId: id, values: { ...base.values, 'broker.id': String(id) } },
      clusterId: this.clusterId,
    });
  }

  private ensureClusterId(): string {
    const existing = this.zk.getJson<{ id: string }>(ZkPaths.clusterId);
    if (existing) return existing.id;
    // Kafka's cluster ids are 22-char base64 UUIDs; derive one from the seeded source.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let id = '';
    for (let i = 0; i < 22; i++) id += alphabet[this.kernel.random.nextInt(64)];
    this.zk.setJson(ZkPaths.clusterId, { version: '1', id });
    return id;
  }

  /** A restart: ZooKeeper has expired the old brokers' sessions, so their ephemeral znodes are gone. */
  private expireOldSessions(): void {
    const ephemeral = [ZkPaths.controller, ...this.zk.children(ZkPaths.brokerIds).map((id) => ZkPaths.brokerId(Number(id)))];
    for (const path of ephemeral) if (this.zk.exists(path)) this.zk.deleteRecursive(path);
    this.kernel.emit('controller', 'zookeeper', 'restart: expired the previous brokers\' ZooKeeper sessions (removed /controller and /brokers/ids/*)');
  }
}

