/**
 * The scenario language shared by lessons, tests and teachers: one command per line,
 * `#` starts a comment, words are separated by spaces, "double quotes" keep spaces, and
 * `key=value` words are options. See docs/SCENARIOS.md.
 *
 * Parsing never throws: a line that cannot be understood becomes a command carrying `error`
 * (one sentence starting "line N:"), so a runner reports it in place and carries on.
 */
import { checkCommand, durationMs } from './grammar';

export interface ScenarioCommand {
  /** 1-based line number in the source, for error messages. */
  line: number;
  name: string;
  args: string[];
  /** A prototype-less map: option names like `constructor` or `__proto__` are only ever data. */
  options: Record<string, string>;
  text: string;
  /** Set when the line is malformed: "line N: …", and the command must not run. */
  error?: string;
}

export class ScenarioError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ScenarioError';
  }
}

export function parseScenario(source: string): ScenarioCommand[] {
  const commands: ScenarioCommand[] = [];
  source.split(/\r?\n|\r/).forEach((raw, i) => {
    const text = stripComment(raw).trim();
    if (text.length === 0) return;
    commands.push(parseLine(text, i + 1));
  });
  return commands;
}

function parseLine(text: string, line: number): ScenarioCommand {
  const { words, unclosedQuote } = tokenize(text);
  const [name = '', ...rest] = words;
  const args: string[] = [];
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  const command: ScenarioCommand = { line, name, args, options, text };
  const fail = (message: string): ScenarioCommand => ({ ...command, error: `line ${line}: ${message}` });
  if (unclosedQuote) return fail('a quote (") is not closed; close it, e.g. value="hello world"');
  for (const word of rest) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      args.push(word);
      continue;
    }
    const key = word.slice(0, eq);
    if (Object.hasOwn(options, key)) return fail(`option ${key} is given twice`);
    options[key] = word.slice(eq + 1);
  }
  const problem = checkCommand(name, args, options);
  return problem === null ? command : fail(problem);
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function tokenize(text: string): { words: string[]; unclosedQuote: boolean } {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return { words, unclosedQuote: quoted };
}

/** "500ms", "2s", "1.5s", "3m", "1h", or a bare number of milliseconds (whole milliseconds only). */
export function parseDurationMs(value: string, line: number): number {
  const ms = durationMs(value);
  if (ms === null) throw new ScenarioError(line, `"${value}" is not a duration (try 500ms, 2s or 1m)`);
  if (!Number.isSafeInteger(ms)) throw new ScenarioError(line, `"${value}" is not a whole number of milliseconds`);
  return ms;
}

export function parseIntStrict(value: string | undefined, what: string, line: number): number {
  if (value === undefined || !/^-?\d+$/.test(value)) throw new ScenarioError(line, `${what} must be a whole number, got "${value ?? ''}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new ScenarioError(line, `${what} must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, got ${value}`);
  return n;
}
