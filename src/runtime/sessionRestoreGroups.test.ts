import { beforeAll, describe, expect, it } from 'vitest';
import { KafkaLab } from '../engine/lab/KafkaLab';
import type { LabCommand } from '../engine/lab/commands';
import { initCodecs } from '../engine/record';
import { CLASSROOM_BROKER_CONFIG, CLASSROOM_LINK, demoTopicCommand, setupClients } from './labActions';
import { captureSession } from './session';
import { groupMembership, restoreSession } from './sessionRestore';

beforeAll(async () => {
  await initCodecs();
});

function classroomLab(): KafkaLab {
  const lab = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
  void lab.apply(demoTopicCommand());
  lab.kernel.advanceBy(2_000);
  setupClients(lab);
  return lab;
}

const member = (id: string): LabCommand[] => [
  { type: 'consumer', id, config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest' } },
  { type: 'subscribe', consumer: id, topics: ['orders'] },
  { type: 'start-polling', consumer: id },
];

describe('a reload brings a consumer group back', () => {
  it('members rejoin by subscribing; a crashed or closed member stays down', () => {
    const lab = classroomLab();
    for (const id of ['consumer-2', 'consumer-3', 'consumer-4']) for (const c of member(id)) void lab.apply(c);
    lab.kernel.advanceBy(10_000);
    void lab.apply({ type: 'crash-consumer', consumer: 'consumer-3' });
    void lab.apply({ type: 'close', consumer: 'consumer-4' });
    lab.kernel.advanceBy(1_000);
    const session = JSON.parse(JSON.stringify(captureSession(lab))) as ReturnType<typeof captureSession>;

    const fresh = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void fresh.apply(demoTopicCommand());
    fresh.kernel.advanceBy(2_000);
    const said = restoreSession(fresh, session).join(' ');
    expect(said).toMatch(/consumer-2 started again \(.*group\.id=g1.*\) and rejoins its group for orders, polling/);
    expect(said).toMatch(/consumer-3 stays crashed/);
    expect(said).toMatch(/consumer-4 stays closed/);
    fresh.kernel.advanceBy(15_000);
    const views = new Map(fresh.snapshot().consumers.map((c) => [c.id, c]));
    expect(views.get('consumer-3')!.ended).toBe('crashed');
    expect(views.get('consumer-4')!.ended).toBe('closed');
    expect(views.get('consumer-2')!.group!.subscription).toEqual(['orders']);
    const group = fresh.snapshot().groups.find((g) => g.groupId === 'g1')!;
    expect(group.state).toBe('Stable');
    expect(group.members.map((m) => m.consumerId)).toEqual(['consumer-2']);
    expect(group.members[0]!.partitions).toHaveLength(6);
  });

  it('reads membership from the command log: the last subscribe or assign wins, a new consumer of the same id starts afresh', () => {
    const log = (commands: LabCommand[]) => commands.map((command, i) => ({ atMs: i, command }));
    expect(groupMembership(log(member('c')), 'c')).toEqual({ subscription: ['orders'], ended: null });
    expect(groupMembership(log([...member('c'), { type: 'subscribe', consumer: 'c', topics: [] }]), 'c').subscription).toBeNull();
    expect(groupMembership(log([...member('c'), { type: 'crash-consumer', consumer: 'c' }]), 'c').ended).toBe('crash-consumer');
    expect(groupMembership(log([...member('c'), { type: 'close', consumer: 'c' }, ...member('c')]), 'c')).toEqual({ subscription: ['orders'], ended: null });
    expect(groupMembership(log([{ type: 'assign', consumer: 'c', partitions: [] }]), 'c')).toEqual({ subscription: null, ended: null });
  });
});
