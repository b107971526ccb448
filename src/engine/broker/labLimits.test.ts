import { describe, expect, it } from 'vitest';
import { LAB_LIMITS } from '../controller/labLimits';
import { settle, startedLab } from '../lab/testing';
import { KafkaError } from '../protocol';

describe("the lab's size limits", () => {
  it.each([100_001, 2_147_483_647])('refuses a topic of %i partitions at once, naming the limit', async (partitions) => {
    const lab = startedLab();
    const start = performance.now();
    const error = await settle(lab, lab.admin.createTopic({ name: 'huge', partitions })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaError);
    expect(error).toMatchObject({ errorName: 'INVALID_PARTITIONS' });
    expect((error as Error).message).toContain('at most 1,000 partitions per topic');
    expect(performance.now() - start).toBeLessThan(2000);
    expect(lab.snapshot().topics).toEqual([]);
  });

  it('refuses growing a topic past the per-topic limit', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 2 }));
    await expect(settle(lab, lab.admin.createPartitions('t', LAB_LIMITS.maxPartitionsPerTopic + 1))).rejects.toMatchObject({ errorName: 'INVALID_PARTITIONS' });
    expect(lab.snapshot().topics[0]!.partitions).toHaveLength(2);
  });

  // Large but legal sizes: seconds on a busy machine, so a generous timeout.
  it('refuses partitions beyond the cluster limit with POLICY_VIOLATION', { timeout: 30_000 }, async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'a', partitions: 1000 }));
    await settle(lab, lab.admin.createTopic({ name: 'b', partitions: 999 }));
    await expect(settle(lab, lab.admin.createTopic({ name: 'c', partitions: 2 }))).rejects.toThrow(/at most 2,000 partitions in the cluster; it has 1,999 and 2 more/);
    await expect(settle(lab, lab.admin.createPartitions('b', 1000))).resolves.toBeUndefined();
    await expect(settle(lab, lab.admin.createTopic({ name: 'c', partitions: 1 }))).rejects.toMatchObject({ errorName: 'POLICY_VIOLATION' });
  });

  it('creates 1,000 topics and refuses the next with POLICY_VIOLATION', { timeout: 30_000 }, async () => {
    const lab = startedLab();
    const names = Array.from({ length: LAB_LIMITS.maxTopics }, (_, i) => `t${i}`);
    await settle(lab, Promise.all(names.map((name) => lab.admin.createTopic({ name, partitions: 1 }))));
    expect(lab.zk.children('/brokers/topics')).toHaveLength(1000);
    await expect(settle(lab, lab.admin.createTopic({ name: 'one-more', partitions: 1 }))).rejects.toThrow(/at most 1,000 topics/);
  });

  it('auto-creation with a huge num.partitions is refused the same way', async () => {
    const lab = startedLab({ brokerConfig: { 'num.partitions': '100001' } });
    const producer = lab.createProducer({ 'linger.ms': 0, 'max.block.ms': 2000 });
    await expect(settle(lab, producer.send({ topic: 'auto', value: 'x' }))).rejects.toThrow();
    expect(lab.zk.exists('/brokers/topics/auto')).toBe(false);
    expect(lab.kernel.log.recent().some((e) => e.text.includes('auto-created'))).toBe(false);
  });
});

describe('a failing request handler', () => {
  it('answers UNKNOWN_SERVER_ERROR with the message instead of throwing out of the kernel event', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 1 }));
    // DescribeConfigs goes to the first bootstrap broker, broker 0.
    lab.broker(0).topicOverrides = () => {
      throw new RangeError('Map maximum size exceeded');
    };
    const error = await settle(lab, lab.admin.describeTopicConfigs('t')).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorName: 'UNKNOWN_SERVER_ERROR' });
    expect((error as Error).message).toContain('Map maximum size exceeded');
    expect(lab.kernel.log.recent().some((e) => e.text.includes('answered with UNKNOWN_SERVER_ERROR'))).toBe(true);
  });
});

describe('a failing delayed operation', () => {
  it('answers the waiting fetch with UNKNOWN_SERVER_ERROR and lets the request that woke it succeed', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 't', partitions: 1 }));
    lab.kernel.runUntil(() => lab.allPartitionsServing(), 1000);
    const leader = lab.brokers.find((b) => b.replicaManager.partitions.get('t-0')?.isLeader)!;
    const partition = leader.replicaManager.partitions.get('t-0')!;
    const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest', 'fetch.max.wait.ms': 5000 });
    consumer.assign([{ topic: 't', partition: 0 }]);
    void consumer.poll(3000).catch(() => {});
    expect(lab.kernel.runUntil(() => leader.replicaManager.fetchWaits.watching > 0, 5000)).toBe(true);
    partition.fetchRecords = () => {
      throw new RangeError('Map maximum size exceeded');
    };
    const producer = lab.createProducer({ 'linger.ms': 0 });
    const md = await settle(lab, producer.send({ topic: 't', value: 'x' }));
    expect(md.offset).toBe(0);
    expect(leader.replicaManager.fetchWaits.watching).toBe(0);
    expect(lab.kernel.log.recent().some((e) => e.text.includes('error completing a waiting fetch: RangeError: Map maximum size exceeded'))).toBe(true);
  });
});
