import { describe, expect, it } from 'vitest';
import { KafkaLab } from '../engine/lab/KafkaLab';
import { CLASSROOM_BROKER_CONFIG, CLASSROOM_LINK, DEMO_KEYS, DEMO_TOPIC, demoTopicCommand, setupClients, startDemo } from './labActions';
import { MAX_STREAM_RATE } from '../ui/panels/ProducerPanel';
import { captureSession } from './session';
import { restoreSession } from './sessionRestore';

function classroomLab(): KafkaLab {
  const lab = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
  void lab.apply(demoTopicCommand());
  lab.kernel.advanceBy(2_000);
  setupClients(lab);
  return lab;
}

describe('the ready orders topic', () => {
  it(`takes the stream form's highest rate (${MAX_STREAM_RATE} rec/s) with the default producer: no record fails`, () => {
    const lab = classroomLab();
    void lab.apply({ type: 'stream', producer: 'producer-1', topic: DEMO_TOPIC, recordsPerSecond: MAX_STREAM_RATE, keys: [...DEMO_KEYS] });
    lab.kernel.advanceBy(5_000);
    const view = lab.producer('producer-1')!.view();
    expect(view.sent).toBeGreaterThan(4_000);
    expect(view.failed).toBe(0);
    expect(view.lastError).toBeNull();
  });

  it('still rolls segments within the first minute at the demo rate', () => {
    const lab = classroomLab();
    startDemo(lab);
    lab.kernel.advanceBy(60_000);
    const partitions = lab.snapshot().topics.find((t) => t.name === DEMO_TOPIC)!.partitions;
    // Four keys land on three of the six partitions; each of those rolls about every 10 s (segment.ms).
    const written = partitions.filter((p) => (p.log?.logEndOffset ?? 0) > 0);
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const p of written) expect(p.log!.segments.length).toBeGreaterThanOrEqual(4);
    expect(lab.producer('producer-1')!.view().failed).toBe(0);
  });
});

describe('a reload brings the clients back', () => {
  it('restores configs, assignment, positions, the stream and the poll loop through commands', () => {
    const lab = classroomLab();
    void lab.apply({ type: 'reconfigure-producer', id: 'producer-1', set: { 'linger.ms': '20' }, remove: [] });
    startDemo(lab);
    lab.kernel.advanceBy(10_000);
    void lab.apply({ type: 'seek', consumer: 'consumer-1', partitions: [{ topic: DEMO_TOPIC, partition: 0 }], to: { offset: 1 } });
    const session = JSON.parse(JSON.stringify(captureSession(lab))) as ReturnType<typeof captureSession>;
    const before = lab.consumer('consumer-1')!.view().assignment.map((a) => [a.tp, a.position]);

    // A fresh engine stands in for the restarted cluster (same topics, no clients).
    const fresh = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void fresh.apply(demoTopicCommand());
    fresh.kernel.advanceBy(2_000);
    const said = restoreSession(fresh, session);
    expect(said.join(' ')).toMatch(/producer-1 started again \(linger\.ms=20\), streaming 5 records\/s to orders/);
    expect(said.join(' ')).toMatch(/consumer-1 started again \(auto\.offset\.reset=earliest\) with 6 assigned partitions at orders-0@1.*polling/);
    expect(fresh.producer('producer-1')!.config.lingerMs).toBe(20);
    expect(fresh.producer('producer-1')!.view().stream).toMatchObject({ topic: DEMO_TOPIC, recordsPerSecond: 5 });
    expect(fresh.consumer('consumer-1')!.view().assignment.map((a) => [a.tp, a.position])).toEqual(before);
    // The earlier page's commands are the log again (the restoring commands are not added).
    expect(fresh.commandLog.entries.map((e) => e.command)).toEqual(lab.commandLog.entries.map((e) => e.command));
  });

  it('a group member comes back subscribed to its topics, with its processing time', () => {
    const lab = classroomLab();
    void lab.apply({ type: 'consumer', id: 'm1', config: { 'group.id': 'g1', 'auto.offset.reset': 'earliest' } });
    void lab.apply({ type: 'subscribe', consumer: 'm1', topics: [DEMO_TOPIC] });
    void lab.apply({ type: 'slow-consumer', consumer: 'm1', perRecordMs: 5 });
    void lab.apply({ type: 'start-polling', consumer: 'm1' });
    lab.kernel.advanceBy(10_000);
    const session = JSON.parse(JSON.stringify(captureSession(lab))) as ReturnType<typeof captureSession>;
    expect(session.consumers.find((c) => c.id === 'm1')).toMatchObject({ subscription: [DEMO_TOPIC], processingMs: 5, assignment: [] });

    const fresh = KafkaLab.create({ seed: 42, link: CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG });
    void fresh.apply(demoTopicCommand());
    fresh.kernel.advanceBy(2_000);
    const said = restoreSession(fresh, session);
    expect(said.join(' ')).toMatch(/m1 started again .*rejoins its group for orders, polling/);
    expect(fresh.consumer('m1')!.subscription()).toEqual([DEMO_TOPIC]);
    expect(fresh.consumer('m1')!.processingTimeMs).toBe(5);
    fresh.kernel.advanceBy(15_000);
    expect(fresh.group('g1')).toMatchObject({ state: 'Stable', members: [expect.objectContaining({ clientId: 'm1' })] });
  });
});
