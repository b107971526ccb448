import { describe, expect, it } from 'vitest';
import { runScenario } from './ScenarioRunner';

const LAB = 'lab seed=3 latency=80 jitter=20 log.retention.check.interval.ms=30000';

describe('timed at lines', () => {
  it('issue each command at exactly its instant, from time 0, without waiting for its result', async () => {
    const result = await runScenario(
      [LAB, 'at 0ms create-topic t partitions=2 rf=1', 'at 1500ms producer p', 'at 1500ms send p t key=k value=v', 'at 1501ms', 'at 4s'].join('\n'),
      { events: false },
    );
    expect(result.failures).toEqual([]);
    const lab = result.lab!;
    expect(lab.commandLog.entries.map((e) => [e.atMs, e.command.type])).toEqual([
      [0, 'create-topic'],
      [1500, 'producer'],
      [1500, 'send'],
    ]);
    expect(lab.kernel.nowMs).toBe(4000);
    // The send was not waited for at 1500 ms: the runner went on to 1501 ms at once.
    // (Whole ms: the kernel's clock counts whole milliseconds since the kernel merge.)
    expect(result.lines).toContain('> at 1501ms');
    expect(lab.producer('p')!.view().acked).toBe(1);
    // The lab line's dotted options are broker configs.
    expect(lab.brokers[0]!.config.values['log.retention.check.interval.ms']).toBe('30000');
  });

  it('refuse going back in time, non-command lines and refused commands, each with its line number', async () => {
    const result = await runScenario([LAB, 'at 2s', 'at 1s producer p', 'at 3s expect t-0 leo=1', 'at 4s send nobody t value=x', 'at 5s producer q linger.ms=soon'].join('\n'), { events: false });
    expect(result.failures).toEqual([
      'line 3: 1000ms is in the past: the lab is already at 2000ms',
      'line 4: "expect" cannot be timed: at takes lab commands (see docs/SCENARIOS.md)',
      'line 5: There is no producer named nobody.',
      expect.stringMatching(/^line 6: .*linger\.ms/),
    ]);
  });

  it('leave untimed scenarios as they were: 1 s for the cluster to come up first', async () => {
    const result = await runScenario('create-topic t partitions=1\nproducer p\nsend p t value=x\nexpect t-0 leo=1', { events: false });
    expect(result.failures).toEqual([]);
    expect(result.lab!.commandLog.entries[0]!.atMs).toBe(1000);
  });
});
