import { assignorClassName, assignorProtocolName, type KafkaVersion } from '../../config';
import { CooperativeStickyAssignor } from './CooperativeStickyAssignor';
import { RangeAssignor } from './RangeAssignor';
import { RoundRobinAssignor } from './RoundRobinAssignor';
import { StickyAssignor } from './StickyAssignor';
import { REBALANCE_PROTOCOL_ID, type ConsumerPartitionAssignor, type RebalanceProtocol } from './types';

/**
 * A new assignor for a name in partition.assignment.strategy: Kafka's protocol name ('range'), the simple
 * class name ('RangeAssignor') or the full class name ('org.apache.kafka.clients.consumer.RangeAssignor').
 * A new instance each time: the sticky assignors keep per-member state (last assignment, generation).
 * Null for a name that is none of the four built-in assignors. `version` picks that release's sticky
 * algorithm and Range's topic order (RoundRobin is the same in 2.4 and 3.9).
 */
export function assignorByName(name: string, version: KafkaVersion = '3.9'): ConsumerPartitionAssignor | null {
  const className = assignorClassName(name.trim());
  switch (className === null ? null : assignorProtocolName(className)) {
    case 'range':
      return new RangeAssignor({ version });
    case 'roundrobin':
      return new RoundRobinAssignor();
    case 'sticky':
      return new StickyAssignor({ version });
    case 'cooperative-sticky':
      return new CooperativeStickyAssignor({ version });
    default:
      return null;
  }
}

/**
 * ConsumerCoordinator's choice of rebalance protocol: the protocols every configured assignor supports,
 * the highest of them (COOPERATIVE over EAGER). So [range, cooperative-sticky] (3.x's default) is EAGER
 * until range is removed from the list.
 */
export function selectRebalanceProtocol(assignors: readonly ConsumerPartitionAssignor[]): RebalanceProtocol | null {
  if (assignors.length === 0) return null;
  const common = assignors[0]!.supportedProtocols.filter((p) => assignors.every((a) => a.supportedProtocols.includes(p)));
  if (common.length === 0) {
    const names = [...new Set(assignors.map((a) => a.name))].join(', ');
    throw new Error(`IllegalArgumentException: Specified assignors [${names}] do not have commonly supported rebalance protocol`);
  }
  return [...common].sort((a, b) => REBALANCE_PROTOCOL_ID[a] - REBALANCE_PROTOCOL_ID[b]).at(-1)!;
}
