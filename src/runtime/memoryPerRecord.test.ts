/**
 * What a streaming lab keeps in memory per record. The log's bytes and the event log are
 * meant to stay; everything else (the batches a producer sent, their records' callbacks, the
 * fetched records) must become garbage once handled. Event texts are lazy closures, and a
 * closure made inside a method keeps that method's whole scope: one such closure kept every
 * ProducerBatch ever sent reachable from the event log (~490 bytes per record instead of ~160).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLASSROOM_BROKER_CONFIG, CLASSROOM_LINK, DEMO_TOPIC, demoTopicCommand, setupClients } from './labActions';
import { initCodecs } from '../engine/record';
import { KafkaLab } from '../engine/lab/KafkaLab';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap bytes after a full GC (twice: weak callbacks run in the first). */
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory per record', () => {
  it('a keyed stream read by a consumer keeps about the log and the event log, not the batches', async () => {
    await initCodecs();
    const lab = KafkaLab.create({ seed: 7, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void lab.apply(demoTopicCommand());
    lab.kernel.advanceBy(2_000);
    setupClients(lab);
    const keys = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
    void lab.apply({ type: 'stream', producer: 'producer-1', topic: DEMO_TOPIC, recordsPerSecond: 1000, keys });
    const consumer = lab.consumers()[0]!;
    consumer.assign(Array.from({ length: 6 }, (_, partition) => ({ topic: DEMO_TOPIC, partition })));
    consumer.startPolling();
    lab.kernel.advanceBy(5_000); // warm up: connections, metadata, first segments
    const before = heapAfterGc();
    const ackedBefore = lab.producer('producer-1')!.view().acked;
    lab.kernel.advanceBy(60_000);
    const acked = lab.producer('producer-1')!.view().acked - ackedBefore;
    const bytesPerRecord = (heapAfterGc() - before) / acked;
    expect(acked).toBeGreaterThan(50_000);
    expect(bytesPerRecord).toBeLessThan(300);
  });
});
