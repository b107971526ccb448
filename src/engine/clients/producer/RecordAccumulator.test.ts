import { describe, expect, it } from 'vitest';
import { Random } from '../../kernel';
import { labWithTopic, settle } from '../testSupport';
import { BuiltInPartitioner } from './BuiltInPartitioner';
import type { PendingRecord, ProducerBatch } from './ProducerBatch';
import { RecordAccumulator, type AccumulatorCluster, type AccumulatorConfig } from './RecordAccumulator';

const RECORD_BYTES = 20;

/** Partitions 0..n-1 of topic t, partition p led by broker-(p % 2). */
const cluster = (n = 4): AccumulatorCluster => ({
  partitionCount: () => n,
  availablePartitions: () => Array.from({ length: n }, (_, i) => i),
  leaderFor: (_topic, partition) => `broker-${partition % 2}`,
});

function accumulator(overrides: Partial<AccumulatorConfig> = {}): RecordAccumulator {
  const config: AccumulatorConfig = { batchSizeBytes: 200, lingerMs: 100, bufferMemoryBytes: 10_000, deliveryTimeoutMs: 120_000, adaptivePartitioning: false, ...overrides };
  return new RecordAccumulator(config, (topic) => new BuiltInPartitioner(topic, config.batchSizeBytes, new Random(1)));
}

function record(sizeBytes = RECORD_BYTES): PendingRecord {
  return { key: null, value: new Uint8Array(1), headers: [], timestampMs: 0, sizeBytes, callback: () => {} };
}

const append = (acc: RecordAccumulator, partition: number, nowMs = 0, size = RECORD_BYTES) => acc.append('t', partition, record(size), nowMs, cluster(), false);

describe('RecordAccumulator', () => {
  it('fills a batch up to batch.size (61-byte header included), then opens the next one', () => {
    const acc = accumulator();
    const results = Array.from({ length: 8 }, () => append(acc, 0));
    // 61 + 6 × 20 = 181 ≤ 200; a 7th record would make 201.
    expect(results.map((r) => r.kind === 'appended' && r.newBatchCreated)).toEqual([true, false, false, false, false, false, true, false]);
    expect(acc.allBatches().map((b) => b.recordCount)).toEqual([6, 2]);
    const sixth = results[5]!;
    expect(sixth.kind === 'appended' && sixth.batchIsFull).toBe(false);
    const seventh = results[6]!;
    expect(seventh.kind === 'appended' && seventh.batchIsFull).toBe(true); // two batches in the deque: the first is full
  });

  it('gives a record larger than batch.size a batch of its own, ready at once', () => {
    const acc = accumulator();
    append(acc, 0);
    const big = append(acc, 0, 0, 500);
    expect(big.kind === 'appended' && big.newBatchCreated && big.batch.writeLimitBytes).toBe(561);
    expect(acc.allBatches().map((b) => b.recordCount)).toEqual([1, 1]);
    expect(acc.ready(cluster(), 0, new Set()).readyNodes).toEqual(new Set(['broker-0']));
  });

  it('names the real reason a young batch leaves: it went with a ready batch to the same broker', () => {
    const acc = accumulator({ lingerMs: 100 });
    append(acc, 0, 0); // partition 0, led by broker-0: lingers until 100
    append(acc, 2, 95); // partition 2, also broker-0: a young 97-byte batch
    expect(acc.ready(cluster(), 100, new Set()).readyNodes).toEqual(new Set(['broker-0']));
    const drained = acc.drainForNode('broker-0', cluster(), 1_000_000, 100, null, new Set());
    expect(drained.map((b) => [b.partition, b.closeReason])).toEqual([
      [0, 'linger.ms=100 expired'],
      [2, 'sent with another batch that was ready for the same broker (linger.ms=100 had not expired yet)'],
    ]);
    expect(acc.hasUndrained()).toBe(false);
  });

  it('walks only the partitions holding batches, however many the topic has', () => {
    const acc = accumulator({ lingerMs: 0, bufferMemoryBytes: 10_000_000 });
    let leaderLookups = 0;
    const big: AccumulatorCluster = { ...cluster(10_000), leaderFor: (_t, p) => { leaderLookups++; return `broker-${p % 2}`; } };
    for (let p = 0; p < 10_000; p++) expect(acc.append('t', p, record(), 0, big, false).kind).toBe('appended');
    for (const node of ['broker-0', 'broker-1']) expect(acc.drainForNode(node, big, 100_000_000, 0, null, new Set())).toHaveLength(5000);
    expect(acc.hasUndrained()).toBe(false);
    leaderLookups = 0;
    acc.append('t', 7, record(), 1, big, false);
    expect(acc.ready(big, 1, new Set()).readyNodes).toEqual(new Set(['broker-1']));
    expect(acc.drainForNode('broker-1', big, 1_000_000, 1, null, new Set()).map((b) => b.partition)).toEqual([7]);
    expect(acc.nextDeliveryDeadlineMs()).toBe(120_000); // the oldest batch not yet done, created at 0
    expect(leaderLookups).toBe(2);
  });

  it('makes a lone batch ready only when linger.ms has passed, and says when to look again', () => {
    const acc = accumulator({ lingerMs: 100 });
    append(acc, 0, 10);
    const early = acc.ready(cluster(), 40, new Set());
    expect(early.readyNodes.size).toBe(0);
    expect(early.nextReadyCheckDelayMs).toBe(70);
    expect(acc.ready(cluster(), 110, new Set()).readyNodes).toEqual(new Set(['broker-0']));
    const [batch] = acc.drainForNode('broker-0', cluster(), 1_000_000, 110, null, new Set());
    expect(batch!.closeReason).toBe('linger.ms=100 expired');
  });

  it('makes everything ready during a flush or a close', () => {
    const acc = accumulator({ lingerMs: 1000 });
    append(acc, 1);
    expect(acc.ready(cluster(), 0, new Set()).readyNodes.size).toBe(0);
    acc.flushesInProgress = 1;
    expect(acc.ready(cluster(), 0, new Set()).readyNodes).toEqual(new Set(['broker-1']));
    acc.flushesInProgress = 0;
    acc.closed = true;
    expect(acc.ready(cluster(), 0, new Set()).readyNodes).toEqual(new Set(['broker-1']));
  });

  it('drains one batch per partition for the node, within max.request.size', () => {
    const acc = accumulator({ lingerMs: 0 });
    for (let i = 0; i < 8; i++) append(acc, 0); // two batches on partition 0
    append(acc, 2); // also led by broker-0
    append(acc, 1); // broker-1
    const drained = acc.drainForNode('broker-0', cluster(), 1_000_000, 0, null, new Set());
    expect(drained.map((b) => `${b.tp}:${b.recordCount}`).sort()).toEqual(['t-0:6', 't-2:1']);
    expect(drained.every((b) => b.closedForAppends)).toBe(true);
    const small = acc.drainForNode('broker-0', cluster(), 100, 0, null, new Set());
    expect(small).toHaveLength(1); // the first batch always goes, even if it is larger than the limit
  });

  it('keeps a re-enqueued batch in front until its retry backoff has passed', () => {
    const acc = accumulator({ lingerMs: 0 });
    append(acc, 0);
    const [batch] = acc.drainForNode('broker-0', cluster(), 1_000_000, 0, null, new Set());
    append(acc, 0, 5);
    acc.reenqueue(batch!, 10, 100);
    const waiting = acc.ready(cluster(), 50, new Set());
    expect(waiting.readyNodes.size).toBe(0);
    expect(waiting.nextReadyCheckDelayMs).toBe(60);
    expect(acc.drainForNode('broker-0', cluster(), 1_000_000, 110, null, new Set())[0]).toBe(batch);
    expect(batch!.closeReason).toBe('retry attempt 2');
  });

  it('expires batches that waited longer than delivery.timeout.ms', () => {
    const acc = accumulator({ deliveryTimeoutMs: 1000 });
    append(acc, 0, 0);
    append(acc, 1, 500);
    expect(acc.nextDeliveryDeadlineMs()).toBe(1000);
    expect(acc.expiredBatches(1000).map((b) => b.tp)).toEqual(['t-0']);
    expect(acc.allBatches().map((b) => b.tp)).toEqual(['t-1']);
  });

  it('accounts buffer.memory per batch buffer and refuses a new batch when it is used up', () => {
    const acc = accumulator({ bufferMemoryBytes: 400 });
    append(acc, 0);
    append(acc, 1);
    expect(acc.bufferedBytes).toBe(400);
    expect(append(acc, 2)).toEqual({ kind: 'noMemory', bytes: 200 });
    expect(append(acc, 0).kind).toBe('appended'); // room left in an open batch needs no new memory
    acc.deallocate(acc.allBatches()[0]!);
    expect(append(acc, 2).kind).toBe('appended');
  });
});

describe('RecordAccumulator buffer pool', () => {
  const counting = { onRecordAcked: () => {}, onRecordFailed: () => {} };
  const bufferOf = (batch: ProducerBatch): ArrayBufferLike => batch.encode('none').buffer;

  it('reuses a finished batch buffer only once every request carrying it was answered', () => {
    const acc = accumulator({ lingerMs: 0 });
    append(acc, 0);
    append(acc, 1);
    const [answered] = acc.drainForNode('broker-0', cluster(), 1_000_000, 0, null, new Set());
    const [unanswered] = acc.drainForNode('broker-1', cluster(), 1_000_000, 0, null, new Set());
    const answeredBuffer = bufferOf(answered!);
    const unansweredBuffer = bufferOf(unanswered!);
    unanswered!.unansweredRequests = 1; // timed out: the request may still be travelling
    for (const batch of [unanswered!, answered!]) {
      batch.complete(0, -1, counting);
      acc.deallocate(batch);
    }
    append(acc, 2);
    append(acc, 3);
    const reused = acc.allBatches().map(bufferOf);
    expect(reused).toContain(answeredBuffer);
    expect(reused).not.toContain(unansweredBuffer);
  });

  it('does not pool a batch that is still open', () => {
    const acc = accumulator();
    append(acc, 0);
    const open = acc.allBatches()[0]!;
    acc.deallocate(open);
    expect(open.releaseBuffer()).toBeNull();
  });
});

describe('RecordAccumulator with a real cluster', () => {
  it('batches 10 sends made within linger.ms into one Produce request', async () => {
    const lab = await labWithTopic();
    const producer = lab.createProducer({ 'linger.ms': 50 });
    await settle(lab, producer.send({ topic: 'orders', key: 'k', value: 'warm-up' }));
    const produceRequests = countProduce(lab);
    const sends = Array.from({ length: 10 }, (_, i) => {
      lab.kernel.advanceBy(3); // spread over 30 ms, all inside the 50 ms linger
      return producer.send({ topic: 'orders', key: 'k', value: `v${i}` });
    });
    const mds = await settle(lab, Promise.all(sends));
    expect(produceRequests.count).toBe(1);
    expect(mds.map((m) => m.offset)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lab.kernel.log.recent().some((e) => /Produce to broker \d: orders-\d \(10 records, .*\) — linger.ms=50 expired/.test(e.text))).toBe(true);
  });

  it('never has more than max.in.flight.requests.per.connection requests to a broker', async () => {
    const lab = await labWithTopic({ partitions: 1 });
    for (const [maxInFlight, expectedPeak] of [[1, 1], [5, 5]] as const) {
      const producer = lab.createProducer({ 'linger.ms': 0, 'max.in.flight.requests.per.connection': maxInFlight, 'batch.size': 100 });
      await settle(lab, producer.send({ topic: 'orders', value: 'warm-up' })); // metadata and producer id first
      let peak = 0;
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        sends.push(producer.send({ topic: 'orders', value: `value-${i}` }));
        lab.kernel.advanceBy(1);
        peak = Math.max(peak, producer.view().inFlightRequests);
      }
      await settle(lab, Promise.all(sends));
      expect(peak).toBe(expectedPeak);
    }
  });
});

function countProduce(lab: Awaited<ReturnType<typeof labWithTopic>>): { count: number } {
  const counter = { count: 0 };
  const send = lab.network.send.bind(lab.network);
  lab.network.send = (...args) => {
    if (args[4].apiKey === 'Produce' && args[2] === 'request') counter.count++;
    return send(...args);
  };
  return counter;
}
