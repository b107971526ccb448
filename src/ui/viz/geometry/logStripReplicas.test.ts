import { describe, expect, it } from 'vitest';
import type { ReplicaView, SegmentView } from '../../../engine/snapshot';
import { epochColour, EPOCH_PALETTE_SIZE } from './epochColours';
import { computeLogStripLayout } from './logStripLayout';
import { barParts, lagText, layoutReplicaBlock, replicaBlockHeight, replicaLabelX, REPLICA_ROW_H_PX } from './logStripReplicas';

const xa = (o: number): number => 10 + o * 20;

function replica(broker: number, over: Partial<ReplicaView> = {}): ReplicaView {
  return {
    broker,
    role: 'follower',
    inIsr: true,
    logStartOffset: 0,
    logEndOffset: 10,
    highWatermark: 8,
    leaderEpoch: 1,
    epochs: [
      { epoch: 0, startOffset: 0 },
      { epoch: 1, startOffset: 6 },
    ],
    leaderSeenLeo: 10,
    lastCaughtUpTimeMs: 1_000,
    ...over,
  };
}

describe('replica bar parts', () => {
  it('splits the log into epoch runs and each run at the replica HW', () => {
    const parts = barParts(replica(1), { from: 0, to: 20, xa });
    expect(parts.map((p) => [p.epoch, p.committed, (p.x - 10) / 20, p.width / 20])).toEqual([
      [0, true, 0, 6],
      [1, true, 6, 2],
      [1, false, 8, 2],
    ]);
  });

  it('clips to the offsets drawn and marks offsets before the first known epoch as epoch -1', () => {
    const parts = barParts(replica(1, { logStartOffset: 2, epochs: [{ epoch: 3, startOffset: 5 }] }), { from: 4, to: 9, xa });
    expect(parts.map((p) => [p.epoch, p.committed, (p.x - 10) / 20, p.width / 20])).toEqual([
      [-1, true, 4, 1],
      [3, true, 5, 3],
      [3, false, 8, 1],
    ]);
  });

  it('an empty log has no parts', () => {
    expect(barParts(replica(1, { logEndOffset: 0, highWatermark: 0, epochs: [] }), { from: 0, to: 5, xa })).toEqual([]);
  });
});

describe('replica rows', () => {
  const input = { top: 100, from: 0, to: 12, leaderHw: 8, leaderLeo: 10, xa };

  it('one row per replica in assignment order, with words for role, ISR and offsets', () => {
    const block = layoutReplicaBlock({
      ...input,
      replicas: [replica(2, { role: 'leader', lastCaughtUpTimeMs: null }), replica(0, { role: 'offline', inIsr: true, logEndOffset: -1, highWatermark: -1, logStartOffset: -1, epochs: [] }), replica(1, { inIsr: false, logEndOffset: 7 })],
    });
    expect(block.rows.map((r) => [r.broker, r.label, r.offsets, r.tone])).toEqual([
      [2, 'broker 2 · leader · in ISR', 'LEO 10 · HW 8', 'leader'],
      [0, 'broker 0 · offline · still in ISR', 'no log (broker down)', 'offline'],
      [1, 'broker 1 · follower · out of ISR', 'LEO 7 · HW 8', 'out'],
    ]);
    expect(block.rows.map((r) => r.y)).toEqual([103, 103 + REPLICA_ROW_H_PX, 103 + 2 * REPLICA_ROW_H_PX]);
    expect(block.height).toBe(replicaBlockHeight(3));
    expect(block.hwGuideX).toBe(xa(8));
    expect(block.rows[2]!.leoX).toBe(xa(7));
    expect(block.rows[1]!.parts).toEqual([]);
    expect(block.rows[0]!.name).toBe('broker 2, leader, in ISR, log start 0, LEO 10, HW 8, leader epoch 1');
  });

  it('keeps a lag only where it means something: out of the ISR, or in it but behind the leader', () => {
    const rows = layoutReplicaBlock({ ...input, replicas: [replica(1), replica(2, { logEndOffset: 9 }), replica(3, { inIsr: false })] }).rows;
    expect(rows.map((r) => r.lastCaughtUpTimeMs)).toEqual([null, 1_000, 1_000]);
  });

  it('lag text: seconds since the follower was last caught up', () => {
    expect(lagText(1_000, 9_200, 'out')).toBe('lagging 8.2 s (since t=1.0s)');
    expect(lagText(1_000, 9_200, 'out', true)).toBe('lagging 8.2 s');
    expect(lagText(1_000, 2_500, 'isr')).toBeNull();
    expect(lagText(1_000, 4_000, 'isr')).toBe('lagging 3.0 s (since t=1.0s)');
    expect(lagText(null, 4_000, 'out')).toBeNull();
  });

  it('words start on the left unless they would cover the row LEO mark, then after it', () => {
    expect(replicaLabelX(200, 600, 16, 800)).toBe(20);
    expect(replicaLabelX(200, 120, 16, 800)).toBe(130);
    // No room after the mark either: back on the left (the words name the LEO anyway).
    expect(replicaLabelX(200, 700, 16, 800)).toBe(20);
    expect(replicaLabelX(200, null, 16, 800)).toBe(20);
  });
});

describe('the strip with replica rows', () => {
  const segment: SegmentView = {
    baseOffset: 0,
    fileName: '00000000000000000000.log',
    sizeBytes: 1000,
    nextOffset: 10,
    largestTimestampMs: 0,
    isActive: true,
    indexEntries: [],
    timeIndexEntries: [],
    batches: [
      { baseOffset: 0, lastOffset: 5, position: 0, sizeBytes: 500, compression: 'none', maxTimestampMs: 0, partitionLeaderEpoch: 0, producerId: 1 },
      { baseOffset: 6, lastOffset: 9, position: 500, sizeBytes: 500, compression: 'none', maxTimestampMs: 0, partitionLeaderEpoch: 1, producerId: 1 },
    ],
  };
  const log = { logStartOffset: 0, logEndOffset: 10, highWatermark: 8, segments: [segment] };

  it('puts the rows right under the cells and the index ticks below them', () => {
    const plain = computeLogStripLayout({ widthPx: 1200, log, consumers: [] });
    const withRows = computeLogStripLayout({ widthPx: 1200, log, consumers: [], replicas: [replica(0, { role: 'leader' }), replica(1)] });
    expect(plain.replicaBlock).toBeNull();
    expect(withRows.replicaBlock!.y).toBeGreaterThanOrEqual(withRows.rows.cellsY + withRows.rows.cellsH);
    expect(withRows.rows.indexY - plain.rows.indexY).toBe(replicaBlockHeight(2));
    expect(withRows.height - plain.height).toBe(replicaBlockHeight(2));
  });

  it('colours batches by leader epoch and lists the epochs in view', () => {
    const layout = computeLogStripLayout({ widthPx: 1200, log, consumers: [], replicas: [replica(0), replica(1)] });
    expect(layout.batches.map((b) => b.epoch)).toEqual([0, 1]);
    expect(layout.epochs).toEqual([0, 1]);
    expect(epochColour(0).strong).not.toBe(epochColour(1).strong);
    expect(epochColour(EPOCH_PALETTE_SIZE)).toEqual(epochColour(0));
    expect(epochColour(-1).strong).not.toBe(epochColour(0).strong);
  });
});
