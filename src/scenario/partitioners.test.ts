import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../engine/record';
import { runScenario } from './ScenarioRunner';

beforeAll(async () => {
  await initCodecs();
});

function landedOn(lines: string[]): string[] {
  return lines.flatMap((line) => /^ {2}✓ (\S+) @ offset/.exec(line)?.[1] ?? []);
}

describe('partitioner.class and keys, end to end', () => {
  it.each(['2.4', '3.9'])('Kafka %s: RoundRobinPartitioner skips a partition per new batch (KAFKA-9965), keys ignored', async (version) => {
    const sends = ['key=a', 'key=a', 'key=b', '', 'key=a', ''].map((key) => `send rr orders ${key} value=x`).join('\n');
    const result = await runScenario(`lab seed=4 version=${version}\ncreate-topic orders partitions=6\nproducer rr partitioner.class=RoundRobinPartitioner\n${sends}`, { events: false });
    expect(result.failures).toEqual([]);
    expect(landedOn(result.lines)).toEqual(['orders-1', 'orders-3', 'orders-5', 'orders-1', 'orders-3', 'orders-5']);
  });

  it("routes a key with a lone surrogate as Java's StringSerializer bytes ('?') do", async () => {
    const result = await runScenario('lab seed=4\ncreate-topic orders partitions=7\nproducer p1\nsend p1 orders key=x\uD800y value=1\nsend p1 orders key=x?y value=2', { events: false });
    expect(result.failures).toEqual([]);
    const [lone, question] = landedOn(result.lines);
    expect(lone).toBe(question);
  });
});
