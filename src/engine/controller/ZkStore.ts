import type { SimKernel } from '../kernel';
import type { StorageSink } from '../storage';

export type ZkWatcher = (path: string, data: string | null) => void;

/**
 * ZooKeeper as Kafka's ZK mode uses it: a tree of znodes holding JSON (topic assignments
 * under /brokers/topics, partition state under .../partitions/N/state, topic configs under
 * /config/topics, pending deletions under /admin/delete_topics). Watches fire
 * asynchronously, one kernel task later, as ZooKeeper notifications would.
 *
 * Simplification (docs/FIDELITY.md): one in-process ensemble with instant, always
 * successful reads and writes, no sessions; ephemeral nodes are ordinary nodes.
 */
export class ZkStore {
  private readonly nodes = new Map<string, string>();
  /** Each znode's data version (ZooKeeper's Stat.version): 0 when created, +1 per write. */
  private readonly dataVersions = new Map<string, number>();
  /**
   * Parent path → child name → how many znodes live at or below that child. Keeps
   * `children` proportional to the answer, not to the whole tree (1,000 topics made every
   * topic creation scan every znode).
   */
  private readonly childCounts = new Map<string, Map<string, number>>();
  /** Path → the store version of the last write at or below it (see `subtreeVersion`). */
  private readonly subtreeVersions = new Map<string, number>();
  private readonly watchers: { prefix: string; watcher: ZkWatcher }[] = [];
  /** Sequential-node counters per parent (ZooKeeper keeps them in the parent's cversion). */
  private readonly sequences = new Map<string, number>();
  /** Bumped on every write, so snapshots can tell when metadata changed. */
  version = 0;

  constructor(
    private readonly kernel: SimKernel,
    private readonly sink: StorageSink,
    initial?: ReadonlyMap<string, string>,
  ) {
    if (initial) for (const [path, data] of initial) this.put(path, data);
  }

  get(path: string): string | undefined {
    return this.nodes.get(path);
  }

  getJson<T>(path: string): T | undefined {
    const data = this.nodes.get(path);
    return data === undefined ? undefined : (JSON.parse(data) as T);
  }

  exists(path: string): boolean {
    return this.nodes.has(path);
  }

  /**
   * The store `version` of the last write at or below `path` (0 if none since start-up), so
   * a reader can skip re-parsing parts of the tree that did not change since it last looked.
   */
  subtreeVersion(path: string): number {
    return this.subtreeVersions.get(path) ?? 0;
  }

  /** Direct children names of `path`, sorted. */
  children(path: string): string[] {
    const parent = path.endsWith('/') ? path.slice(0, -1) : path;
    const names = this.childCounts.get(parent);
    return names ? [...names.keys()].sort() : [];
  }

  set(path: string, data: string): void {
    this.put(path, data);
    this.changed(path, data);
  }

  /** The znode's data version (ZooKeeper's zkVersion), or -1 if it does not exist. */
  dataVersion(path: string): number {
    return this.dataVersions.get(path) ?? -1;
  }

  /**
   * ZooKeeper's conditional setData: writes only if the znode's version is still
   * `expectedVersion`. Returns the new version, or null for BADVERSION (or no node).
   */
  setJsonIfVersion(path: string, value: unknown, expectedVersion: number): number | null {
    if (this.dataVersion(path) !== expectedVersion) return null;
    this.set(path, JSON.stringify(value));
    return this.dataVersion(path);
  }

  setJson(path: string, value: unknown): void {
    this.set(path, JSON.stringify(value));
  }

  /** A PERSISTENT_SEQUENTIAL znode: `prefix` plus a 10-digit counter kept per parent. Returns its path. */
  createSequential(prefix: string, data: string): string {
    const parent = prefix.slice(0, prefix.lastIndexOf('/'));
    const seq = this.sequences.get(parent) ?? 0;
    this.sequences.set(parent, seq + 1);
    const path = `${prefix}${String(seq).padStart(10, '0')}`;
    this.set(path, data);
    return path;
  }

  /** Delete a znode and everything below it. */
  deleteRecursive(path: string): void {
    const prefix = `${path}/`;
    for (const key of [...this.nodes.keys()]) {
      if (key === path || key.startsWith(prefix)) {
        this.nodes.delete(key);
        this.dataVersions.delete(key);
        this.countAncestors(key, -1);
        this.changed(key, null);
      }
    }
  }

  /** Watch every change at or below `prefix`. Returns an unsubscribe function. */
  watch(prefix: string, watcher: ZkWatcher): () => void {
    const entry = { prefix, watcher };
    this.watchers.push(entry);
    return () => {
      const i = this.watchers.indexOf(entry);
      if (i >= 0) this.watchers.splice(i, 1);
    };
  }

  private put(path: string, data: string): void {
    if (!this.nodes.has(path)) this.countAncestors(path, +1);
    this.dataVersions.set(path, this.nodes.has(path) ? (this.dataVersions.get(path) ?? 0) + 1 : 0);
    this.nodes.set(path, data);
  }

  /** Add `delta` to the count of `path` under each of its ancestors. */
  private countAncestors(path: string, delta: number): void {
    let end = path.indexOf('/', 1);
    let parent = '';
    let start = path.startsWith('/') ? 1 : 0;
    for (;;) {
      const name = path.slice(start, end < 0 ? undefined : end);
      if (name) {
        let names = this.childCounts.get(parent);
        if (!names) this.childCounts.set(parent, (names = new Map()));
        const count = (names.get(name) ?? 0) + delta;
        if (count > 0) names.set(name, count);
        else {
          names.delete(name);
          if (names.size === 0) this.childCounts.delete(parent);
        }
      }
      if (end < 0) return;
      parent = path.slice(0, end);
      start = end + 1;
      end = path.indexOf('/', start);
    }
  }

  private changed(path: string, data: string | null): void {
    this.version++;
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) this.subtreeVersions.set(path.slice(0, end), this.version);
    this.sink.submit({ type: 'znode', path, data });
    for (const { prefix, watcher } of this.watchers) {
      if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
        this.kernel.schedule(0, `zk watch ${path}`, () => watcher(path, data));
      }
    }
  }
}

/** Znode paths Kafka's ZK mode uses (kafka.zk.ZkData). */
export const ZkPaths = {
  controller: '/controller',
  controllerEpoch: '/controller_epoch',
  clusterId: '/cluster/id',
  brokerIds: '/brokers/ids',
  brokerId: (id: number) => `/brokers/ids/${id}`,
  topics: '/brokers/topics',
  topic: (topic: string) => `/brokers/topics/${topic}`,
  partitionState: (topic: string, partition: number) => `/brokers/topics/${topic}/partitions/${partition}/state`,
  topicConfigs: '/config/topics',
  topicConfig: (topic: string) => `/config/topics/${topic}`,
  deleteTopics: '/admin/delete_topics',
  deleteTopic: (topic: string) => `/admin/delete_topics/${topic}`,
  producerIdBlock: '/latest_producer_id_block',
  isrChangeNotification: '/isr_change_notification',
} as const;

/** /brokers/topics/<topic>: the replica assignment, as Kafka writes it. */
export interface TopicAssignmentZNode {
  version: 2;
  partitions: Record<string, number[]>;
  adding_replicas: Record<string, number[]>;
  removing_replicas: Record<string, number[]>;
}

/** /brokers/topics/<topic>/partitions/<p>/state: LeaderAndIsr as Kafka writes it. */
export interface PartitionStateZNode {
  controller_epoch: number;
  leader: number;
  version: 1;
  leader_epoch: number;
  isr: number[];
}
