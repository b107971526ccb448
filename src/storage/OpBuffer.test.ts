import { describe, expect, it } from 'vitest';
import { ARENA_BLOCK_BYTES, ByteArena, OpBuffer, type RunAction } from './OpBuffer';

const seg = { broker: 0, dir: 'orders-0', baseOffset: 0 };

describe('OpBuffer appends', () => {
  it('keeps a copy of the bytes: the engine may reuse its buffer right after the append', () => {
    const buffer = new OpBuffer();
    const engineBytes = new Uint8Array([1, 2, 3]);
    buffer.add({ type: 'append', ...seg, position: 0, bytes: engineBytes });
    engineBytes.fill(9);
    buffer.add({ type: 'append', ...seg, position: 3, bytes: engineBytes });
    const [run] = buffer.drain().actions as RunAction[];
    expect(run!.sizeBytes).toBe(6);
    expect(run!.parts.flatMap((p) => [...p])).toEqual([1, 2, 3, 9, 9, 9]);
  });

  it('packs the copies of many small appends into shared blocks instead of one buffer each', () => {
    const buffer = new OpBuffer();
    for (let i = 0; i < 1000; i++) buffer.add({ type: 'append', ...seg, position: i * 100, bytes: new Uint8Array(100).fill(i & 0xff) });
    const [run] = buffer.drain().actions as RunAction[];
    const blocks = new Set(run!.parts.map((p) => p.buffer));
    expect(blocks.size).toBe(Math.ceil((1000 * 100) / ARENA_BLOCK_BYTES));
    expect(run!.parts[999]![0]).toBe(999 & 0xff);
  });
});

describe('ByteArena', () => {
  it('gives an append larger than a block its own block, and never overlaps two copies', () => {
    const arena = new ByteArena();
    const a = arena.copy(new Uint8Array(10).fill(1));
    const big = arena.copy(new Uint8Array(ARENA_BLOCK_BYTES + 1).fill(2));
    const b = arena.copy(new Uint8Array(10).fill(3));
    expect(big.byteLength).toBe(ARENA_BLOCK_BYTES + 1);
    expect([...a]).toEqual(new Array(10).fill(1));
    expect([...b]).toEqual(new Array(10).fill(3));
    expect(big.every((x) => x === 2)).toBe(true);
  });
});
