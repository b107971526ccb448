import { readFileSync } from 'node:fs';
import { initCodecs } from '../engine/record';
import { runScenario } from './ScenarioRunner';

/** `npm run lab -- <scenario file> [--seed N] [--quiet]`: run a scenario headlessly and print its trace. */
async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const seedIndex = args.indexOf('--seed');
  if (!file) {
    console.error('usage: npm run lab -- <scenario file> [--seed N] [--quiet]');
    return 2;
  }
  const seedText = seedIndex >= 0 ? args[seedIndex + 1] : undefined;
  if (seedIndex >= 0 && (seedText === undefined || !/^\d+$/.test(seedText))) {
    console.error('--seed needs a whole number, e.g. --seed 42');
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  await initCodecs();
  const result = await runScenario(source, {
    ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
    events: !args.includes('--quiet'),
    onLine: (line) => console.log(line),
  });
  if (result.failures.length > 0) {
    console.error(`\n${result.failures.length} failure(s):\n${result.failures.join('\n')}`);
    return 1;
  }
  return 0;
}

main(process.argv).then((code) => process.exit(code));
