/**
 * A session as a `.lab` file: the lab line (seed, version, brokers, link latency/jitter and
 * broker configs) and every command at the exact simulated instant it was applied. `npm run
 * lab` replays it to the same trace; the app reads the same text back from share links.
 */
import type { LabCommand, LoggedCommand } from '../engine/lab/commands';
import type { TopicPartition } from '../engine/lab/types';
import { formatAtMs, isCommandWord, lineToCommand, splitAtLine, timedLine } from './commandLines';
import { parseIntStrict, parseScenario, ScenarioError } from './parse';

export interface LabSetup {
  seed: number;
  kafkaVersion: string;
  brokers: number;
  latencyMs: number;
  jitterMs: number;
  /** Broker configs every broker was started with (beyond the profile's defaults). */
  brokerConfig: Readonly<Record<string, string>>;
}

export interface SessionScript extends LabSetup {
  commands: LoggedCommand[];
  /** The instant the session was exported at: the replay runs the clock up to it. */
  endMs: number;
}

export function exportScenario(script: SessionScript): string {
  const config = Object.entries(script.brokerConfig).map(([k, v]) => ` ${k}=${v}`).join('');
  const lines = [
    '# Kafka Lab session, exported from the app. Replay it with: npm run lab <this file>',
    '# Each line runs at the exact simulated instant the command was given (see docs/SCENARIOS.md).',
    `lab seed=${script.seed} version=${script.kafkaVersion} brokers=${script.brokers} latency=${script.latencyMs} jitter=${script.jitterMs}${config}`,
    ...script.commands.map(timedLine),
    `at ${formatAtMs(script.endMs)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** "orders-3" → {orders, 3}; an export names partitions one by one, never a whole topic. */
export function explicitTps(spec: string, line: number): TopicPartition[] {
  if (spec === '') return [];
  return spec.split(',').map((part) => {
    const i = part.lastIndexOf('-');
    const partition = Number(part.slice(i + 1));
    if (i <= 0 || !/^\d+$/.test(part.slice(i + 1)) || !Number.isSafeInteger(partition)) throw new ScenarioError(line, `"${part}" is not a topic-partition like orders-3`);
    return { topic: part.slice(0, i), partition };
  });
}

/**
 * Read an exported session back (data only: a lab line, then `at` lines with lab commands
 * in time order). Throws ScenarioError with a line number for anything else.
 */
export function parseSessionScript(text: string): SessionScript {
  const lines = parseScenario(text);
  const first = lines.shift();
  if (!first || first.name !== 'lab') throw new ScenarioError(first?.line ?? 1, 'a session starts with a lab line (lab seed=… version=… brokers=…)');
  const setup = labSetup(first);
  const commands: LoggedCommand[] = [];
  let endMs = 0;
  for (const line of lines) {
    const at = splitAtLine(line);
    if (!at) throw new ScenarioError(line.line, `"${line.name}" is not an at line: a session holds only timed lab commands`);
    if (at.atMs < endMs) throw new ScenarioError(line.line, `${formatAtMs(at.atMs)} comes before the previous line's ${formatAtMs(endMs)}`);
    endMs = at.atMs;
    if (at.command === null) continue;
    if (!isCommandWord(at.command.name)) throw new ScenarioError(line.line, `"${at.command.name}" is not a lab command`);
    const command: LabCommand = lineToCommand(at.command, explicitTps);
    commands.push({ atMs: at.atMs, command });
  }
  return { ...setup, commands, endMs };
}

function labSetup(c: ReturnType<typeof parseScenario>[number]): LabSetup {
  const known = new Set(['seed', 'version', 'brokers', 'latency', 'jitter']);
  const brokerConfig: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.options)) {
    if (key.includes('.')) brokerConfig[key] = value;
    else if (!known.has(key)) throw new ScenarioError(c.line, `the lab line does not know "${key}"`);
  }
  const int = (key: string, fallback: number): number => (c.options[key] === undefined ? fallback : parseIntStrict(c.options[key], key, c.line));
  return {
    seed: int('seed', 1),
    kafkaVersion: c.options['version'] ?? '3.9',
    brokers: int('brokers', 3),
    latencyMs: int('latency', 40),
    jitterMs: int('jitter', 10),
    brokerConfig,
  };
}
