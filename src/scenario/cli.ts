import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { initCodecs } from '../engine/record';
import { MAX_SEED } from './grammar';
import { runScenario } from './ScenarioRunner';

const USAGE = 'usage: npm run lab -- <scenario file> [--seed N] [--quiet]';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => string;
}

interface CliArgs {
  file: string;
  seed?: number;
  quiet: boolean;
}

/**
 * `npm run lab -- <scenario file> [--seed N] [--quiet]`: run a scenario headlessly and print its trace.
 * Exit code 0 = every line ran and every expect held, 1 = the scenario failed, 2 = usage error.
 * Never prints a stack trace: every problem is one sentence.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(parsed);
    io.err(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = io.readFile(parsed.file);
  } catch (error) {
    io.err(`cannot read ${parsed.file}: ${oneLine(error)}`);
    return 2;
  }
  try {
    await initCodecs();
    const result = await runScenario(source, {
      ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
      events: !parsed.quiet,
      onLine: io.out,
    });
    if (result.failures.length === 0) return 0;
    io.err(`\n${result.failures.length} failure(s):\n${result.failures.join('\n')}`);
    return 1;
  } catch (error) {
    // A bug in the lab itself, not in the scenario: still one sentence, no stack trace.
    io.err(`the lab stopped with an internal error: ${oneLine(error)}`);
    return 1;
  }
}

function parseArgs(args: readonly string[]): CliArgs | string {
  let file: string | undefined;
  let seed: number | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--quiet') quiet = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const text = arg === '--seed' ? args[++i] : arg.slice('--seed='.length);
      if (text === undefined || !/^\d+$/.test(text) || Number(text) > MAX_SEED) return `--seed needs a whole number from 0 to ${MAX_SEED}, e.g. --seed 42`;
      seed = Number(text);
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file !== undefined) return `one scenario file at a time (got ${file} and ${arg})`;
    else file = arg;
  }
  if (file === undefined) return 'which scenario file? e.g. npm run lab -- lessons/first-records.lab';
  return { file, ...(seed !== undefined ? { seed } : {}), quiet };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  // A closed pipe (`npm run lab -- x.lab | head`) is not an error worth a stack trace.
  process.stdout.on('error', () => process.exit(0));
  process.on('uncaughtException', (error) => {
    console.error(`the lab stopped with an internal error: ${oneLine(error)}`);
    process.exit(1);
  });
  void runCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readFile: (path) => readFileSync(path, 'utf8'),
  }).then((code) => process.exit(code));
}
