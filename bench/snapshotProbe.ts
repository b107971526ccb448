/**
 * Snapshot cost in Node, frame by frame, for a lab shaped like the frame bench's cases: how
 * long the engine's share and snapshot() take per simulated frame as segments pile up.
 *
 *   npx tsx bench/snapshotProbe.ts [partitions=60] [recordsPerSecond=1000] [frames=600] [simMsPerFrame=167]
 */
import { KafkaLab } from '../src/engine/lab/KafkaLab';
import { settle } from '../src/engine/lab/testing';

async function main(): Promise<void> {
  const [partitions = 60, rate = 1000, frames = 600, simMsPerFrame = 167] = process.argv.slice(2).map(Number);
  const lab = KafkaLab.create({ seed: 42, link: { latencyMs: 80, jitterMs: 20 } });
  lab.kernel.advanceBy(500);
  await settle(lab, lab.admin.createTopic({ name: 'wide', partitions, replicationFactor: 1, configs: { 'segment.bytes': '1024' } }));
  lab.kernel.runUntil(() => lab.allPartitionsServing(), 30_000);
  const producer = lab.createProducer({}, 'producer-1');
  const consumer = lab.createConsumer({ 'auto.offset.reset': 'earliest' }, 'consumer-1');
  producer.startStream({ topic: 'wide', recordsPerSecond: rate, keys: Array.from({ length: 1000 }, (_, i) => `key-${i}`) });
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic: 'wide', partition })));
  consumer.startPolling();
  let engineMs = 0;
  let snapshotMs = 0;
  const report = (i: number) => {
    const segs = lab.snapshot().topics.find((t) => t.name === 'wide')!.partitions.reduce((n, p) => n + (p.log?.segments.length ?? 0), 0);
    console.log(`frames ${String(i).padStart(5)}  segments ${String(segs).padStart(6)}  engine ${(engineMs / 100).toFixed(2)} ms/frame  snapshot ${(snapshotMs / 100).toFixed(3)} ms/frame`);
    engineMs = snapshotMs = 0;
  };
  for (let i = 1; i <= frames; i++) {
    const t0 = performance.now();
    lab.kernel.advanceBy(simMsPerFrame);
    await Promise.resolve();
    const t1 = performance.now();
    lab.snapshot();
    const t2 = performance.now();
    engineMs += t1 - t0;
    snapshotMs += t2 - t1;
    if (i % 100 === 0) report(i);
  }
}

void main();
