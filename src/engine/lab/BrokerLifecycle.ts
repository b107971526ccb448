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
  readonly network: { setIsolated(node: string, isolated: boolean): void; isIsolated(node: string): boolean };
  readonly brokers: readonly KafkaBroker[];
  /** Builds broker `id` again from its log dir and starts it (registers it in ZooKeeper). */
  restartBroker(id: number, logDir: StoredLogDir): KafkaBroker;
}

export type BrokerState = 'up' | 'crashed' | 'powered-off' | 'stopped';

export class BrokerLifecycle {
  private readonly sessionExpiry = new Map<number, TaskId>();
  private readonly logDirs = new Map<number, StoredLogDir>();
  private readonly states = new Map<number, BrokerState>();
  /** Isolated brokers whose ZooKeeper session has expired: they register again when they rejoin. */
  private readonly sessionLost = new Set<number>();

  constructor(private readonly host: BrokerLifecycleHost) {}

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
    const powerLoss = action === 'power off';
    this.logDirs.set(id, broker.replicaManager.diskImage({ powerLoss }));
    broker.stop();
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
    this.expireSessionLater(broker, 'is isolated from every node, ZooKeeper included, but keeps running');
  }

  /** Reconnects an isolated broker; if its session expired meanwhile it registers again with a new one. */
  rejoin(id: number): void {
    const broker = this.host.brokers[id];
    if (!broker) throw new RangeError(`There is no broker ${id}.`);
    if (!this.host.network.isIsolated(broker.nodeId)) throw new Error(`Broker ${id} is not isolated.`);
    this.host.network.setIsolated(broker.nodeId, false);
    if (this.stateOf(id) !== 'up') return; // stopped meanwhile: its start registers it
    broker.zkConnected = true;
    if (this.cancelPendingExpiry(id)) {
      this.host.kernel.emit('broker', broker.actor, 'rejoined the network before its ZooKeeper session expired: nothing changed in ZooKeeper');
      return;
    }
    if (this.sessionLost.delete(id)) {
      broker.register();
      this.host.kernel.emit('broker', broker.actor, `rejoined the network; its ZooKeeper session had expired, so it registered again at ${ZkPaths.brokerId(id)} with a new session`);
      broker.maybeElectController();
    }
  }

  /** A clean shutdown: logs flushed, checkpoints and .kafka_cleanshutdown written, session closed at once. */
  stop(id: number): void {
    const broker = this.running(id, 'stop');
    this.cancelExpiry(id);
    broker.shutdown();
    this.logDirs.set(id, broker.replicaManager.diskImage());
    broker.stop();
    this.states.set(id, 'stopped');
    this.endSession(id, `broker ${id} closed its ZooKeeper session as it shut down, so its ephemeral znodes are deleted at once`);
  }

  /** The broker process starts again on the same log dir. */
  start(id: number): KafkaBroker {
    if (this.stateOf(id) === 'up') throw new Error(`Broker ${id} is already running.`);
    if (this.cancelPendingExpiry(id)) {
      // Kafka would wait for the old session to expire before registering again; the lab ends it now.
      this.endSession(id, `broker ${id} is starting again, so its previous ZooKeeper session is ended now (Kafka would wait for it to expire)`);
    }
    const logDir = this.logDirs.get(id)!;
    this.logDirs.delete(id);
    this.states.set(id, 'up');
    // A broker starts connected: the lab's isolation stands for a broker cut off from ZooKeeper too.
    const nodeId = this.host.brokers[id]?.nodeId;
    if (nodeId !== undefined) this.host.network.setIsolated(nodeId, false);
    return this.host.restartBroker(id, logDir);
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
    const task = this.host.kernel.schedule(timeoutMs, `zk session expiry broker ${id}`, () => {
      this.sessionExpiry.delete(id);
      if (this.stateOf(id) === 'up') {
        this.sessionLost.add(id);
        this.host.brokers[id]?.onSessionExpired();
      }
      this.endSession(id, `ZooKeeper: broker ${id}'s session expired (no heartbeat for ${timeoutMs} ms), so its ephemeral znodes are deleted`);
    });
    this.sessionExpiry.set(id, task);
  }

  /** Cancels a session expiry still counting down; true if there was one. */
  private cancelPendingExpiry(id: number): boolean {
    const pending = this.sessionExpiry.get(id);
    if (pending === undefined) return false;
    this.host.kernel.cancel(pending);
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
