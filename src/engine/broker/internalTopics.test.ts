import { describe, expect, it } from 'vitest';
import { settle, startedLab } from '../lab/testing';
import { NetworkClient } from '../network';
import type { MetadataResponse } from '../protocol';

describe('internal topics, as Kafka\'s brokers treat them', () => {
  it('__consumer_offsets made by hand is internal and can be deleted again (KafkaApis/AdminZkClient allow both)', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: '__consumer_offsets', partitions: 3 }));
    expect(lab.snapshot().topics.map((t) => [t.name, t.isInternal])).toEqual([['__consumer_offsets', true]]);
    await settle(lab, lab.admin.deleteTopic('__consumer_offsets'));
    expect(lab.snapshot().topics).toEqual([]);
    lab.kernel.advanceBy(1000);
    expect(lab.zk.exists('/brokers/topics/__consumer_offsets')).toBe(false);
  });

  it('only Kafka\'s internal topic names are internal: "__mine" is an ordinary topic', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: '__mine', partitions: 1 }));
    expect(lab.snapshot().topics[0]!.isInternal).toBe(false);
    const client = new NetworkClient('tester', lab.kernel, lab.network);
    const response = await settle(lab, new Promise<MetadataResponse>((resolve, reject) =>
      client.send('broker-0', { apiKey: 'Metadata', topics: null, allowAutoTopicCreation: false }, 'Metadata', 30000, (o) => (o.ok ? resolve(o.response) : reject(new Error(o.message)))),
    ));
    expect(response.topics.map((t) => [t.name, t.isInternal])).toEqual([['__mine', false]]);
  });

  it('3.9 refuses to create __cluster_metadata (INVALID_REQUEST); 2.4 knows no such topic', async () => {
    const lab = startedLab();
    await expect(settle(lab, lab.admin.createTopic({ name: '__cluster_metadata', partitions: 1 }))).rejects.toThrow('Creation of internal topic __cluster_metadata is prohibited.');
    const old = startedLab({ kafkaVersion: '2.4' });
    await expect(settle(old, old.admin.createTopic({ name: '__cluster_metadata', partitions: 1 }))).resolves.toBeUndefined();
  });
});
