import type { SimKernel, TaskId } from '../kernel';
import type { KafkaErrorName, KafkaRequest, KafkaResponse, ResponseFor } from '../protocol';
import type { Envelope, NetworkEndpoint, NodeId } from './Envelope';
import type { SimNetwork } from './SimNetwork';

export type RequestOutcome<R extends KafkaRequest> =
  | { ok: true; response: ResponseFor<R> }
  | { ok: false; error: Extract<KafkaErrorName, 'REQUEST_TIMED_OUT' | 'NETWORK_EXCEPTION'>; message: string };

interface PendingRequest {
  destination: NodeId;
  apiKey: string;
  timeoutTask: TaskId | undefined;
  callback: (outcome: RequestOutcome<KafkaRequest>) => void;
}

/**
 * Kafka's NetworkClient in miniature: correlation ids, one ordered connection per
 * destination, in-flight accounting and request.timeout.ms. A timed-out request fails
 * with REQUEST_TIMED_OUT and its late response, if any, is ignored (Kafka disconnects).
 */
export class NetworkClient implements NetworkEndpoint {
  private nextCorrelationId = 0;
  /** This client's connection: responses are routed back to it by the network. */
  private readonly connectionId: number;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly inFlightByDestination = new Map<NodeId, number>();
  private readonly stopListening: () => void;

  /**
   * @param register false when the client is embedded in a node that already owns the
   *   endpoint (a broker's controller channel); responses still reach the client through
   *   its own connection.
   */
  constructor(
    readonly nodeId: NodeId,
    private readonly kernel: SimKernel,
    private readonly network: SimNetwork,
    private readonly register = true,
  ) {
    if (register) network.register(this);
    this.connectionId = network.openConnection(this);
    this.stopListening = network.onDisconnect((node, reason) => this.abortTo(node, reason));
  }

  /** The connection to `destination` was reset: its requests fail now with NETWORK_EXCEPTION. */
  private abortTo(destination: NodeId, reason: string): void {
    if (this.inFlightTo(destination) === 0) return;
    for (const [id, entry] of [...this.pending]) {
      if (entry.destination === destination) this.complete(id, { ok: false, error: 'NETWORK_EXCEPTION', message: `connection to ${destination} was reset: ${reason}` });
    }
  }

  /** Requests sent to `destination` that have not been answered or timed out. */
  inFlightTo(destination: NodeId): number {
    return this.inFlightByDestination.get(destination) ?? 0;
  }

  get inFlightTotal(): number {
    return this.pending.size;
  }

  send<R extends KafkaRequest>(
    destination: NodeId,
    request: R,
    summary: string,
    timeoutMs: number,
    callback: (outcome: RequestOutcome<R>) => void,
  ): number {
    const correlationId = this.nextCorrelationId++;
    const timeoutTask =
      timeoutMs > 0
        ? this.kernel.schedule(timeoutMs, `${this.nodeId} ${request.apiKey} timeout`, () =>
            this.complete(correlationId, {
              ok: false,
              error: 'REQUEST_TIMED_OUT',
              message: `no response from ${destination} within request.timeout.ms=${timeoutMs}`,
            }),
          )
        : undefined;
    this.pending.set(correlationId, {
      destination,
      apiKey: request.apiKey,
      timeoutTask,
      callback: callback as (outcome: RequestOutcome<KafkaRequest>) => void,
    });
    this.inFlightByDestination.set(destination, this.inFlightTo(destination) + 1);
    this.network.send(this.nodeId, destination, 'request', correlationId, request, summary, this.connectionId);
    return correlationId;
  }

  /** Fire-and-forget (acks=0 produce): no response is expected or tracked. */
  sendOneWay(destination: NodeId, request: KafkaRequest, summary: string): void {
    this.network.send(this.nodeId, destination, 'request', this.nextCorrelationId++, request, summary);
  }

  deliver(envelope: Envelope): void {
    if (envelope.direction !== 'response') return;
    const response = envelope.body as KafkaResponse;
    this.complete(envelope.correlationId, { ok: true, response } as RequestOutcome<KafkaRequest>);
  }

  /** Fail every pending request (client closed or its node went down). */
  abortAll(message: string): void {
    for (const id of [...this.pending.keys()]) {
      this.complete(id, { ok: false, error: 'NETWORK_EXCEPTION', message });
    }
  }

  close(): void {
    this.stopListening();
    this.abortAll('client closed');
    this.network.closeConnection(this.connectionId);
    if (this.register) this.network.unregister(this.nodeId);
  }

  private complete(correlationId: number, outcome: RequestOutcome<KafkaRequest>): void {
    const entry = this.pending.get(correlationId);
    if (!entry) return; // a late response to a request that already timed out
    this.pending.delete(correlationId);
    this.kernel.cancel(entry.timeoutTask);
    this.inFlightByDestination.set(entry.destination, Math.max(0, this.inFlightTo(entry.destination) - 1));
    entry.callback(outcome);
  }
}
