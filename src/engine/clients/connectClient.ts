import type { SimKernel } from '../kernel';
import { NetworkClient, type NodeId, type SimNetwork } from '../network';
import { Metadata } from './Metadata';

export interface ClientConnection {
  readonly client: NetworkClient;
  /** False when the connection was handed in (a reconfigured wrapper keeps its node id). */
  readonly ownsClient: boolean;
  readonly metadata: Metadata;
}

/**
 * What every Kafka client starts with: its connection (NetworkClient) and its metadata cache,
 * which finds partition leaders through the bootstrap brokers.
 */
export function connectClient(
  kernel: SimKernel,
  network: SimNetwork,
  options: { nodeId: NodeId; bootstrap: readonly NodeId[]; client?: NetworkClient },
  kind: 'producer' | 'consumer',
  timing: { metadataMaxAgeMs: number; requestTimeoutMs: number; retryBackoffMs: number; retryBackoffMaxMs: number },
): ClientConnection {
  const client = options.client ?? new NetworkClient(options.nodeId, kernel, network);
  const metadata = new Metadata(kernel, network, client, {
    kind,
    bootstrap: options.bootstrap,
    ...timing,
    // The producer asks brokers to auto-create topics; so does the consumer, since
    // allow.auto.create.topics defaults to true (KIP-361). The broker decides.
    allowAutoTopicCreation: true,
  });
  return { client, ownsClient: options.client === undefined, metadata };
}
