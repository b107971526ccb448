import type { ApiKey, KafkaRequest, KafkaResponse } from '../protocol';

/** Network address of a simulated node: "broker-0", "producer-1", "consumer-1", "admin". */
export type NodeId = string;

/** Network address of broker `id`, as brokers register themselves. */
export function brokerNodeId(id: number): NodeId {
  return `broker-${id}`;
}

/** One message on the wire, observable from send to arrival (views animate it). */
export interface Envelope {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly direction: 'request' | 'response';
  readonly apiKey: ApiKey;
  readonly correlationId: number;
  /**
   * The connection a request was sent on, and its response comes back on: one per client
   * (NetworkClient), so two clients of one node (the controller channel and a follower
   * fetcher) never confuse each other's correlation ids. 0 = no connection (one-way).
   */
  readonly connectionId: number;
  readonly body: KafkaRequest | KafkaResponse;
  readonly sizeBytes: number;
  readonly sendTimeMs: number;
  readonly arriveTimeMs: number;
  /** Short plain-English label, e.g. "Produce orders-3 (12 records)". */
  readonly summary: string;
  /** Set when the network lost the message (cut link, dead node, random drop). */
  dropped: boolean;
  /**
   * The destination process it was sent to: a node that went down and came back is a new
   * process, and TCP connections to the old one died with it (nothing sent before arrives).
   */
  readonly toIncarnation?: number;
}

/** Something that can receive messages from the network. */
export interface NetworkEndpoint {
  readonly nodeId: NodeId;
  deliver(envelope: Envelope): void;
}
