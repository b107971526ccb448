import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../engine/record';
import { runCli, type CliIo } from './cli';
import { parseScenario } from './parse';
import { runScenario } from './ScenarioRunner';

beforeAll(async () => {
  await initCodecs();
});

async function failuresOf(source: string): Promise<string[]> {
  return (await runScenario(source, { events: false })).failures;
}

describe('bad scenario lines get one sentence with their line number', () => {
  it('reports an unclosed quote instead of throwing, and runs the lines after it', async () => {
    const result = await runScenario('create-topic t partitions=1\nproducer p1\nsend p1 t value="open\nsend p1 t value=ok', { events: false });
    expect(result.failures).toEqual(['line 3: a quote (") is not closed; close it, e.g. value="hello world"']);
    expect(result.lines).toContain('  ✓ t-0 @ offset 0');
  });

  it('refuses an advance longer than an hour instead of running for minutes', async () => {
    const started = performance.now();
    expect(await failuresOf('advance 100000000000')).toEqual([
      'line 1: advance\'s time must be at most 1h (3600000 ms) per line; split a longer wait over several advance lines, got "100000000000"',
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await failuresOf('advance 1h')).toEqual([]);
    expect(await failuresOf('advance 1.0005s')).toEqual(['line 1: advance\'s time must be a whole number of milliseconds, got "1.0005s"']);
  });

  it('does not look option names up on Object.prototype', async () => {
    expect(await failuresOf('create-topic orders partitions=1\nexpect orders-0 constructor=1')).toEqual([
      'line 2: expect has no option "constructor": it knows leader, isr, epoch, leo, hw, start, segments (e.g. "expect orders-3 leader=1 isr=1,2 hw=12" or "expect controller=0")',
    ]);
    const [producer] = parseScenario('producer p1 __proto__=x constructor=y');
    expect(Object.getPrototypeOf(producer!.options)).toBeNull();
    expect(Object.keys(producer!.options)).toEqual(['__proto__', 'constructor']);
    expect(await failuresOf('producer p1 constructor=1')).toEqual(['line 1: Unknown configuration "constructor" for a producer.']);
  });

  it('names unknown and repeated options, missing and extra words', async () => {
    expect(await failuresOf('create-topic t\nproducer p1\nsend p1 t kye=a')).toEqual([
      'line 3: send has no option "kye": it knows key, value, partition, expect (e.g. "send p1 orders key=user-1 value=hello")',
    ]);
    expect(await failuresOf('send p1 t key=a key=b')).toEqual(['line 1: option key is given twice']);
    expect(await failuresOf('add-partitions t')).toEqual(['line 1: add-partitions needs count=… (e.g. "add-partitions orders count=8")']);
    expect(await failuresOf('log')).toEqual(['line 1: log needs a topic-partition (e.g. "log orders-3")']);
    expect(await failuresOf('log t-0 t-1')).toEqual(['line 1: log takes topic-partition before its options; "t-1" is one too many (e.g. "log orders-3")']);
    expect(await failuresOf('expect t-0')).toEqual([
      'line 1: expect needs at least one of leader, isr, epoch, leo, hw, start, segments (e.g. "expect orders-3 leader=1 isr=1,2 hw=12" or "expect controller=0")',
    ]);
  });

  it('checks expect, expect-replica, await and send expect= lines before they run', async () => {
    expect(await failuresOf('expect controller=zero')).toEqual(['line 1: controller must be a broker id or none, got "zero"']);
    expect(await failuresOf('expect t-0 controller=1')).toEqual([
      'line 1: expect controller=… stands alone: no partition and no other option (e.g. "expect orders-3 leader=1 isr=1,2 hw=12" or "expect controller=0")',
    ]);
    expect(await failuresOf('expect t-0 isr=1,,2')).toEqual(['line 1: isr must list broker ids like 0,2 (or nothing for an empty ISR), got "1,,2"']);
    expect(await failuresOf('expect-replica t-0 leo=1')).toEqual(['line 1: expect-replica needs broker=… (e.g. "expect-replica orders-3 broker=1 leo=12 hw=10")']);
    expect(await failuresOf('await advance 1s')).toEqual(['line 1: await takes an expect line (expect, expect-replica, expect-acked, expect-consumed, expect-invariants, expect-group, expect-committed or expect-sink), not "advance" (e.g. "await expect orders-0 leader=2 timeout=60s")']);
    expect(await failuresOf('await expect t-0 leader=1 timeout=2h')).toEqual(['line 1: timeout must be at most 1h (3600000 ms), got "2h"']);
    expect(await failuresOf('await expect t-0 leo=x')).toEqual(['line 1: leo must be a whole number, got "x"']);
    expect(await failuresOf('send p1 t value=a expect=oops')).toEqual(['line 1: expect must be an error name like NOT_ENOUGH_REPLICAS or TimeoutException, got "oops"']);
  });

  it('checks the consumer group lines before they run', async () => {
    expect(await failuresOf('commit c1 later')).toEqual(['line 1: commit is sync or async, not "later"']);
    expect(await failuresOf('slow-consumer c1')).toEqual(['line 1: slow-consumer needs per-record=… (e.g. "slow-consumer c1 per-record=200ms")']);
    expect(await failuresOf('expect-group g1 state=Rebalancing')).toEqual(['line 1: state must be one of Empty, PreparingRebalance, CompletingRebalance, Stable, Dead, got "Rebalancing"']);
    expect(await failuresOf('expect-committed g1 orders=5')).toEqual(['line 1: "orders" is not a topic-partition like orders-0 (e.g. "expect-committed g1 orders-0=5 orders-1=7")']);
    expect(await failuresOf('expect-committed g1')).toEqual(['line 1: expect-committed needs at least one topic-partition=offset (e.g. "expect-committed g1 orders-0=5 orders-1=7")']);
    expect(await failuresOf('subscribe c1')).toEqual(['line 1: subscribe needs 2 words: consumer, topics (e.g. "subscribe c1 orders,payments")']);
  });

  it('checks the sink lines before they run', async () => {
    expect(await failuresOf('sink g1 remedy=retry')).toEqual(['line 1: remedy must be one of none, dedupe-id, unique-constraint, version-check, got "retry"']);
    expect(await failuresOf('sink g1')).toEqual(['line 1: sink needs remedy=… (e.g. "sink g1 remedy=dedupe-id")']);
    expect(await failuresOf('sink remedy=none')).toEqual(['line 1: sink needs a group (e.g. "sink g1 remedy=dedupe-id")']);
    expect(await failuresOf('sink g1 remedy=none mode=strict')).toEqual(['line 1: sink has no option "mode": it knows remedy (e.g. "sink g1 remedy=dedupe-id")']);
    expect(await failuresOf('expect-sink g1')).toEqual(['line 1: expect-sink needs at least one of records, duplicates (e.g. "expect-sink g1 records=120 duplicates=0")']);
    expect(await failuresOf('expect-sink g1 records=-1')).toEqual(['line 1: records must be between 0 and 9007199254740991, got -1']);
    expect(await failuresOf('expect-sink g1 duplicates=some')).toEqual(['line 1: duplicates must be a whole number, got "some"']);
    expect(await failuresOf('expect-sink g1 rows=3')).toEqual(['line 1: expect-sink has no option "rows": it knows records, duplicates (e.g. "expect-sink g1 records=120 duplicates=0")']);
    expect(await failuresOf('await expect-sink g1 records=x timeout=1s')).toEqual(['line 1: records must be a whole number, got "x"']);
    // A group no member wrote for holds no rows: expect-sink says so, and await waits for it.
    expect(await failuresOf('expect-sink g9 records=1')).toEqual(["line 1: expected group g9's sink records=1 but it is 0 (no member has written to it)"]);
    expect(await failuresOf('await expect-sink g9 records=1 timeout=1s')).toEqual(["line 1: expected group g9's sink records=1 but it is 0 (no member has written to it) after waiting 1.000s"]);
  });

  it('refuses numbers a double cannot hold exactly', async () => {
    expect(await failuresOf('create-topic t partitions=99999999999999999999')).toEqual([
      `line 1: partitions must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, got 99999999999999999999`,
    ]);
    expect(await failuresOf('seek c1 t-0 100000000000000000000')).toEqual([
      `line 1: seek's position must be beginning, end or an offset from 0 to ${Number.MAX_SAFE_INTEGER}, got "100000000000000000000"`,
    ]);
    expect(await failuresOf('lab seed=4294967296')).toEqual(['line 1: seed must be between 0 and 4294967295, got 4294967296']);
    expect(await failuresOf('stream p1 t rate=fast')).toEqual(['line 1: rate must be a number of records per second above 0, got "fast"']);
  });

  it('reports a malformed lab line as that line, without building a cluster', async () => {
    const result = await runScenario('lab seed=1 colour=red\ncreate-topic t', { events: false });
    expect(result.lab).toBeNull();
    expect(result.failures).toEqual(['line 1: lab has no option "colour": it knows seed, version, brokers, latency, jitter and configs like segment.bytes (e.g. "lab seed=42 version=3.9 brokers=3")']);
  });
});

describe('npm run lab', () => {
  function io(files: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: (line) => stdout.push(line),
      err: (line) => stderr.push(line),
      readFile: (path) => {
        if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return files[path]!;
      },
    };
  }

  it('exits 2 with the usage for bad arguments', async () => {
    for (const args of [[], ['--seed'], ['a.lab', '--seed', 'x'], ['a.lab', '--seed', '4294967296'], ['a.lab', '--colour'], ['a.lab', 'b.lab']]) {
      const cli = io({ 'a.lab': '' });
      expect(await runCli(args, cli), args.join(' ')).toBe(2);
      expect(cli.stderr.at(-1)).toBe('usage: npm run lab -- <scenario file> [--seed N] [--quiet]');
    }
    const missing = io();
    expect(await runCli(['nope.lab'], missing)).toBe(2);
    expect(missing.stderr).toEqual(["cannot read nope.lab: ENOENT: no such file or directory, open 'nope.lab'"]);
  });

  it('exits 1 for a failing scenario and 0 for a passing one', async () => {
    const cli = io({ 'bad.lab': 'send p1 "open', 'good.lab': 'create-topic t partitions=1\nadvance 200ms\nexpect t-0 leo=0' });
    expect(await runCli(['bad.lab', '--quiet'], cli)).toBe(1);
    expect(cli.stderr.join('\n')).toContain('line 1: a quote (") is not closed');
    expect(await runCli(['good.lab', '--seed', '7', '--quiet'], cli)).toBe(0);
    expect(await runCli(['good.lab', '--seed=8', '--quiet'], cli)).toBe(0);
    expect(cli.stdout).toContain('# Kafka Lab scenario — seed 8, Kafka 3.9, 3 brokers');
    expect(cli.stdout).toContain('# Kafka Lab scenario — seed 7, Kafka 3.9, 3 brokers');
  });

  it('prints no stack trace for an unclosed quote (as a real process)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-lab-cli-'));
    const file = join(dir, 'open-quote.lab');
    writeFileSync(file, 'create-topic t partitions=1\nproducer p1\nsend p1 t value="never closed\n');
    const cli = new URL('./cli.ts', import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', cli, file, '--quiet'], { timeout: 30000 });
    const error = (await run.then(() => null, (e: unknown) => e)) as { code: number; stderr: string; stdout: string } | null;
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('line 3: a quote (") is not closed');
    expect(`${error?.stdout}${error?.stderr}`).not.toMatch(/\n\s+at /);
  }, 30000);
});
