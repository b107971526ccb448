import { describe, expect, it } from 'vitest';
import { SimKernel } from '../../kernel';
import type { ConsumerRecord } from '../../lab/types';
import { GroupSinks } from './GroupSinks';
import { SinkProcessing } from './SinkProcessing';

function records(n: number): ConsumerRecord[] {
  return Array.from({ length: n }, (_, offset) => ({ topic: 'orders', partition: 0, offset, timestampMs: 0, timestampType: 'CreateTime' as const, key: 'a', value: `v${offset}`, headers: {}, leaderEpoch: 0 }));
}

function setup() {
  const kernel = new SimKernel({ seed: 1 });
  const sinks = new GroupSinks(kernel);
  sinks.sink('g1').setRemedy('none');
  return { kernel, sink: sinks.sink('g1'), processing: new SinkProcessing(kernel, sinks, 'c1') };
}

describe('SinkProcessing', () => {
  it('writes each record when its processing ends, and announces the batch once', () => {
    const { kernel, sink, processing } = setup();
    processing.start('g1', records(3), 100);
    expect(sink.view().rows).toBe(0);
    expect(sink.isInHand('orders-0@0')).toBe(true);
    kernel.advanceBy(250);
    expect(sink.view().latestRows.map((r) => [r.id, r.atMs])).toEqual([['orders-0@0', 100], ['orders-0@1', 200]]);
    kernel.advanceBy(100);
    expect(sink.view().rows).toBe(3);
    expect(sink.isInHand('orders-0@2')).toBe(false);
    expect(kernel.log.recent().filter((e) => e.actor === 'c1').map((e) => e.text)).toEqual(["wrote 3 records into group g1's sink (orders-0@0–2)"]);
  });

  it('without processing time writes the whole batch at once', () => {
    const { sink, processing } = setup();
    processing.start('g1', records(4), 0);
    expect(sink.view().rows).toBe(4);
  });

  it('finish() writes what is left when the next poll is due; stop() leaves it unwritten', () => {
    const { kernel, sink, processing } = setup();
    processing.start('g1', records(5), 100);
    kernel.advanceBy(150);
    processing.finish();
    expect(sink.view().rows).toBe(5);
    processing.start('g1', records(5).map((r) => ({ ...r, offset: r.offset + 5 })), 100);
    kernel.advanceBy(250);
    processing.stop('crashed');
    kernel.advanceBy(1000);
    expect(sink.view().rows).toBe(7);
    expect(sink.isInHand('orders-0@9')).toBe(false);
    expect(kernel.log.recent().at(-1)?.text).toBe("wrote 2 records into group g1's sink (orders-0@5–6); crashed before processing the other 3 records of the batch");
  });
});
