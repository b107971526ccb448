import type { Envelope } from '../../network';
import type { EpochEndOffsetResult, OffsetsForLeaderEpochRequest } from '../../protocol';
import type { RequestContext } from '../BrokerContext';
import { Partition } from '../Partition';

/**
 * KafkaApis.handleOffsetForLeaderEpochRequest: for each partition this broker leads, where
 * the requested leader epoch ends in its log (LeaderEpochFileCache.endOffsetFor), after the
 * same epoch fencing as a fetch. Consumers ask it to validate their position (KIP-320).
 */
export function handleOffsetsForLeaderEpoch(broker: RequestContext, envelope: Envelope, request: OffsetsForLeaderEpochRequest): void {
  const topics = request.topics.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p): EpochEndOffsetResult => {
      const none = { partition: p.partition, leaderEpoch: -1, endOffset: -1 };
      const partition = broker.replicaManager.leaderPartition(t.topic, p.partition);
      if (!(partition instanceof Partition)) return { ...none, errorCode: partition.errorCode };
      const log = partition.log;
      if (!partition.isLeader || !log) return { ...none, errorCode: 'NOT_LEADER_OR_FOLLOWER' };
      if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < partition.leaderEpoch) return { ...none, errorCode: 'FENCED_LEADER_EPOCH' };
      if (p.currentLeaderEpoch > partition.leaderEpoch) return { ...none, errorCode: 'UNKNOWN_LEADER_EPOCH' };
      const end = log.leaderEpochCache.endOffsetFor(p.leaderEpoch, log.logEndOffset);
      return { partition: p.partition, errorCode: 'NONE', leaderEpoch: end.epoch, endOffset: end.endOffset };
    }),
  }));
  broker.respond(envelope, { apiKey: 'OffsetsForLeaderEpoch', topics }, 'OffsetsForLeaderEpoch response');
}
