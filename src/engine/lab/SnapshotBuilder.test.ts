import { describe, expect, it } from 'vitest';
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
