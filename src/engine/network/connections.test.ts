import { describe, expect, it } from 'vitest';
import { startedLab } from '../lab/testing';
import { NetworkClient, type RequestOutcome } from '.';
import type { KafkaRequest } from '../protocol';

describe('responses are routed by connection', () => {
  it('two clients on one node (controller channel + a follower fetcher) both numbering from 0 get their own responses', () => {
    const lab = startedLab();
    const controllerChannel = lab.broker(0).controllerChannel;
    const fetcher = new NetworkClient('broker-0', lab.kernel, lab.network, false);
    const outcomes: Record<string, RequestOutcome<KafkaRequest> | undefined> = {};
    const a = fetcher.send('broker-1', { apiKey: 'ListOffsets', replicaId: 0, isolationLevel: 'read_uncommitted', topics: [] }, 'ListOffsets', 30000, (o) => (outcomes.fetcher = o));
    const b = controllerChannel.send('broker-1', { apiKey: 'Metadata', topics: [], allowAutoTopicCreation: false }, 'Metadata', 30000, (o) => (outcomes.controller = o));
    expect(a).toBe(0);
    expect(b).toBeGreaterThan(0);
    const c = new NetworkClient('broker-0', lab.kernel, lab.network, false);
    c.send('broker-2', { apiKey: 'Metadata', topics: [], allowAutoTopicCreation: false }, 'Metadata', 30000, (o) => (outcomes.third = o));
    lab.kernel.advanceBy(1000);
    expect(outcomes.fetcher).toMatchObject({ ok: true, response: { apiKey: 'ListOffsets' } });
    expect(outcomes.controller).toMatchObject({ ok: true, response: { apiKey: 'Metadata' } });
    expect(outcomes.third).toMatchObject({ ok: true, response: { apiKey: 'Metadata' } });
  });

  it('a response for a closed client is lost, not handed to a new client of the same name', () => {
    const lab = startedLab();
    const old = new NetworkClient('tester', lab.kernel, lab.network);
    old.send('broker-1', { apiKey: 'Metadata', topics: [], allowAutoTopicCreation: false }, 'Metadata', 30000, () => {});
    old.close();
    const fresh = new NetworkClient('tester', lab.kernel, lab.network);
    let outcome: RequestOutcome<KafkaRequest> | undefined;
    fresh.send('broker-1', { apiKey: 'ListOffsets', replicaId: -1, isolationLevel: 'read_uncommitted', topics: [] }, 'ListOffsets', 30000, (o) => (outcome = o));
    lab.kernel.advanceBy(1000);
    expect(outcome).toMatchObject({ ok: true, response: { apiKey: 'ListOffsets' } });
  });
});
