/**
 * Kafka's partition leader election strategies in ZooKeeper mode (kafka.controller.Election /
 * PartitionLeaderElectionAlgorithms, the same code in 2.4 and 3.9). Pure functions: the
 * assignment order decides, and "live" means registered and not shutting down.
 */

export interface ElectionResult {
  leader: number;
  isr: number[];
  /** An out-of-sync replica became leader: records the old ISR had may be lost. */
  unclean: boolean;
}

/**
 * OfflinePartition: the first replica in the assignment that is live and in the ISR; the new
 * ISR is the old one's live members. With none, and unclean election enabled, the first live
 * replica, alone in the ISR. Null when no leader can be found.
 */
export function offlinePartitionLeader(assignment: readonly number[], isr: readonly number[], isLive: (id: number) => boolean, uncleanEnabled: boolean): ElectionResult | null {
  const liveIsr = isr.filter(isLive);
  const clean = assignment.find((id) => liveIsr.includes(id));
  if (clean !== undefined) return { leader: clean, isr: liveIsr, unclean: false };
  if (!uncleanEnabled) return null;
  const unclean = assignment.find(isLive);
  return unclean === undefined ? null : { leader: unclean, isr: [unclean], unclean: true };
}

/** PreferredReplica: the first replica in the assignment if it is live and in the ISR; else none. */
export function preferredReplicaLeader(assignment: readonly number[], isr: readonly number[], isLive: (id: number) => boolean): ElectionResult | null {
  const preferred = assignment[0];
  if (preferred === undefined || !isLive(preferred) || !isr.includes(preferred)) return null;
  return { leader: preferred, isr: [...isr], unclean: false };
}

/**
 * ControlledShutdown: the first replica in the assignment that is in the ISR and not shutting
 * down (live ones only); the new ISR drops the shutting-down brokers.
 */
export function controlledShutdownLeader(assignment: readonly number[], isr: readonly number[], isLive: (id: number) => boolean, shuttingDown: ReadonlySet<number>): ElectionResult | null {
  const leader = assignment.find((id) => isr.includes(id) && isLive(id) && !shuttingDown.has(id));
  if (leader === undefined) return null;
  return { leader, isr: isr.filter((id) => !shuttingDown.has(id)), unclean: false };
}
