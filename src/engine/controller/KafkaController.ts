import { tpName, type KafkaRequest, type LeaderAndIsrPartitionState } from '../protocol';
import { ControllerChannelManager } from './ControllerChannelManager';
import type { ControllerHost } from './ControllerHost';
import { controlledShutdownLeader, offlinePartitionLeader, preferredReplicaLeader, type ElectionResult } from './Election';
import { CONTROLLER_REQUEST_TIMEOUT_MS, TopicDeletionManager } from './TopicDeletionManager';
import { ZkPaths, type PartitionStateZNode, type TopicAssignmentZNode } from './ZkStore';

/** The first leader-imbalance check runs this long after a controller starts (KafkaController.scala:317). */
const FIRST_REBALANCE_CHECK_DELAY_MS = 5000;

/** What an election asked by an operator did for one partition. */
export type ElectionOutcome = 'elected' | 'ELECTION_NOT_NEEDED' | 'PREFERRED_LEADER_NOT_AVAILABLE' | 'ELIGIBLE_LEADERS_NOT_AVAILABLE' | 'UNKNOWN_TOPIC_OR_PARTITION';

type PartitionVisitor = (topic: string, partition: number, replicas: number[], znode: PartitionStateZNode) => void;

/**
 * Kafka's ZooKeeper-mode controller, running inside the broker that won /controller. It
 * watches ZooKeeper for new topics, deletions, broker registrations and ISR change
 * notifications; elects partition leaders (clean, unclean, preferred, controlled shutdown);
 * records leader and ISR in ZooKeeper and tells brokers with LeaderAndIsr, UpdateMetadata
 * and StopReplica requests.
 */
export class KafkaController {
  epoch = 0;
  readonly topicDeletionManager: TopicDeletionManager;
  private readonly unwatch: (() => void)[] = [];
  private resigned = false;
  /** Brokers in controlled shutdown: they never win an election. */
  private readonly shuttingDown = new Set<number>();
  private rebalanceTask: number | undefined;
  private readonly channel: ControllerChannelManager;
  /** The brokers registered as this controller last saw them (to catch up after a disconnection). */
  private knownBrokers = new Set<number>();

  constructor(private readonly broker: ControllerHost) {
    this.topicDeletionManager = new TopicDeletionManager(broker, () => this.epoch, (topic) => this.sendUpdateMetadata([], [topic]));
    this.channel = new ControllerChannelManager(broker, (id) => this.zk.exists(ZkPaths.brokerId(id)), CONTROLLER_REQUEST_TIMEOUT_MS);
  }

  private get zk() {
    return this.broker.zk;
  }

  private get kernel() {
    return this.broker.kernel;
  }

  private get actor(): string {
    return `broker ${this.broker.id}`;
  }

  startup(): void {
    this.epoch = Number(this.zk.get(ZkPaths.controllerEpoch) ?? '0') + 1;
    this.zk.set(ZkPaths.controllerEpoch, String(this.epoch));
    this.zk.setJson(ZkPaths.controller, { version: 1, brokerid: this.broker.id, timestamp: String(this.kernel.nowMs) });
    this.kernel.emit('controller', this.actor, `became the controller (controller epoch ${this.epoch}) by creating ${ZkPaths.controller} in ZooKeeper`);
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
    this.watch(ZkPaths.isrChangeNotification, (path, data) => {
      if (data !== null) this.onIsrChangeNotification(path, data);
    });
    for (const name of this.zk.children(ZkPaths.isrChangeNotification)) this.zk.deleteRecursive(`${ZkPaths.isrChangeNotification}/${name}`);
    this.knownBrokers = new Set(this.registeredBrokers());
    this.initialisePartitions();
    if (this.broker.config.autoLeaderRebalanceEnable) this.scheduleRebalanceCheck(FIRST_REBALANCE_CHECK_DELAY_MS);
  }

  /**
   * The controller's broker was cut off from ZooKeeper (isolated, paused, link cut) and is back
   * within its session. ZooKeeper delivers the watches that fired meanwhile on reconnection;
   * the lab dropped them, so the controller compares what it knew with ZooKeeper now.
   */
  catchUpAfterReconnect(): void {
    if (this.resigned) return;
    const now = new Set(this.registeredBrokers());
    this.kernel.emit('controller', this.actor, 'reconnected to ZooKeeper within its session: catching up with the changes it missed');
    for (const id of [...this.knownBrokers].sort((a, b) => a - b)) if (!now.has(id)) this.onBrokerFailure(id);
    for (const id of [...now].sort((a, b) => a - b)) if (!this.knownBrokers.has(id)) this.onBrokerStartup(id);
    for (const topic of this.zk.children(ZkPaths.topics)) if (!this.zk.exists(ZkPaths.deleteTopic(topic))) this.onTopicChange(topic);
    for (const topic of this.zk.children(ZkPaths.deleteTopics)) this.onTopicDeletion(topic);
    for (const name of this.zk.children(ZkPaths.isrChangeNotification)) {
      const path = `${ZkPaths.isrChangeNotification}/${name}`;
      const data = this.zk.get(path);
      if (data !== undefined) this.onIsrChangeNotification(path, data);
    }
  }

  private registeredBrokers(): number[] {
    return this.zk.children(ZkPaths.brokerIds).filter((name) => /^\d+$/.test(name)).map(Number);
  }

  /** This broker stopped or lost its ZooKeeper session: it no longer acts as the controller. */
  resign(): void {
    this.resigned = true;
    for (const unwatch of this.unwatch.splice(0)) unwatch();
    this.kernel.cancel(this.rebalanceTask);
    this.channel.close();
  }

  private watch(prefix: string, watcher: (path: string, data: string | null) => void): void {
    this.unwatch.push(this.zk.watch(prefix, (path, data) => (this.resigned || !this.broker.zkConnected ? undefined : watcher(path, data))));
  }

  /**
   * Kafka's onBrokerFailure: partitions the broker led get a new leader by the OfflinePartition
   * election (from the live ISR; unclean if enabled and none is left), or go offline (leader
   * -1, the ISR keeps its last member). Its replica leaves every other ISR of more than one.
   * In ZooKeeper mode every controller change of leader or ISR bumps the leader epoch.
   */
  private onBrokerFailure(id: number): void {
    this.shuttingDown.delete(id);
    this.knownBrokers.delete(id);
    this.channel.removeBroker(id);
    this.kernel.emit('controller', this.actor, `broker ${id} is gone from ${ZkPaths.brokerIds} (its ZooKeeper session ended): moving the leadership of its partitions and removing it from ISRs`);
    const states: LeaderAndIsrPartitionState[] = [];
    this.forEachPartition((topic, partition, replicas, znode) => {
      if (!replicas.includes(id)) return;
      if (znode.leader === id) {
        states.push(this.electOffline(topic, partition, replicas, znode, `broker ${id}'s session expired`));
      } else if (znode.isr.includes(id) && znode.isr.length > 1) {
        const isr = znode.isr.filter((r) => r !== id);
        const tp = tpName(topic, partition);
        states.push(this.write(topic, partition, replicas, { ...znode, isr }, `removed broker ${id} from the ISR of ${tp}: [${znode.isr.join(', ')}] → [${isr.join(', ')}] (leader epoch ${znode.leader_epoch + 1})`));
      }
    });
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(this.allPartitionStates(), []);
  }

  /**
   * Kafka's onBrokerStartup: the newcomer's replicas come online (LeaderAndIsr with the current
   * state: it follows the leader and catches up), and offline partitions get a leader if one
   * can be elected now. A returning broker does not take its leaderships back.
   */
  private onBrokerStartup(id: number): void {
    this.knownBrokers.add(id);
    this.kernel.emit('controller', this.actor, `broker ${id} registered in ${ZkPaths.brokerIds}: sending it the state of its partitions and electing leaders for offline ones`);
    const changed: LeaderAndIsrPartitionState[] = [];
    const current: LeaderAndIsrPartitionState[] = [];
    this.forEachPartition((topic, partition, replicas, znode) => {
      if (!replicas.includes(id)) return;
      if (znode.leader >= 0 && this.isAlive(znode.leader)) current.push(this.toState(topic, partition, replicas, znode, false));
      else {
        const state = this.electOffline(topic, partition, replicas, znode, `broker ${id} came back`);
        (state.leaderEpoch !== znode.leader_epoch ? changed : current).push(state);
      }
    });
    this.sendLeaderAndIsr(current, id);
    this.sendLeaderAndIsr(changed);
    this.sendUpdateMetadata(this.allPartitionStates(), []);
  }

  /**
   * Kafka's ControlledShutdown request, handled for broker `id` before it stops: partitions it
   * leads move to another ISR member (ControlledShutdown election), and it leaves the ISR of
   * the ones it follows. A partition with no other ISR member keeps its leader.
   */
  controlledShutdown(id: number): number {
    this.shuttingDown.add(id);
    this.kernel.emit('controller', this.actor, `broker ${id} asked for a controlled shutdown: moving its leaderships and removing it from ISRs before it stops`);
    const states: LeaderAndIsrPartitionState[] = [];
    let remaining = 0;
    this.forEachPartition((topic, partition, replicas, znode) => {
      if (!replicas.includes(id) || replicas.length < 2 || znode.leader < 0) return;
      const tp = tpName(topic, partition);
      if (znode.leader === id) {
        const result = controlledShutdownLeader(replicas, znode.isr, (r) => this.isAlive(r), this.shuttingDown);
        if (!result) {
          remaining++;
          return;
        }
        states.push(this.write(topic, partition, replicas, { ...znode, leader: result.leader, isr: result.isr }, `elected broker ${result.leader} leader of ${tp} (leader epoch ${znode.leader_epoch + 1}, ISR [${result.isr.join(', ')}]): broker ${id} is shutting down`));
      } else if (znode.isr.includes(id) && znode.isr.length > 1) {
        const isr = znode.isr.filter((r) => r !== id);
        states.push(this.write(topic, partition, replicas, { ...znode, isr }, `removed broker ${id} from the ISR of ${tp} (leader epoch ${znode.leader_epoch + 1}): it is shutting down`));
      }
    });
    this.sendLeaderAndIsr(states);
    this.sendUpdateMetadata(this.allPartitionStates(), []);
    return remaining;
  }

  /** Run a preferred-replica election for one partition (kafka-leader-election --election-type preferred). */
  electPreferred(topic: string, partition: number): ElectionOutcome {
    return this.electLeader(topic, partition, 'preferred');
  }

  /**
   * The admin ElectLeaders request (KafkaController.onReplicaElection in ZK mode): PREFERRED
   * gives the partition to its first replica if that one is live and in the ISR
   * (ELECTION_NOT_NEEDED if it already leads, PREFERRED_LEADER_NOT_AVAILABLE otherwise);
   * UNCLEAN skips a partition whose leader is live and otherwise runs the OfflinePartition
   * election with unclean allowed (ELIGIBLE_LEADERS_NOT_AVAILABLE when no replica is live).
   */
  electLeader(topic: string, partition: number, type: 'preferred' | 'unclean'): ElectionOutcome {
    const replicas = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic))?.partitions[String(partition)];
    const znode = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, partition));
    if (!replicas || !znode) return 'UNKNOWN_TOPIC_OR_PARTITION';
    const tp = tpName(topic, partition);
    const live = (r: number): boolean => this.isAlive(r);
    if (type === 'preferred') {
      if (znode.leader === replicas[0]) return 'ELECTION_NOT_NEEDED';
      const result = preferredReplicaLeader(replicas, znode.isr, live);
      if (!result) return 'PREFERRED_LEADER_NOT_AVAILABLE';
      this.announce(this.write(topic, partition, replicas, { ...znode, leader: result.leader }, `preferred-leader election: moved the leadership of ${tp} back to broker ${result.leader}, its preferred replica (leader epoch ${znode.leader_epoch + 1})`));
      return 'elected';
    }
    if (znode.leader >= 0 && live(znode.leader)) return 'ELECTION_NOT_NEEDED';
    const result = offlinePartitionLeader(replicas, znode.isr, live, true);
    if (!result) return 'ELIGIBLE_LEADERS_NOT_AVAILABLE';
    this.announce(this.write(topic, partition, replicas, { ...znode, leader: result.leader, isr: result.isr }, electionText(tp, znode, result, 'an operator asked for an unclean election')));
    return 'elected';
  }

  private announce(state: LeaderAndIsrPartitionState): void {
    this.sendLeaderAndIsr([state]);
    this.sendUpdateMetadata([state], []);
  }

  private scheduleRebalanceCheck(delayMs: number): void {
    this.rebalanceTask = this.kernel.schedule(delayMs, `controller ${this.broker.id} leader imbalance check`, () => {
      if (this.resigned) return;
      this.checkAndTriggerAutoLeaderRebalance();
      this.scheduleRebalanceCheck(this.broker.config.leaderImbalanceCheckIntervalSeconds * 1000);
    });
  }

  /**
   * checkAndTriggerAutoLeaderRebalance: for each broker, the share of the partitions it
   * prefers (first in the assignment) that others lead; above leader.imbalance.per.broker.percentage
   * it gets them back by preferred elections, if it is live and in their ISR.
   */
  private checkAndTriggerAutoLeaderRebalance(): void {
    const byPreferred = new Map<number, { topic: string; partition: number; leader: number; isr: number[] }[]>();
    this.forEachPartition((topic, partition, replicas, znode) => {
      const preferred = replicas[0]!;
      const list = byPreferred.get(preferred) ?? [];
      list.push({ topic, partition, leader: znode.leader, isr: znode.isr });
      byPreferred.set(preferred, list);
    });
    const threshold = this.broker.config.leaderImbalancePerBrokerPercentage;
    for (const [preferred, list] of [...byPreferred].sort(([a], [b]) => a - b)) {
      const notLed = list.filter((p) => p.leader !== preferred);
      if (notLed.length === 0 || (notLed.length * 100) / list.length <= threshold) continue;
      if (!this.isAlive(preferred)) continue;
      this.kernel.emit('controller', this.actor, `leader imbalance of broker ${preferred}: it leads ${list.length - notLed.length} of the ${list.length} partitions it is preferred for (> ${threshold}% elsewhere), so preferred-leader elections run`);
      for (const p of notLed) if (p.isr.includes(preferred)) this.electPreferred(p.topic, p.partition);
    }
  }

  /** ISR changes a leader made (isr_change_notification): tell every broker with UpdateMetadata. */
  private onIsrChangeNotification(path: string, data: string): void {
    const { partitions } = JSON.parse(data) as { partitions: { topic: string; partition: number }[] };
    const states: LeaderAndIsrPartitionState[] = [];
    for (const { topic, partition } of partitions) {
      const replicas = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic))?.partitions[String(partition)];
      const znode = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, partition));
      if (replicas && znode) states.push(this.toState(topic, partition, replicas, znode, false));
    }
    this.zk.deleteRecursive(path);
    if (states.length === 0) return;
    this.kernel.emit('controller', this.actor, `ISR change notification: sending UpdateMetadata for ${states.map((s) => `${tpName(s.topicName, s.partitionIndex)} (ISR [${s.isr.join(', ')}])`).join(', ')}`);
    this.sendUpdateMetadata(states, []);
  }

  private forEachPartition(visit: PartitionVisitor): void {
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
    this.forEachPartition((topic, partition, replicas, znode) => states.push(this.toState(topic, partition, replicas, znode, false)));
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
   * replica and ISR = live replicas; existing ones keep a live leader, otherwise they go
   * through the OfflinePartition election.
   */
  private electPartitions(topic: string, onlyNew: boolean): LeaderAndIsrPartitionState[] {
    const assignment = this.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
    if (!assignment) return [];
    const states: LeaderAndIsrPartitionState[] = [];
    for (const [p, replicas] of Object.entries(assignment.partitions).sort(([a], [b]) => Number(a) - Number(b))) {
      const partition = Number(p);
      const existing = this.zk.getJson<PartitionStateZNode>(ZkPaths.partitionState(topic, partition));
      if (existing && onlyNew) continue;
      if (!existing) states.push(this.electNew(topic, partition, replicas));
      else if (existing.leader >= 0 && this.isAlive(existing.leader)) states.push(this.withoutDeadIsrMembers(topic, partition, replicas, existing));
      else states.push(this.electOffline(topic, partition, replicas, existing, 'its leader is not live'));
    }
    return states;
  }

  /**
   * ReplicaStateMachine.startup on a new controller: replicas on brokers that are not live go
   * to OfflineReplica, which removes them from the ISR (an ISR of one is kept) with a new epoch.
   */
  private withoutDeadIsrMembers(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode): LeaderAndIsrPartitionState {
    const isr = znode.isr.filter((id) => this.isAlive(id));
    if (isr.length === znode.isr.length || isr.length === 0) return this.toState(topic, partition, replicas, znode, false);
    const tp = tpName(topic, partition);
    const gone = znode.isr.filter((id) => !isr.includes(id));
    return this.write(topic, partition, replicas, { ...znode, isr }, `removed broker ${gone.join(', ')} from the ISR of ${tp}: [${znode.isr.join(', ')}] → [${isr.join(', ')}] (leader epoch ${znode.leader_epoch + 1}): not live when this controller started`);
  }

  private electNew(topic: string, partition: number, replicas: number[]): LeaderAndIsrPartitionState {
    const live = replicas.filter((id) => this.isAlive(id));
    const leader = live[0] ?? -1;
    const znode: PartitionStateZNode = { controller_epoch: this.epoch, leader, version: 1, leader_epoch: 0, isr: live };
    this.zk.setJson(ZkPaths.partitionState(topic, partition), znode);
    const tp = tpName(topic, partition);
    this.kernel.emit('controller', this.actor, `elected broker ${leader} leader of new partition ${tp} (leader epoch 0, ISR [${live.join(', ')}])`, tp);
    return this.toState(topic, partition, replicas, znode, true);
  }

  /**
   * The OfflinePartition election for a partition without a live leader. Without a
   * candidate it goes (or stays) offline: leader -1, the dead leader kept as the ISR's last
   * member, and no new epoch when it was offline already.
   */
  private electOffline(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode, cause: string): LeaderAndIsrPartitionState {
    const tp = tpName(topic, partition);
    const result = offlinePartitionLeader(replicas, znode.isr, (id) => this.isAlive(id), this.uncleanElectionEnabled(topic));
    if (result) return this.write(topic, partition, replicas, { ...znode, leader: result.leader, isr: result.isr }, electionText(tp, znode, result, cause));
    if (znode.leader < 0) return this.toState(topic, partition, replicas, znode, false);
    const isr = znode.isr.length > 1 ? znode.isr.filter((r) => r !== znode.leader) : znode.isr;
    const unclean = this.uncleanElectionEnabled(topic) ? 'no live replica at all' : 'unclean.leader.election.enable=false keeps out-of-sync replicas from leading';
    return this.write(topic, partition, replicas, { ...znode, leader: -1, isr }, `${tp} is offline (leader none, leader epoch ${znode.leader_epoch + 1}): ${cause} and no live replica is in the ISR [${znode.isr.join(', ')}]; ${unclean}`);
  }

  /** Write a new leader/ISR with the leader epoch bumped (every controller change does) and say why. */
  private write(topic: string, partition: number, replicas: number[], next: PartitionStateZNode, text: string): LeaderAndIsrPartitionState {
    const znode: PartitionStateZNode = { ...next, controller_epoch: this.epoch, leader_epoch: next.leader_epoch + 1 };
    this.zk.setJson(ZkPaths.partitionState(topic, partition), znode);
    this.kernel.emit('controller', this.actor, text, tpName(topic, partition));
    return this.toState(topic, partition, replicas, znode, false);
  }

  private uncleanElectionEnabled(topic: string): boolean {
    const override = this.broker.topicOverrides(topic)['unclean.leader.election.enable'];
    return override === undefined ? this.broker.config.uncleanLeaderElectionEnable : override === 'true';
  }

  private onTopicDeletion(topic: string): void {
    if (!this.zk.exists(ZkPaths.topic(topic))) {
      // A marker for a topic that no longer exists: nothing to delete (Kafka removes it too).
      this.zk.deleteRecursive(ZkPaths.deleteTopic(topic));
      return;
    }
    this.topicDeletionManager.enqueueTopicForDeletion(topic);
  }

  /** LeaderAndIsr to each live replica of each state (or only to `onlyBroker`). */
  private sendLeaderAndIsr(states: LeaderAndIsrPartitionState[], onlyBroker?: number): void {
    const byBroker = new Map<number, LeaderAndIsrPartitionState[]>();
    for (const state of states) {
      for (const id of state.replicas) {
        if (!this.isAlive(id) || (onlyBroker !== undefined && id !== onlyBroker)) continue;
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
    this.channel.send(brokerId, request, summary);
  }

  /** Registered in ZooKeeper, reachable, and not in controlled shutdown. */
  private isAlive(id: number): boolean {
    return this.zk.exists(ZkPaths.brokerId(id)) && this.broker.isBrokerReachable(id) && !this.shuttingDown.has(id);
  }

  private toState(topic: string, partition: number, replicas: number[], znode: PartitionStateZNode, isNew: boolean): LeaderAndIsrPartitionState {
    return {
      topicName: topic,
      partitionIndex: partition,
      controllerEpoch: znode.controller_epoch,
      leader: znode.leader,
      leaderEpoch: znode.leader_epoch,
      isr: [...znode.isr],
      partitionEpoch: Math.max(0, this.zk.dataVersion(ZkPaths.partitionState(topic, partition))),
      replicas: [...replicas],
      isNew,
    };
  }
}

function electionText(tp: string, old: PartitionStateZNode, result: ElectionResult, cause: string): string {
  const epoch = old.leader_epoch + 1;
  if (result.unclean) {
    return `UNCLEAN election: ${cause} and no ISR member of ${tp} is live, so broker ${result.leader} (not in the ISR [${old.isr.join(', ')}]) becomes leader at leader epoch ${epoch} with ISR [${result.isr.join(', ')}] because unclean.leader.election.enable=true; records only the old ISR had are lost`;
  }
  return `elected broker ${result.leader} leader of ${tp} (leader epoch ${epoch}, ISR [${result.isr.join(', ')}]) from the ISR [${old.isr.join(', ')}]: ${cause}`;
}
