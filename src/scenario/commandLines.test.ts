import { describe, expect, it } from 'vitest';
import type { LabCommand } from '../engine/lab/commands';
import { commandToLine, lineToCommand, timedLine } from './commandLines';
import { exportScenario, explicitTps, parseSessionScript } from './exportScenario';
import { parseScenario } from './parse';

const tp = (topic: string, partition: number) => ({ topic, partition });

const COMMANDS: LabCommand[] = [
  { type: 'create-topic', topic: 'orders', partitions: 6, replicationFactor: 1, configs: { 'segment.bytes': '16384', 'segment.ms': '10000' } },
  { type: 'create-topic', topic: 'neg', partitions: -1, configs: {} },
  { type: 'delete-topic', topic: 'payments' },
  { type: 'add-partitions', topic: 'orders', count: 8 },
  { type: 'alter-config', topic: 'orders', set: { 'retention.ms': '60000' }, remove: ['segment.bytes'] },
  { type: 'describe-configs', topic: 'orders' },
  { type: 'producer', id: 'p1', config: { 'linger.ms': '5', acks: 'all' } },
  { type: 'reconfigure-producer', id: 'p1', set: { 'batch.size': '1024' }, remove: ['linger.ms'] },
  { type: 'send', producer: 'p1', topic: 'orders', key: 'a', value: 'first order' },
  { type: 'send', producer: 'p1', topic: 'orders', key: null, value: null, partition: 3 },
  { type: 'send', producer: 'p1', topic: 'orders', key: '', value: 'say "hi" # not a comment\n100%' },
  { type: 'send', producer: 'p1', topic: 'orders', key: '\uD800 lone', value: 'x'.repeat(10_000) },
  { type: 'stream', producer: 'p1', topic: 'orders', recordsPerSecond: 12.5, keys: ['user-1', 'user-2'] },
  { type: 'stream', producer: 'p1', topic: 'orders', recordsPerSecond: 5, keys: ['a,b', 'c d', '"'] },
  { type: 'stream', producer: 'p1', topic: 'orders', recordsPerSecond: 5, keys: null },
  { type: 'stop-stream', producer: 'p1' },
  { type: 'consumer', id: 'c1', config: { 'auto.offset.reset': 'earliest' } },
  { type: 'reconfigure-consumer', id: 'c1', set: { 'max.poll.records': '10' }, remove: [] },
  { type: 'assign', consumer: 'c1', partitions: [tp('orders', 0), tp('my-topic', 11)] },
  { type: 'assign', consumer: 'c1', partitions: [] },
  { type: 'seek', consumer: 'c1', partitions: [tp('orders', 0)], to: 'beginning' },
  { type: 'seek', consumer: 'c1', partitions: [tp('orders', 0), tp('orders', 1)], to: 'end' },
  { type: 'seek', consumer: 'c1', partitions: [tp('orders', 2)], to: { offset: 42 } },
  { type: 'seek', consumer: 'c1', partitions: [tp('orders', 2)], to: { timestampMs: 1500 } },
  { type: 'poll', consumer: 'c1', timeoutMs: 250 },
  { type: 'start-polling', consumer: 'c1' },
  { type: 'stop-polling', consumer: 'c1' },
  { type: 'subscribe', consumer: 'c1', topics: ['orders', 'payments'] },
  { type: 'subscribe', consumer: 'c1', topics: [] },
  { type: 'commit', consumer: 'c1', mode: 'sync' },
  { type: 'commit', consumer: 'c1', mode: 'async' },
  { type: 'close', consumer: 'c1' },
  { type: 'crash-consumer', consumer: 'c1' },
  { type: 'slow-consumer', consumer: 'c1', perRecordMs: 200 },
  { type: 'sink', group: 'g1', remedy: 'none' },
  { type: 'sink', group: 'g1', remedy: 'dedupe-id' },
  { type: 'sink', group: 'payments-app', remedy: 'unique-constraint' },
  { type: 'sink', group: 'g1', remedy: 'version-check' },
  { type: 'cut-link', a: 'broker-0', b: 'p1' },
  { type: 'heal-link', a: 'broker-0', b: 'p1' },
  { type: 'crash-broker', broker: 1 },
  { type: 'power-off-broker', broker: 1 },
  { type: 'stop-broker', broker: 0 },
  { type: 'start-broker', broker: 2 },
  { type: 'isolate', broker: 1 },
  { type: 'rejoin', broker: 1 },
  { type: 'create-topic', topic: 'pinned', replicaAssignment: [[2], [2], [2]], configs: { 'segment.bytes': '1024' } },
  { type: 'create-topic', topic: 'spread', replicaAssignment: [[0], [2]], configs: {} },
];

describe('LabCommand ↔ scenario line', () => {
  it.each(COMMANDS.map((c) => [commandToLine(c).slice(0, 80), c] as const))('%s reads back as the same command', (_, command) => {
    const line = commandToLine(command);
    const [parsed] = parseScenario(line);
    expect(parsed).toBeDefined();
    expect(lineToCommand(parsed!, explicitTps)).toEqual(command);
  });

  it('keeps exact instants: a double written by timedLine parses back to the same bits', () => {
    const atMs = 0.1 + 0.2 + 1234.000000001;
    const text = exportScenario({ seed: 7, kafkaVersion: '3.9', brokers: 3, latencyMs: 80, jitterMs: 20, brokerConfig: { 'log.retention.check.interval.ms': '30000' }, commands: COMMANDS.map((command, i) => ({ atMs: atMs + i, command })), endMs: atMs + 100 });
    const script = parseSessionScript(text);
    expect(script.commands.map((c) => c.atMs)).toEqual(COMMANDS.map((_, i) => atMs + i));
    expect(script.commands.map((c) => c.command)).toEqual(COMMANDS);
    expect(script.endMs).toBe(atMs + 100);
    expect(script).toMatchObject({ seed: 7, brokers: 3, latencyMs: 80, jitterMs: 20, brokerConfig: { 'log.retention.check.interval.ms': '30000' } });
    expect(timedLine({ atMs: 12.5, command: COMMANDS[3]! })).toBe('at 12.5ms add-partitions orders count=8');
  });

  it('refuses a session with anything but timed lab commands, or out of order', () => {
    expect(() => parseSessionScript('lab seed=1\nexpect orders-0 leo=1')).toThrow(/line 2: "expect" is not an at line/);
    expect(() => parseSessionScript('lab seed=1\nat 5ms advance 1s')).toThrow(/line 2: "advance" is not a lab command/);
    expect(() => parseSessionScript('lab seed=1\nat 5ms\nat 4ms delete-topic x')).toThrow(/line 3: 4ms comes before/);
    expect(() => parseSessionScript('create-topic x')).toThrow(/line 1: a session starts with a lab line/);
    expect(() => parseSessionScript('lab seed=1 colour=red')).toThrow(/does not know "colour"/);
  });
});
