import type { StopReplicaRequest } from '../protocol';
import type { ControllerHost } from './ControllerHost';
import { ZkPaths, type TopicAssignmentZNode } from './ZkStore';

/** controller.socket.timeout.ms: how long the controller waits for a broker's answer. */
export const CONTROLLER_REQUEST_TIMEOUT_MS = 30000;
/** Kafka's ControllerChannelManager retries a failed request after 100 ms. */
const RETRY_BACKOFF_MS = 100;

type StopReplicaPartition = StopReplicaRequest['partitions'][number];

/**
 * Kafka's TopicDeletionManager (ZooKeeper mode). A topic marked in /admin/delete_topics
 * leaves the brokers' metadata at once, then every replica gets StopReplica with
 * deletePartitions=true. Only when every replica has acknowledged does the controller
 * remove the topic's znodes, so a crash in between leaves the topic queued for deletion and
 * the next controller resumes it: the old partition directories can never be reused by a
 * topic of the same name. A broker that does not answer makes the deletion wait and retry.
 */
export class TopicDeletionManager {
  /** Topic → brokers that have not yet acknowledged StopReplica(delete) for it. */
  private readonly pending = new Map<string, Set<number>>();

  constructor(
    private readonly host: ControllerHost,
    private readonly controllerEpoch: () => number,
    /** Tell every broker the topic is gone from metadata (UpdateMetadata with deletedTopics). */
    private readonly removeFromMetadata: (topic: string) => void,
  ) {}

  isTopicQueuedUpForDeletion(topic: string): boolean {
    return this.pending.has(topic);
  }

  /** Start (or, after a restart, resume) deleting `topic`. */
  enqueueTopicForDeletion(topic: string): void {
    if (this.pending.has(topic)) return;
    const assignment = this.host.zk.getJson<TopicAssignmentZNode>(ZkPaths.topic(topic));
    this.removeFromMetadata(topic);
    const byBroker = replicasByBroker(topic, assignment);
    this.pending.set(topic, new Set(byBroker.keys()));
    const brokers = [...byBroker.keys()].sort((a, b) => a - b);
    this.emit(`started deleting topic ${topic}: StopReplica (delete) to broker${brokers.length === 1 ? '' : 's'} [${brokers.join(', ')}]; the topic stays in ZooKeeper until every replica has confirmed`);
    for (const [brokerId, partitions] of byBroker) this.sendStopReplica(topic, brokerId, partitions);
    this.maybeComplete(topic);
  }

  private sendStopReplica(topic: string, brokerId: number, partitions: StopReplicaPartition[]): void {
    const request: StopReplicaRequest = { apiKey: 'StopReplica', controllerId: this.host.id, controllerEpoch: this.controllerEpoch(), partitions };
    this.host.sendToBroker(brokerId, request, `StopReplica ${topic} (delete)`, CONTROLLER_REQUEST_TIMEOUT_MS, (outcome) => {
      const waiting = this.pending.get(topic);
      if (!waiting?.has(brokerId)) return;
      if (outcome.ok && outcome.response.errorCode === 'NONE') {
        waiting.delete(brokerId);
        this.maybeComplete(topic);
        return;
      }
      const why = outcome.ok ? outcome.response.errorCode : outcome.message;
      this.emit(`broker ${brokerId} did not confirm deleting its replicas of ${topic} (${why}); the deletion waits and retries`);
      this.host.kernel.schedule(RETRY_BACKOFF_MS, `controller retry StopReplica ${topic} → broker ${brokerId}`, () => {
        if (this.pending.get(topic)?.has(brokerId)) this.sendStopReplica(topic, brokerId, partitions);
      });
    });
  }

  /** Every replica is gone: remove the topic's znodes and the deletion marker (completeDeleteTopic). */
  private maybeComplete(topic: string): void {
    if (this.pending.get(topic)?.size !== 0) return;
    this.pending.delete(topic);
    const { zk } = this.host;
    zk.deleteRecursive(ZkPaths.topic(topic));
    zk.deleteRecursive(ZkPaths.topicConfig(topic));
    zk.deleteRecursive(ZkPaths.deleteTopic(topic));
    this.emit(`deletion of topic ${topic} completed: every replica deleted its log, so ${ZkPaths.topic(topic)} and ${ZkPaths.deleteTopic(topic)} are removed`);
  }

  private emit(text: string): void {
    this.host.kernel.emit('controller', `broker ${this.host.id}`, text);
  }
}

function replicasByBroker(topic: string, assignment: TopicAssignmentZNode | undefined): Map<number, StopReplicaPartition[]> {
  const byBroker = new Map<number, StopReplicaPartition[]>();
  for (const [p, replicas] of Object.entries(assignment?.partitions ?? {})) {
    for (const id of replicas) {
      const list = byBroker.get(id) ?? [];
      list.push({ topicName: topic, partitionIndex: Number(p), deletePartition: true });
      byBroker.set(id, list);
    }
  }
  return byBroker;
}
