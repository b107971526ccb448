import { describe, expect, it } from 'vitest';
import { parseLabMeta, toHealth } from './storageAdapter';

describe('storage adapter', () => {
  it('reads back the meta it wrote and rejects anything else', () => {
    const meta = { seed: 42, kafkaVersion: '3.9', brokerCount: 3, clockMs: 1234 };
    expect(parseLabMeta(meta)).toEqual(meta);
    expect(parseLabMeta(undefined)).toBeNull();
    expect(parseLabMeta({ seed: '42' })).toBeNull();
  });

  it('maps store status to runtime storage health', () => {
    expect(toHealth('ok')).toEqual({ state: 'ok' });
    expect(toHealth({ kind: 'quota-exceeded', message: 'full' })).toEqual({ state: 'quota-exceeded', message: 'full' });
    expect(toHealth({ kind: 'fenced', message: 'gone' })).toEqual({ state: 'error', message: 'gone' });
  });
});
