/**
 * The lab's ready-made setup and the first screen's one-click demo. Kept out of React so
 * the runtime, the UI and tests share them.
 */
import type { LabCommand } from '../engine/lab/commands';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { TopicPartition } from '../engine/lab/types';
import type { LinkOptions } from '../engine/network';
import type { LabRuntime } from './LabRuntime';

export const DEMO_TOPIC = 'orders';
export const DEMO_PARTITIONS = 6;
/**
 * Segments that roll within the first minute at classroom rates, by time (segment.ms: every
 * 10 s of records), and that still take any batch the default producer builds: a batch larger
 * than segment.bytes fails with RECORD_LIST_TOO_LARGE, and batch.size (16384) bounds the
 * batches of records smaller than it, at every rate the UI allows.
 */
export const DEMO_TOPIC_CONFIGS: Record<string, string> = { 'segment.bytes': '16384', 'segment.ms': '10000' };
/** Every partition of the ready topic has a leader and two followers: failover can be seen. */
export const DEMO_REPLICATION_FACTOR = 3;
/** With acks=all, one replica may fail without refusing writes (Kafka's usual production setting). */
export const DEMO_MIN_INSYNC_REPLICAS = 2;
export const DEMO_RECORDS_PER_SECOND = 5;
export const DEMO_KEYS = ['user-1', 'user-2', 'user-3', 'user-4'];
export const READY_PRODUCER_ID = 'producer-1';
export const READY_CONSUMER_ID = 'consumer-1';

/**
 * Classroom pacing. A record must be *seen* travelling to its leader: the engine's default
 * links (40 ms ± 10 ms) at 1× show a dot for ~3 frames. The lab runs its network at
 * 80 ms ± 20 ms per hop (Kafka's behaviour does not depend on the exact latency) and starts
 * in slow motion at 0.25×, so one hop takes 320–400 ms of wall time. Both are on screen:
 * the speed select shows 0.25× and the cluster view names the link latency; the clock is
 * always the true simulated time.
 */
export const CLASSROOM_LINK: Pick<LinkOptions, 'latencyMs' | 'jitterMs'> = { latencyMs: 80, jitterMs: 20 };
export const CLASSROOM_SPEED = 0.25;
/** Broker settings of the browser lab that differ from Kafka's defaults (see docs/FIDELITY.md). */
export const CLASSROOM_BROKER_CONFIG = {
  'log.retention.check.interval.ms': '30000',
  // __consumer_offsets rolls its segments at 100 MB in Kafka, so its compaction would never show in
  // class: 16 KiB segments roll within minutes of commits and the cleaner (every 15 s) compacts them.
  'offsets.topic.segment.bytes': '16384',
} as const;

/** Every start (first run and restart): classroom links and the default slow-motion speed. */
export function applyClassroomPacing(runtime: LabRuntime<KafkaLab>, lab: KafkaLab): void {
  lab.network.setLinkDefaults(CLASSROOM_LINK);
  runtime.setSpeed(CLASSROOM_SPEED);
}

/**
 * The ready topic, as a command (the first run applies it; an export replays it): replication
 * factor 3 and min.insync.replicas=2, or as many as a smaller lab has brokers for.
 */
export function demoTopicCommand(brokerCount = 3): LabCommand {
  const replicationFactor = Math.max(1, Math.min(DEMO_REPLICATION_FACTOR, brokerCount));
  const minInsync = Math.min(DEMO_MIN_INSYNC_REPLICAS, replicationFactor);
  return { type: 'create-topic', topic: DEMO_TOPIC, partitions: DEMO_PARTITIONS, replicationFactor, configs: { ...DEMO_TOPIC_CONFIGS, 'min.insync.replicas': String(minInsync) } };
}

/** First ever start: the ready topic. */
export async function setupFirstRun(runtime: LabRuntime<KafkaLab>, lab: KafkaLab): Promise<void> {
  applyClassroomPacing(runtime, lab);
  await runtime.apply(demoTopicCommand(lab.brokers.length));
  // The first screen shows a settled cluster: every partition led, nothing still in flight
  // (not "no leader right now" while LeaderAndIsr/UpdateMetadata travel).
  runtime.runUntil(() => lab.network.inFlightCount === 0 && clusterServing(lab), RESTART_SETTLE_MAX_MS);
}

/** Simulated time a restart may take to elect a controller and bring every leader back. */
export const RESTART_SETTLE_MAX_MS = 30_000;

/** Every partition of every topic has a leader serving its log. */
export function clusterServing(lab: KafkaLab): boolean {
  return lab.allPartitionsServing();
}

/** A reload is a full-cluster restart: let it come back before the first screen. */
export function settleRestart(runtime: LabRuntime<KafkaLab>, lab: KafkaLab): void {
  applyClassroomPacing(runtime, lab);
  // Checked after every event (cheaply): restarts are quiet, and sampling every Nth event let
  // the clock run on to the next periodic checkpoint task, seconds later.
  runtime.runUntil(() => clusterServing(lab), RESTART_SETTLE_MAX_MS);
}

/** Every start: the ready producer and consumer when there are none (commands, so replays match). */
export function setupClients(lab: KafkaLab): void {
  if (lab.producers().length === 0) void lab.apply({ type: 'producer', id: READY_PRODUCER_ID, config: {} });
  if (lab.consumers().length === 0) void lab.apply({ type: 'consumer', id: READY_CONSUMER_ID, config: { 'auto.offset.reset': 'earliest' } });
}

export function topicPartitions(lab: KafkaLab, topic: string): TopicPartition[] {
  const view = lab.snapshot().topics.find((t) => t.name === topic);
  return view ? view.partitions.map((p) => ({ topic, partition: p.partition })) : [];
}

/** "▶ Start producing": a steady keyed stream into orders, and the consumer reading it. */
export function startDemo(lab: KafkaLab): void {
  const run = (command: LabCommand): void => {
    lab.apply(command).catch(() => {});
  };
  if (lab.producers().length === 0) run({ type: 'producer', id: READY_PRODUCER_ID, config: {} });
  if (lab.consumers().length === 0) run({ type: 'consumer', id: READY_CONSUMER_ID, config: { 'auto.offset.reset': 'earliest' } });
  const producer = lab.producers()[0]!.id;
  const consumer = lab.consumers()[0]!;
  run({ type: 'stream', producer, topic: DEMO_TOPIC, recordsPerSecond: DEMO_RECORDS_PER_SECOND, keys: [...DEMO_KEYS] });
  if (consumer.assignment().length === 0) run({ type: 'assign', consumer: consumer.id, partitions: topicPartitions(lab, DEMO_TOPIC) });
  run({ type: 'start-polling', consumer: consumer.id }); // a running loop stays as it is
}

export function stopDemo(lab: KafkaLab): void {
  const producer = lab.producers()[0];
  if (producer?.view().stream) void lab.apply({ type: 'stop-stream', producer: producer.id });
}
