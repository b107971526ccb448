import { describe, expect, it } from 'vitest';
import { SimKernel } from '../kernel';
import { NULL_SINK } from '../storage';
import { ZkStore } from './ZkStore';

describe('ZkStore.children', () => {
  it('lists direct children, sorted, including ones that only exist as parents of deeper znodes', () => {
    const zk = new ZkStore(new SimKernel({ seed: 1 }), NULL_SINK, new Map([['/brokers/ids/1', '{}']]));
    zk.set('/brokers/topics/b', '{}');
    zk.set('/brokers/topics/a/partitions/0/state', '{}');
    zk.set('/brokers/topics/a', '{}');
    expect(zk.children('/brokers/topics')).toEqual(['a', 'b']);
    expect(zk.children('/brokers/topics/')).toEqual(['a', 'b']);
    expect(zk.children('/brokers')).toEqual(['ids', 'topics']);
    expect(zk.children('/brokers/topics/a/partitions')).toEqual(['0']);
    zk.deleteRecursive('/brokers/topics/a');
    expect(zk.children('/brokers/topics')).toEqual(['b']);
    expect(zk.children('/brokers/topics/a/partitions')).toEqual([]);
    zk.set('/brokers/topics/b', '{"x":1}');
    zk.deleteRecursive('/brokers/topics/b');
    expect(zk.children('/brokers/topics')).toEqual([]);
    expect(zk.children('/brokers')).toEqual(['ids']);
    expect(zk.children('/nothing')).toEqual([]);
  });

  it('stays fast with thousands of znodes (children is not a scan of the whole tree)', () => {
    const zk = new ZkStore(new SimKernel({ seed: 1 }), NULL_SINK);
    for (let t = 0; t < 3000; t++) {
      zk.set(`/brokers/topics/t${t}`, '{}');
      zk.set(`/brokers/topics/t${t}/partitions/0/state`, '{}');
      zk.set(`/config/topics/t${t}`, '{}');
    }
    const start = performance.now();
    for (let i = 0; i < 2000; i++) zk.children('/brokers/ids');
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('ZkStore.subtreeVersion', () => {
  it('is the version of the last write at or below a path', () => {
    const zk = new ZkStore(new SimKernel({ seed: 1 }), NULL_SINK);
    zk.set('/brokers/topics/a', '{}');
    const afterA = zk.version;
    zk.set('/brokers/topics/b/partitions/0/state', '{}');
    expect(zk.subtreeVersion('/brokers/topics/a')).toBe(afterA);
    expect(zk.subtreeVersion('/brokers/topics/b')).toBe(zk.version);
    expect(zk.subtreeVersion('/brokers')).toBe(zk.version);
    zk.deleteRecursive('/brokers/topics/a');
    expect(zk.subtreeVersion('/brokers/topics/a')).toBe(zk.version);
    expect(zk.subtreeVersion('/elsewhere')).toBe(0);
  });
});
