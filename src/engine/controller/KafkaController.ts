import { tpName, type KafkaRequest, type LeaderAndIsrPartitionState } from '../protocol';
import type { ControllerHost } from './ControllerHost';
import { CONTROLLER_REQUEST_TIMEOUT_MS, TopicDeletionManager } from './TopicDeletionManager';
import { ZkPaths, type PartitionStateZNode, type TopicAssignmentZNode } from './ZkStore';

/**
 * Kafka's ZooKeeper-mode controller, running inside the broker that won /controller. It
 * watches ZooKeeper for new topics, new partitions and deletions, elects partition leaders
 * (first live replica in assignment order), records leader and ISR in ZooKeeper and tells
 * brokers with LeaderAndIsr, UpdateMetadata and StopReplica requests.
 */
export class KafkaController {
  epoch = 0;
  readonly topicDeletionManager: TopicDeletionManager;
  private readonly unwatch: (() => void)[] = [];
  private resigned = false;

  constructor(private readonly broker: ControllerHost) {
    this.topicDeletionManager = new TopicDeletionManager(broker, () => this.epoch, (topic) => this.sendUpdateMetadata([], [topic]));
  }

  private get zk() {
    return this.broker.zk;
  }

  private get kernel() {
    return this.broker.kernel;
  }

  startup(): void {
    this.epoch = Number(this.zk.get(ZkPaths.controllerEpoch) ?? '0') + 1;
    this.zk.set(ZkPaths.controllerEpoch, String(this.epoch));
    this.zk.setJson(ZkPaths.controller, { version: 1, brokerid: this.broker.id, timestamp: String(this.kernel.nowMs) });
    this.kernel.emit('controller', `broker ${this.broker.id}`, `became the controller (controller epoch ${this.epoch}) by creating ${ZkPaths.controller} in ZooKeeper`);
    this.watch(ZkPaths.topics, (path, data) => {
      const topic = path.slice(ZkPaths.topics.length + 1);
      if (data !== null && topic && !topic.includes('/')) this.onTopicChange(topic);
    });
    this.watch(ZkPaths.deleteTopics, (path, data) => {
      const topic = path.slice(ZkPaths.deleteTopics.length + 1);
      if (data !== null && topic) this.onTopicDeletion(topic);
    });
    // Kafka's BrokerChangeHandler: a broker's ephemeral /brokers/ids/N appears or goes away.
    this.watch(ZkPaths.brokerIds, (path, data) => {
      const name = path.slice(ZkPaths.brokerIds.length + 1);
      if (!/^\d+$/.test(name)) return;
      if (data === null) this.onBrokerFailure(Number(name));
      else this.onBrokerStartup(Number(name));
    });
    this.initialisePartitions();
  }

  /** This broker stopped or lost its ZooKeeper session: it no longer acts as the controller. */
  resign(): void {
    this.resigned = true;
    for (const unwatch of this.unwatch.splice(0)) unwatch();
  }

  private watch(prefix: string, watcher: (path: string, data: string | null) => void): void {
    this.unwatch.push(this.zk.watch(prefix, (path, data) => (this.resigned || !this.broker.zkConnected ? undefined : watcher(path, data))));
  }

  /**
   * Kafka's onBrokerFailure: every partition the broker led gets a new leader from the live
   * ISR members, or goes offline (leader none) when there is none; the dead replica leaves
   * the ISR unless it is the last member (ZooKeeper-mode Kafka keeps the last one).
   */
  private onBrokerFailure(id: number): void {
    this.kernel.emit('controller', `broker ${this.broker.id}`, `broker ${id} is gone from ${ZkPaths.brokerIds} (its ZooKeeper session ended): moving the leadership of its partitions`);
    const states: LeaderAndIsrPartitionState[] = [];
    this.forEachPartition((topic, partition, replicas, znode) => {
      if (!replicas.includes(id)) return;
      const isr = znode.isr.length > 1 ? znode.isr.filter((r) => r !== id) : znode.isr;
      if (znode.leader !== id && isr.length === znode.isr.length) return;
      states.push(this.reelect(topic, partition, replicas, { ...znode, isr }));
    });
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(states, []);
  }

  /** Kafka's onBrokerStartup: tell every broker about the newcomer and bring its offline partitions back. */
  private onBrokerStartup(id: number): void {
    this.kernel.emit('controller', `broker ${this.broker.id}`, `broker ${id} registered in ${ZkPaths.brokerIds}: bringing its offline partitions back online`);
    const states: LeaderAndIsrPartitionState[] = [];
    this.forEachPartition((topic, partition, replicas, znode) => {
      if (!replicas.includes(id)) return;
      if (znode.leader >= 0 && this.isAlive(znode.leader)) states.push(toState(topic, partition, replicas, znode, false));
      else states.push(this.reelect(topic, partition, replicas, znode));
    });
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(this.allPartitionStates(), []);
  }

  private forEachPartition(visit: (topic: string, partition: number, replicas: number[], znode: PartitionStateZNode) => void): void {
    for (const topic of this.zk.children(ZkPaths.topics)) {
      if (this.zk.exists(ZkPaths.deleteTopic(topic))) continue;
      const assignment = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
      for (const [p, replicas] of Object.entries(assignment?.partitions ?? {}).sort(([a], [b]) => Number(a) - Number(b))) {
        const znode = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, Number(p)));
        if (znode) visit(topic, Number(p), replicas, znode);
      }
    }
  }

  private allPartitionStates(): LeaderAndIsrPartitionState[] {
    const states: LeaderAndIsrPartitionState[] = [];
    this.forEachPartition((topic, partition, replicas, znode) => states.push(toState(topic, partition, replicas, znode, false)));
    return states;
  }

  liveBrokerIds(): number[] {
    return this.zk.children(ZkPaths.brokerIds).map(Number).filter((id) => this.isAlive(id)).sort((a, b) => a - b);
  }

  /** Controller failover / cluster start: bring every existing partition online. */
  private initialisePartitions(): void {
    const states: LeaderAndIsrPartitionState[] = [];
    for (const topic of this.zk.children(ZkPaths.topics)) {
      if (this.zk.exists(ZkPaths.deleteTopic(topic))) continue; // resumed below, once leaders are known
      states.push(...this.electPartitions(topic, false));
    }
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(states, []);
    // Kafka's failover resumes topic deletions after the partitions are online.
    for (const topic of this.zk.children(ZkPaths.deleteTopics)) this.onTopicDeletion(topic);
  }

  private onTopicChange(topic: string): void {
    const states = this.electPartitions(topic, true);
    if (states.length === 0) return;
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(states, []);
  }

  /**
   * Give every partition of `topic` a leader. New partitions get leader = first live
   * replica and ISR = live replicas; existing ones keep a live leader, otherwise the first
   * live ISR member takes over with the leader epoch bumped.
   */
  private electPartitions(topic: string, onlyNew: boolean): LeaderAndIsrPartitionState[] {
    const assignment = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
    if (!assignment) return [];
    const states: LeaderAndIsrPartitionState[] = [];
    for (const [p, replicas] of Object.entries(assignment.partitions).sort(([a], [b]) => Number(a) - Number(b))) {
      const partition = Number(p);
      const existing = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, partition));
      if (existing && onlyNew) continue;
      const state = existing ? this.reelect(topic, partition, replicas, existing) : this.electNew(topic, partition, replicas);
      states.push(state);
    }
    return states;
  }

  private electNew(topic: string, partition: number, replicas: number[]): LeaderAndIsrPartitionState {
    const live = replicas.filter((id) => this.isAlive(id));
    const leader = live[0] ?? -1;
    const znode: PartitionStateZNode = { controller_epoch: this.epoch, leader, version: 1, leader_epoch: 0, isr: live };
    this.zk.setJson(ZkPaths.partitionState(topic, partition), znode);
    const tp = tpName(topic, partition);
    this.kernel.emit('controller', `broker ${this.broker.id}`, `elected broker ${leader} leader of new partition ${tp} (leader epoch 0, ISR [${live.join(', ')}])`, tp);
    return toState(topic, partition, replicas, znode, true);
  }

  private reelect(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode): LeaderAndIsrPartitionState {
    if (znode.leader >= 0 && this.isAlive(znode.leader)) return toState(topic, partition, replicas, znode, false);
    const leader = replicas.find((id) => znode.isr.includes(id) && this.isAlive(id)) ?? -1;
    // Still offline and nothing changed: no new epoch for a partition that stays without a leader.
    if (leader < 0 && znode.leader < 0) return toState(topic, partition, replicas, znode, false);
    const next: PartitionStateZNode = { ...znode, controller_epoch: this.epoch, leader, leader_epoch: znode.leader_epoch + 1 };
    this.zk.setJson(ZkPaths.partitionState(topic, partition), next);
    const tp = tpName(topic, partition);
    const text = leader >= 0 ? `elected broker ${leader} leader of ${tp} (leader epoch ${next.leader_epoch})` : `${tp} is offline: no live replica in the ISR [${znode.isr.join(', ')}]`;
    this.kernel.emit('controller', `broker ${this.broker.id}`, text, tp);
    return toState(topic, partition, replicas, next, false);
  }

  private onTopicDeletion(topic: string): void {
    if (!this.zk.exists(ZkPaths.topic(topic))) {
      // A marker for a topic that no longer exists: nothing to delete (Kafka removes it too).
      this.zk.deleteRecursive(ZkPaths.deleteTopic(topic));
      return;
    }
    this.topicDeletionManager.enqueueTopicForDeletion(topic);
  }

  private sendLeaderAndIsr(states: LeaderAndIsrPartitionState[]): void {
    const byBroker = new Map<number, LeaderAndIsrPartitionState[]>();
    for (const state of states) {
      for (const id of state.replicas) {
        if (!this.isAlive(id)) continue;
        const list = byBroker.get(id) ?? [];
        list.push(state);
        byBroker.set(id, list);
      }
    }
    for (const [id, partitionStates] of byBroker) {
      const topics = [...new Set(partitionStates.map((s) => s.topicName))];
      const topicConfigs = Object.fromEntries(topics.map((t) => [t, this.broker.topicOverrides(t)]));
      this.send(id, { apiKey: 'LeaderAndIsr', controllerId: this.broker.id, controllerEpoch: this.epoch, partitionStates, topicConfigs }, `LeaderAndIsr (${partitionStates.length} partition${partitionStates.length === 1 ? '' : 's'})`);
    }
  }

  private sendUpdateMetadata(partitionStates: LeaderAndIsrPartitionState[], deletedTopics: string[]): void {
    const liveBrokers = this.liveBrokerIds().map((id) => ({ nodeId: id, host: 'localhost', port: 9092 + id, rack: null }));
    for (const { nodeId } of liveBrokers) {
      this.send(nodeId, { apiKey: 'UpdateMetadata', controllerId: this.broker.id, controllerEpoch: this.epoch, partitionStates, liveBrokers, deletedTopics }, 'UpdateMetadata');
    }
  }

  private send(brokerId: number, request: KafkaRequest, summary: string): void {
    this.broker.sendToBroker(brokerId, request, summary, CONTROLLER_REQUEST_TIMEOUT_MS, () => {});
  }

  private isAlive(id: number): boolean {
    return this.zk.exists(ZkPaths.brokerId(id)) && this.broker.isBrokerReachable(id);
  }
}

function toState(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode, isNew: boolean): LeaderAndIsrPartitionState {
  return {
    topicName: topic,
    partitionIndex: partition,
    controllerEpoch: znode.controller_epoch,
    leader: znode.leader,
    leaderEpoch: znode.leader_epoch,
    isr: [...znode.isr],
    partitionEpoch: znode.leader_epoch,
    replicas: [...replicas],
    isNew,
  };
}
