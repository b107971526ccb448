import type { ClientObserver } from '../checkers/ClientLedger';
import { withoutUnset } from './configChanges';
import { producerConfig, type ProducerConfig } from '../config/producerConfig';
import type { ConfigInput, KafkaVersion } from '../config/types';
import { describeUnmodelled } from '../config/resolve';
import type { SimKernel, TaskId } from '../kernel';
import type { ProducerRecord, RecordMetadata, StreamOptions } from '../lab/types';
import { NetworkClient, type NodeId, type SimNetwork } from '../network';
import type { ProducerView } from '../snapshot';
import { illegalArgument, illegalState } from './errors';
import { KafkaProducer } from './producer/KafkaProducer';

/** Upper bound for a stream's rate: each record is one kernel task. */
const MAX_RECORDS_PER_SECOND = 10_000;

interface Stream {
  readonly options: StreamOptions;
  readonly startMs: number;
  count: number;
  task: TaskId | undefined;
}

/**
 * The producer a lab user drives: validated, promise-based sends, a steady stream of
 * records on kernel tasks, and live reconfiguration (a new KafkaProducer on the same
 * connection; the old one flushes what it holds and closes).
 */
export class LabProducer {
  readonly id: string;
  private current: KafkaProducer;
  private readonly client: NetworkClient;
  private stream: Stream | null = null;
  private closed = false;
  /** Counts of producers that reconfigure() replaced and that have finished closing. */
  private readonly finished = { sent: 0, acked: 0, failed: 0 };
  private readonly retired: KafkaProducer[] = [];

  /** The config this client was explicitly given (reconfigure layers changes over it). */
  private input: ConfigInput;

  constructor(
    private readonly kernel: SimKernel,
    private readonly network: SimNetwork,
    id: string,
    private readonly bootstrap: readonly NodeId[],
    private readonly version: KafkaVersion,
    configInput: ConfigInput,
    private readonly onChange: () => void = () => {},
    /** Told of every acknowledged record (the guarantees checker's ledger). */
    private readonly observer?: ClientObserver,
  ) {
    this.id = id;
    this.input = withoutUnset(configInput);
    const config = producerConfig(version, { 'client.id': id, ...this.input });
    this.client = new NetworkClient(id, kernel, network);
    this.current = this.newProducer(config);
    kernel.emit('producer', id, `created (acks=${acksName(config)}, linger.ms=${config.lingerMs}, batch.size=${config.batchSize}, enable.idempotence=${config.enableIdempotence}${describeUnmodelled(config.unmodelledKeys)})`);
  }

  get config(): ProducerConfig {
    return this.current.config;
  }

  send(record: ProducerRecord): Promise<RecordMetadata> {
    return new Promise((resolve, reject) => {
      try {
        this.ensureOpen();
        validateRecord(record);
      } catch (error) {
        reject(error);
        return;
      }
      this.current.send(record, (error, md, leaderEpoch) => {
        if (error) return reject(error);
        this.observer?.acked(this.id, `${md!.topic}-${md!.partition}`, md!.offset, record.key ?? null, record.value, leaderEpoch ?? -1);
        resolve(md!);
      });
      this.onChange();
    });
  }

  /** Send `recordsPerSecond` records to `topic` until stopStream(), e.g. "order-17" with a random key. */
  startStream(options: StreamOptions): void {
    this.ensureOpen();
    validateStream(options);
    this.stopStream();
    this.stream = { options: { ...options, keys: options.keys === null ? null : [...options.keys] }, startMs: this.kernel.nowMs, count: 0, task: undefined };
    this.kernel.emit('producer', this.id, `started a stream of ${options.recordsPerSecond} records/s to ${options.topic}${options.keys ? ` with keys ${options.keys.join(', ')}` : ' without keys'}`);
    this.scheduleNext(this.stream);
    this.onChange();
  }

  stopStream(): void {
    if (this.stream === null) return;
    this.kernel.cancel(this.stream.task);
    this.kernel.emit('producer', this.id, `stopped the stream after ${this.stream.count} records`);
    this.stream = null;
    this.onChange();
  }

  /**
   * Apply `changes` over the config given so far (null returns a key to its default). Validates
   * first (throws ConfigException, changes nothing); then swaps producers.
   */
  reconfigure(changes: ConfigInput): void {
    this.ensureOpen();
    const input = withoutUnset({ ...this.input, ...changes });
    const config = producerConfig(this.version, { 'client.id': this.id, ...input });
    this.input = input;
    const old = this.current;
    this.retire(old);
    this.current = this.newProducer(config);
    this.kernel.emit('producer', this.id, `reconfigured: the old producer flushes and closes; new sends use acks=${acksName(config)}, linger.ms=${config.lingerMs}, batch.size=${config.batchSize}`);
    this.onChange();
  }

  close(): void {
    if (this.closed) return;
    this.stopStream();
    this.closed = true;
    this.current.close(() => {
      this.maybeCloseClient();
      this.onChange();
    });
    this.onChange();
  }

  view(): ProducerView {
    const base = this.current.view();
    const stream = this.stream === null ? null : { recordsPerSecond: this.stream.options.recordsPerSecond, keys: this.stream.options.keys, topic: this.stream.options.topic };
    const live = [this.current, ...this.retired];
    const sum = (pick: (p: KafkaProducer) => number, finished: number): number => live.reduce((n, p) => n + pick(p), finished);
    return {
      ...base,
      // A retiring producer's queued batches still belong to this lab producer.
      accumulator: [...this.retired.flatMap((p) => p.view().accumulator), ...base.accumulator],
      inFlightRequests: sum((p) => p.inFlightRequests, 0),
      sent: sum((p) => p.sent, this.finished.sent),
      acked: sum((p) => p.acked, this.finished.acked),
      failed: sum((p) => p.failed, this.finished.failed),
      lastError: base.lastError ?? this.retired.find((p) => p.lastError !== null)?.lastError ?? null,
      stream,
    };
  }

  private newProducer(config: ProducerConfig): KafkaProducer {
    return new KafkaProducer(this.kernel, this.network, { nodeId: this.id, bootstrap: this.bootstrap, config, client: this.client });
  }

  /** Flush and close a replaced producer in the background; fold its counts in when done. */
  private retire(old: KafkaProducer): void {
    this.retired.push(old);
    old.close(() => {
      this.retired.splice(this.retired.indexOf(old), 1);
      this.finished.sent += old.sent;
      this.finished.acked += old.acked;
      this.finished.failed += old.failed;
      this.maybeCloseClient();
      this.onChange();
    });
  }

  /** The shared connection goes away only when every producer on it has closed. */
  private maybeCloseClient(): void {
    if (this.closed && this.current.closed && this.retired.length === 0) this.client.close();
  }

  private scheduleNext(stream: Stream): void {
    // Absolute times (start + n / rate) so rounding never drifts the rate.
    const atMs = stream.startMs + ((stream.count + 1) * 1000) / stream.options.recordsPerSecond;
    stream.task = this.kernel.scheduleAt(atMs, `${this.id} stream`, () => {
      if (this.stream !== stream) return;
      stream.count++;
      const { topic, keys } = stream.options;
      const key = keys === null || keys.length === 0 ? null : keys[this.kernel.random.nextInt(keys.length)]!;
      const value = `${stream.options.valuePrefix ?? defaultValuePrefix(topic)}${stream.count}`;
      this.current.send({ topic, key, value }, (error, md, leaderEpoch) => {
        if (!error && md) this.observer?.acked(this.id, `${md.topic}-${md.partition}`, md.offset, key, value, leaderEpoch ?? -1);
      });
      this.scheduleNext(stream);
    });
  }

  private ensureOpen(): void {
    if (this.closed) throw illegalState('Cannot perform operation after producer has been closed');
  }
}

function acksName(config: ProducerConfig): string {
  return config.acks === -1 ? 'all' : String(config.acks);
}

/** "orders" → "order-": stream values read like "order-17". */
function defaultValuePrefix(topic: string): string {
  return `${topic.endsWith('s') && topic.length > 1 ? topic.slice(0, -1) : topic}-`;
}

function validateRecord(record: ProducerRecord): void {
  if (typeof record.topic !== 'string' || record.topic.length === 0) throw illegalArgument('Topic cannot be empty.');
  if (record.partition !== undefined && !(Number.isInteger(record.partition) && record.partition >= 0)) {
    throw illegalArgument(`Invalid partition: ${record.partition}. Partition number should always be non-negative or null.`);
  }
  if (record.timestampMs !== undefined && !(Number.isFinite(record.timestampMs) && record.timestampMs >= 0)) {
    throw illegalArgument(`Invalid timestamp: ${record.timestampMs}. Timestamp should always be non-negative or null.`);
  }
  if (record.value !== null && typeof record.value !== 'string') throw illegalArgument('A record value must be a string or null.');
  if (record.key !== undefined && record.key !== null && typeof record.key !== 'string') throw illegalArgument('A record key must be a string or null.');
}

function validateStream(options: StreamOptions): void {
  if (typeof options.topic !== 'string' || options.topic.length === 0) throw illegalArgument('A stream needs a topic.');
  const rate = options.recordsPerSecond;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= MAX_RECORDS_PER_SECOND)) {
    throw illegalArgument(`recordsPerSecond must be between 0 and ${MAX_RECORDS_PER_SECOND} (exclusive of 0), got ${rate}.`);
  }
  if (options.keys !== null && !Array.isArray(options.keys)) throw illegalArgument('keys must be a list of strings or null.');
}
