import { describe, expect, it } from 'vitest';
import type { KafkaLab } from './KafkaLab';
import { SnapshotBuilder } from './SnapshotBuilder';
import { settle, startedLab } from './testing';

describe('SnapshotBuilder structural sharing', () => {
  it('reuses every view that did not change, and only those', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 3 }));
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000);
    const a = lab.snapshot();
    const b = lab.snapshot();
    expect(b.topics).toBe(a.topics);
    expect(b.brokers).toBe(a.brokers);

    const producer = lab.createProducer({ 'linger.ms': 0 });
    const md = await settle(lab, producer.send({ topic: 'orders', partition: 1, value: 'x' }));
    expect(md.offset).toBe(0);
    const c = lab.snapshot();
    expect(c.topics).not.toBe(a.topics);
    const [p0, p1, p2] = c.topics[0]!.partitions;
    expect(p0).toBe(a.topics[0]!.partitions[0]);
    expect(p2).toBe(a.topics[0]!.partitions[2]);
    expect(p1).not.toBe(a.topics[0]!.partitions[1]);
    expect(p1!.log!.logEndOffset).toBe(1);

    await settle(lab, lab.admin.deleteTopic('orders'));
    expect(lab.snapshot().topics).toEqual([]);
  });
});

describe('SnapshotBuilder incremental logs', () => {
  async function streamingLab(configs: Record<string, string> = {}) {
    const lab = startedLab({ brokerConfig: { 'log.retention.check.interval.ms': '1000' } });
    await settle(lab, lab.admin.createTopic({ name: 'orders', partitions: 2, configs: { 'segment.bytes': '1024', ...configs } }));
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000);
    lab.createProducer({ 'linger.ms': 5 }, 'p').startStream({ topic: 'orders', recordsPerSecond: 200, keys: ['a', 'b', 'c'] });
    return lab;
  }
  const logOf = (s: ReturnType<KafkaLab['snapshot']>, partition: number) => s.topics[0]!.partitions[partition]!.log!;

  it('builds, frame by frame, exactly what a fresh builder builds from scratch', async () => {
    const lab = await streamingLab();
    for (let frame = 0; frame < 120; frame++) {
      lab.kernel.advanceBy(frame % 7 === 0 ? 400 : 40);
      const incremental = lab.snapshot();
      if (frame % 10 !== 0) continue;
      const fresh = new SnapshotBuilder(lab).build();
      expect(incremental.topics).toEqual(fresh.topics);
      const log = logOf(incremental, 0);
      expect(log.segments.length).toBeGreaterThan(1);
      const leader = lab.brokers.flatMap((b) => [...b.replicaManager.partitions.values()]).find((p) => p.tp === 'orders-0' && p.isLeader)!;
      expect(log.sizeBytes).toBe(leader.log!.size);
    }
  });

  it('never reads closed segments again while only the active segment grows or new ones roll', async () => {
    const lab = await streamingLab();
    lab.kernel.advanceBy(5000);
    const before = lab.snapshot();
    const closedViews = logOf(before, 0).segments.slice(0, -1);
    expect(closedViews.length).toBeGreaterThan(3);
    let reads = 0;
    const leader = lab.brokers.flatMap((b) => [...b.replicaManager.partitions.values()]).find((p) => p.tp === 'orders-0' && p.isLeader)!;
    for (const segment of leader.log!.segments.slice(0, -1)) {
      const size = segment.size;
      Object.defineProperty(segment, 'size', { get: () => (reads++, size) });
    }
    for (let frame = 0; frame < 50; frame++) {
      lab.kernel.advanceBy(50);
      lab.snapshot();
    }
    const after = logOf(lab.snapshot(), 0);
    expect(after.segments.length).toBeGreaterThan(closedViews.length + 1);
    expect(after.segments.slice(0, closedViews.length)).toEqual(closedViews);
    closedViews.forEach((view, i) => expect(after.segments[i]).toBe(view));
    expect(reads).toBe(0);
  });

  it("reads a closed segment's batches and index entries only when a view asks, then keeps them", async () => {
    const lab = await streamingLab();
    lab.kernel.advanceBy(3000);
    const closed = logOf(lab.snapshot(), 0).segments[0]!;
    expect(closed.isActive).toBe(false);
    const batches = closed.batches;
    expect(batches.length).toBeGreaterThan(0);
    expect(batches[0]!.baseOffset).toBe(closed.baseOffset);
    expect(batches[batches.length - 1]!.lastOffset).toBe(closed.nextOffset - 1);
    expect(closed.batches).toBe(batches);
    expect({ ...closed }.batches).toBe(batches); // plain data to spreads and serialisers
  });

  it('rebuilds correctly when retention deletes segments from the front', async () => {
    const lab = await streamingLab({ 'retention.bytes': '3000' });
    const firstBases: number[] = [];
    for (let frame = 0; frame < 80; frame++) {
      lab.kernel.advanceBy(100);
      firstBases.push(logOf(lab.snapshot(), 0).segments[0]!.baseOffset);
    }
    expect(Math.max(...firstBases)).toBeGreaterThan(0); // retention ran
    expect(lab.snapshot().topics).toEqual(new SnapshotBuilder(lab).build().topics);
  });

  it('serves events by range without copying them into every snapshot', async () => {
    const lab = await streamingLab();
    lab.kernel.advanceBy(2000);
    const snapshot = lab.snapshot();
    const count = snapshot.eventCount;
    expect(count).toBeGreaterThan(10);
    lab.kernel.advanceBy(500); // the log moves on; the snapshot still reads up to its own count
    expect(lab.kernel.log.count).toBeGreaterThan(count);
    const last = snapshot.eventLog.slice(count - 5, count);
    expect(last.map((e) => e.seq)).toEqual([count - 5, count - 4, count - 3, count - 2, count - 1]);
    expect(snapshot.events[snapshot.events.length - 1]!.seq).toBe(count - 1);
    expect(snapshot.eventLog.get(count - 1)).toBe(last[4]);
  });
});
