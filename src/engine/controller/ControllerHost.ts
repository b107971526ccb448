import type { BrokerConfig } from '../config';
import type { SimKernel } from '../kernel';
import type { RequestOutcome } from '../network/NetworkClient';
import type { KafkaRequest } from '../protocol';
import type { ZkStore } from './ZkStore';

/**
 * What the controller needs from the broker it runs in: its id, ZooKeeper, the clock, a
 * channel to the other brokers and whether a broker can be reached. A narrow interface,
 * so the controller does not depend on KafkaBroker.
 */
export interface ControllerHost {
  readonly id: number;
  readonly zk: ZkStore;
  readonly kernel: SimKernel;
  /** The controller's broker config: unclean election and leader-rebalance defaults. */
  readonly config: BrokerConfig;
  /** False while the broker cannot reach ZooKeeper: it sees no watch events then. */
  readonly zkConnected: boolean;
  /** Send a controller request to broker `brokerId` (Kafka's ControllerChannelManager). */
  sendToBroker<R extends KafkaRequest>(brokerId: number, request: R, summary: string, timeoutMs: number, callback: (outcome: RequestOutcome<R>) => void): void;
  /** True when broker `brokerId`'s node is up on the network. */
  isBrokerReachable(brokerId: number): boolean;
  topicOverrides(topic: string): Record<string, string>;
}
