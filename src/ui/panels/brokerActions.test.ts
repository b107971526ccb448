import { describe, expect, it } from 'vitest';
import type { BrokerView } from '../../engine/snapshot';
import { actionsFor, commandFor, encodeRow, parseDelay, parseRow, stateText, type BrokerRow } from './brokerActions';

const row = (over: Partial<BrokerRow> = {}): BrokerRow => ({ id: 1, alive: true, controller: false, isolated: false, paused: false, slowMs: 0, zkCut: false, ...over });

describe('Brokers tab actions', () => {
  it('round-trips a broker through its row string', () => {
    const b: BrokerView = { id: 2, nodeId: 'broker-2', host: 'h', port: 1, alive: true, paused: true, slowFetchDelayMs: 300, fetchingFrom: [], isController: true, replicas: [], leaderOf: [] };
    expect(parseRow(encodeRow(b, true))).toEqual({ id: 2, alive: true, controller: true, isolated: false, paused: true, slowMs: 300, zkCut: true });
  });

  it('offers what the state allows: Start when down; Resume when paused; Heal when the ZooKeeper link is cut', () => {
    const names = (r: BrokerRow) => {
      const a = actionsFor(r);
      return [...a.process, ...a.network].map((b) => b.name);
    };
    expect(names(row({ alive: false }))).toEqual(['Start broker 1']);
    expect(names(row())).toEqual(['Crash broker 1', 'Power off broker 1', 'Shut down broker 1', 'Pause broker 1', 'Isolate broker 1', 'Cut ZooKeeper link of broker 1']);
    expect(names(row({ paused: true, isolated: true, zkCut: true }))).toEqual([
      'Crash broker 1',
      'Power off broker 1',
      'Shut down broker 1',
      'Resume broker 1',
      'Rejoin broker 1',
      'Heal ZooKeeper link of broker 1',
    ]);
  });

  it('issues ZooKeeper link cuts as cut-link/heal-link with the zookeeper node', () => {
    expect(commandFor('cut-zk', 2)).toEqual({ type: 'cut-link', a: 'broker-2', b: 'zookeeper' });
    expect(commandFor('heal-zk', 2)).toEqual({ type: 'heal-link', a: 'broker-2', b: 'zookeeper' });
    expect(commandFor('pause-broker', 2)).toEqual({ type: 'pause-broker', broker: 2 });
  });

  it('says the state in words', () => {
    expect(stateText(row())).toBe('running');
    expect(stateText(row({ alive: false, paused: true }))).toBe('down');
    expect(stateText(row({ paused: true, zkCut: true, slowMs: 500 }))).toBe('paused · ZooKeeper link cut · slow follower +500 ms');
  });

  it('accepts a delay of 1 to 600000 whole ms', () => {
    expect(parseDelay(' 500 ')).toEqual({ delayMs: 500 });
    expect(parseDelay('0')).toHaveProperty('error');
    expect(parseDelay('1.5')).toHaveProperty('error');
    expect(parseDelay('fast')).toHaveProperty('error');
    expect(parseDelay('600001')).toHaveProperty('error');
  });
});
