import type { SimKernel } from '../kernel';
import type { ApiKey, KafkaRequest, KafkaResponse } from '../protocol';
import type { Envelope, NetworkEndpoint, NodeId } from './Envelope';
import { messageSizeBytes } from './messageSize';

export interface LinkOptions {
  /** One-way base latency. */
  latencyMs: number;
  /** Extra uniform random delay in [0, jitterMs], drawn from the seeded source. */
  jitterMs: number;
  /** Probability in [0, 1] that a message on this link is lost. */
  dropRate: number;
}

export const DEFAULT_LINK: LinkOptions = { latencyMs: 40, jitterMs: 10, dropRate: 0 };

interface LinkState {
  options: LinkOptions;
  cut: boolean;
  /** Arrival time of the last message on this directed link: TCP keeps order. */
  lastArrivalMs: number;
}

/**
 * The simulated network: nodes exchange Kafka requests and responses over directed links
 * with latency and jitter. Links can be cut and messages dropped; every message in flight
 * can be observed with its send and arrival times.
 */
export class SimNetwork {
  private readonly endpoints = new Map<NodeId, NetworkEndpoint>();
  /** Open connections by id: where responses to requests sent on them are delivered. */
  private readonly connections = new Map<number, NetworkEndpoint>();
  private nextConnectionId = 1;
  private readonly links = new Map<string, LinkState>();
  private readonly inFlightById = new Map<number, Envelope>();
  private readonly down = new Set<NodeId>();
  /** Nodes whose process stopped while their host runs: a new connection would be reset. */
  private readonly refusing = new Map<NodeId, string>();
  private readonly isolated = new Set<NodeId>();
  /** Bumped each time a node goes down: what was sent to an earlier process is lost. */
  private readonly incarnations = new Map<NodeId, number>();
  private readonly disconnectListeners = new Set<(nodeId: NodeId, reason: string) => void>();
  /** Paused nodes (a long GC pause): what arrives for them waits, in order, until they resume. */
  private readonly paused = new Map<NodeId, Envelope[]>();
  private nextEnvelopeId = 1;
  private defaults: LinkOptions;
  /** Bumped whenever the in-flight set changes, so views can skip unchanged frames. */
  version = 0;

  constructor(private readonly kernel: SimKernel, defaults: Partial<LinkOptions> = {}) {
    this.defaults = { ...DEFAULT_LINK, ...defaults };
  }

  register(endpoint: NetworkEndpoint): void {
    this.endpoints.set(endpoint.nodeId, endpoint);
    this.down.delete(endpoint.nodeId);
  }

  unregister(nodeId: NodeId): void {
    this.endpoints.delete(nodeId);
  }

  /**
   * The process at `nodeId` died and its OS closed its sockets (a crash or a shutdown, not a
   * power loss): every client with requests in flight to it sees the connection reset at once.
   */
  resetConnectionsTo(nodeId: NodeId, reason: string): void {
    this.refusing.set(nodeId, reason);
    // Clients notice on their next poll of the socket: one kernel task later, not inside the command.
    this.kernel.schedule(0, `connections to ${nodeId} reset`, () => {
      for (const listener of [...this.disconnectListeners]) listener(nodeId, reason);
    });
  }

  /** Called with (node, reason) when connections to a node are reset; returns an unsubscribe function. */
  onDisconnect(listener: (nodeId: NodeId, reason: string) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** Open a connection for a client; responses to its requests come back to `endpoint`. */
  openConnection(endpoint: NetworkEndpoint): number {
    const id = this.nextConnectionId++;
    this.connections.set(id, endpoint);
    return id;
  }

  closeConnection(connectionId: number): void {
    this.connections.delete(connectionId);
  }

  /** A node that is down receives nothing; messages to it are lost. */
  setNodeUp(nodeId: NodeId, up: boolean): void {
    if (up) {
      this.down.delete(nodeId);
      this.refusing.delete(nodeId);
    }
    else {
      this.down.add(nodeId);
      this.incarnations.set(nodeId, (this.incarnations.get(nodeId) ?? 0) + 1);
    }
  }

  /**
   * Why a new connection to `nodeId` would be refused (its process stopped, its host runs), or
   * undefined. Only the group coordinator's connection consults it (docs/FIDELITY.md).
   */
  refusalOf(nodeId: NodeId): string | undefined {
    return this.refusing.get(nodeId);
  }

  isNodeUp(nodeId: NodeId): boolean {
    return this.endpoints.has(nodeId) && !this.down.has(nodeId);
  }

  get linkDefaults(): LinkOptions {
    return this.defaults;
  }

  setLinkDefaults(options: Partial<LinkOptions>): void {
    this.defaults = validateLink({ ...this.defaults, ...options });
    for (const link of this.links.values()) link.options = this.defaults;
  }

  /** Set latency/jitter/drop for both directions between two nodes. */
  configureLink(a: NodeId, b: NodeId, options: Partial<LinkOptions>): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const link = this.link(x, y);
      link.options = validateLink({ ...link.options, ...options });
    }
  }

  /** Cut (or heal) the link between two nodes, in both directions. */
  setLinkCut(a: NodeId, b: NodeId, cut: boolean): void {
    this.link(a, b).cut = cut;
    this.link(b, a).cut = cut;
  }

  /** An isolated node's every link is cut (ZooKeeper's included: see BrokerLifecycle.isolate). */
  setIsolated(node: NodeId, isolated: boolean): void {
    if (isolated) this.isolated.add(node);
    else this.isolated.delete(node);
    this.version++;
  }

  /** Pause a node: messages arriving for it are held; resuming delivers them in arrival order. */
  setPaused(node: NodeId, paused: boolean): void {
    if (paused) {
      if (!this.paused.has(node)) this.paused.set(node, []);
      return;
    }
    const held = this.paused.get(node);
    this.paused.delete(node);
    for (const envelope of held ?? []) this.deliverTo(envelope);
  }

  isPaused(node: NodeId): boolean {
    return this.paused.has(node);
  }

  isIsolated(node: NodeId): boolean {
    return this.isolated.has(node);
  }

  isLinkCut(a: NodeId, b: NodeId): boolean {
    if (this.isolated.has(a) || this.isolated.has(b)) return true;
    return this.links.get(linkKey(a, b))?.cut ?? false;
  }

  /** Messages currently travelling (including ones that will be lost). */
  inFlight(): IterableIterator<Envelope> {
    return this.inFlightById.values();
  }

  get inFlightCount(): number {
    return this.inFlightById.size;
  }

  send(
    from: NodeId,
    to: NodeId,
    direction: 'request' | 'response',
    correlationId: number,
    body: KafkaRequest | KafkaResponse,
    summary: string,
    connectionId = 0,
  ): Envelope {
    const link = this.link(from, to);
    const { latencyMs, jitterMs, dropRate } = link.options;
    const now = this.kernel.nowMs;
    // Draw jitter and loss even for cut links so one fault does not shift every later draw.
    // A node talking to itself (the controller to its own broker) uses loopback: no delay.
    const loopback = from === to;
    const delay = loopback ? 0 : latencyMs + (jitterMs > 0 ? this.kernel.random.nextFloat() * jitterMs : 0);
    const lost = !loopback && dropRate > 0 && this.kernel.random.nextFloat() < dropRate;
    // Whole ms, the kernel's clock unit: the envelope says when its delivery task really runs.
    const arriveTimeMs = Math.max(Math.ceil(now + delay), link.lastArrivalMs);
    link.lastArrivalMs = arriveTimeMs;
    const envelope: Envelope = {
      id: this.nextEnvelopeId++,
      from,
      to,
      direction,
      apiKey: body.apiKey as ApiKey,
      correlationId,
      connectionId,
      body,
      sizeBytes: messageSizeBytes(body),
      sendTimeMs: now,
      arriveTimeMs,
      summary,
      dropped: lost || this.isLinkCut(from, to) || !this.isNodeUp(from),
      toIncarnation: this.incarnations.get(to) ?? 0,
    };
    this.inFlightById.set(envelope.id, envelope);
    this.version++;
    this.kernel.scheduleAt(arriveTimeMs, `deliver ${envelope.apiKey} ${direction} ${from}→${to}`, () =>
      this.arrive(envelope),
    );
    return envelope;
  }

  private arrive(envelope: Envelope): void {
    this.inFlightById.delete(envelope.id);
    this.version++;
    // A link cut while the message travelled also loses it, and so does a restart of its destination.
    if (this.isLinkCut(envelope.from, envelope.to) || (envelope.toIncarnation ?? 0) !== (this.incarnations.get(envelope.to) ?? 0)) envelope.dropped = true;
    const held = envelope.dropped ? undefined : this.paused.get(envelope.to);
    if (held) {
      held.push(envelope);
      return;
    }
    this.deliverTo(envelope);
  }

  private deliverTo(envelope: Envelope): void {
    // A response goes back to the connection its request came on (lost if it was closed),
    // never to another client of the same node.
    const target = envelope.direction === 'response' && envelope.connectionId !== 0 ? this.connections.get(envelope.connectionId) : this.endpoints.get(envelope.to);
    if (envelope.dropped || !target || this.down.has(envelope.to)) {
      envelope.dropped = true;
      return;
    }
    target.deliver(envelope);
  }

  private link(from: NodeId, to: NodeId): LinkState {
    const key = linkKey(from, to);
    let link = this.links.get(key);
    if (!link) {
      link = { options: this.defaults, cut: false, lastArrivalMs: 0 };
      this.links.set(key, link);
    }
    return link;
  }
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}→${to}`;
}

function validateLink(options: LinkOptions): LinkOptions {
  if (!(options.latencyMs >= 0) || !(options.jitterMs >= 0)) {
    throw new RangeError('Link latency and jitter must be zero or more milliseconds.');
  }
  if (!(options.dropRate >= 0 && options.dropRate <= 1)) {
    throw new RangeError('Link drop rate must be between 0 and 1.');
  }
  return options;
}

export type { KafkaRequest, KafkaResponse };
