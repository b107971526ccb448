/**
 * Golden traces (as etcd-raft's testdata/): every scenario in src/scenario/testdata/*.lab,
 * lessons/*.lab and scenarios/*.lab runs with the seed of its own `lab` line, and its whole trace (events and
 * results) must equal the checked-in `.trace` file beside it (lessons' and scenarios'
 * traces live in testdata/lessons/ and testdata/scenarios/). A change in behaviour shows as a diff of the trace.
 *
 * After an intended change, regenerate and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run src/scenario/golden.test.ts     (npm run golden:update)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCodecs } from '../engine/record';
import { runScenario } from './ScenarioRunner';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));
const lessons = fileURLToPath(new URL('../../lessons/', import.meta.url));
const scenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));

interface Golden {
  name: string;
  scenarioPath: string;
  tracePath: string;
}

function goldens(): Golden[] {
  const labs = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.lab')).sort();
  return [
    ...labs(testdata).map((f) => ({ name: f, scenarioPath: testdata + f, tracePath: testdata + f.replace(/\.lab$/, '.trace') })),
    ...labs(lessons).map((f) => ({ name: `lessons/${f}`, scenarioPath: lessons + f, tracePath: `${testdata}lessons/${f.replace(/\.lab$/, '.trace')}` })),
    ...labs(scenarios).map((f) => ({ name: `scenarios/${f}`, scenarioPath: scenarios + f, tracePath: `${testdata}scenarios/${f.replace(/\.lab$/, '.trace')}` })),
  ];
}

/** The trace as checked in: every printed line, then the failures the CLI would report. */
async function traceOf(source: string): Promise<string> {
  const result = await runScenario(source);
  const failures = result.failures.length === 0 ? [] : ['', `${result.failures.length} failure(s):`, ...result.failures];
  return [...result.lines, ...failures].join('\n') + '\n';
}

beforeAll(async () => {
  await initCodecs();
});

describe('golden traces', () => {
  const all = goldens();

  it('has golden scenarios to run', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  for (const golden of all) {
    it(golden.name, async () => {
      const actual = await traceOf(readFileSync(golden.scenarioPath, 'utf8'));
      if (UPDATE) {
        writeFileSync(golden.tracePath, actual);
        return;
      }
      if (!existsSync(golden.tracePath)) {
        expect.fail(`${golden.tracePath} is missing: run UPDATE_GOLDEN=1 npx vitest run src/scenario/golden.test.ts and review it`);
      }
      // toBe on two strings shows a line diff of the traces when they differ.
      expect(actual, `trace of ${golden.name} changed; if intended, UPDATE_GOLDEN=1 and review the diff`).toBe(readFileSync(golden.tracePath, 'utf8'));
    }, 60_000);
  }
});
