import { describe, expect, it } from 'vitest';
import { brokerStateWords, describeBrokerState, fitStateText } from './brokerState';
import { messageFamily, messageLook } from './messageStyle';

const running = { alive: true } as const;

describe('broker states on the cluster card', () => {
  it('names what is not simply running, most important first', () => {
    expect(brokerStateWords(running)).toEqual([]);
    expect(brokerStateWords({ alive: false, paused: true }).map((w) => w.key)).toEqual(['offline']);
    expect(brokerStateWords({ alive: true, paused: true, zkDisconnected: true, slowFetchDelayMs: 500 }).map((w) => w.key)).toEqual(['paused', 'slow']);
    expect(brokerStateWords({ alive: true, zkDisconnected: true }).map((w) => w.long)).toEqual(['no ZooKeeper']);
    expect(brokerStateWords({ alive: true, isolated: true, zkDisconnected: true }).map((w) => w.key)).toEqual(['isolated']);
  });

  it('fits the words to the room: long forms, short forms, then the first and a count', () => {
    const words = brokerStateWords({ alive: true, zkDisconnected: true, slowFetchDelayMs: 1500 });
    expect(fitStateText(words, 400)).toBe('no ZooKeeper · slow +1500 ms');
    expect(fitStateText(words, 100)).toBe('no ZK · slow');
    expect(fitStateText(words, 40)).toBe('no ZK +1');
    expect(fitStateText([], 400)).toBeNull();
  });

  it('says it in full for the tooltip', () => {
    expect(describeBrokerState(running)).toBe('running');
    expect(describeBrokerState({ alive: true, paused: true, slowFetchDelayMs: 200 })).toBe('paused (runs nothing until resumed), slow follower (each fetch waits 200 ms more)');
  });
});

describe('replica fetches look apart from consumer fetches', () => {
  const fetch = { apiKey: 'Fetch', direction: 'request' as const, dropped: false, sizeBytes: 100 };
  it('a Fetch from broker to broker is a replica fetch', () => {
    expect(messageFamily({ ...fetch, from: 'broker-1', to: 'broker-0' })).toBe('replicaFetch');
    expect(messageFamily({ ...fetch, from: 'consumer-1', to: 'broker-0' })).toBe('fetch');
    expect(messageFamily({ apiKey: 'LeaderAndIsr', from: 'broker-1', to: 'broker-0' })).toBe('controller');
    const replica = messageLook({ ...fetch, from: 'broker-1', to: 'broker-0' });
    const consumer = messageLook({ ...fetch, from: 'consumer-1', to: 'broker-0' });
    expect(replica.fill).not.toBe(consumer.fill);
    expect(replica.radiusPx).toBeLessThan(consumer.radiusPx);
    expect(replica.name).toBe('Replica fetch');
    expect(consumer.name).toBe('Fetch');
  });
});

describe('the cluster view names broker states in its summary', () => {
  it('counts paused, ZooKeeper-less and slow brokers only when there are some', async () => {
    const { clusterSummary } = await import('../ClusterView');
    const b = (id: number, over: object = {}) => ({ id, nodeId: `broker-${id}`, host: 'localhost', port: 9092 + id, alive: true, fetchingFrom: [], isController: id === 0, replicas: [], leaderOf: [], ...over });
    expect(clusterSummary([b(0), b(1)], 1, 1)).toBe('Kafka cluster: 2 brokers, controller broker 0, 0 offline, 1 producer, 1 consumer');
    expect(clusterSummary([b(0, { zkDisconnected: true }), b(1, { paused: true, zkDisconnected: true }), b(2, { slowFetchDelayMs: 100 })], 0, 2)).toBe(
      'Kafka cluster: 3 brokers, controller broker 0, 0 offline, 1 paused, 1 without ZooKeeper, 1 slow, 0 producers, 2 consumers',
    );
  });
});

describe('the ZooKeeper session countdown', () => {
  it('a crashed or cut-off broker says when ZooKeeper will end its session', () => {
    expect(brokerStateWords({ alive: false, zkSessionExpiresAtMs: 19_547 }).map((w) => w.long)).toEqual(['offline', 'session ends 19.5 s']);
    expect(brokerStateWords({ alive: true, zkDisconnected: true, zkSessionExpiresAtMs: 31_000 }).map((w) => w.key)).toEqual(['nozk', 'session']);
    expect(describeBrokerState({ alive: true, isolated: true, zkDisconnected: true, zkSessionExpiresAtMs: 31_000 })).toBe('isolated, ZooKeeper ends its session at 31.0 s unless it hears from it');
    expect(brokerStateWords({ alive: true })).toEqual([]);
  });
});
