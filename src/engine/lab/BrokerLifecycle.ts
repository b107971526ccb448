/**
 * Broker faults a learner can cause: a process crash, a clean shutdown and a restart. The
 * controller learns of them the way ZooKeeper-mode Kafka does, through the broker's
 * ephemeral /brokers/ids/N znode: a clean shutdown closes the broker's ZooKeeper session at
 * once; after a crash ZooKeeper removes it when `zookeeper.session.timeout.ms` has passed
 * without a heartbeat. A restarted broker loads what its log dir holds and runs Kafka's
 * recovery.
 */
import type { KafkaBroker } from '../broker/KafkaBroker';
import type { SimKernel, TaskId } from '../kernel';
import type { StoredLogDir } from '../storage';
import { ZkPaths, type ZkStore } from '../controller/ZkStore';

export interface BrokerLifecycleHost {
  readonly kernel: SimKernel;
  readonly zk: ZkStore;
  readonly network: { setIsolated(node: string, isolated: boolean): void; isIsolated(node: string): boolean; setPaused(node: string, paused: boolean): void; isLinkCut(a: string, b: string): boolean };
  readonly brokers: readonly KafkaBroker[];
  /** Builds broker `id` again from its log dir and starts it (registers it in ZooKeeper). */
  restartBroker(id: number, logDir: StoredLogDir): KafkaBroker;
}

/** 'starting': its process is up but waits for ZooKeeper to tell the controller its old session ended. */
export type BrokerState = 'up' | 'crashed' | 'powered-off' | 'stopped' | 'starting';

export class BrokerLifecycle {
  private readonly sessionExpiry = new Map<number, { task: TaskId; atMs: number }>();
  private readonly logDirs = new Map<number, StoredLogDir>();
  private readonly states = new Map<number, BrokerState>();
  /** Isolated brokers whose ZooKeeper session has expired: they register again when they rejoin. */
  private readonly sessionLost = new Set<number>();
  /** Brokers whose link to ZooKeeper alone is cut. */
  private readonly zkCut = new Set<number>();

  constructor(private readonly host: BrokerLifecycleHost) {}

  /** Whether broker `id`'s link to ZooKeeper alone is cut. */
  zkLinkCut(id: number): boolean {
    return this.zkCut.has(id);
  }

  /** When ZooKeeper will end broker `id`'s session if it stays silent (null: not counting down). */
  sessionExpiresAtMs(id: number): number | null {
    return this.sessionExpiry.get(id)?.atMs ?? null;
  }

  stateOf(id: number): BrokerState {
    return this.states.get(id) ?? 'up';
  }

  /** Ids of the brokers that are not running, ascending (stored with the lab so a reload keeps them down). */
  downBrokers(): number[] {
    return [...this.states].filter(([, state]) => state !== 'up').map(([id]) => id).sort((a, b) => a - b);
  }

  /** A broker that stays down across a full-cluster restart: never started, its log dir kept for `start`. */
  keepDown(id: number, logDir: StoredLogDir): void {
    this.logDirs.set(id, logDir);
    this.states.set(id, 'stopped');
  }

  /** The process dies: nothing is flushed or checkpointed; the page cache keeps what was written. */
  crash(id: number): void {
    this.halt(id, 'crash', 'crashed (process killed): no clean shutdown, nothing more flushed, but the OS page cache keeps every byte written');
  }

  /** The machine loses power: what was not flushed to disk (everything above each log's recovery point) is gone. */
  powerOff(id: number): void {
    this.halt(id, 'power off', 'lost power: every byte not yet flushed to disk (above each log\'s recovery point) is gone');
  }

  private halt(id: number, action: 'crash' | 'power off', what: string): void {
    const broker = this.running(id, action);
    this.cancelExpiry(id);
    this.clearPause(broker);
    this.zkCut.delete(id);
    const powerLoss = action === 'power off';
    this.logDirs.set(id, broker.replicaManager.diskImage({ powerLoss }));
    broker.stop({ resetConnections: !powerLoss });
    this.states.set(id, powerLoss ? 'powered-off' : 'crashed');
    this.expireSessionLater(broker, what);
  }

  /**
   * Cuts a running broker off from every node, ZooKeeper included. It keeps running (a zombie
   * that still believes what it last knew); ZooKeeper ends its session after
   * `zookeeper.session.timeout.ms` without heartbeats, and a controller among them resigns.
   */
  isolate(id: number): void {
    const broker = this.running(id, 'isolate');
    if (this.host.network.isIsolated(broker.nodeId)) throw new Error(`Broker ${id} is already isolated.`);
    this.host.network.setIsolated(broker.nodeId, true);
    broker.zkConnected = false;
    if (broker.paused || this.zkCut.has(id)) return; // its session is already counting down
    this.expireSessionLater(broker, 'is isolated from every node, ZooKeeper included, but keeps running');
  }

  /** Reconnects an isolated broker; if its session expired meanwhile it registers again with a new one. */
  rejoin(id: number): void {
    const broker = this.host.brokers[id];
    if (!broker) throw new RangeError(`There is no broker ${id}.`);
    if (!this.host.network.isIsolated(broker.nodeId)) throw new Error(`Broker ${id} is not isolated.`);
    this.host.network.setIsolated(broker.nodeId, false);
    if (this.stateOf(id) !== 'up') return; // stopped meanwhile: its start registers it
    if (broker.paused || this.zkCut.has(id)) return; // still paused or its ZooKeeper link cut
    broker.zkConnected = true;
    this.reconnect(broker, 'rejoined the network');
  }

  /** Back in touch with ZooKeeper: the old session still counts, or it registers with a new one. */
  private reconnect(broker: KafkaBroker, what: string): void {
    const id = broker.id;
    if (this.cancelPendingExpiry(id)) {
      this.host.kernel.emit('broker', broker.actor, `${what} before its ZooKeeper session expired: its session and registration stand`);
      broker.onZkReconnected();
      return;
    }
    if (this.sessionLost.delete(id)) {
      broker.register();
      this.host.kernel.emit('broker', broker.actor, `${what}; its ZooKeeper session had expired, so it registered again at ${ZkPaths.brokerId(id)} with a new session`);
      broker.maybeElectController();
    }
  }

  /**
   * A clean shutdown: first the controlled shutdown (controlled.shutdown.enable: the controller
   * moves the broker's leaderships and removes it from ISRs), then logs flushed, checkpoints
   * and .kafka_cleanshutdown written, and the session closed at once.
   */
  stop(id: number): void {
    const broker = this.running(id, 'stop');
    this.cancelExpiry(id);
    this.clearPause(broker);
    this.zkCut.delete(id);
    this.controlledShutdown(broker);
    broker.shutdown();
    this.logDirs.set(id, broker.replicaManager.diskImage());
    broker.stop({ resetConnections: true });
    this.states.set(id, 'stopped');
    this.endSession(id, `broker ${id} closed its ZooKeeper session as it shut down, so its ephemeral znodes are deleted at once`);
  }

  /**
   * Kafka's ControlledShutdown request, handled by the controller before the broker stops.
   * The lab calls the controller directly instead of a request round trip (docs/FIDELITY.md);
   * without a reachable controller the broker shuts down anyway, as Kafka does after its retries.
   */
  private controlledShutdown(broker: KafkaBroker): void {
    if (!broker.config.controlledShutdownEnable) return;
    const controllerBroker = this.host.brokers.find((b) => b.alive && b.controller !== null);
    const reachable = controllerBroker && (controllerBroker === broker || (!this.host.network.isLinkCut(broker.nodeId, controllerBroker.nodeId) && broker.zkConnected));
    if (!controllerBroker?.controller || !reachable) {
      this.host.kernel.emit('broker', broker.actor, 'controlled shutdown skipped: no controller reachable, so it shuts down and leaves its partitions to the session expiry');
      return;
    }
    const remaining = controllerBroker.controller.controlledShutdown(broker.id);
    if (remaining > 0) this.host.kernel.emit('broker', broker.actor, `controlled shutdown: ${remaining} partition(s) have no other ISR member to lead them; shutting down anyway`);
  }

  /**
   * A long stop-the-world pause (a GC pause): the process runs nothing; what arrives for it
   * waits. ZooKeeper hears no heartbeat, so the session expires after its timeout. On resume
   * it carries on from where it was — a zombie, if its leaderships moved meanwhile.
   */
  pause(id: number): void {
    const broker = this.running(id, 'pause');
    if (broker.paused) throw new Error(`Broker ${id} is already paused.`);
    broker.paused = true;
    broker.zkConnected = false;
    this.host.network.setPaused(broker.nodeId, true);
    if (!this.host.network.isIsolated(broker.nodeId)) this.expireSessionLater(broker, 'is paused (a long GC pause: it runs nothing and sends no heartbeats)');
  }

  resume(id: number): void {
    const broker = this.running(id, 'resume');
    if (!broker.paused) throw new Error(`Broker ${id} is not paused.`);
    this.clearPause(broker);
    this.host.kernel.emit('broker', broker.actor, 'resumed after its pause: it handles what waited for it and carries on from where it was');
    if (this.host.network.isIsolated(broker.nodeId) || this.zkCut.has(id)) return;
    broker.zkConnected = true;
    this.reconnect(broker, 'resumed');
    broker.replicaManager.fetchers.wakeAll();
  }

  /**
   * Cut (or heal) one broker's link to ZooKeeper only: it keeps serving clients and other
   * brokers, but its session expires after the timeout (a zombie that still believes it leads).
   */
  setZkLinkCut(nodeId: string, cut: boolean): void {
    const broker = this.host.brokers.find((b) => b.nodeId === nodeId);
    if (!broker) throw new RangeError(`There is no broker called ${nodeId}.`);
    this.running(broker.id, cut ? 'cut the ZooKeeper link of' : 'heal the ZooKeeper link of');
    if (cut === this.zkCut.has(broker.id)) throw new Error(`The link between ${nodeId} and ZooKeeper is already ${cut ? 'cut' : 'up'}.`);
    if (cut) {
      this.zkCut.add(broker.id);
      broker.zkConnected = false;
      if (!broker.paused && !this.host.network.isIsolated(nodeId)) this.expireSessionLater(broker, 'lost its link to ZooKeeper (other links stay up)');
      return;
    }
    this.zkCut.delete(broker.id);
    if (broker.paused || this.host.network.isIsolated(nodeId)) return;
    broker.zkConnected = true;
    this.reconnect(broker, 'reconnected to ZooKeeper');
  }

  /** A slow follower: every fetch of this broker waits `delayMs` more before it goes out. */
  slow(id: number, delayMs: number): void {
    const broker = this.running(id, 'slow down');
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('A fetch delay is zero or more milliseconds.');
    broker.replicaManager.slowFetchDelayMs = delayMs;
    this.host.kernel.emit('broker', broker.actor, delayMs > 0 ? `is a slow follower now: each of its fetches waits ${delayMs} ms more before it is sent` : 'is no longer a slow follower');
    broker.replicaManager.fetchers.wakeAll();
  }

  private clearPause(broker: KafkaBroker): void {
    if (!broker.paused) return;
    broker.paused = false;
    this.host.network.setPaused(broker.nodeId, false);
  }

  /** The broker process starts again on the same log dir. */
  start(id: number): void {
    const state = this.stateOf(id);
    if (state === 'up' || state === 'starting') throw new Error(`Broker ${id} is already ${state === 'up' ? 'running' : 'starting'}.`);
    const nodeId = this.host.brokers[id]?.nodeId;
    if (nodeId !== undefined) this.host.network.setIsolated(nodeId, false); // a broker starts connected
    if (!this.cancelPendingExpiry(id)) {
      this.startNow(id);
      return;
    }
    // Kafka cannot register a broker while its old session lives; it waits for it to expire. The
    // lab ends it now, but registers the new process only after ZooKeeper's watches have told
    // the controller (and every broker) that the old one is gone, as the wait would ensure: the
    // controller elects a new leader from the ISR, never the returning broker with its old state.
    this.states.set(id, 'starting');
    this.endSession(id, `broker ${id} is starting again, so its previous ZooKeeper session is ended now (Kafka would wait for it to expire)`);
    this.host.kernel.schedule(0, `broker ${id} registers after its old session`, () => {
      if (this.stateOf(id) === 'starting') this.startNow(id);
    });
  }

  private startNow(id: number): void {
    const logDir = this.logDirs.get(id)!;
    this.logDirs.delete(id);
    this.states.set(id, 'up');
    this.host.restartBroker(id, logDir);
  }

  /**
   * Without heartbeats ZooKeeper ends the broker's session after its timeout. A broker still
   * running (isolated) then learns it lost its session: a controller resigns, and it must
   * register again when it reconnects.
   */
  private expireSessionLater(broker: KafkaBroker, what: string): void {
    const id = broker.id;
    const timeoutMs = broker.config.zookeeperSessionTimeoutMs;
    this.host.kernel.emit('broker', broker.actor, `${what}; ZooKeeper will end its session after zookeeper.session.timeout.ms=${timeoutMs} without heartbeats`);
    const atMs = this.host.kernel.nowMs + timeoutMs;
    const task = this.host.kernel.schedule(timeoutMs, `zk session expiry broker ${id}`, () => {
      this.sessionExpiry.delete(id);
      if (this.stateOf(id) === 'up') {
        this.sessionLost.add(id);
        this.host.brokers[id]?.onSessionExpired();
      }
      this.endSession(id, `ZooKeeper: broker ${id}'s session expired (no heartbeat for ${timeoutMs} ms), so its ephemeral znodes are deleted`);
    });
    this.sessionExpiry.set(id, { task, atMs });
  }

  /** Cancels a session expiry still counting down; true if there was one. */
  private cancelPendingExpiry(id: number): boolean {
    const pending = this.sessionExpiry.get(id);
    if (pending === undefined) return false;
    this.host.kernel.cancel(pending.task);
    this.sessionExpiry.delete(id);
    return true;
  }

  /** A session already counting down (an isolated broker) gives way to the new cause. */
  private cancelExpiry(id: number): void {
    this.cancelPendingExpiry(id);
    this.sessionLost.delete(id);
  }

  private running(id: number, action: string): KafkaBroker {
    const broker = this.host.brokers[id];
    if (!broker) throw new RangeError(`There is no broker ${id}.`);
    if (this.stateOf(id) !== 'up') throw new Error(`Cannot ${action} broker ${id}: it is not running.`);
    return broker;
  }

  /** The broker's ephemeral znodes go: its registration, and /controller if it held it. */
  private endSession(id: number, text: string): void {
    const { zk, kernel } = this.host;
    kernel.emit('controller', 'zookeeper', text);
    const controller = zk.getJson<{ brokerid: number }>(ZkPaths.controller);
    if (zk.exists(ZkPaths.brokerId(id))) zk.deleteRecursive(ZkPaths.brokerId(id));
    if (controller?.brokerid === id) zk.deleteRecursive(ZkPaths.controller);
  }
}
