import type { SimKernel, TaskId } from '../kernel';
import type { KafkaRequest } from '../protocol';
import type { ControllerHost } from './ControllerHost';

/** How long the channel waits before sending a failed request again (ControllerChannelManager). */
const RETRY_BACKOFF_MS = 100;

interface Queued {
  readonly request: KafkaRequest;
  readonly summary: string;
}

/**
 * Kafka's ControllerChannelManager: one queue per broker, one request in flight at a time,
 * so a broker applies LeaderAndIsr and UpdateMetadata in the order the controller decided
 * them. A request that fails (a cut link, a timeout) is sent again every 100 ms while the
 * broker is registered and this controller is in office.
 */
export class ControllerChannelManager {
  private readonly queues = new Map<number, Queued[]>();
  private readonly busy = new Set<number>();
  /** Bumped when a broker is removed: answers to what was in flight before are ignored. */
  private readonly generation = new Map<number, number>();
  private readonly retries = new Set<TaskId>();
  private closed = false;

  constructor(
    private readonly host: ControllerHost,
    private readonly isRegistered: (brokerId: number) => boolean,
    private readonly timeoutMs: number,
  ) {}

  private get kernel(): SimKernel {
    return this.host.kernel;
  }

  send(brokerId: number, request: KafkaRequest, summary: string): void {
    if (this.closed) return;
    const queue = this.queues.get(brokerId) ?? [];
    queue.push({ request, summary });
    this.queues.set(brokerId, queue);
    this.pump(brokerId);
  }

  /**
   * ControllerChannelManager.removeBroker: the broker left (its session ended). Its queue and
   * the request in flight are dropped; a restarted broker gets a fresh queue, not one stuck
   * behind a request to its previous process.
   */
  removeBroker(brokerId: number): void {
    this.queues.delete(brokerId);
    this.busy.delete(brokerId);
    this.generation.set(brokerId, (this.generation.get(brokerId) ?? 0) + 1);
  }

  /** The controller resigned: nothing more is sent (a new controller starts its own channel). */
  close(): void {
    this.closed = true;
    this.queues.clear();
    for (const task of this.retries) this.kernel.cancel(task);
    this.retries.clear();
  }

  private pump(brokerId: number): void {
    if (this.closed || this.busy.has(brokerId)) return;
    const queue = this.queues.get(brokerId);
    const head = queue?.[0];
    if (!queue || !head) return;
    // A broker that left ZooKeeper gets the current state when it registers again (onBrokerStartup).
    if (!this.isRegistered(brokerId)) {
      this.queues.delete(brokerId);
      return;
    }
    this.busy.add(brokerId);
    const generation = this.generation.get(brokerId) ?? 0;
    this.host.sendToBroker(brokerId, head.request, head.summary, this.timeoutMs, (outcome) => {
      if (this.closed || generation !== (this.generation.get(brokerId) ?? 0)) return;
      this.busy.delete(brokerId);
      if (outcome.ok) {
        queue.shift();
        this.pump(brokerId);
        return;
      }
      const task = this.kernel.schedule(RETRY_BACKOFF_MS, `controller retry ${head.request.apiKey} → broker ${brokerId}`, () => {
        this.retries.delete(task);
        this.pump(brokerId);
      });
      this.retries.add(task);
    });
  }
}
