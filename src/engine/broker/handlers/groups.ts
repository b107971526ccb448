import type { Envelope } from '../../network';
import type { FindCoordinatorRequest, FindCoordinatorResponse, GroupRequest, KafkaErrorName, KafkaResponse } from '../../protocol';
import type { GroupCoordinatorService } from '../../groups/coordinator/GroupCoordinatorService';
import { GROUP_METADATA_TOPIC_NAME } from '../../groups/coordinator/GroupMetadataManager';
import {
  handleCommitOffsets,
  handleDescribeGroup,
  handleFetchOffsets,
  handleHeartbeat,
  handleLeaveGroup,
  handleListGroups,
  handleSyncGroup,
} from '../../groups/coordinator/GroupRequests';
import { AdminZkClient } from '../AdminZkClient';
import type { RequestContext } from '../BrokerContext';

/** What the group handlers need beyond KafkaApis' context: the broker's coordinator. */
export interface GroupRequestContext extends RequestContext {
  readonly groups: GroupCoordinatorService;
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

/** KafkaApis' group requests, answered by this broker's GroupCoordinator. */
export function handleGroupRequest(broker: GroupRequestContext, envelope: Envelope, request: GroupRequest): void {
  const c = broker.groups.coordinator;
  const reply = (response: KafkaResponse, summary: string): void => broker.respond(envelope, response, summary);
  switch (request.apiKey) {
    case 'FindCoordinator': {
      const r = findCoordinator(broker, request);
      return reply(r, r.errorCode === 'NONE' ? `coordinator for ${request.key} is broker ${r.nodeId}` : `FindCoordinator (${r.errorCode})`);
    }
    case 'JoinGroup':
      return c.handleJoinGroup(request, { clientId: request.clientId ?? envelope.from, clientHost: '/127.0.0.1' }, (r) => reply(r, `JoinGroup (${r.errorCode === 'NONE' ? `generation ${r.generationId}` : r.errorCode})`));
    case 'SyncGroup':
      return handleSyncGroup(c, request, (r) => reply(r, `SyncGroup (${r.errorCode})`));
    case 'Heartbeat': {
      const errorCode = handleHeartbeat(c, request);
      return reply({ apiKey: 'Heartbeat', errorCode }, `Heartbeat (${errorCode})`);
    }
    case 'LeaveGroup':
      return reply(handleLeaveGroup(c, request), 'LeaveGroup');
    case 'OffsetCommit':
      return handleCommitOffsets(c, request, (r) => reply(r, 'OffsetCommit'));
    case 'OffsetFetch':
      return reply(handleFetchOffsets(c, request), 'OffsetFetch');
    case 'ListGroups':
      return reply(handleListGroups(c), 'ListGroups');
    case 'DescribeGroups':
      return reply({ apiKey: 'DescribeGroups', groups: request.groups.map((g) => handleDescribeGroup(c, g)) }, 'DescribeGroups');
  }
}

/**
 * FindCoordinator (KafkaApis.handleFindCoordinatorRequest): the leader of the group's
 * __consumer_offsets partition. The topic is created on first use; until its leader is known
 * the answer is COORDINATOR_NOT_AVAILABLE.
 */
function findCoordinator(broker: GroupRequestContext, request: FindCoordinatorRequest): FindCoordinatorResponse {
  const fail = (errorCode: KafkaErrorName): FindCoordinatorResponse => ({ apiKey: 'FindCoordinator', errorCode, errorMessage: null, nodeId: -1, host: '', port: -1 });
  if (request.keyType !== 0) return fail('INVALID_REQUEST');
  if (request.key === '') return fail('INVALID_GROUP_ID');
  const cache = broker.metadataCache;
  if (!cache.hasTopic(GROUP_METADATA_TOPIC_NAME)) {
    createOffsetsTopic(broker);
    return fail('COORDINATOR_NOT_AVAILABLE');
  }
  const partition = broker.groups.manager.partitionFor(request.key);
  const state = cache.partitions(GROUP_METADATA_TOPIC_NAME).find((p) => p.partitionIndex === partition);
  const leader = state && state.leader >= 0 && cache.isBrokerAlive(state.leader) ? cache.liveBrokers().find((b) => b.nodeId === state.leader) : undefined;
  if (!leader) return fail('COORDINATOR_NOT_AVAILABLE');
  return { apiKey: 'FindCoordinator', errorCode: 'NONE', errorMessage: null, nodeId: leader.nodeId, host: leader.host, port: leader.port };
}

/**
 * KafkaApis.createInternalTopic: offsets.topic.num.partitions partitions, replication factor
 * offsets.topic.replication.factor, compacted. Refused while fewer brokers are alive than the
 * replication factor (the client keeps getting COORDINATOR_NOT_AVAILABLE).
 */
function createOffsetsTopic(broker: GroupRequestContext): void {
  const { config } = broker;
  const live = broker.metadataCache.liveBrokers().length;
  if (live < config.offsetsTopicReplicationFactor) {
    broker.kernel.emit('admin', broker.actor, `cannot create ${GROUP_METADATA_TOPIC_NAME} yet: offsets.topic.replication.factor is ${config.offsetsTopicReplicationFactor} but only ${live} broker${live === 1 ? ' is' : 's are'} alive`);
    return;
  }
  const configs = { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': String(config.offsetsTopicSegmentBytes) };
  const result = new AdminZkClient(broker).createTopic(GROUP_METADATA_TOPIC_NAME, config.offsetsTopicNumPartitions, config.offsetsTopicReplicationFactor, configs, false);
  if (result.ok) broker.kernel.emit('admin', broker.actor, `created the internal topic ${GROUP_METADATA_TOPIC_NAME} (${config.offsetsTopicNumPartitions} partitions, replication factor ${config.offsetsTopicReplicationFactor}, cleanup.policy=compact) for the first group`);
}
