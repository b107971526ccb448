import type { KafkaBroker } from '../broker/KafkaBroker';
import { brokerNodeId } from '../network';
import type { KafkaRequest, LeaderAndIsrPartitionState } from '../protocol';
import { ZkPaths, type PartitionStateZNode, type TopicAssignmentZNode } from './ZkStore';

/** controller.socket.timeout.ms */
const CONTROLLER_REQUEST_TIMEOUT_MS = 30000;

/**
 * Kafka's ZooKeeper-mode controller, running inside the broker that won /controller. It
 * watches ZooKeeper for new topics, new partitions and deletions, elects partition leaders
 * (first live replica in assignment order), records leader and ISR in ZooKeeper and tells
 * brokers with LeaderAndIsr, UpdateMetadata and StopReplica requests.
 */
export class KafkaController {
  epoch = 0;

  constructor(private readonly broker: KafkaBroker) {}

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
    this.zk.watch(ZkPaths.topics, (path, data) => {
      const topic = path.slice(ZkPaths.topics.length + 1);
      if (data !== null && topic && !topic.includes('/')) this.onTopicChange(topic);
    });
    this.zk.watch(ZkPaths.deleteTopics, (path, data) => {
      const topic = path.slice(ZkPaths.deleteTopics.length + 1);
      if (data !== null && topic) this.onTopicDeletion(topic);
    });
    this.initialisePartitions();
  }

  liveBrokerIds(): number[] {
    return this.zk.children(ZkPaths.brokerIds).map(Number).filter((id) => this.isAlive(id)).sort((a, b) => a - b);
  }

  /** Controller failover / cluster start: bring every existing partition online. */
  private initialisePartitions(): void {
    const states: LeaderAndIsrPartitionState[] = [];
    for (const topic of this.zk.children(ZkPaths.topics)) {
      const pending = this.zk.exists(ZkPaths.deleteTopic(topic));
      if (pending) {
        this.onTopicDeletion(topic);
        continue;
      }
      states.push(...this.electPartitions(topic, false));
    }
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(states, []);
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
    this.kernel.emit('controller', `broker ${this.broker.id}`, `elected broker ${leader} leader of new partition ${topic}-${partition} (leader epoch 0, ISR [${live.join(', ')}])`, `${topic}-${partition}`);
    return toState(topic, partition, replicas, znode, true);
  }

  private reelect(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode): LeaderAndIsrPartitionState {
    if (znode.leader >= 0 && this.isAlive(znode.leader)) return toState(topic, partition, replicas, znode, false);
    const leader = replicas.find((id) => znode.isr.includes(id) && this.isAlive(id)) ?? -1;
    const next: PartitionStateZNode = { ...znode, controller_epoch: this.epoch, leader, leader_epoch: znode.leader_epoch + 1 };
    this.zk.setJson(ZkPaths.partitionState(topic, partition), next);
    const tp = `${topic}-${partition}`;
    const text = leader >= 0 ? `elected broker ${leader} leader of ${tp} (leader epoch ${next.leader_epoch})` : `${tp} is offline: no live replica in the ISR [${znode.isr.join(', ')}]`;
    this.kernel.emit('controller', `broker ${this.broker.id}`, text, tp);
    return toState(topic, partition, replicas, next, false);
  }

  private onTopicDeletion(topic: string): void {
    const assignment = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
    this.sendUpdateMetadata([], [topic]);
    if (assignment) {
      const byBroker = new Map<number, { topicName: string; partitionIndex: number; deletePartition: boolean }[]>();
      for (const [p, replicas] of Object.entries(assignment.partitions)) {
        for (const id of replicas) {
          const list = byBroker.get(id) ?? [];
          list.push({ topicName: topic, partitionIndex: Number(p), deletePartition: true });
          byBroker.set(id, list);
        }
      }
      for (const [id, partitions] of byBroker) {
        this.send(id, { apiKey: 'StopReplica', controllerId: this.broker.id, controllerEpoch: this.epoch, partitions }, `StopReplica ${topic} (delete)`);
      }
    }
    this.zk.deleteRecursive(ZkPaths.topic(topic));
    this.zk.deleteRecursive(ZkPaths.topicConfig(topic));
    this.zk.deleteRecursive(ZkPaths.deleteTopic(topic));
    this.kernel.emit('controller', `broker ${this.broker.id}`, `deleted topic ${topic}: told its brokers to stop and delete the replicas, removed it from ZooKeeper`);
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
    this.broker.controllerChannel.send(brokerNodeId(brokerId), request, summary, CONTROLLER_REQUEST_TIMEOUT_MS, () => {});
  }

  private isAlive(id: number): boolean {
    return this.zk.exists(ZkPaths.brokerId(id)) && this.broker.network.isNodeUp(brokerNodeId(id));
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
