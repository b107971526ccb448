/**
 * A tiny fake Kafka for the viz preview: 3 brokers, topic "orders" (6 partitions, RF 3), a
 * streaming producer, a consumer and follower fetches, with messages whose send/arrive times
 * follow a fake clock. Not the engine: just enough state to exercise every visual.
 */
import type {
  BatchView,
  BrokerView,
  ConsumerView,
  LabSnapshot,
  MessageView,
  PartitionView,
  ProducerView,
  SegmentView,
  TopicView,
} from '../../../engine/snapshot';
import { EMPTY_EVENT_LOG, EMPTY_GUARANTEES } from '../../../engine/snapshot';

export interface SyntheticOptions {
  readonly seed?: number;
  /** Extra background messages kept in flight (stress test for the canvas overlay). */
  readonly load?: number;
  readonly deadBroker?: number | null;
  readonly partitions?: number;
  readonly brokers?: number;
}

interface SegState {
  base: number;
  next: number;
  size: number;
  batches: BatchView[];
  index: { offset: number; position: number }[];
  timeIndex: { timestampMs: number; offset: number }[];
  view: SegmentView | null;
}

interface PartState {
  tp: string;
  partition: number;
  leader: number;
  epoch: number;
  replicas: number[];
  isr: number[];
  logStart: number;
  leo: number;
  hw: number;
  segs: SegState[];
  rollEvery: number;
  view: PartitionView | null;
}

const LATENCY_MS = 900;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SyntheticLab {
  nowMs = 0;
  private readonly rand: () => number;
  private readonly parts: PartState[] = [];
  private inFlight: MessageView[] = [];
  private nextId = 1;
  private version = 0;
  private readonly load: number;
  private readonly dead: number | null;
  private readonly nBrokers: number;
  private nextProduceMs = 200;
  private nextFetchMs = 300;
  private nextReplicaMs = 150;
  private nextMetadataMs = 2500;
  private positions = new Map<string, number>();
  private acked = 0;
  private brokersView: BrokerView[] | null = null;
  private topicsView: TopicView[] | null = null;
  private topicsDirty = true;
  private clientsDirty = true;
  private inFlightView: MessageView[] | null = null;
  private producersView: ProducerView[] | null = null;
  private consumersView: ConsumerView[] | null = null;

  constructor(opts: SyntheticOptions = {}) {
    this.rand = mulberry32(opts.seed ?? 7);
    this.load = opts.load ?? 0;
    this.dead = opts.deadBroker ?? null;
    const n = opts.partitions ?? 6;
    const b = (this.nBrokers = opts.brokers ?? 3);
    for (let p = 0; p < n; p++) {
      const leader = this.dead === p % b ? (p + 1) % b : p % b;
      const replicas = [p % b, (p + 1) % b, (p + 2) % b];
      const isr = replicas.filter((r) => r !== this.dead && !(p === 4 && r === (p + 2) % b));
      const part: PartState = {
        tp: `orders-${p}`,
        partition: p,
        leader,
        epoch: this.dead !== null && this.dead === p % b ? 1 : 0,
        replicas,
        isr,
        logStart: 0,
        leo: 0,
        hw: 0,
        segs: [{ base: 0, next: 0, size: 0, batches: [], index: [], timeIndex: [], view: null }],
        rollEvery: p === 3 ? 18 : 40,
        view: null,
      };
      this.parts.push(part);
      // History: orders-3 gets enough records for three segments, others some.
      const history = p === 3 ? 44 : 8 + p * 5;
      let t = 0;
      while (part.leo < history) {
        t += 40;
        this.append(part, 1 + Math.floor(this.rand() * 4), t);
      }
      part.hw = p === 3 ? part.leo - 3 : part.leo;
      this.positions.set(part.tp, Math.max(0, part.hw - 2 - p));
    }
  }

  private append(part: PartState, records: number, timeMs: number): void {
    let seg = part.segs[part.segs.length - 1]!;
    if (seg.next - seg.base >= part.rollEvery) {
      seg.view = null;
      seg = { base: part.leo, next: part.leo, size: 0, batches: [], index: [], timeIndex: [], view: null };
      part.segs.push(seg);
    }
    const size = 70 + records * 58;
    const batch: BatchView = {
      baseOffset: part.leo,
      lastOffset: part.leo + records - 1,
      position: seg.size,
      sizeBytes: size,
      compression: records >= 3 ? 'lz4' : 'none',
      maxTimestampMs: timeMs,
      partitionLeaderEpoch: part.epoch,
      producerId: 1000,
    };
    // index.interval.bytes: an entry once 300+ bytes were written since the last one
    const lastPos = seg.index[seg.index.length - 1]?.position ?? -Infinity;
    if (seg.size - lastPos >= 300) {
      seg.index.push({ offset: part.leo, position: seg.size });
      seg.timeIndex.push({ timestampMs: timeMs, offset: part.leo });
    }
    seg.batches = [...seg.batches, batch].slice(-16);
    seg.size += size;
    part.leo += records;
    seg.next = part.leo;
    seg.view = null;
    part.view = null;
    this.topicsDirty = true;
  }

  private send(from: string, to: string, apiKey: string, direction: 'request' | 'response', summary: string, size: number, latency = LATENCY_MS, dropped = false): void {
    this.inFlight.push({
      id: this.nextId++,
      from,
      to,
      direction,
      apiKey,
      summary,
      sizeBytes: size,
      sendTimeMs: this.nowMs,
      arriveTimeMs: this.nowMs + latency * (0.8 + this.rand() * 0.4),
      dropped,
    });
    this.inFlightView = null;
  }

  private leaderOf(p: PartState): string {
    return `broker-${p.leader}`;
  }

  /** Advance the fake clock, delivering arrived messages and scheduling new ones. */
  advanceTo(nowMs: number): void {
    while (this.nowMs < nowMs) {
      this.nowMs = Math.min(nowMs, this.nowMs + 20);
      this.deliver();
      this.schedule();
    }
  }

  private deliver(): void {
    const arrived = this.inFlight.filter((m) => m.arriveTimeMs <= this.nowMs);
    if (arrived.length === 0) return;
    this.inFlight = this.inFlight.filter((m) => m.arriveTimeMs > this.nowMs);
    this.inFlightView = null;
    for (const m of arrived) this.onArrive(m);
  }

  private onArrive(m: MessageView): void {
    if (m.dropped || this.bulkIds.delete(m.id)) return;
    const tp = /orders-\d+/.exec(m.summary)?.[0];
    const part = this.parts.find((p) => p.tp === tp);
    if (m.apiKey === 'Produce' && m.direction === 'request' && part) {
      const n = Number(/(\d+) records?/.exec(m.summary)?.[1] ?? 1);
      this.append(part, n, this.nowMs);
      this.send(m.to, m.from, 'Produce', 'response', `${part.tp} baseOffset=${part.leo - n}`, 60, 500);
    } else if (m.apiKey === 'Produce' && m.direction === 'response') {
      this.acked++;
      this.clientsDirty = true;
    } else if (m.apiKey === 'Fetch' && m.direction === 'request' && part) {
      if (m.from.startsWith('broker-')) {
        if (part.hw < part.leo) {
          part.hw = Math.min(part.leo, part.hw + 2);
          part.view = null;
          this.topicsDirty = true;
          this.clientsDirty = true;
        }
        this.send(m.to, m.from, 'Fetch', 'response', `${part.tp} replica fetch, HW ${part.hw}`, 400, 500);
      } else {
        this.send(m.to, m.from, 'Fetch', 'response', `${part.tp} records up to HW ${part.hw}`, 900, 500);
      }
    } else if (m.apiKey === 'Fetch' && m.direction === 'response' && part && m.to.startsWith('consumer')) {
      const pos = this.positions.get(part.tp) ?? 0;
      this.positions.set(part.tp, Math.min(part.hw, pos + 3));
      this.clientsDirty = true;
    } else if (m.direction === 'request' && m.apiKey === 'Metadata') {
      this.send(m.to, m.from, 'Metadata', 'response', '3 brokers, 1 topic', 300, 500);
    }
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  private schedule(): void {
    const live = this.parts.filter((p) => p.leader !== this.dead);
    if (this.nowMs >= this.nextProduceMs) {
      this.nextProduceMs = this.nowMs + 450;
      const part = this.pick(live);
      const n = 1 + Math.floor(this.rand() * 4);
      const drop = this.rand() < 0.12;
      this.send('producer-1', this.leaderOf(part), 'Produce', 'request', `${part.tp} ${n} records`, 200 + n * 300, LATENCY_MS, drop);
    }
    if (this.nowMs >= this.nextFetchMs) {
      this.nextFetchMs = this.nowMs + 700;
      const part = this.pick(live);
      this.send('consumer-1', this.leaderOf(part), 'Fetch', 'request', `${part.tp} fetchOffset=${this.positions.get(part.tp)}`, 120);
    }
    if (this.nowMs >= this.nextReplicaMs) {
      this.nextReplicaMs = this.nowMs + 600;
      const part = this.pick(live);
      const followers = part.isr.filter((r) => r !== part.leader && r !== this.dead);
      if (followers.length > 0) {
        this.send(`broker-${this.pick(followers)}`, this.leaderOf(part), 'Fetch', 'request', `${part.tp} replica fetch`, 150, 600);
      }
    }
    if (this.nowMs >= this.nextMetadataMs) {
      this.nextMetadataMs = this.nowMs + 3100;
      this.send(this.rand() < 0.5 ? 'producer-1' : 'consumer-1', `broker-${this.dead === 1 ? 0 : 1}`, 'Metadata', 'request', 'topics: orders', 80);
      if (this.rand() < 0.5) this.send('admin', 'broker-0', 'CreateTopics', 'request', 'payments, 3 partitions', 160);
      this.send('broker-0', `broker-${this.dead === 2 ? 1 : 2}`, 'UpdateMetadata', 'request', 'orders leaders', 300, 700);
    }
    const bulk = this.bulkIds.size;
    for (let i = bulk; i < this.load; i++) {
      const part = this.pick(this.parts);
      const fromClient = this.rand() < 0.5;
      const apiKey = this.pick(['Produce', 'Fetch', 'Fetch', 'Metadata', 'ListOffsets']);
      const m: MessageView = {
        id: this.nextId++,
        from: fromClient ? (apiKey === 'Produce' ? 'producer-1' : 'consumer-1') : this.leaderOf(part),
        to: fromClient ? this.leaderOf(part) : apiKey === 'Produce' ? 'producer-1' : 'consumer-1',
        direction: fromClient ? 'request' : 'response',
        apiKey,
        summary: 'background',
        sizeBytes: 200,
        sendTimeMs: this.nowMs - this.rand() * 1500,
        arriveTimeMs: this.nowMs + 200 + this.rand() * 2000,
        dropped: false,
      };
      this.inFlight.push(m);
      this.inFlightView = null;
      this.bulkIds.add(m.id);
    }
  }

  private readonly bulkIds = new Set<number>();

  /** A LabSnapshot, reusing every view that did not change (as the engine does). */
  snapshot(): LabSnapshot {
    if (this.topicsDirty || !this.topicsView) {
      this.version++;
      this.topicsView = [
        { name: 'orders', isInternal: false, replicationFactor: 3, configOverrides: {}, partitions: this.parts.map((p) => this.partitionView(p)) },
      ];
      this.topicsDirty = false;
    }
    this.brokersView ??= Array.from({ length: this.nBrokers }, (_, id) => ({
      id,
      nodeId: `broker-${id}`,
      host: 'localhost',
      port: 9092 + id,
      alive: id !== this.dead,
      fetchingFrom: [],
      isController: id === (this.dead === 0 ? 1 : 0),
      replicas: this.parts.filter((p) => p.replicas.includes(id)).map((p) => p.tp),
      leaderOf: this.parts.filter((p) => p.leader === id).map((p) => p.tp),
    }));
    if (this.clientsDirty || !this.producersView || !this.consumersView) {
      this.producersView = [
        {
          id: 'producer-1',
          clientId: 'producer-1',
          config: { acks: 'all' },
          producerId: 1000,
          accumulator: [],
          inFlightRequests: 1,
          sent: this.acked + 2,
          acked: this.acked,
          failed: 0,
          stream: { recordsPerSecond: 5, keys: null, topic: 'orders' },
          lastError: null,
        },
      ];
      this.consumersView = [
        {
          id: 'consumer-1',
          clientId: 'consumer-1',
          config: {},
          assignment: this.parts.map((p) => {
            const position = this.positions.get(p.tp) ?? 0;
            return { tp: p.tp, position, highWatermark: p.hw, lag: p.hw - position };
          }),
          polling: true,
          recordsConsumed: 0,
          recentRecords: [],
          lastError: null,
        },
      ];
      this.clientsDirty = false;
    }
    this.inFlightView ??= [...this.inFlight];
    return {
      version: this.version,
      nowMs: this.nowMs,
      seed: 7,
      kafkaVersion: '3.9' as unknown as LabSnapshot['kafkaVersion'],
      clusterId: 'preview',
      controllerId: this.dead === 0 ? 1 : 0,
      brokers: this.brokersView,
      topics: this.topicsView,
      producers: this.producersView,
      consumers: this.consumersView,
      groups: [],
      sinks: [],
      inFlight: this.inFlightView,
      guarantees: EMPTY_GUARANTEES,
      events: [],
      eventCount: 0,
      eventLog: EMPTY_EVENT_LOG,
    };
  }

  private partitionView(p: PartState): PartitionView {
    if (p.view) return p.view;
    const segments = p.segs.map((s, i) => {
      s.view ??= {
        baseOffset: s.base,
        fileName: `${String(s.base).padStart(20, '0')}.log`,
        sizeBytes: s.size,
        nextOffset: s.next,
        largestTimestampMs: s.batches[s.batches.length - 1]?.maxTimestampMs ?? 0,
        isActive: i === p.segs.length - 1,
        indexEntries: s.index,
        timeIndexEntries: s.timeIndex,
        batches: s.batches,
      };
      return s.view;
    });
    p.view = {
      topic: 'orders',
      partition: p.partition,
      tp: p.tp,
      leader: p.leader,
      leaderEpoch: p.epoch,
      replicas: p.replicas,
      isr: p.isr,
      replicaStates: p.replicas.map((broker) => ({
        broker,
        role: broker === this.dead ? ('offline' as const) : broker === p.leader ? ('leader' as const) : ('follower' as const),
        inIsr: p.isr.includes(broker),
        logStartOffset: p.logStart,
        logEndOffset: p.isr.includes(broker) ? p.leo : p.hw,
        highWatermark: p.hw,
        leaderEpoch: p.epoch,
        epochs: [{ epoch: p.epoch, startOffset: 0 }],
        leaderSeenLeo: null,
        lastCaughtUpTimeMs: null,
      })),
      log: {
        broker: p.leader,
        logStartOffset: p.logStart,
        logEndOffset: p.leo,
        highWatermark: p.hw,
        recoveryPoint: p.hw,
        sizeBytes: p.segs.reduce((sum, s) => sum + s.size, 0),
        segments,
      },
    };
    return p.view;
  }
}
