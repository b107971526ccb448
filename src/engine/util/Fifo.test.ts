import { describe, expect, it } from 'vitest';
import { Fifo } from './Fifo';

describe('Fifo', () => {
  it('keeps first-in-first-out order across compactions', () => {
    const q = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push(i);
      if (i % 3 === 2) out.push(q.shift()!, q.shift()!);
    }
    while (q.length > 0) out.push(q.shift()!);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(q.shift()).toBeUndefined();
  });

  it('peeks and iterates without consuming', () => {
    const q = new Fifo<string>();
    q.push('a');
    q.push('b');
    q.shift();
    q.push('c');
    expect(q.peek()).toBe('b');
    expect([...q]).toEqual(['b', 'c']);
    expect(q.toArray()).toEqual(['b', 'c']);
    expect(q.length).toBe(2);
  });
});
