import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../engine/record';
import { parseDurationMs, parseScenario } from './parse';
import { runScenario } from './ScenarioRunner';

const lesson = readFileSync(new URL('../../lessons/first-records.lab', import.meta.url), 'utf8');

beforeAll(async () => {
  await initCodecs();
});

describe('scenario language', () => {
  it('parses commands, options, quotes and comments', () => {
    const [c] = parseScenario('send p1 orders key=a value="hello # world"  # a comment');
    expect(c).toMatchObject({ line: 1, name: 'send', args: ['p1', 'orders'], options: { key: 'a', value: 'hello # world' } });
    expect(parseScenario('\n# only a comment\n')).toEqual([]);
    // A malformed line no longer throws (it crashed `npm run lab`): it carries its error instead.
    expect(parseScenario('send p1 "open')[0]!.error).toMatch(/^line 1: a quote \("\) is not closed/);
  });

  it('reads durations', () => {
    expect(parseDurationMs('500ms', 1)).toBe(500);
    expect(parseDurationMs('2s', 1)).toBe(2000);
    expect(parseDurationMs('1.5s', 1)).toBe(1500);
    expect(parseDurationMs('1m', 1)).toBe(60000);
    expect(() => parseDurationMs('soon', 3)).toThrow('line 3: "soon" is not a duration');
  });
});

describe('headless scenario runner', () => {
  it('runs the first-records lesson: keys on their Java partitions, segments roll, a consumer reads', async () => {
    const result = await runScenario(lesson, { seed: 42 });
    expect(result.failures).toEqual([]);
    const text = result.lines.join('\n');
    expect(text).toContain('✓ orders-4 @ offset 0');
    expect(text).toContain('✓ orders-2 @ offset 0');
    expect(text).toContain('✓ orders-0 @ offset 0');
    expect(text).toMatch(/rolled new segment 0000000000000000\d{4}\.log \(segment\.bytes=1024 reached\)/);
    expect(text).toMatch(/✓ \d+ record\(s\)\n {4}orders-2@0 key=b value=second order/);
  });

  it('prints the same trace for the same seed, and another for another seed', async () => {
    const a = await runScenario(lesson, { seed: 42 });
    const b = await runScenario(lesson, { seed: 42 });
    const c = await runScenario(lesson, { seed: 43 });
    expect(b.lines).toEqual(a.lines);
    expect(c.lines).not.toEqual(a.lines);
  });

  it('prints every event of a command, even when one command makes more than the 5,000 the old log kept', async () => {
    const result = await runScenario('create-topic t partitions=6\nproducer p linger.ms=0\nstream p t rate=1000\nadvance 40s\nstop-stream p', { seed: 3 });
    const eventLines = result.lines.filter((l) => /^ +\d+\.\d{3}s /.test(l));
    expect(result.lab!.kernel.log.count).toBeGreaterThan(5_000);
    expect(eventLines.length).toBe(result.lab!.kernel.log.count);
  });

  it('takes network pacing from the lab line, as the browser lab uses 80 ± 20 ms', async () => {
    const { lab, failures } = await runScenario('lab latency=80 jitter=20\ncreate-topic t partitions=1', { events: false });
    expect(failures).toEqual([]);
    expect(lab!.network.linkDefaults).toMatchObject({ latencyMs: 80, jitterMs: 20 });
  });

  it('reports a bad lab line as a failure instead of crashing', async () => {
    expect((await runScenario('lab version=9.9\ncreate-topic t', { events: false })).failures).toEqual([
      'line 1: Unknown Kafka version profile "9.9": the lab knows 2.4 and 3.9.',
    ]);
    expect((await runScenario('# cluster\nlab brokers=0', { events: false })).failures).toEqual(['line 2: A lab has 1 to 9 brokers, got 0.']);
    expect((await runScenario('lab seed=abc', { events: false })).failures).toEqual(['line 1: seed must be a whole number, got "abc"']);
  });

  it('reports failed expectations and bad commands with their line numbers', async () => {
    const result = await runScenario('create-topic t partitions=1\nadvance 200ms\nexpect t-0 leo=5\nfly away\ncreate-topic t partitions=1', { events: false });
    expect(result.failures).toEqual([
      'line 3: expected t-0 leo=5 but it is 0',
      'line 4: unknown command "fly" (see docs/SCENARIOS.md)',
      expect.stringMatching(/^line 5: TOPIC_ALREADY_EXISTS: Topic 't' already exists\.$/),
    ]);
  });
});
