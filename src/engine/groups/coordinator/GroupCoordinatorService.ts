import type { BrokerConfig } from '../../config';
import type { SimKernel } from '../../kernel';
import type { KafkaErrorName } from '../../protocol';
import { iterateBatches } from '../../record';
import type { UnifiedLog } from '../../log';
import { GroupCoordinator, type GroupConfig } from './GroupCoordinator';
import { GROUP_METADATA_TOPIC_NAME, GroupMetadataManager, type OffsetsTopicRecord } from './GroupMetadataManager';

/** The broker pieces a coordinator uses: its clock, config, and its ReplicaManager's offsets-topic log. */
export interface CoordinatorHost {
  readonly id: number;
  readonly kernel: SimKernel;
  readonly config: BrokerConfig;
  appendRecords(timeoutMs: number, acks: number, topic: string, partition: number, batch: Uint8Array, respond: (error: KafkaErrorName) => void): void;
  localLog(topic: string, partition: number): UnifiedLog | null;
}

/** A broker's GroupCoordinator with its GroupMetadataManager, wired to the broker. */
export class GroupCoordinatorService {
  readonly manager: GroupMetadataManager;
  readonly coordinator: GroupCoordinator;

  constructor(host: CoordinatorHost) {
    const actor = `coordinator ${host.id}`;
    this.manager = new GroupMetadataManager({
      kernel: host.kernel,
      actor,
      kafkaVersion: host.config.version,
      numPartitions: () => host.config.offsetsTopicNumPartitions,
      log: {
        append: (partition, batch, respond) => host.appendRecords(host.config.offsetCommitTimeoutMs, host.config.offsetCommitRequiredAcks, GROUP_METADATA_TOPIC_NAME, partition, batch, respond),
        readAll: (partition) => readAllRecords(host.localLog(GROUP_METADATA_TOPIC_NAME, partition)),
      },
      onGroupLoaded: (group) => this.coordinator.onGroupLoaded(group),
      onGroupUnloaded: (group) => this.coordinator.onGroupUnloaded(group),
    });
    const config = (): GroupConfig => ({
      groupMinSessionTimeoutMs: host.config.groupMinSessionTimeoutMs,
      groupMaxSessionTimeoutMs: host.config.groupMaxSessionTimeoutMs,
      groupMaxSize: host.config.groupMaxSize,
      offsetMetadataMaxBytes: host.config.offsetMetadataMaxBytes,
      groupInitialRebalanceDelayMs: host.config.groupInitialRebalanceDelayMs,
      kafkaVersion: host.config.version,
    });
    this.coordinator = new GroupCoordinator(host.id, host.kernel, config, this.manager);
  }

  /** KafkaApis.onLeadershipChange for one partition of the offsets topic. */
  onLeadershipChange(partition: number, isLeader: boolean): void {
    if (isLeader) this.manager.onElection(partition);
    else this.manager.onResignation(partition);
  }

  shutdown(): void {
    this.manager.shutdown();
  }
}

function readAllRecords(log: UnifiedLog | null): OffsetsTopicRecord[] {
  if (!log) return [];
  const out: OffsetsTopicRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = log.read(offset, 1 << 20, log.logEndOffset, true);
    if (read.records.length === 0) break;
    let next = offset;
    for (const batch of iterateBatches(read.records)) {
      next = batch.nextOffset;
      if (batch.isControl) continue;
      for (const r of batch.records()) if (r.offset >= offset) out.push({ key: r.key, value: r.value });
    }
    if (next <= offset) break;
    offset = next;
  }
  return out;
}
