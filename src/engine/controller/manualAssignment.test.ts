import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../record';
import { settle, startedLab } from '../lab/testing';

beforeAll(async () => {
  await initCodecs();
});

describe('CreateTopics with a manual replica assignment', () => {
  it('places each partition on the listed broker (the first replica leads)', async () => {
    const lab = startedLab();
    await settle(lab, lab.admin.createTopic({ name: 'pinned', replicaAssignment: [[2], [2], [0]] }));
    const partitions = lab.snapshot().topics.find((t) => t.name === 'pinned')!.partitions;
    expect(partitions.map((p) => [p.partition, p.replicas, p.leader])).toEqual([
      [0, [2], 2],
      [1, [2], 2],
      [2, [0], 0],
    ]);
  });

  it("refuses what Kafka's AdminZkClient refuses, with its error and message", async () => {
    const lab = startedLab();
    const refuse = (replicaAssignment: number[][], extra: { partitions?: number } = {}) => settle(lab, lab.admin.createTopic({ name: 'bad', replicaAssignment, ...extra }));
    await expect(refuse([[7]])).rejects.toMatchObject({ errorName: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringContaining('Unknown broker(s) in replica assignment: 7') });
    await expect(refuse([[0, 0]])).rejects.toMatchObject({ errorName: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringContaining('Duplicate brokers not allowed') });
    await expect(refuse([[0], [1, 2]])).rejects.toMatchObject({ errorName: 'INVALID_REPLICA_ASSIGNMENT', message: expect.stringContaining('same number of replicas') });
    await expect(refuse([[0]], { partitions: 1 })).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
    await expect(refuse([[0, 5]])).rejects.toMatchObject({ errorName: 'INVALID_REPLICA_ASSIGNMENT' });
    expect(lab.snapshot().topics.map((t) => t.name)).not.toContain('bad');
  });
});
