import type { LabEventKind, SimKernel } from '../../kernel';
import { tpName, type FetchPartitionResponse, type FetchRequest } from '../../protocol';
import type { Partition, ReplicationRules } from '../Partition';

/** The leader's side of ZooKeeper: writing a partition's ISR (conditional on its zkVersion). */
export interface IsrWriter {
  /** Returns the new zkVersion, or null if the write failed (stale zkVersion, or no ZooKeeper session). */
  writeIsr(partition: Partition, isr: readonly number[]): number | null;
  /** A successful ISR change, to be propagated to the other brokers (isr_change_notification). */
  recordIsrChange(tp: string): void;
}

export interface IsrManagerOptions {
  readonly kernel: Pick<SimKernel, 'nowMs'> & { emit(kind: LabEventKind, actor: string, text: string, tp?: string): void };
  readonly actor: string;
  readonly partitions: ReadonlyMap<string, Partition>;
  readonly writer: IsrWriter;
  rules(topic: string): ReplicationRules;
  /** The HW of `tp` moved: waiting acks=all produces and fetches may complete. */
  onHighWatermarkAdvanced(tp: string): void;
  /** The ISR of `tp` changed: waiting produces re-check min.insync.replicas. */
  onIsrChanged(tp: string): void;
}

/**
 * The ISR as its leader keeps it (kafka.cluster.Partition's maybeExpandIsr / maybeShrinkIsr
 * and ReplicaManager's isr-expiration task): each follower fetch tells the leader the
 * follower's LEO; a follower that caught up joins the ISR, one that did not within
 * replica.lag.time.max.ms leaves it. Every change is written to ZooKeeper first and applied
 * only if the write succeeded, then the HW rule runs again.
 */
export class IsrManager {
  constructor(private readonly o: IsrManagerOptions) {}

  /**
   * A follower's fetch tells the leader its LEO (Partition.updateFollowerFetchState): then the
   * ISR may grow and the HW may move. Not for a partition answered with a diverging epoch.
   */
  onFollowerFetch(request: FetchRequest, responses: readonly { partitions: readonly FetchPartitionResponse[] }[]): void {
    const now = this.o.kernel.nowMs;
    request.topics.forEach((topic, t) => topic.partitions.forEach((p, i) => {
      const result = responses[t]!.partitions[i]!;
      if (result.errorCode !== 'NONE' || result.divergingEpoch) return;
      const partition = this.o.partitions.get(tpName(topic.topic, p.partition));
      if (!partition?.isLeader) return;
      partition.updateFollowerFetchState(request.replicaId, p.fetchOffset, now);
      if (partition.followerToAdd(request.replicaId)) this.expandIsr(partition, request.replicaId);
      if (partition.maybeIncrementLeaderHW(this.o.rules(partition.topic))) this.o.onHighWatermarkAdvanced(partition.tp);
    }));
  }

  /** Partition.maybeExpandIsr: a follower that caught up joins the ISR (written to ZooKeeper first). */
  private expandIsr(partition: Partition, followerId: number): void {
    const isr = [...partition.isr, followerId].sort((a, b) => a - b);
    const follower = partition.followers.get(followerId)!;
    this.changeIsr(partition, isr, `broker ${followerId} caught up (LEO ${follower.logEndOffset} ≥ HW ${partition.log!.highWatermark}), so it joins the ISR`);
  }

  /**
   * The "isr-expiration" task (every replica.lag.time.max.ms / 2): each partition this broker
   * leads drops ISR followers that have not caught up to its LEO within replica.lag.time.max.ms.
   */
  maybeShrinkIsr(): void {
    for (const partition of this.o.partitions.values()) {
      if (!partition.isLeader) continue;
      const rules = this.o.rules(partition.topic);
      const out = partition.outOfSyncReplicas(rules);
      if (out.length === 0) continue;
      const isr = partition.isr.filter((id) => !out.includes(id));
      const lagging = out.map((id) => `broker ${id} (LEO ${partition.followers.get(id)!.logEndOffset}, last caught up ${rules.nowMs - partition.followers.get(id)!.lastCaughtUpTimeMs} ms ago)`).join(', ');
      this.changeIsr(partition, isr, `${lagging} did not catch up to the leader's LEO ${partition.log!.logEndOffset} within replica.lag.time.max.ms=${rules.replicaLagTimeMaxMs}, so ${out.length === 1 ? 'it leaves' : 'they leave'} the ISR`);
    }
  }

  /** Write the new ISR to ZooKeeper; on success apply it and re-run the HW rule, else keep the old one. */
  private changeIsr(partition: Partition, isr: number[], why: string): void {
    const { kernel, actor, writer } = this.o;
    const tp = partition.tp;
    const before = partition.isr;
    const version = writer.writeIsr(partition, isr);
    if (version === null) {
      kernel.emit('broker', actor, `could not change the ISR of ${tp} to [${isr.join(', ')}]: its ZooKeeper write failed (no session, or the state's zkVersion ${partition.partitionEpoch} is stale because the controller changed it); it keeps [${before.join(', ')}] and waits for LeaderAndIsr`, tp);
      return;
    }
    partition.isrUpdated(isr, version);
    writer.recordIsrChange(tp);
    kernel.emit('broker', actor, `ISR of ${tp}: [${before.join(', ')}] → [${isr.join(', ')}]: ${why}`, tp);
    if (partition.maybeIncrementLeaderHW(this.o.rules(partition.topic))) this.o.onHighWatermarkAdvanced(tp);
    this.o.onIsrChanged(tp);
  }
}
