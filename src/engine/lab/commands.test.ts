import { describe, expect, it } from 'vitest';
import { formatEvent } from '../kernel';
import { KafkaLab } from './KafkaLab';
import type { LabCommand, LoggedCommand } from './commands';
import { settle, startedLab } from './testing';

const session: LabCommand[] = [
  { type: 'create-topic', topic: 'orders', partitions: 3, replicationFactor: 1, configs: {} },
  { type: 'producer', id: 'p1', config: { 'linger.ms': '5' } },
  { type: 'send', producer: 'p1', topic: 'orders', key: 'a', value: 'one' },
  { type: 'send', producer: 'p1', topic: 'orders', key: 'b', value: 'two' },
  { type: 'consumer', id: 'c1', config: { 'auto.offset.reset': 'earliest' } },
  { type: 'assign', consumer: 'c1', partitions: [0, 1, 2].map((partition) => ({ topic: 'orders', partition })) },
  { type: 'start-polling', consumer: 'c1' },
];

/** Apply `commands` at irregular instants, the way frames of the app would. */
function drive(lab: KafkaLab, commands: LabCommand[]): void {
  commands.forEach((command, i) => {
    lab.kernel.advanceBy(113.7 * (i + 1));
    lab.apply(command).catch(() => {});
  });
  lab.kernel.advanceBy(3_000);
}

describe('lab.apply and the command log', () => {
  it('records every applied command with its simulated time; a replay of the log rebuilds the same trace', () => {
    const lab = KafkaLab.create({ seed: 5 });
    drive(lab, session);
    expect(lab.commandLog.entries.map((e) => e.command)).toEqual(session);
    // The kernel's clock counts whole ms and carries the fraction of 113.7 + 227.4 + 341.1 ms.
    expect(lab.commandLog.entries[2]!.atMs).toBe(Math.floor(113.7 * 6));

    const replay = KafkaLab.create({ seed: 5 });
    for (const entry of lab.commandLog.entries as LoggedCommand[]) {
      replay.kernel.advanceTo(entry.atMs);
      replay.apply(entry.command).catch(() => {});
    }
    replay.kernel.advanceTo(lab.kernel.nowMs);
    expect(replay.kernel.log.recent().map(formatEvent)).toEqual(lab.kernel.log.recent().map(formatEvent));
    expect(replay.consumer('c1')!.view().recentRecords).toEqual(lab.consumer('c1')!.view().recentRecords);
    expect(replay.consumer('c1')!.view().recentRecords.map((r) => r.value).sort()).toEqual(['one', 'two']);
  });

  it('does not record a command refused before it did anything, and rejects its promise', async () => {
    const lab = startedLab();
    await expect(lab.apply({ type: 'send', producer: 'nobody', topic: 't', key: null, value: 'x' })).rejects.toThrow('There is no producer named nobody.');
    await expect(lab.apply({ type: 'producer', id: 'p', config: { 'linger.ms': 'soon' } })).rejects.toThrow(/linger\.ms/);
    expect(lab.commandLog.length).toBe(0);
  });

  it('seeks to a time inside the ListOffsets response (no promise continuation decides when)', async () => {
    const lab = startedLab();
    await settle(lab, lab.apply({ type: 'create-topic', topic: 't', partitions: 1, configs: {} }));
    void lab.apply({ type: 'producer', id: 'p', config: {} });
    await settle(lab, lab.apply({ type: 'send', producer: 'p', topic: 't', key: null, value: 'early' }));
    lab.kernel.advanceBy(1_000);
    const cut = lab.kernel.nowMs;
    await settle(lab, lab.apply({ type: 'send', producer: 'p', topic: 't', key: null, value: 'late' }));
    void lab.apply({ type: 'consumer', id: 'c', config: {} });
    void lab.apply({ type: 'assign', consumer: 'c', partitions: [{ topic: 't', partition: 0 }] });
    const found = await settle(lab, lab.apply({ type: 'seek', consumer: 'c', partitions: [{ topic: 't', partition: 0 }], to: { timestampMs: Math.floor(cut) } }));
    expect(found).toEqual([{ tp: { topic: 't', partition: 0 }, offset: 1 }]);
    expect(lab.consumer('c')!.position({ topic: 't', partition: 0 })).toBe(1);
  });

  it('checks every partition of an offset seek before moving any', async () => {
    const lab = startedLab();
    void lab.apply({ type: 'consumer', id: 'c', config: {} });
    void lab.apply({ type: 'assign', consumer: 'c', partitions: [{ topic: 't', partition: 0 }] });
    await expect(lab.apply({ type: 'seek', consumer: 'c', partitions: [{ topic: 't', partition: 0 }, { topic: 't', partition: 9 }], to: { offset: 4 } })).rejects.toThrow(/No current assignment for partition t-9/);
    expect(lab.consumer('c')!.view().assignment[0]!.position).toBeNull();
  });
});
